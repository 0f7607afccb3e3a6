"""The pairing programs of the demo (matching.demo): true to seeds 003 and 004, and loaded once."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction

from mentorweb.core.demo.people_bc_pilot import BC_NEEDS
from mentorweb.core.demo.people_opsoa_program import OPSOA_PORTFOLIOS
from mentorweb.core.models import AuditEntry
from mentorweb.matching.models import Decision, DecisionKind, MatchRun, PairRule, Proposal, RunStatus
from mentorweb.partnerships.models import LIVE_STATUSES, Partnership, PartnershipStatus, Response
from mentorweb.programs.models import Offering, OfferingStatus, Program, ProgramKind, SessionKind
from mentorweb.programs.times import local
from mentorweb.registrations.models import (
    BoardInput,
    Conflict,
    MentorPreference,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)
from mentorweb.registrations.pairing.selectors import pool
from mentorweb.registrations.pairing.services import preferences_set

# One load for the whole module, on one worker.
pytestmark = pytest.mark.xdist_group("pairing-demo")

S = RegistrationStatus
VANCOUVER = zoneinfo.ZoneInfo("America/Vancouver")
TABLES = (Program, Offering, Registration, MentorPreference, BoardInput, Conflict, MatchRun, Proposal, Decision)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def bc(loaded, db) -> Offering:
    return Offering.objects.select_related("program__pairing").get(
        program__organization__slug="bcpvpa", program__slug="mentorship-pilot", slug="2017-2018"
    )


@pytest.fixture
def opsoa(loaded, db) -> Offering:
    return (
        Offering.objects.select_related("program__pairing")
        .filter(program__organization__slug="opsoa", program__slug="mentorship")
        .get()
    )


def statuses(offering: Offering) -> Counter[tuple[str, str]]:
    return Counter(Registration.objects.filter(offering=offering).values_list("role", "status"))


# --- BCPVPA Mentorship Pilot 2017–2018 ------------------------------------------------------------------


def test_the_pilot_has_the_seeds_rules(bc):
    program = bc.program
    assert program.kind == ProgramKind.PAIRING and program.is_published
    assert "remote and isolated areas" in program.description
    rules = program.pairing
    assert rules.mentor_membership_organization.slug == "bcrpvpa"
    assert rules.mentor_membership_statuses == ["retired"]
    assert rules.mentee_role_groups == ["principal", "vice_principal"]
    assert (rules.mentee_max_years_in_role, rules.mentee_role_change_qualifies) == (2, True)
    assert (rules.max_partnerships, rules.mentor_capacity_default, rules.mentor_capacity_max) == (40, 1, 2)
    assert (rules.commitment_months, rules.contact_every_days) == (12, 7)
    assert (rules.min_hours_per_month, rules.max_hours_per_month) == (Decimal("2"), Decimal("4"))
    assert rules.mentor_honorarium == Decimal("300.00")
    assert rules.needs_options == list(BC_NEEDS)
    assert {q.side for q in program.questions.all()} == {"mentor", "mentee", "both"}


def test_the_deadline_was_extended_to_october_20_and_the_events_are_sessions(bc):
    assert bc.registration_deadline == dt.date(2017, 10, 20)
    assert bc.deadline_extended_from == dt.date(2017, 10, 6)
    assert bc.status == OfferingStatus.CLOSED
    sessions = {(s.kind, local(s.starts_at, "America/Vancouver")): s for s in bc.sessions.all()}
    webinar = dt.datetime(2017, 11, 1, 16, 0, tzinfo=VANCOUVER)
    assert (SessionKind.WEBINAR, webinar) in sessions
    training = [at.date() for kind, at in sessions if kind == SessionKind.TRAINING]
    assert sorted(training) == [dt.date(2017, 11, 9), dt.date(2017, 11, 10)]
    assert all("BCPVPA office" in s.location for s in bc.sessions.filter(kind=SessionKind.TRAINING))
    closure = [at for kind, at in sessions if kind == SessionKind.CLOSURE]
    assert len(closure) == 1 and (closure[0].year, closure[0].month) == (2018, 5)


def test_applications_are_in_every_state_and_happened_in_the_autumn_of_2017(bc):
    counts = statuses(bc)
    assert sum(n for (role, _), n in counts.items() if role == RegistrationRole.MENTEE) == 46
    assert sum(n for (role, _), n in counts.items() if role == RegistrationRole.MENTOR) == 42
    assert {status for _, status in counts} == {S.SUBMITTED, S.INFO_REQUESTED, S.ACCEPTED, S.DECLINED, S.WITHDRAWN}
    for declined in Registration.objects.filter(offering=bc, status=S.DECLINED):
        assert declined.decline_reason and declined.staff_message and declined.decided_by is not None
    assert all(r.staff_message for r in Registration.objects.filter(offering=bc, status=S.INFO_REQUESTED))
    submitted = Registration.objects.filter(offering=bc).values_list("submitted_at", flat=True)
    days = {at.astimezone(VANCOUVER).date() for at in submitted if at is not None}
    assert len(submitted) == 88 and min(days) >= dt.date(2017, 9, 5) and max(days) <= dt.date(2017, 10, 20)
    # Rajinder Brar was asked about his change of role, answered, and was accepted.
    rajinder = Registration.objects.get(offering=bc, person__user__email="rajinder.brar@example.org")
    assert rajinder.status == S.ACCEPTED and rajinder.answers["role_change"] is True
    actions = AuditEntry.objects.filter(object_type="registrations.registration", object_id=str(rajinder.pk))
    assert {"application.info_requested", "application.answered", "application.accepted"} <= set(
        actions.values_list("action", flat=True)
    )


def test_mentees_ranked_mentors_and_a_conflict_is_declared(bc):
    ranked = MentorPreference.objects.filter(mentee__offering=bc)
    assert ranked.values("mentee").distinct().count() >= 20
    danielle = Registration.objects.get(offering=bc, person__user__email="mentee.bc@example.org")
    assert danielle.mentor_preferences.get(rank=1).mentor.person.user.email == "mentor.bc@example.org"
    conflict = Conflict.objects.get(mentee__offering=bc)
    assert (conflict.mentee.person.user.email, conflict.mentor.person.user.email) == (
        "devon.archer@example.org",
        "kenneth.brooks@example.org",
    )
    # The conflict kept the pair out of the run.
    assert not Proposal.objects.filter(mentee=conflict.mentee, mentor=conflict.mentor).exists()


def test_one_published_run_with_at_most_40_partnerships_and_reasoned_decisions(bc):
    runs = MatchRun.objects.filter(offering=bc)
    assert [run.status for run in runs] == [RunStatus.PUBLISHED]
    run = runs.get()
    assert run.published_at is not None and run.published_at.astimezone(VANCOUVER).date() == dt.date(2017, 10, 30)
    # Seed 003: up to 40 partnerships. 41 mentees were accepted: the run fills the cap.
    assert run.n_pairs == 40
    partnerships = Partnership.objects.filter(offering=bc)
    assert 30 <= partnerships.count() <= 40
    assert partnerships.filter(status__in=LIVE_STATUSES).count() <= 40
    decisions = Decision.objects.filter(offering=bc)
    assert all(d.rationale and d.author_id for d in decisions)
    kinds = Counter(decisions.values_list("kind", flat=True))
    assert kinds[DecisionKind.APPROVE] == partnerships.count()
    assert kinds[DecisionKind.LOCK] >= 1 and kinds[DecisionKind.EXCLUDE] == 1 and kinds[DecisionKind.REJECT] == 1
    assert kinds[DecisionKind.COMMENT] >= 1
    assert {rule.kind for rule in PairRule.objects.filter(offering=bc)} == {"lock", "exclude"}
    excluded = PairRule.objects.get(offering=bc, kind="exclude")
    assert not Proposal.objects.filter(run=run, mentee=excluded.mentee, mentor=excluded.mentor).exists()
    for lock in PairRule.objects.filter(offering=bc, kind="lock"):
        assert Proposal.objects.get(run=run, mentee=lock.mentee).mentor_id == lock.mentor_id
    # 41 accepted mentees, a cap of 40: one is left out for the cap.
    assert [u.reason_code for u in run.unmatched.all()] == ["over_cap"]


def test_partnerships_are_active_waiting_or_declined_with_the_mentee_back_in_the_pool(bc):
    partnerships = Partnership.objects.filter(offering=bc)
    by_status = Counter(partnerships.values_list("status", flat=True))
    assert by_status[PartnershipStatus.ACTIVE] >= 20
    assert by_status[PartnershipStatus.PROPOSED] >= 5
    assert by_status[PartnershipStatus.DECLINED] == 1
    declined = partnerships.get(status=PartnershipStatus.DECLINED)
    assert declined.decline_reason
    mentees, _mentors = pool(bc)
    assert declined.mentee_registration_id in set(mentees.values_list("pk", flat=True))
    for active in partnerships.filter(status=PartnershipStatus.ACTIVE):
        assert active.starts_on >= bc.start_date
    # The demo's mentor persona has a partnership to accept; his mentee has accepted it.
    waiting = partnerships.get(mentor__user__email="mentor.bc@example.org", mentee__user__email="mentee.bc@example.org")
    assert (waiting.status, waiting.mentor_response, waiting.mentee_response) == (
        PartnershipStatus.PROPOSED,
        Response.PENDING,
        Response.ACCEPTED,
    )
    # Mentors are never over capacity.
    for registration in Registration.objects.filter(offering=bc, role=RegistrationRole.MENTOR, capacity__isnull=False):
        live = partnerships.filter(mentor_registration=registration, status__in=LIVE_STATUSES).count()
        assert registration.capacity is not None
        assert live == registration.partnerships_taken <= registration.capacity


# --- OPSOA Mentorship Program ---------------------------------------------------------------------------


def test_opsoa_program_has_the_seeds_rules_and_a_current_offering(opsoa):
    rules = opsoa.program.pairing
    assert rules.mentor_membership_organization.slug == "opsoa"
    assert rules.mentor_membership_statuses == ["alumni"]
    assert rules.board_input is True
    assert (rules.cost_per_mentor_year, rules.cost_share_percent) == (Decimal("2500.00"), 50)
    assert rules.portfolio_options == list(OPSOA_PORTFOLIOS)
    assert opsoa.status == OfferingStatus.OPEN
    assert opsoa.registration_opens <= dt.date.today() <= opsoa.registration_deadline


def test_opsoa_board_input_vetoes_one_mentor_with_a_reason(opsoa):
    inputs = BoardInput.objects.filter(offering=opsoa)
    veto = inputs.get(acceptable=False)
    assert veto.reason and veto.board.slug == "krdsb"
    assert veto.author is not None and veto.author.email == "board.contact@example.org"
    assert inputs.filter(acceptable=True).count() >= 3
    run = MatchRun.objects.get(offering=opsoa)
    assert not Proposal.objects.filter(run=run, mentor=veto.mentor, mentee__board=veto.board).exists()


def test_opsoa_run_waits_for_the_committee(opsoa):
    run = MatchRun.objects.get(offering=opsoa)
    assert run.status == RunStatus.SUCCEEDED
    proposals = Counter(Proposal.objects.filter(run=run).values_list("status", flat=True))
    assert proposals["approved"] >= 1 and proposals["proposed"] >= 3
    authors = {d.author.email if d.author else None for d in Decision.objects.filter(offering=opsoa)}
    assert authors == {"advisory.opsoa@example.org"}
    assert not Partnership.objects.filter(offering=opsoa).exists()
    assert (RegistrationRole.MENTEE, S.ACCEPTED) in statuses(opsoa)
    assert (RegistrationRole.MENTEE, S.INFO_REQUESTED) in statuses(opsoa)


def test_opsoa_mentee_persona_can_still_change_her_ranking(opsoa):
    amira = Registration.objects.select_related("person__user").get(
        offering=opsoa, person__user__email="mentee.opsoa@example.org"
    )
    ranked = list(amira.mentor_preferences.values_list("mentor_id", flat=True))
    assert len(ranked) == 2
    preferences_set(actor=amira.person.user, registration=amira, mentor_ids=list(reversed(ranked)))
    assert list(amira.mentor_preferences.order_by("rank").values_list("mentor_id", flat=True)) == ranked[::-1]


# --- Loading again ---------------------------------------------------------------------------------------


def test_loading_again_changes_nothing(bc, opsoa):
    before = {model.__name__: model.objects.count() for model in (*TABLES, Partnership, AuditEntry)}
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert {model.__name__: model.objects.count() for model in (*TABLES, Partnership, AuditEntry)} == before
