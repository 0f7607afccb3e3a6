"""The matching and partnership pages through the Django test client, end to end."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mentorweb.matching.models import Decision, MatchRun, PairRule, Proposal, ProposalStatus, RunStatus
from mentorweb.matching.services import pool_export
from mentorweb.matching.tests.world import advisory, mentee, mentor, small_pool, succeeded_run
from mentorweb.partnerships.models import Partnership, PartnershipStatus
from mentorweb.programs.models import PairingRules
from mentorweb.registrations.models import MentorPreference

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def urls(pool, run=None):
    base = f"/o/{pool.offering.program.organization.slug}/offerings/{pool.offering.pk}/matching/"
    return base, (f"{base}runs/{run.pk}/" if run else None)


def test_the_advisory_team_runs_reviews_and_publishes(personas, django_capture_on_commit_callbacks, mailoutbox):
    pool = small_pool(personas.org, shared_fields=["name", "region"])
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    MentorPreference.objects.create(mentee=ada, mentor=bea, rank=1)
    mentee(pool.offering, "Lou French", answers={"languages": ["fr"]})
    team = client_for(advisory(personas.org))
    base, _ = urls(pool)

    page = team.get(base)
    assert page.status_code == 200
    assert "Mentees waiting for a mentor" in page.text
    assert "Match as many mentees as possible" not in page.text  # the form says it in plain words
    assert "As many mentees as possible" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        started = team.post(base, {"objective": "participation"})
    run = MatchRun.objects.get(offering=pool.offering)
    assert started.status_code == 302 and started["Location"] == f"{base}runs/{run.pk}/"

    page = team.get(started["Location"])
    assert page.status_code == 200
    assert "Ada Lovelace" in page.text and "Bea Arthur" in page.text
    assert "Choice 1" in page.text  # Ada ranked Bea first
    assert "3.00 of 3.00" in page.text  # the needs bar, with its number as text
    assert "No mentor serves in the mentee&#x27;s language." in page.text
    assert 'role="progressbar"' not in page.text

    proposal = Proposal.objects.get(run=run, mentee=ada)
    pair_url = f"{base}proposals/{proposal.pk}/"
    page = team.get(pair_url)
    assert page.status_code == 200
    assert "✓ budget" in page.text  # the need Bea's expertise meets, marked by more than colour
    refused = team.post(pair_url, {"kind": "approve", "rationale": "  "})
    assert refused.status_code == 400
    assert 'id="id_rationale_error"' in refused.text
    assert not Decision.objects.exists()
    approved = team.post(pair_url, {"kind": "approve", "rationale": "Budget needs, budget expertise."})
    assert approved.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    page = team.get(pair_url)
    assert "Budget needs, budget expertise." in page.text

    publish_url = f"{base}runs/{run.pk}/publish/"
    page = team.get(publish_url)
    assert page.status_code == 200
    assert "Only approved pairs are published" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        done = team.post(publish_url)
    assert done.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    partnership = Partnership.objects.get()
    assert len(mailoutbox) == 2

    # The mentee sees the proposal on the home page and only the fields the program shares.
    mentee_client = client_for(ada.person.user)
    home = mentee_client.get("/")
    assert "A partnership waits for your answer" in home.text
    detail_url = f"/me/partnerships/{partnership.pk}/"
    page = mentee_client.get(detail_url)
    assert page.status_code == 200
    assert "Bea Arthur" in page.text and "North" in page.text
    assert bea.person.user.email not in page.text
    refused = mentee_client.post(f"{detail_url}respond/", {"answer": "decline", "reason": ""})
    assert refused.status_code == 400
    assert 'id="id_reason_error"' in refused.text
    accepted = mentee_client.post(f"{detail_url}respond/", {"answer": "accept"})
    assert accepted.status_code == 302
    assert client_for(bea.person.user).post(f"{detail_url}respond/", {"answer": "accept"}).status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ACTIVE
    # Somebody else's partnership is a 404, even for one of the program's mentors.
    assert client_for(dee.person.user).get(detail_url).status_code == 404
    assert client_for(cy.person.user).post(f"{detail_url}respond/", {"answer": "accept"}).status_code == 404


def test_the_progress_bar_polls_while_running_and_stops_when_done(personas):
    pool = small_pool(personas.org)
    run = MatchRun.objects.create(
        offering=pool.offering,
        number=1,
        objective="participation",
        status=RunStatus.RUNNING,
        progress=60,
        progress_message="solving",
    )
    _base, run_url = urls(pool, run)
    team = client_for(personas.staff)
    page = team.get(run_url)
    assert 'role="progressbar"' in page.text and 'aria-valuenow="60"' in page.text
    assert 'aria-live="polite"' in page.text
    assert f'hx-get="{run_url}progress/"' in page.text and 'hx-trigger="every 2s"' in page.text
    assert "Finding the best assignment" in page.text
    MatchRun.objects.filter(pk=run.pk).update(progress=85, progress_message="saving")
    fragment = team.get(f"{run_url}progress/", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert 'aria-valuenow="85"' in fragment.text
    # The live region stays on the page; only its text is replaced, out of band.
    assert 'id="run-progress-status" hx-swap-oob="innerHTML"' in fragment.text
    assert "Saving the proposals" in fragment.text
    assert "HX-Refresh" not in fragment
    MatchRun.objects.filter(pk=run.pk).update(status=RunStatus.SUCCEEDED, progress=100, progress_message="done")
    fragment = team.get(f"{run_url}progress/", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 286  # htmx stops polling
    assert fragment["HX-Refresh"] == "true"
    page = team.get(run_url)
    assert 'role="progressbar"' not in page.text and "hx-get" not in page.text


def test_a_failed_run_shows_its_error(personas):
    pool = small_pool(personas.org)
    run = MatchRun.objects.create(
        offering=pool.offering,
        number=1,
        objective="score",
        status=RunStatus.FAILED,
        error="The lock of Ada Lovelace with Dee Snider cannot be honoured: there is a conflict of interest.",
    )
    _base, run_url = urls(pool, run)
    page = client_for(personas.admin).get(run_url)
    assert "The run failed" in page.text
    assert "The lock of Ada Lovelace with Dee Snider cannot be honoured" in page.text


def test_starting_while_a_run_is_under_way_says_so(personas):
    pool = small_pool(personas.org)
    base, _ = urls(pool)
    client = client_for(personas.admin)
    client.post(base, {"objective": "participation"})
    MatchRun.objects.update(status=RunStatus.QUEUED)
    refused = client.post(base, {"objective": "score"})
    assert refused.status_code == 302
    page = client.get(refused["Location"])
    assert "A match run is already under way for this offering." in page.text
    assert "Run 1 is under way." in page.text  # the form is replaced by the run under way
    assert MatchRun.objects.count() == 1


def test_release_a_rule_with_a_rationale(personas):
    pool = small_pool(personas.org)
    ada, bea = pool.mentees[0], pool.mentors[0]
    decision = Decision.objects.create(
        offering=pool.offering, mentee=ada, mentor=bea, kind="exclude", rationale="Same school.", author=personas.admin
    )
    rule = PairRule.objects.create(offering=pool.offering, mentee=ada, mentor=bea, kind="exclude", decision=decision)
    base, _ = urls(pool)
    client = client_for(personas.staff)
    assert "Same school." in client.get(base).text
    url = f"{base}rules/{rule.pk}/release/"
    assert "Same school." in client.get(url).text
    assert client.post(url, {"rationale": ""}).status_code == 400
    assert PairRule.objects.exists()
    assert client.post(url, {"rationale": "Ada moved."}).status_code == 302
    assert not PairRule.objects.exists()
    assert Decision.objects.filter(kind="release", rationale="Ada moved.").exists()


def test_export_and_import_through_the_pages(personas):
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    base, _ = urls(pool)
    client = client_for(personas.admin)
    download = client.get(f"{base}pool.json")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/json"
    assert "attachment" in download["Content-Disposition"]
    assert json.loads(download.content) == json.loads(json.dumps(pool_export(pool.offering)))

    bad = client.post(f"{base}import/", {"file": SimpleUploadedFile("r.json", b"{not json")})
    assert bad.status_code == 400 and "not valid JSON" in bad.text
    wrong = json.dumps({"pairs": [{"mentee": "424242", "mentor": str(bea.pk), "score": 1}]}).encode()
    bad = client.post(f"{base}import/", {"file": SimpleUploadedFile("r.json", wrong)})
    assert bad.status_code == 400 and "pairs[0].mentee: 424242 is not a mentee" in bad.text
    assert not MatchRun.objects.exists()
    good = json.dumps(
        {"pairs": [{"mentee": str(ada.pk), "mentor": str(bea.pk), "score": 4.5, "components": {"needs": 3.0}}]}
    ).encode()
    done = client.post(f"{base}import/", {"file": SimpleUploadedFile("r.json", good)})
    run = MatchRun.objects.get()
    assert done.status_code == 302 and done["Location"].endswith(f"runs/{run.pk}/")
    assert run.n_pairs == 1
    assert cy and dee


def test_another_organizations_matching_is_a_404(personas):
    pool = small_pool(personas.other_org)
    run = succeeded_run(pool.offering, [(pool.mentees[0], pool.mentors[0])])
    base, run_url = urls(pool, run)
    client = client_for(personas.admin)
    for url in (base, run_url, f"{run_url}progress/", f"{base}proposals/{run.proposals.get().pk}/", f"{base}pool.json"):
        # The personas' admin is not a member of the other organization: a 404 under its slug …
        assert client.get(url).status_code == 404
        # … and under their own slug, the other organization's ids are 404 too.
        assert client.get(url.replace(personas.other_org.slug, personas.org.slug)).status_code == 404


def test_pages_for_the_advisory_team_and_the_staff_offering_link(personas):
    pool = small_pool(personas.org)
    home = client_for(advisory(personas.org)).get("/")
    assert f"/offerings/{pool.offering.pk}/matching/" in home.text
    program = pool.offering.program
    page = client_for(personas.admin).get(f"/o/{personas.org.slug}/programs/{program.slug}/{pool.offering.slug}/")
    assert f"/offerings/{pool.offering.pk}/matching/" in page.text
    assert client_for(personas.member).get(urls(pool)[0]).status_code == 403


def _page_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_run_and_runs_pages_take_the_same_queries_whatever_the_size(personas):
    pool = small_pool(personas.org)
    run = succeeded_run(pool.offering, list(zip(pool.mentees, pool.mentors, strict=True)))
    base, run_url = urls(pool, run)
    client = client_for(personas.admin)
    small_run, small_runs = _page_queries(client, run_url), _page_queries(client, base)
    pairs = [(mentee(pool.offering, f"Mia Many{i}"), mentor(pool.offering, f"Mo Many{i}")) for i in range(10)]
    for a, b in pairs:
        Proposal.objects.create(run=run, mentee=a, mentor=b, score=2.0, components={"needs": 1.0})
        MentorPreference.objects.create(mentee=a, mentor=b, rank=1)
    for _ in range(3):
        succeeded_run(pool.offering, pairs[:2], status=RunStatus.SUPERSEDED)
    assert _page_queries(client, run_url) == small_run
    assert _page_queries(client, base) == small_runs
    assert PairingRules.objects.count() == 1
