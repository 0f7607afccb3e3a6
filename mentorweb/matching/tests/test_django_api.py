"""The matching and partnership API: the same services and rules as the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from mentorweb.api.services import token_create
from mentorweb.api.tests.conftest import ApiCaller
from mentorweb.matching.models import MatchRun, Proposal, ProposalStatus, RunStatus
from mentorweb.matching.services import decision_record, run_publish
from mentorweb.matching.tests.world import small_pool, succeeded_run
from mentorweb.partnerships.models import Partnership, PartnershipStatus

pytestmark = pytest.mark.django_db


def api(user) -> ApiCaller:
    """Calls the API with a personal access token of `user`."""
    return ApiCaller(client=Client(), token=token_create(user=user, name="tests", expires_at=None)[1])


@pytest.fixture
def api_as(personas):
    return lambda name: api(getattr(personas, name))


def org_path(pool) -> str:
    return f"/organizations/{pool.offering.program.organization.slug}"


def test_start_a_run_and_follow_its_progress(personas, api_as, django_capture_on_commit_callbacks):
    pool = small_pool(personas.org)
    admin = api_as("admin")
    with django_capture_on_commit_callbacks(execute=True):
        started = admin("POST", f"{org_path(pool)}/offerings/{pool.offering.pk}/match-runs", {"objective": "score"})
    assert started.status_code == 201, started.content
    assert started.json()["objective"] == "score"
    run_id = started.json()["id"]
    run = admin("GET", f"{org_path(pool)}/match-runs/{run_id}").json()
    assert (run["status"], run["progress"], run["progress_step"], run["n_pairs"]) == ("succeeded", 100, "done", 2)
    assert run["progress_message"] == "Done"
    listed = admin("GET", f"{org_path(pool)}/offerings/{pool.offering.pk}/match-runs").json()
    assert [item["id"] for item in listed["items"]] == [run_id]
    again = admin("POST", f"{org_path(pool)}/offerings/{pool.offering.pk}/match-runs", {})
    assert again.status_code == 201
    refused = admin("POST", f"{org_path(pool)}/offerings/{pool.offering.pk}/match-runs", {})
    assert refused.status_code == 400 and refused.json()["code"] == "conflict"
    bad = admin("POST", f"{org_path(pool)}/offerings/{pool.offering.pk}/match-runs", {"objective": "speed"})
    assert bad.status_code == 422 and bad.json()["field"] == "objective"


def test_proposals_decisions_and_publishing(personas, api_as, django_capture_on_commit_callbacks, mailoutbox):
    pool = small_pool(personas.org)
    run = succeeded_run(pool.offering, list(zip(pool.mentees, pool.mentors, strict=True)))
    staff = api_as("staff")
    proposals = staff("GET", f"{org_path(pool)}/match-runs/{run.pk}/proposals").json()["items"]
    assert {p["mentee"] for p in proposals} == {"Ada Lovelace", "Cy Young"}
    first = proposals[0]["id"]
    one = staff("GET", f"{org_path(pool)}/proposals/{first}").json()
    assert one["components"] == {"needs": 1.0}
    missing = staff("POST", f"{org_path(pool)}/proposals/{first}/decisions", {"kind": "approve", "rationale": ""})
    assert missing.status_code == 422 and missing.json()["field"] == "rationale"
    decided = staff("POST", f"{org_path(pool)}/proposals/{first}/decisions", {"kind": "approve", "rationale": "Fits."})
    assert decided.status_code == 201 and decided.json()["kind"] == "approve"
    assert Proposal.objects.get(pk=first).status == ProposalStatus.APPROVED
    history = staff("GET", f"{org_path(pool)}/proposals/{first}/decisions").json()
    assert [d["rationale"] for d in history] == ["Fits."]
    filtered = staff("GET", f"{org_path(pool)}/match-runs/{run.pk}/proposals?status=approved").json()["items"]
    assert [p["id"] for p in filtered] == [first]
    with django_capture_on_commit_callbacks(execute=True):
        published = staff("POST", f"{org_path(pool)}/match-runs/{run.pk}/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert Partnership.objects.count() == 1
    assert len(mailoutbox) == 2
    again = staff("POST", f"{org_path(pool)}/match-runs/{run.pk}/publish")
    assert again.status_code == 400


def test_export_and_import(personas, api_as):
    pool = small_pool(personas.org)
    ada = pool.mentees[0]
    bea = pool.mentors[0]
    admin = api_as("admin")
    exported = admin("GET", f"{org_path(pool)}/offerings/{pool.offering.pk}/match-pool")
    assert exported.status_code == 200
    assert {m["id"] for m in exported.json()["mentees"]} == {str(m.pk) for m in pool.mentees}
    path = f"{org_path(pool)}/offerings/{pool.offering.pk}/match-results"
    wrong = admin("POST", path, {"pairs": [{"mentee": "77777", "mentor": str(bea.pk), "score": 1}]})
    assert wrong.status_code == 400
    assert wrong.json()["field"] == "body"
    assert wrong.json()["detail"].startswith("pairs[0].mentee: 77777")
    assert not MatchRun.objects.exists()
    done = admin("POST", path, {"pairs": [{"mentee": str(ada.pk), "mentor": str(bea.pk), "score": 2.5}]})
    assert done.status_code == 201
    assert done.json()["source"] == "import" and done.json()["status"] == RunStatus.SUCCEEDED


def test_another_organization_is_a_404_for_every_operation(personas, api_as):
    pool = small_pool(personas.other_org)
    run = succeeded_run(pool.offering, [(pool.mentees[0], pool.mentors[0])])
    proposal = run.proposals.get()
    admin = api_as("admin")
    for slug in (personas.other_org.slug, personas.org.slug):
        base = f"/organizations/{slug}"
        for method, path in (
            ("GET", f"{base}/offerings/{pool.offering.pk}/match-runs"),
            ("POST", f"{base}/offerings/{pool.offering.pk}/match-runs"),
            ("GET", f"{base}/offerings/{pool.offering.pk}/match-pool"),
            ("GET", f"{base}/match-runs/{run.pk}"),
            ("POST", f"{base}/match-runs/{run.pk}/publish"),
            ("GET", f"{base}/proposals/{proposal.pk}"),
            ("GET", f"{base}/proposals/{proposal.pk}/decisions"),
        ):
            assert admin(method, path, {} if method == "POST" else None).status_code == 404, path


def test_my_partnerships_and_my_answer(personas, api_as):
    pool = small_pool(personas.org, shared_fields=["name", "languages"])
    ada, cy = pool.mentees
    bea = pool.mentors[0]
    run = succeeded_run(pool.offering, [(ada, bea)])
    proposal = run.proposals.get()
    decision_record(
        actor=personas.admin,
        offering=pool.offering,
        mentee=ada,
        mentor=bea,
        kind="approve",
        rationale="Fits.",
        proposal=proposal,
    )
    run_publish(actor=personas.admin, run=run)
    partnership = Partnership.objects.get()
    mine = api(ada.person.user)
    listed = mine("GET", "/partnerships").json()["items"]
    assert [p["id"] for p in listed] == [partnership.pk]
    one = mine("GET", f"/partnerships/{partnership.pk}").json()
    assert one["role"] == "mentee" and one["my_response"] == "pending"
    assert one["partner"] == [
        {"field": "name", "label": "Name", "value": "Bea Arthur"},
        {"field": "languages", "label": "Languages of service", "value": "English"},
    ]
    # Anyone else's partnership is a 404, the program's staff included.
    assert api(cy.person.user)("GET", f"/partnerships/{partnership.pk}").status_code == 404
    assert api(personas.admin)("POST", f"/partnerships/{partnership.pk}/respond", {"accept": True}).status_code == 404
    assert api(cy.person.user)("GET", "/partnerships").json()["items"] == []
    no_reason = mine("POST", f"/partnerships/{partnership.pk}/respond", {"accept": False})
    assert no_reason.status_code == 400 and no_reason.json()["field"] == "reason"
    accepted = mine("POST", f"/partnerships/{partnership.pk}/respond", {"accept": True})
    assert accepted.status_code == 200 and accepted.json()["my_response"] == "accepted"
    declined = api(bea.person.user)(
        "POST", f"/partnerships/{partnership.pk}/respond", {"accept": False, "reason": "Ill."}
    )
    assert declined.status_code == 200 and declined.json()["status"] == PartnershipStatus.DECLINED
    assert declined.json()["role"] == "mentor"
