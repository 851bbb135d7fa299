"""`balgraph validate`: report formats, profiles and progress on large input."""

from __future__ import annotations

import json
from pathlib import Path

import rdflib
from rdflib.namespace import SH

from .support import run_balgraph

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"
ROLE_STANDARD = str(FIXTURES / "conforming" / "role-standard.ttl")
SKILLS_SET = str(FIXTURES / "conforming" / "skills-set.ttl")
KEY_SKILLS = str(FIXTURES / "violating" / "key-skill.ttl")


def test_text_report_groups_results_under_resource_labels():
    result = run_balgraph("validate", "--lang", "en", KEY_SKILLS)

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    heading = lines.index("two-placements <https://w3id.org/balgraph/id/key-skill/fixture/two-placements>")
    assert lines[heading + 1].startswith("  [Violation] number of placements: A key skill must have exactly one")
    assert "      value: retail <https://w3id.org/balgraph/id/sector/retail>" in result.stdout


def test_turtle_format_is_the_standard_shacl_report():
    result = run_balgraph("validate", "--format", "turtle", KEY_SKILLS)
    report = rdflib.Graph().parse(data=result.stdout, format="turtle")

    assert result.returncode == 1
    assert (None, SH.conforms, rdflib.Literal(False)) in report
    assert len(list(report.objects(None, SH.result))) == 21


def test_json_format_counts_and_groups_results():
    result = run_balgraph("validate", "--format", "json", "--lang", "nb", KEY_SKILLS)
    report = json.loads(result.stdout)

    assert report["conforms"] is False
    assert report["language"] == "nb"
    assert report["violations"] == 20
    assert report["warnings"] == 1
    assert report["summary"].startswith("Dataene er ikke i samsvar med formene.")


def test_html_format_writes_a_page_to_the_output_file(tmp_path):
    page = tmp_path / "report.html"
    result = run_balgraph("validate", "--format", "html", "--lang", "en", "--output", str(page), KEY_SKILLS)

    assert result.returncode == 1
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<h1>Validation report</h1>" in html


def test_profile_checks_the_kind_of_submission():
    fitting = run_balgraph("validate", "--profile", "role-standard", ROLE_STANDARD)
    unfitting = run_balgraph("validate", "--profile", "role-standard", SKILLS_SET)

    assert fitting.returncode == 0, fitting.stdout
    assert unfitting.returncode == 2
    assert "the profile role-standard checks a bal:SkillsStandard, but the data holds none" in unfitting.stderr


def test_profile_leaves_out_resources_of_other_kinds():
    result = run_balgraph("validate", "--format", "json", "--profile", "skills-set", KEY_SKILLS)
    report = json.loads(result.stdout)

    checked = {resource["iri"].rsplit("/", 1)[-1] for resource in report["resources"]}
    assert "claim-without-evidence" in checked
    assert not any(iri.startswith("fixture-") for iri in checked)


def test_large_input_shows_progress(tmp_path):
    big = tmp_path / "big.nt"
    with big.open("w") as out:
        for number in range(45_000):
            out.write(f'<http://example.org/thing/{number}> <http://example.org/name> "thing number {number}" .\n')

    result = run_balgraph("validate", str(big), str(FIXTURES / "conforming" / "skills-set.ttl"))

    assert result.returncode == 0, result.stderr
    assert "validate: read 1 of 2 files" in result.stderr
    assert "validate: validating 450" in result.stderr
    assert "validate: validated in" in result.stderr


def test_small_input_shows_no_progress():
    result = run_balgraph("validate", SKILLS_SET)

    assert result.returncode == 0
    assert result.stderr == ""
