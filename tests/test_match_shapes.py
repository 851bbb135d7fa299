"""The match report shapes accept a real report and catch reports that contradict themselves."""

from __future__ import annotations

import pytest

from .support import PROJECT, run_balgraph

DATA_FILES = [str(p) for folder in ("standards", "skills-sets", "education")
              for p in sorted((PROJECT / "data" / folder).glob("*.ttl"))]
STATUS = "https://w3id.org/balgraph/id/match-status/"


@pytest.fixture(scope="module")
def report_turtle(built_store) -> str:
    result = run_balgraph("--store", str(built_store), "match", "skills-set/bever", "role/lighting-technician",
                          "--format", "nt")
    assert result.returncode == 0, result.stderr
    return result.stdout


def validate(tmp_path, text: str):
    path = tmp_path / "report.nt"
    path.write_text(text)
    return run_balgraph("validate", str(path), *DATA_FILES, "--lang", "en")


def test_report_conforms(report_turtle, tmp_path):
    result = validate(tmp_path, report_turtle)

    assert result.returncode == 0, result.stdout


# Each change breaks a different item of the report, so one validation checks every rule.
CONTRADICTIONS = [
    (f"<{STATUS}missing>", f"<{STATUS}covered>", "must have bal:matchedKeySkill"),
    (f"<{STATUS}partly-covered>", f"<{STATUS}covered>", "cannot have bal:missingOutcome"),
    (f"<{STATUS}partly-covered>", f"<{STATUS}missing>", "cannot have bal:matchedKeySkill"),
    (f"<{STATUS}beyond>", f"<{STATUS}covered>", "must have one bal:targetKeySkill and one bal:score"),
    (f"<{STATUS}missing>", f"<{STATUS}unknown>", "exactly one bal:matchStatus"),
    ('#coverage> "0.', '#coverage> "1.', "exactly one bal:coverage, an xsd:decimal from 0 to 1"),
]


def test_contradicting_report_is_rejected(report_turtle, tmp_path):
    broken = report_turtle
    for old, new, _ in CONTRADICTIONS:
        assert old in broken, old
        broken = broken.replace(old, new, 1)

    result = validate(tmp_path, broken)

    assert result.returncode == 1
    for _, _, message in CONTRADICTIONS:
        assert message in result.stdout, message
