"""The mentorweb-match command: a file or standard input in, the result JSON out, status 2 on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tomllib
from importlib import import_module
from pathlib import Path

import pytest

from mentorweb.matching.engine.cli import main

ROOT = Path(__file__).resolve().parents[3]
INSTANCE = {
    "objective": "participation",
    "max_pairs": None,
    "mentees": [{"id": "e-1"}, {"id": "e-2"}, {"id": "e-3"}],
    "mentors": [{"id": "m-1", "capacity": 1}, {"id": "m-2", "capacity": 1}],
    "candidates": [
        {"mentee": "e-1", "mentor": "m-1", "score": 12.5, "components": {"needs": 9.0, "ranking": 3.5}},
        {"mentee": "e-2", "mentor": "m-1", "score": 7.0, "components": {"needs": 7.0}},
        {"mentee": "e-2", "mentor": "m-2", "score": 2.0, "components": {"needs": 2.0}},
    ],
    "locked": [["e-1", "m-1"]],
    "excluded": [],
}
EXPECTED = {
    "objective": "participation",
    "max_pairs": None,
    "matched": 2,
    "total_score": 14.5,
    "pairs": [
        {"mentee": "e-1", "mentor": "m-1", "score": 12.5, "components": {"needs": 9.0, "ranking": 3.5}, "locked": True},
        {"mentee": "e-2", "mentor": "m-2", "score": 2.0, "components": {"needs": 2.0}, "locked": False},
    ],
    "unmatched": [{"mentee": "e-3", "reason": "no_candidates", "detail": "no eligible mentor"}],
}


def test_solves_a_file(tmp_path, capsys):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(INSTANCE), encoding="utf-8")
    assert main([str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == EXPECTED


def test_reads_standard_input_with_a_dash(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(INSTANCE)))
    assert main(["-", "--compact"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert json.loads(out) == EXPECTED


def test_malformed_input_exits_2_naming_the_problem(tmp_path, capsys):
    bad = json.loads(json.dumps(INSTANCE))
    bad["candidates"][2]["mentor"] = "m-17"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "mentorweb-match: error: candidates[2].mentor: unknown mentor 'm-17'\n"


def test_a_missing_file_exits_2(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_file_that_is_not_utf8_exits_2(tmp_path, capsys):
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"mentees": ["\xe9"]}')
    assert main([str(path)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_no_argument_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        main([])
    assert stopped.value.code == 2
    assert "usage: mentorweb-match" in capsys.readouterr().err


def test_runs_as_a_module_in_a_fresh_process():
    bad = json.dumps({**INSTANCE, "objective": "fairness"})
    good = subprocess.run(
        [sys.executable, "-m", "mentorweb.matching.engine", "-"],
        input=json.dumps(INSTANCE),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout) == EXPECTED
    refused = subprocess.run(
        [sys.executable, "-m", "mentorweb.matching.engine", "-"],
        input=bad,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert refused.returncode == 2
    assert "objective: must be 'participation' or 'score', not 'fairness'" in refused.stderr


def test_the_console_script_points_at_main():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = project["project"]["scripts"]["mentorweb-match"]
    module, _, name = target.partition(":")
    assert getattr(import_module(module), name) is main
