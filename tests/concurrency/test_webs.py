"""Mentoring web invariants under concurrent requests (SQLite and PostgreSQL).

A mentor never takes more mentees than the offer's places, however many acceptances arrive at
once (a conditional UPDATE under a CHECK constraint), and a double-submitted request makes one
connection (the requester's row lock, then the check for a live connection).
"""

from __future__ import annotations

import pytest

from mentorweb.accounts.models import Person, RoleGroup, User
from mentorweb.core.errors import DomainError
from mentorweb.partnerships.models import Partnership, PartnershipStatus
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.webs import services
from mentorweb.webs.models import MentorOffer
from tests.concurrency.harness import run_at_once
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def board_web() -> tuple[Program, Person]:
    board = OrganizationFactory(slug="busy-web", name="Busy Web District School Board", kind="board")
    program = Program.objects.create(organization=board, kind=ProgramKind.WEB, name="Mentoring for All", slug="mfa")
    mentor = MembershipFactory(organization=board).person
    mentor.role_group = RoleGroup.PRINCIPAL
    mentor.save(update_fields=["role_group"])
    services.offer_save(actor=mentor.user, program=program, data={"areas": ["Budget"], "capacity": 2})
    return program, mentor


def fresh(user_id: int) -> User:
    return User.objects.select_related("person").get(pk=user_id)


def test_ten_acceptances_at_once_for_two_places_take_two():
    program, mentor = board_web()
    requests = []
    for _ in range(10):
        mentee = MembershipFactory(organization=program.organization).person
        requests.append(
            services.connection_request(
                actor=mentee.user, program=program, to=mentor, purpose="Learn budgeting", area="Budget"
            )
        )

    def accept(i: int) -> Partnership:
        connection = Partnership.objects.select_related("mentor", "mentee", "program").get(pk=requests[i].pk)
        return services.connection_respond(actor=fresh(mentor.user_id), connection=connection, accept=True)

    results = run_at_once(accept, 10)

    accepted = [r for r in results if isinstance(r, Partnership)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(accepted) == 2, results
    assert len(refused) == 8 and all(error.code == "full" for error in refused), results
    assert MentorOffer.objects.get(person=mentor).taken == 2
    assert Partnership.objects.filter(mentor=mentor, status=PartnershipStatus.ACTIVE).count() == 2


def test_one_request_sent_twenty_times_at_once_makes_one():
    program, mentor = board_web()
    mentee = MembershipFactory(organization=program.organization).person

    def ask(i: int) -> Partnership:
        return services.connection_request(
            actor=fresh(mentee.user_id),
            program=Program.objects.select_related("organization").get(pk=program.pk),
            to=Person.objects.get(pk=mentor.pk),
            purpose="Learn budgeting",
        )

    results = run_at_once(ask, 20)

    made = [r for r in results if isinstance(r, Partnership)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(made) == 1, results
    assert len(refused) == 19 and all(error.code == "duplicate" for error in refused), results
    assert Partnership.objects.filter(mentor=mentor, mentee=mentee).count() == 1
