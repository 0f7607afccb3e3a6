"""Matching and partnership invariants under concurrent requests (SQLite and PostgreSQL).

One run per offering at a time, a mentor never over capacity, a run published once, a mentee
locked to one mentor: the partial unique indexes and the conditional UPDATEs hold them.
"""

from __future__ import annotations

from unittest import mock

import pytest

from mentorweb.accounts.models import User
from mentorweb.core.errors import DomainError
from mentorweb.matching.models import MatchRun, PairRule, ProposalStatus, RunStatus
from mentorweb.matching.services import decision_record, run_publish, run_start
from mentorweb.matching.tests.world import mentee, small_pool, succeeded_run
from mentorweb.organizations.models import StaffRole
from mentorweb.partnerships.models import Partnership
from mentorweb.partnerships.services import partnership_create
from mentorweb.programs.models import Offering
from mentorweb.registrations.models import Registration
from tests.concurrency.harness import run_at_once
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def team():
    organization = OrganizationFactory(slug="busy-matching", name="Busy Matching Association")
    admin = MembershipFactory(organization=organization, role=StaffRole.ORG_ADMIN).person.user
    return organization, admin


def fresh_user(user_id: int) -> User:
    return User.objects.get(pk=user_id)


def test_ten_simultaneous_starts_make_one_run():
    organization, admin = team()
    pool = small_pool(organization)

    def start(i: int) -> MatchRun:
        offering = Offering.objects.select_related("program__organization").get(pk=pool.offering.pk)
        return run_start(actor=fresh_user(admin.pk), offering=offering)

    # The job is left out: it would finish the run at once and free the offering for the next start.
    with mock.patch("mentorweb.matching.services.run_execute"):
        results = run_at_once(start, 10)

    runs = [r for r in results if isinstance(r, MatchRun)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(runs) == 1, results
    assert len(refused) == 9 and all(error.code == "conflict" for error in refused), results
    assert MatchRun.objects.filter(offering=pool.offering).count() == 1
    assert MatchRun.objects.get().status == RunStatus.QUEUED


def test_two_partnerships_at_once_for_a_mentor_with_one_place_make_one():
    organization, admin = team()
    pool = small_pool(organization)
    bea = pool.mentors[0]

    def create(i: int) -> Partnership:
        rows = Registration.objects.select_related("offering__program__organization", "person")
        return partnership_create(
            actor=fresh_user(admin.pk), mentor=rows.get(pk=bea.pk), mentee=rows.get(pk=pool.mentees[i].pk)
        )

    results = run_at_once(create, 2)

    assert sum(isinstance(r, Partnership) for r in results) == 1, results
    error = next(r for r in results if isinstance(r, DomainError))
    assert error.code == "full" and "Bea Arthur" in error.message
    assert Registration.objects.get(pk=bea.pk).partnerships_taken == 1
    assert Partnership.objects.count() == 1


def test_publishing_a_run_twice_at_once_publishes_it_once():
    organization, admin = team()
    pool = small_pool(organization)
    extra = mentee(pool.offering, "Eli Extra")
    run = succeeded_run(pool.offering, [*zip(pool.mentees, pool.mentors, strict=True)])
    run.proposals.update(status=ProposalStatus.APPROVED)

    def publish(i: int) -> MatchRun:
        fresh = MatchRun.objects.select_related("offering__program__organization").get(pk=run.pk)
        return run_publish(actor=fresh_user(admin.pk), run=fresh)

    results = run_at_once(publish, 4)

    assert sum(isinstance(r, MatchRun) for r in results) == 1, results
    assert all(isinstance(r, DomainError) for r in results if not isinstance(r, MatchRun)), results
    assert Partnership.objects.count() == 2
    assert list(
        Registration.objects.filter(pk__in=[m.pk for m in pool.mentors]).values_list("partnerships_taken", flat=True)
    ) == [1, 1]
    assert MatchRun.objects.get(pk=run.pk).status == RunStatus.PUBLISHED
    assert extra.pk


def test_a_mentee_locked_twice_at_once_keeps_one_lock():
    organization, admin = team()
    pool = small_pool(organization)
    ada = pool.mentees[0]

    def lock(i: int) -> object:
        rows = Registration.objects.select_related("person")
        offering = Offering.objects.select_related("program__organization").get(pk=pool.offering.pk)
        return decision_record(
            actor=fresh_user(admin.pk),
            offering=offering,
            mentee=rows.get(pk=ada.pk),
            mentor=rows.get(pk=pool.mentors[i].pk),
            kind="lock",
            rationale=f"Lock number {i}",
        )

    results = run_at_once(lock, 2)

    assert sum(isinstance(r, DomainError) for r in results) == 1, results
    assert PairRule.objects.filter(mentee=ada, kind="lock").count() == 1
