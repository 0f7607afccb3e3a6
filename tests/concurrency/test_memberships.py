"""Membership invariants under concurrent requests (run on SQLite and on PostgreSQL)."""

from __future__ import annotations

import pytest

from mentorweb.accounts.models import User
from mentorweb.core.errors import DomainError
from mentorweb.organizations.models import Membership, StaffRole
from mentorweb.organizations.services import membership_change_role, membership_deactivate, membership_invite
from tests.concurrency.harness import run_at_once
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def test_twenty_concurrent_invitations_of_one_address_make_one_account_and_one_membership():
    organization = OrganizationFactory(slug="concurrent-board")
    admins = [MembershipFactory(organization=organization, role=StaffRole.ORG_ADMIN).person.user for _ in range(4)]

    def invite(i: int) -> Membership:
        actor = User.objects.get(pk=admins[i % len(admins)].pk)
        return membership_invite(
            actor=actor,
            organization=organization,
            email="new.teacher@example.org",
            given_name="Amélie",
            family_name="Tremblay",
            role=StaffRole.MEMBER,
        )

    results = run_at_once(invite, 20)

    created = [r for r in results if isinstance(r, Membership)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(created) == 1, results
    assert len(refused) == 19, results
    assert all(error.field == "email" for error in refused)
    assert User.objects.filter(email="new.teacher@example.org").count() == 1
    assert (
        Membership.objects.filter(organization=organization, person__user__email="new.teacher@example.org").count() == 1
    )


def test_two_admins_removing_each_other_at_once_leave_one_admin():
    organization = OrganizationFactory(slug="two-admins")
    first = MembershipFactory(organization=organization, role=StaffRole.ORG_ADMIN)
    second = MembershipFactory(organization=organization, role=StaffRole.ORG_ADMIN)
    pairs = [(first.person.user, second), (second.person.user, first)]

    def deactivate(i: int) -> Membership:
        actor, target = pairs[i % 2]
        actor = User.objects.get(pk=actor.pk)
        target = Membership.objects.select_related("organization", "person__user").get(pk=target.pk)
        return membership_deactivate(actor=actor, membership=target)

    results = run_at_once(deactivate, 2)

    assert sum(isinstance(r, Membership) for r in results) == 1, results
    assert sum(isinstance(r, DomainError) for r in results) == 1, results
    assert (
        Membership.objects.filter(
            organization=organization, role=StaffRole.ORG_ADMIN, deactivated_at__isnull=True
        ).count()
        == 1
    )


def test_concurrent_demotions_never_leave_the_organization_without_an_admin():
    organization = OrganizationFactory(slug="demotions")
    members = [MembershipFactory(organization=organization, role=StaffRole.ORG_ADMIN) for _ in range(3)]

    def demote(i: int) -> Membership:
        # Each admin demotes the next one round the table, all at the same moment.
        actor = User.objects.get(pk=members[i].person.user_id)
        target = Membership.objects.select_related("organization", "person__user").get(pk=members[(i + 1) % 3].pk)
        return membership_change_role(actor=actor, membership=target, role=StaffRole.MEMBER)

    results = run_at_once(demote, 3)

    remaining = Membership.objects.filter(
        organization=organization, role=StaffRole.ORG_ADMIN, deactivated_at__isnull=True
    )
    assert remaining.count() >= 1, results
    assert sum(isinstance(r, Membership) for r in results) == 3 - remaining.count()
