"""The benchmark data generator, at a small size: what it writes, that it stays in its own
organization, and that a second run changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from mentorweb.accounts.models import Person
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import Organization, OrganizationKind
from mentorweb.partnerships.models import Meeting, Partnership, PartnershipStatus
from mentorweb.webs import coverage as selectors
from mentorweb.webs.generate import Sizes, generate, largest_board
from mentorweb.webs.models import CoverageSnapshot, MentorOffer, SteeringMember

pytestmark = pytest.mark.django_db


def test_generate_a_small_province_once(personas: Any) -> None:
    people_before, audit_before = Person.objects.count(), AuditEntry.objects.count()
    sizes = Sizes(people=600, partnerships=900, meetings=3000, boards=3, seed=5)
    report = generate(sizes)
    assert report.created
    root = Organization.objects.get(slug=sizes.slug)
    boards = Organization.objects.filter(parent=root, kind=OrganizationKind.BOARD)
    assert boards.count() == 3
    assert Organization.objects.filter(parent__in=boards, kind=OrganizationKind.SCHOOL).exists()
    assert Person.objects.count() - people_before == 600
    assert Partnership.objects.filter(organization__in=boards).count() == 900
    assert Meeting.objects.filter(partnership__organization__in=boards).count() == 3000
    assert SteeringMember.objects.filter(program__organization__in=boards).exists()
    assert CoverageSnapshot.objects.filter(program__organization__in=boards).count() == 3 * 9 * 365
    # The places taken never exceed an offer's capacity (the database's CHECK holds too).
    assert all(o.taken <= o.capacity for o in MentorOffer.objects.all())
    active = Partnership.objects.filter(status=PartnershipStatus.ACTIVE)
    assert not active.exclude(mentor_response="accepted").exists()
    # Generated data, not user actions: nothing in the audit trail; the personas' board is untouched.
    assert AuditEntry.objects.count() == audit_before
    assert not Partnership.objects.filter(organization=personas.org).exists()
    # The page's figures add up on generated data.
    program = selectors.web_program_of(largest_board(sizes.slug))
    assert program is not None
    coverage = selectors.coverage(program)
    assert coverage.people == largest_board(sizes.slug).memberships.filter(deactivated_at__isnull=True).count()
    assert coverage.cross.total == active.filter(program=program).count()
    assert not generate(sizes).created


def test_the_command(capsys: Any) -> None:
    call_command("generate_web", "--people", "50", "--partnerships", "40", "--meetings", "60", "--seed", "2")
    assert "Generated generated-s2-p50-b1" in capsys.readouterr().out
    call_command("generate_web", "--people", "50", "--partnerships", "40", "--meetings", "60", "--seed", "2")
    assert "exists already" in capsys.readouterr().out
