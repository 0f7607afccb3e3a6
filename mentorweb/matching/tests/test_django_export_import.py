"""The pool exported in the mentorweb-match format, and a result imported back as a run."""

from __future__ import annotations

import copy
import json

import pytest

from mentorweb.core.errors import DomainError
from mentorweb.matching import engine
from mentorweb.matching.engine.cli import main as cli_main
from mentorweb.matching.models import Decision, MatchRun, PairRule, Proposal, RunStatus, Unmatched
from mentorweb.matching.services import pool_export, result_import, run_start
from mentorweb.matching.tests.world import mentee, small_pool, succeeded_run
from mentorweb.registrations.models import Conflict, Registration

pytestmark = pytest.mark.django_db


def solved(instance: dict, capsys) -> dict:
    """Run the command-line tool on the exported instance, as an advisory team would."""
    import io
    import sys

    stdin = sys.stdin
    sys.stdin = io.StringIO(json.dumps(instance))
    try:
        assert cli_main(["-", "--compact"]) == 0
    finally:
        sys.stdin = stdin
    return json.loads(capsys.readouterr().out)


def test_the_export_is_an_instance_of_the_pool(personas):
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    decision = Decision.objects.create(
        offering=pool.offering, mentee=cy, mentor=bea, kind="exclude", rationale="No", author=None
    )
    PairRule.objects.create(offering=pool.offering, mentee=cy, mentor=bea, kind="exclude", decision=decision)
    data = pool_export(pool.offering)
    assert data["objective"] == "participation"
    assert data["max_pairs"] == 40
    assert data["mentees"] == [{"id": str(ada.pk)}, {"id": str(cy.pk)}]
    assert data["mentors"] == [{"id": str(bea.pk), "capacity": 1}, {"id": str(dee.pk), "capacity": 1}]
    assert data["excluded"] == [[str(cy.pk), str(bea.pk)]]
    candidate = next(c for c in data["candidates"] if c["mentee"] == str(ada.pk) and c["mentor"] == str(bea.pk))
    assert candidate["components"]["needs"] == pytest.approx(3.0)
    # The engine reads it back as it is.
    assert engine.instance_from_dict(json.loads(json.dumps(data))).n_mentees == 2


def test_a_result_from_the_command_line_becomes_a_run_ready_for_review(personas, capsys):
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    earlier = succeeded_run(pool.offering, [(ada, dee)])
    loner = mentee(pool.offering, "Lou French", answers={"languages": ["fr"]})
    result = solved(pool_export(pool.offering), capsys)

    run = result_import(actor=personas.admin, offering=pool.offering, data=result)

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert run.parameters["source"] == "import"
    assert run.n_pairs == 2 and run.n_mentees == 3
    assert {(p.mentee_id, p.mentor_id) for p in Proposal.objects.filter(run=run)} == {(ada.pk, bea.pk), (cy.pk, dee.pk)}
    assert run.total_score == pytest.approx(result["total_score"])
    assert Unmatched.objects.get(run=run).mentee == loner
    earlier.refresh_from_db()
    assert earlier.status == RunStatus.SUPERSEDED


def test_a_mentee_missing_from_the_result_is_recorded_unmatched(personas):
    pool = small_pool(personas.org)
    ada = pool.mentees[0]
    bea = pool.mentors[0]
    run = result_import(
        actor=personas.admin,
        offering=pool.offering,
        data={"pairs": [{"mentee": str(ada.pk), "mentor": str(bea.pk), "score": 4.0}]},
    )
    assert Unmatched.objects.get(run=run).reason_code == "not_in_result"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d, ids: d["pairs"][1].update(mentee="999999"), "pairs[1].mentee: 999999 is not a mentee"),
        (lambda d, ids: d["pairs"][0].update(mentor="abc"), "pairs[0].mentor: abc is not a mentor"),
        (lambda d, ids: d["pairs"][1].update(mentor=ids["bea"]), "pairs[1]: Bea Arthur would have more mentees"),
        (lambda d, ids: d["pairs"][1].update(mentee=ids["ada"]), "pairs[1]: Ada Lovelace is paired more than once"),
        (lambda d, ids: d["pairs"][0].update(score="high"), "pairs[0].score: must be a number"),
        (lambda d, ids: d.update(pairs="all"), "pairs: must be a list"),
        (lambda d, ids: d["unmatched"].append({"mentee": ids["ada"], "reason": "over_cap"}), "unmatched[0]: Ada"),
        (
            lambda d, ids: (d["pairs"].pop(0), d["unmatched"].append({"mentee": ids["ada"], "reason": "bored"})),
            "unmatched[0].reason: must be one of",
        ),
    ],
)
def test_a_result_that_does_not_fit_the_pool_is_refused_naming_the_row(personas, change, message):
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    data = {
        "pairs": [
            {"mentee": str(ada.pk), "mentor": str(bea.pk), "score": 4.0},
            {"mentee": str(cy.pk), "mentor": str(dee.pk), "score": 4.0},
        ],
        "unmatched": [],
    }
    broken = copy.deepcopy(data)
    change(broken, {"ada": str(ada.pk), "bea": str(bea.pk)})
    with pytest.raises(DomainError) as error:
        result_import(actor=personas.admin, offering=pool.offering, data=broken)
    assert error.value.field == "file"
    assert message in error.value.message
    assert not MatchRun.objects.exists()
    assert not Proposal.objects.exists()


def test_an_imported_pair_must_respect_the_rules(personas):
    pool = small_pool(personas.org, max_partnerships=1)
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    Conflict.objects.create(mentee=ada, mentor=bea, kind="evaluates")
    bad = {"pairs": [{"mentee": str(ada.pk), "mentor": str(bea.pk), "score": 1}]}
    with pytest.raises(DomainError) as error:
        result_import(actor=personas.admin, offering=pool.offering, data=bad)
    assert error.value.message == (
        "pairs[0]: Ada Lovelace and Bea Arthur cannot be paired: there is a conflict of interest."
    )
    too_many = {
        "pairs": [
            {"mentee": str(ada.pk), "mentor": str(dee.pk), "score": 1},
            {"mentee": str(cy.pk), "mentor": str(bea.pk), "score": 1},
        ]
    }
    with pytest.raises(DomainError) as error:
        result_import(actor=personas.admin, offering=pool.offering, data=too_many)
    assert "more than the 1 partnerships" in error.value.message
    assert not MatchRun.objects.exists()


def test_a_locked_pair_must_be_in_the_result(personas):
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    decision = Decision.objects.create(offering=pool.offering, mentee=ada, mentor=dee, kind="lock", rationale="x")
    PairRule.objects.create(offering=pool.offering, mentee=ada, mentor=dee, kind="lock", decision=decision)
    with pytest.raises(DomainError) as error:
        result_import(
            actor=personas.admin,
            offering=pool.offering,
            data={"pairs": [{"mentee": str(cy.pk), "mentor": str(bea.pk), "score": 1}]},
        )
    assert error.value.message == "pairs: the locked pair Ada Lovelace – Dee Snider is missing."


def test_no_import_while_a_run_is_under_way_and_not_for_a_member(personas):
    pool = small_pool(personas.org)
    data = {"pairs": []}
    with pytest.raises(DomainError) as error:
        result_import(actor=personas.member, offering=pool.offering, data=data)
    assert error.value.code == "forbidden"
    run_start(actor=personas.admin, offering=pool.offering)
    with pytest.raises(DomainError) as error:
        result_import(actor=personas.admin, offering=pool.offering, data=data)
    assert error.value.code == "conflict"
    assert MatchRun.objects.count() == 1
    assert Registration.objects.count() == 4
