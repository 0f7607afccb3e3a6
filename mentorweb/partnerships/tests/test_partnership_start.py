"""Creating a partnership (a mentor's place taken) and each side's answer to it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.matching.models import Proposal, RunStatus
from mentorweb.matching.profiles import build_pool
from mentorweb.matching.services import decision_record, run_publish, run_start
from mentorweb.matching.tests.world import mentor, small_pool
from mentorweb.partnerships.models import Partnership, PartnershipStatus, Response
from mentorweb.partnerships.services import add_months, partnership_create, partnership_respond
from mentorweb.programs.models import Program
from mentorweb.registrations.models import Registration

pytestmark = pytest.mark.django_db


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(dt.date(2026, 9, 1), 12) == dt.date(2027, 9, 1)
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 15), 3) == dt.date(2028, 2, 15)


def test_creating_takes_a_place_and_a_full_mentor_is_refused_by_name(personas):
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea = pool.mentors[0]
    partnership = partnership_create(actor=personas.admin, mentor=bea, mentee=ada)
    assert partnership.status == PartnershipStatus.PROPOSED
    assert partnership.created_by == personas.admin
    assert Registration.objects.get(pk=bea.pk).partnerships_taken == 1
    with pytest.raises(DomainError) as error:
        partnership_create(actor=personas.admin, mentor=bea, mentee=cy)
    assert error.value.message == "Bea Arthur has no place left for another mentee."
    assert error.value.field == "mentor"
    assert Partnership.objects.count() == 1


def test_a_mentee_has_one_live_partnership_and_the_place_is_not_lost(personas):
    pool = small_pool(personas.org)
    ada = pool.mentees[0]
    bea, dee = pool.mentors
    partnership_create(actor=personas.admin, mentor=bea, mentee=ada)
    with pytest.raises(DomainError) as error:
        partnership_create(actor=personas.admin, mentor=dee, mentee=ada)
    assert error.value.field == "mentee"
    assert "Ada Lovelace already has a partnership" in error.value.message
    assert Registration.objects.get(pk=dee.pk).partnerships_taken == 0


def test_creating_checks_the_pair_and_the_actor(personas):
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea = pool.mentors[0]
    with pytest.raises(DomainError) as error:
        partnership_create(actor=personas.admin, mentor=cy, mentee=ada)
    assert error.value.field == "mentor"
    Registration.objects.filter(pk=ada.pk).update(status="withdrawn")
    ada.refresh_from_db()
    with pytest.raises(DomainError) as error:
        partnership_create(actor=personas.admin, mentor=bea, mentee=ada)
    assert error.value.field == "mentee"
    with pytest.raises(DomainError) as error:
        partnership_create(actor=personas.member, mentor=bea, mentee=cy)
    assert error.value.code == "forbidden"
    assert not Partnership.objects.exists()


@pytest.fixture
def proposed(personas):
    pool = small_pool(personas.org)
    Program.objects.filter(pk=pool.offering.program_id).update(contact_email="mentorship@example.org")
    partnership = partnership_create(actor=personas.admin, mentor=pool.mentors[0], mentee=pool.mentees[0])
    return pool, Partnership.objects.select_related("mentor__user", "mentee__user").get(pk=partnership.pk)


def test_both_accept_and_it_starts_for_the_commitment(
    personas, proposed, mailoutbox, django_capture_on_commit_callbacks
):
    pool, partnership = proposed
    mentee_user, mentor_user = partnership.mentee.user, partnership.mentor.user
    partnership_respond(actor=mentee_user, partnership=partnership, accept=True)
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.PROPOSED
    assert partnership.mentee_response == Response.ACCEPTED
    assert partnership.mentee_responded_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        partnership_respond(actor=mentor_user, partnership=partnership, accept=True)
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ACTIVE
    assert partnership.starts_on == pool.offering.start_date
    assert partnership.ends_on == add_months(pool.offering.start_date, 12)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([mentee_user.email, mentor_user.email])
    assert all("starts" in m.subject for m in mailoutbox)
    assert AuditEntry.objects.filter(action="partnership.accepted").count() == 2
    with pytest.raises(DomainError) as error:
        partnership_respond(actor=mentor_user, partnership=partnership, accept=False, reason="Changed my mind")
    assert error.value.code == "conflict"


def test_it_starts_today_when_the_offering_has_begun(personas, proposed):
    pool, partnership = proposed
    with time_machine.travel(pool.offering.start_date + dt.timedelta(days=40)):
        partnership_respond(actor=partnership.mentee.user, partnership=partnership, accept=True)
        partnership_respond(actor=partnership.mentor.user, partnership=partnership, accept=True)
        today = dt.date.today()
    partnership.refresh_from_db()
    assert partnership.starts_on == today
    assert partnership.ends_on == add_months(today, 12)


def test_only_the_two_people_answer_once_each(personas, proposed):
    _pool, partnership = proposed
    for user in (personas.admin, personas.outsider, None):
        with pytest.raises(DomainError) as error:
            partnership_respond(actor=user, partnership=partnership, accept=True)
        assert error.value.code == "forbidden"
    partnership_respond(actor=partnership.mentee.user, partnership=partnership, accept=True)
    with pytest.raises(DomainError) as error:
        partnership_respond(actor=partnership.mentee.user, partnership=partnership, accept=True)
    assert error.value.code == "conflict"


def test_declining_needs_a_reason(personas, proposed):
    _pool, partnership = proposed
    for reason in ("", "   "):
        with pytest.raises(DomainError) as error:
            partnership_respond(actor=partnership.mentor.user, partnership=partnership, accept=False, reason=reason)
        assert error.value.field == "reason"
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.PROPOSED
    assert partnership.mentor_response == Response.PENDING


def test_a_decline_frees_the_place_returns_the_mentee_and_tells_the_others(
    personas, proposed, mailoutbox, django_capture_on_commit_callbacks
):
    pool, partnership = proposed
    ada = pool.mentees[0]
    bea = pool.mentors[0]
    assert str(ada.pk) not in [p.id for p in build_pool(pool.offering).mentee_profiles]
    with django_capture_on_commit_callbacks(execute=True):
        partnership_respond(
            actor=partnership.mentor.user, partnership=partnership, accept=False, reason="I am moving abroad."
        )
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.DECLINED
    assert partnership.mentor_response == Response.DECLINED
    assert partnership.decline_reason == "I am moving abroad."
    assert partnership.declined_by == partnership.mentor.user
    assert Registration.objects.get(pk=bea.pk).partnerships_taken == 0
    assert str(ada.pk) in [p.id for p in build_pool(pool.offering).mentee_profiles]
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([partnership.mentee.user.email, "mentorship@example.org"])
    staff = next(m for m in mailoutbox if m.to == ["mentorship@example.org"])
    assert "I am moving abroad." in staff.body and "Ada Lovelace" in staff.body
    other = next(m for m in mailoutbox if m.to == [partnership.mentee.user.email])
    assert "I am moving abroad." not in other.body
    entry = AuditEntry.objects.get(action="partnership.declined")
    assert entry.changes["status"] == ["proposed", "declined"]


def test_after_a_decline_the_next_run_matches_the_mentee_again(personas, django_capture_on_commit_callbacks):
    pool = small_pool(personas.org)
    ada = pool.mentees[0]
    bea = pool.mentors[0]
    backup = mentor(pool.offering, "Bo Backup", answers={"expertise": ["budget"], "region": "East", "experience": {}})
    with django_capture_on_commit_callbacks(execute=True):
        run = run_start(actor=personas.admin, offering=pool.offering)
    proposal = Proposal.objects.get(run=run, mentee=ada)
    assert proposal.mentor == bea
    decision_record(
        actor=personas.admin,
        offering=pool.offering,
        mentee=ada,
        mentor=bea,
        kind="approve",
        rationale="Budget needs, budget expertise.",
        proposal=proposal,
    )
    run_publish(actor=personas.admin, run=run)
    partnership = Partnership.objects.select_related("mentee__user").get(mentee_registration=ada)
    partnership_respond(actor=partnership.mentee.user, partnership=partnership, accept=False, reason="Too far.")

    with django_capture_on_commit_callbacks(execute=True):
        again = run_start(actor=personas.admin, offering=pool.offering)
    again.refresh_from_db()
    assert again.status == RunStatus.SUCCEEDED
    # Ada is matched again, and never with the mentor the pair declined.
    assert Proposal.objects.get(run=again, mentee=ada).mentor == backup
    # Cy was not published the first time: still in the pool, matched as before.
    assert Proposal.objects.get(run=again, mentee=pool.mentees[1]).mentor == pool.mentors[1]
