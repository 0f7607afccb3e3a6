"""Personas shared by every test: an organization admin, a staff member, a member,
a member of another organization, and an anonymous visitor."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from mentorweb.accounts.models import User
from mentorweb.organizations.models import Organization, StaffRole
from tests.factories import MembershipFactory, OrganizationFactory, enrol_totp


@pytest.fixture(autouse=True)
def _back_to_english() -> Iterator[None]:
    # LocaleMiddleware and the login signal activate a language for the thread; a test that
    # ends in French must not leave the next one, in any app, in French.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class Personas:
    org: Organization
    other_org: Organization
    admin: User
    staff: User
    member: User
    outsider: User

    def client_for(self, name: str) -> Client:
        client = Client()
        user: Any = getattr(self, name, None)
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def personas(db: Any) -> Personas:
    org = OrganizationFactory(name="Northern Lights District School Board", slug="northern-lights")
    other = OrganizationFactory(name="Southern Shores Association", slug="southern-shores")
    admin = MembershipFactory(organization=org, role=StaffRole.ORG_ADMIN).person.user
    staff = MembershipFactory(organization=org, role=StaffRole.COORDINATOR).person.user
    member = MembershipFactory(organization=org).person.user
    outsider = MembershipFactory(organization=other, role=StaffRole.ORG_ADMIN).person.user
    for user in (admin, staff, outsider):
        enrol_totp(user)
    return Personas(org=org, other_org=other, admin=admin, staff=staff, member=member, outsider=outsider)
