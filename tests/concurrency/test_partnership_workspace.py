"""A partnership's workspace under concurrent requests (run on SQLite and on PostgreSQL): ending
it gives the mentor's place back once, agreement versions never collide, and a meeting
scheduled while the partnership ends is either refused or cancelled with it."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorweb.accounts.models import User
from mentorweb.core.errors import DomainError
from mentorweb.partnerships.agreements import agreement_propose
from mentorweb.partnerships.lifecycle import partnership_end
from mentorweb.partnerships.meetings import meeting_schedule
from mentorweb.partnerships.models import (
    Agreement,
    AgreementStatus,
    Meeting,
    MeetingStatus,
    Partnership,
    PartnershipStatus,
)
from mentorweb.partnerships.tests.workspace_world import active_pair
from mentorweb.programs.times import today_in
from mentorweb.registrations.models import Registration
from tests.concurrency.harness import run_at_once
from tests.factories import OrganizationFactory

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def _fresh(partnership_id: int) -> Partnership:
    return Partnership.objects.select_related("organization", "program", "mentor__user", "mentee__user").get(
        pk=partnership_id
    )


def test_ten_requests_ending_one_partnership_end_it_once_and_free_one_place():
    pair = active_pair(OrganizationFactory(slug="end-race"))
    people = [pair.mentor.user.pk, pair.mentee.user.pk]

    def end(i: int) -> Partnership:
        actor = User.objects.get(pk=people[i % 2])
        return partnership_end(actor=actor, partnership=_fresh(pair.partnership.pk), reason=f"Reason {i}")

    results = run_at_once(end, 10)

    ended = [r for r in results if isinstance(r, Partnership)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(ended) == 1 and len(refused) == 9, results
    assert all(error.code == "read_only" for error in refused)
    assert _fresh(pair.partnership.pk).status == PartnershipStatus.ENDED
    assert Registration.objects.get(pk=pair.mentor_registration.pk).partnerships_taken == 0


def test_concurrent_proposals_leave_one_open_version_and_unique_numbers():
    pair = active_pair(OrganizationFactory(slug="agreement-race"))
    people = [pair.mentor.user.pk, pair.mentee.user.pk]

    def propose(i: int) -> Agreement:
        return agreement_propose(
            actor=User.objects.get(pk=people[i % 2]),
            partnership=_fresh(pair.partnership.pk),
            data={"informal_channels": ["email"], "meeting_every_days": 7 + i, "meeting_modes": ["video"]},
            confidentiality=True,
        )

    results = run_at_once(propose, 8)

    assert all(isinstance(r, (Agreement, DomainError)) for r in results), results
    versions = list(Agreement.objects.filter(partnership=pair.partnership).values_list("version", "status"))
    numbers = [number for number, _status in versions]
    assert len(numbers) == len(set(numbers)) == sum(isinstance(r, Agreement) for r in results)
    assert [status for _n, status in versions].count(AgreementStatus.PROPOSED) == 1


def test_a_meeting_scheduled_while_the_partnership_ends_does_not_outlive_it():
    organization = OrganizationFactory(slug="meeting-race")
    pair = active_pair(organization)
    day = today_in(organization.time_zone) + dt.timedelta(days=5)

    def act(i: int) -> object:
        partnership = _fresh(pair.partnership.pk)
        if i == 0:
            return partnership_end(actor=User.objects.get(pk=pair.mentee.user.pk), partnership=partnership, reason="x")
        return meeting_schedule(
            actor=User.objects.get(pk=pair.mentor.user.pk),
            partnership=partnership,
            date=day,
            time=dt.time(9 + i, 0),
            mode="video",
        )

    results = run_at_once(act, 5)

    assert all(isinstance(r, (Partnership, Meeting, DomainError)) for r in results), results
    assert _fresh(pair.partnership.pk).status == PartnershipStatus.ENDED
    assert not Meeting.objects.filter(partnership=pair.partnership, status=MeetingStatus.SCHEDULED).exists()
