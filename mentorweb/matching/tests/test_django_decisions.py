"""The advisory team's decisions on pairs, and publishing a run's approved pairs."""

from __future__ import annotations

import pytest

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.matching.models import Decision, MatchRun, PairRule, Proposal, ProposalStatus, RunStatus
from mentorweb.matching.services import decision_record, run_publish, run_start
from mentorweb.matching.tests.world import advisory, mentee, small_pool, succeeded_run
from mentorweb.partnerships.models import Partnership, PartnershipStatus
from mentorweb.registrations.models import Registration

pytestmark = pytest.mark.django_db


def decide(user, pool, proposal_or_pair, kind, rationale="Good fit for both."):
    if isinstance(proposal_or_pair, Proposal):
        proposal = proposal_or_pair
        a, b = proposal.mentee, proposal.mentor
    else:
        proposal = None
        a, b = proposal_or_pair
    return decision_record(
        actor=user, offering=pool.offering, mentee=a, mentor=b, kind=kind, rationale=rationale, proposal=proposal
    )


@pytest.fixture
def reviewed(personas):
    pool = small_pool(personas.org)
    run = succeeded_run(pool.offering, list(zip(pool.mentees, pool.mentors, strict=True)))
    return pool, run, list(run.proposals.order_by("pk"))


def test_approve_and_reject_change_the_proposal_and_keep_the_rationale(personas, reviewed):
    pool, _run, (first, second) = reviewed
    member = advisory(personas.org)
    decision = decide(member, pool, first, "approve", "  Needs and expertise match well.  ")
    decide(personas.admin, pool, second, "reject", "Same school.")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ProposalStatus.APPROVED
    assert second.status == ProposalStatus.REJECTED
    assert decision.author == member
    assert decision.rationale == "Needs and expertise match well."
    assert decision.proposal == first
    entry = AuditEntry.objects.get(action="match_decision.approve")
    assert entry.changes["proposal_status"] == ["proposed", "approved"]
    decide(personas.admin, pool, second, "approve", "Changed our minds: they work in different schools.")
    second.refresh_from_db()
    assert second.status == ProposalStatus.APPROVED
    assert Decision.objects.count() == 3


def test_a_decision_needs_a_rationale_and_nothing_is_saved_without_one(personas, reviewed):
    pool, _run, (first, _second) = reviewed
    for rationale in ("", "   ", None):
        with pytest.raises(DomainError) as error:
            decide(personas.admin, pool, first, "approve", rationale)
        assert error.value.field == "rationale"
    first.refresh_from_db()
    assert first.status == ProposalStatus.PROPOSED
    assert not Decision.objects.exists()
    with pytest.raises(DomainError) as error:
        decide(personas.admin, pool, first, "veto")
    assert error.value.field == "kind"


def test_a_comment_only_records(personas, reviewed):
    pool, _run, (first, _second) = reviewed
    decide(personas.staff, pool, first, "comment", "Ask the board about travel.")
    first.refresh_from_db()
    assert first.status == ProposalStatus.PROPOSED
    assert not PairRule.objects.exists()
    assert Decision.objects.get().kind == "comment"


def test_lock_exclude_and_release(personas, reviewed):
    pool, _run, (_first, _second) = reviewed
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    lock = decide(personas.admin, pool, (ada, bea), "lock", "Ada asked for Bea.")
    assert PairRule.objects.get(mentee=ada).kind == "lock"
    assert PairRule.objects.get(mentee=ada).decision == lock
    with pytest.raises(DomainError) as error:
        decide(personas.admin, pool, (ada, dee), "lock", "Or Dee?")
    assert "Ada Lovelace is already locked to Bea Arthur" in error.value.message
    with pytest.raises(DomainError) as error:
        decide(personas.admin, pool, (ada, bea), "exclude", "No")
    assert "release the lock" in error.value.message
    decide(personas.admin, pool, (cy, bea), "exclude", "Same school.")
    with pytest.raises(DomainError) as error:
        decide(personas.admin, pool, (cy, bea), "lock", "Well…")
    assert "release the exclusion" in error.value.message
    assert PairRule.objects.count() == 2
    assert Decision.objects.count() == 2  # refused decisions are not recorded
    decide(personas.admin, pool, (cy, bea), "release", "They moved schools.")
    assert not PairRule.objects.filter(mentee=cy).exists()
    with pytest.raises(DomainError) as error:
        decide(personas.admin, pool, (cy, bea), "release", "Again")
    assert error.value.field == "kind"


def test_the_next_run_honours_locks_and_exclusions(personas, django_capture_on_commit_callbacks):
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    decide(personas.admin, pool, (ada, dee), "lock", "Ada wants someone from the South.")
    decide(personas.admin, pool, (cy, dee), "exclude", "Conflict the system does not know about.")
    with django_capture_on_commit_callbacks(execute=True):
        run = run_start(actor=personas.admin, offering=pool.offering)
    pairs = {(p.mentee_id, p.mentor_id, p.locked) for p in Proposal.objects.filter(run=run)}
    assert pairs == {(ada.pk, dee.pk, True), (cy.pk, bea.pk, False)}


