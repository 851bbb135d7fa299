"""`balgraph match` and `balgraph rank` on the bundled data, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib

from .support import PROJECT, run_balgraph

ID = "https://w3id.org/balgraph/id/"
BAL = rdflib.Namespace("https://w3id.org/balgraph/ontology#")
DATA_FILES = sorted(str(p) for folder in ("standards", "skills-sets", "education")
                    for p in (PROJECT / "data" / folder).glob("*.ttl"))
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
WEIGHTS = {SKOS.exactMatch: 1.0, SKOS.closeMatch: 0.8, SKOS.broadMatch: 0.6, SKOS.narrowMatch: 0.6,
           SKOS.relatedMatch: 0.4}


def exactness(key_skill: str, esco_skill: str) -> float:
    """Read the weight of one ESCO link from the data files, as the matching definition gives it."""
    graph = rdflib.Graph()
    for path in DATA_FILES:
        graph.parse(path)
    weights = [WEIGHTS[p] for p in graph.predicates(rdflib.URIRef(key_skill), rdflib.URIRef(esco_skill))
               if p in WEIGHTS]
    return max(weights, default=0.8)


def match_json(store: Path, source: str, target: str) -> dict:
    result = run_balgraph("--store", str(store), "match", source, target, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_full_match_covers_every_key_skill(built_store):
    report = match_json(built_store, "person/ekorn", "role/sound-technician")

    assert report["counts"] == {"covered": 7, "partly-covered": 0, "missing": 0, "beyond": 0}
    assert report["target"]["iri"] == ID + "standard/sound-technician"
    for item in report["items"]:
        link = item["link"]
        expected = (exactness(item["target_key_skill"]["iri"], link["esco_skill"])
                    * exactness(item["matched_key_skill"]["iri"], link["esco_skill"]))
        assert link["strength"] == round(expected, 3), item["target_key_skill"]["iri"]
        assert item["score"] == link["strength"]  # every outcome is met, so the score is the strength
    assert report["coverage"] == pytest.approx(sum(i["score"] for i in report["items"]) / 7, abs=0.002)


def test_partial_match_names_what_is_missing_and_lower(built_store):
    report = match_json(built_store, "skills-set/bever", "role/lighting-technician")
    items = {item["target_key_skill"]["iri"].rsplit("/", 1)[-1]: item for item in report["items"]}

    assert report["counts"] == {"covered": 1, "partly-covered": 2, "missing": 4, "beyond": 1}
    assert items["designer-dialogue"]["status"] == "missing"
    desk = items["desk-programming"]
    assert desk["status"] == "partly-covered"
    assert [(o["level"], o["source_level"], o["status"]) for o in desk["outcomes"]] == [
        ("5.2", "5.1", "lower-level"), ("5.2", "5.2", "met"), ("5.2", None, "missing")]
    # Knowledge lower (0.5), skills met (1), general competence missing (0): mean credit 0.5.
    control_signals = "http://data.europa.eu/esco/skill/40c815cd-30a2-42e5-a549-bf9017cb6df3"
    assert desk["link"]["esco_skill"] == control_signals
    strength = exactness(ID + "key-skill/lighting-technician/desk-programming", control_signals) * 1.0
    assert desk["score"] == round(strength * 0.5, 3)
    assert "Knowledge at level 5.1 where the target asks for 5.2." in desk["reason"]["en"]
    assert "Missing general competence (5.2)." in desk["reason"]["en"]
    assert report["beyond"][0]["matched_key_skill"]["iri"] == ID + "key-skill/bever/customer-advice"
    assert report["coverage"] == pytest.approx(sum(i["score"] for i in report["items"]) / 7, abs=0.002)


def test_over_qualified_match_reports_levels_above_and_beyond(built_store):
    report = match_json(built_store, "person/oter", "role/sales-associate")

    assert report["counts"]["covered"] == 8
    assert report["counts"]["missing"] == 0
    assert report["counts"]["beyond"] == 2
    assert report["outcomes_above_level"] == 24


def test_education_standard_covers_parts_of_each_stage_role(built_store):
    for role in ("sound-technician", "lighting-technician", "stage-technician", "av-technician"):
        report = match_json(built_store, "education-standard/stage-technical-production", f"role/{role}")
        assert report["counts"]["covered"] >= 2, role
        assert report["counts"]["missing"] >= 1, role
        assert 0.3 < report["coverage"] < 0.7, role


def test_role_against_role_shows_mobility(built_store):
    report = match_json(built_store, "role/sound-technician", "role/lighting-technician")
    missing = [i["target_key_skill"]["iri"] for i in report["items"] if i["status"] == "missing"]

    assert missing == [ID + "key-skill/lighting-technician/designer-dialogue"]


def test_text_output_reads_as_a_gap_list(built_store):
    result = run_balgraph("--store", str(built_store), "match", "skills-set/fjellrev", "role/stage-technician",
                          "--lang", "nb")

    assert result.returncode == 0, result.stderr
    assert "Kompetansesett for Fjellrev (eksempel) mot Kompetansestandard for scenetekniker" in result.stdout
    assert "[delvis dekket] Rigging og trekk" in result.stdout
    assert "på nivå 5.1 der målet krever 5.2" in result.stdout


def test_turtle_report_conforms_to_the_shapes(built_store, tmp_path):
    result = run_balgraph("--store", str(built_store), "match", "skills-set/bever", "role/lighting-technician",
                          "--format", "ttl")
    assert result.returncode == 0, result.stderr
    report = tmp_path / "report.ttl"
    report.write_text(result.stdout)

    graph = rdflib.Graph().parse(report)
    assert len(list(graph.subjects(rdflib.RDF.type, BAL.MatchReport))) == 1
    assert len(list(graph.subjects(rdflib.RDF.type, BAL.MatchItem))) == 8
    validation = run_balgraph("validate", str(report), *DATA_FILES)
    assert validation.returncode == 0, validation.stdout + validation.stderr


def test_rank_puts_each_persons_own_role_first(built_store):
    for person, role in (("ekorn", "sound-technician"), ("bever", "lighting-technician"),
                         ("fjellrev", "stage-technician"), ("oter", "sales-associate")):
        result = run_balgraph("--store", str(built_store), "rank", f"person/{person}", "--format", "json")
        assert result.returncode == 0, result.stderr
        ranking = json.loads(result.stdout)
        assert ranking[0]["target"]["role"] == ID + f"role/{role}", person
        coverages = [entry["coverage"] for entry in ranking]
        assert coverages == sorted(coverages, reverse=True)


def test_rank_for_a_role_lists_education_standards(built_store):
    result = run_balgraph("--store", str(built_store), "rank", "role/stage-technician")

    assert result.returncode == 0, result.stderr
    assert "Education standards that cover Skills standard for stage technician" in result.stdout
    assert "1. Stage technical production" in result.stdout


def test_rank_can_be_limited_to_a_sector(built_store):
    result = run_balgraph("--store", str(built_store), "rank", "person/oter", "--sector", "sector/retail",
                          "--format", "json")
    ranking = json.loads(result.stdout)

    assert [entry["target"]["iri"] for entry in ranking] == [ID + "standard/sales-associate",
                                                             ID + "standard/store-manager"]


def test_files_can_be_compared_without_a_build(tmp_path):
    person = PROJECT / "data" / "skills-sets" / "ekorn.ttl"
    standard = PROJECT / "data" / "standards" / "sound-technician.ttl"

    result = run_balgraph("--store", str(tmp_path / "no-store"), "match", str(person), str(standard),
                          "--format", "json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["counts"]["covered"] == 7


def test_unknown_iri_exits_2_with_the_fix(built_store):
    result = run_balgraph("--store", str(built_store), "match", "skills-set/nobody", "role/sound-technician")

    assert result.returncode == 2
    assert "https://w3id.org/balgraph/id/skills-set/nobody is not in the published graph" in result.stderr
    assert "run `balgraph build`" in result.stderr


def test_iri_of_something_without_key_skills_exits_2(built_store):
    result = run_balgraph("--store", str(built_store), "match", "sector/retail", "role/sound-technician")

    assert result.returncode == 2
    assert "has no key skills to compare" in result.stderr


def test_file_without_a_description_exits_2(built_store, tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")

    result = run_balgraph("--store", str(built_store), "match", str(empty), "role/sound-technician")

    assert result.returncode == 2
    assert f"{empty}: the file has no skills standard" in result.stderr


@pytest.mark.parametrize(("readme", "lang"), [("README.md", "en"), ("README.nb.md", "nb")])
def test_readme_shows_the_real_gap_output(built_store, readme, lang):
    text = (PROJECT / readme).read_text(encoding="utf-8")
    start = text.index("match skills-set/bever role/lighting-technician")
    block = text[text.index("```text\n", start) + len("```text\n"):]
    block = block[:block.index("```")]
    result = run_balgraph("--store", str(built_store), "match", "skills-set/bever", "role/lighting-technician",
                          "--lang", lang)

    shown = [line.split("…")[0].rstrip() for line in block.splitlines() if line.split("…")[0].strip()]
    assert len(shown) >= 4
    for line in shown:
        assert line in result.stdout, line