def test_decisions_about_other_offerings_people_are_refused(personas, reviewed):
    pool, _run, (first, _second) = reviewed
    other = small_pool(personas.org, slug="other")
    with pytest.raises(DomainError) as error:
        decision_record(
            actor=personas.admin,
            offering=pool.offering,
            mentee=other.mentees[0],
            mentor=first.mentor,
            kind="comment",
            rationale="x",
        )
    assert error.value.field == "mentee"
    with pytest.raises(DomainError) as error:
        decision_record(
            actor=personas.admin,
            offering=pool.offering,
            mentee=first.mentee,
            mentor=pool.mentors[1],
            kind="approve",
            rationale="x",
            proposal=first,
        )
    assert error.value.field == "proposal"
    with pytest.raises(DomainError) as error:
        decide(personas.member, pool, first, "approve")
    assert error.value.code == "forbidden"


def test_a_superseded_runs_pairs_cannot_be_approved(personas, reviewed):
    pool, run, (first, _second) = reviewed
    MatchRun.objects.filter(pk=run.pk).update(status=RunStatus.SUPERSEDED)
    with pytest.raises(DomainError) as error:
        decide(personas.admin, pool, first, "approve")
    assert error.value.code == "conflict"
    assert not Decision.objects.exists()


# --- publishing -----------------------------------------------------------------------------------


def test_publishing_creates_the_approved_partnerships_and_emails_both_people(
    personas, reviewed, mailoutbox, django_capture_on_commit_callbacks
):
    pool, run, (first, second) = reviewed
    first.mentee.person.preferred_language = "fr"
    first.mentee.person.save()
    decide(personas.admin, pool, first, "approve")
    decide(personas.admin, pool, second, "reject", "Not this year.")
    with django_capture_on_commit_callbacks(execute=True):
        published = run_publish(actor=personas.staff, run=run)

    assert published.status == RunStatus.PUBLISHED
    assert published.published_by == personas.staff
    partnership = Partnership.objects.get()
    assert (partnership.mentee_registration, partnership.mentor_registration) == (first.mentee, first.mentor)
    assert partnership.status == PartnershipStatus.PROPOSED
    assert partnership.proposal == first
    assert partnership.organization == personas.org
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ProposalStatus.PUBLISHED
    assert second.status == ProposalStatus.REJECTED
    assert Registration.objects.get(pk=first.mentor.pk).partnerships_taken == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [first.mentee.person.user.email, first.mentor.person.user.email]
    )
    link = f"/me/partnerships/{partnership.pk}/"
    for message in mailoutbox:
        assert link in message.body and link in message.alternatives[0][0]
        # E-mails never name the partner: the program chooses what each side sees.
        assert "Bea Arthur" not in message.body and "Ada Lovelace" not in message.body
    french = next(m for m in mailoutbox if m.to == [first.mentee.person.user.email])
    assert 'lang="fr"' in french.alternatives[0][0]
    assert AuditEntry.objects.filter(action="match_run.published").exists()
    assert AuditEntry.objects.filter(action="partnership.created").count() == 1


def test_publishing_needs_an_approved_pair_and_a_latest_ready_run(personas, reviewed):
    pool, run, (first, _second) = reviewed
    with pytest.raises(DomainError) as error:
        run_publish(actor=personas.admin, run=run)
    assert error.value.code == "nothing_approved"
    decide(personas.admin, pool, first, "approve")
    run_start(actor=personas.admin, offering=pool.offering)  # queued, never executed here
    with pytest.raises(DomainError) as error:
        run_publish(actor=personas.admin, run=run)
    assert "newer run" in error.value.message
    MatchRun.objects.filter(pk=run.pk).update(status=RunStatus.SUPERSEDED)
    with pytest.raises(DomainError):
        run_publish(actor=personas.admin, run=run)
    with pytest.raises(DomainError) as error:
        run_publish(actor=personas.member, run=run)
    assert error.value.code == "forbidden"
    assert not Partnership.objects.exists()


def test_publishing_is_all_or_nothing(personas, reviewed, mailoutbox, django_capture_on_commit_callbacks):
    pool, run, (first, second) = reviewed
    decide(personas.admin, pool, first, "approve")
    decide(personas.admin, pool, second, "approve")
    # Meanwhile the second mentor's place was taken elsewhere.
    Registration.objects.filter(pk=second.mentor.pk).update(partnerships_taken=1)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError) as error:
        run_publish(actor=personas.admin, run=run)
    assert "Dee Snider has no place left" in error.value.message
    assert not Partnership.objects.exists()
    assert Registration.objects.get(pk=first.mentor.pk).partnerships_taken == 0
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert Proposal.objects.filter(run=run, status=ProposalStatus.APPROVED).count() == 2
    assert mailoutbox == []


def test_a_mentee_partnered_meanwhile_stops_the_publishing_naming_them(personas, reviewed):
    pool, run, (first, _second) = reviewed
    extra = mentee(pool.offering, "Zed Extra")
    decide(personas.admin, pool, first, "approve")
    Partnership.objects.create(
        organization=personas.org,
        program=pool.offering.program,
        offering=pool.offering,
        mentor=pool.mentors[1].person,
        mentee=first.mentee.person,
        mentor_registration=pool.mentors[1],
        mentee_registration=first.mentee,
    )
    with pytest.raises(DomainError) as error:
        run_publish(actor=personas.admin, run=run)
    assert "Ada Lovelace already has a partnership" in error.value.message
    assert Partnership.objects.count() == 1
    assert extra.pk
