"""ESCO at full scale: every file kind, several languages, zip files, the dump, changes, an endpoint, suggestions."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import rdflib
import rdflib.compare
import requests
import yaml
from rdflib.namespace import SKOS

from balgraph.namespaces import ESCO
from balgraph.services.esco import import_esco, read_esco
from balgraph.services.suggest import load_documents, precision_at, suggest

from .support import PROJECT, free_port, run_balgraph

DATA = Path(__file__).parent / "data"
MINI = DATA / "esco-mini"
DUMP = DATA / "esco-v1.2.0-dump.ttl"
STAGE_HAND = rdflib.URIRef("http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-000000000001")
MOVE_SCENERY = rdflib.URIRef("http://data.europa.eu/esco/skill/00000000-0000-4000-8000-0000000000a2")
WORK_IN_TEAMS = rdflib.URIRef("http://data.europa.eu/esco/skill/00000000-0000-4000-8000-0000000000a1")
STAGE_ROLES = ("sound-technician", "lighting-technician", "av-technician", "stage-technician")


def test_every_reference_file_is_read(esco_reference, tmp_path):
    summary = import_esco(esco_reference, tmp_path / "esco.ttl")
    assert sorted(summary.files_read) == sorted(p.name for p in esco_reference.glob("*.csv"))
    assert summary.version == "1.2.0"
    graph = rdflib.Graph().parse(tmp_path / "esco.ttl")
    assert (rdflib.URIRef("http://data.europa.eu/esco/"), rdflib.OWL.versionInfo, rdflib.Literal("1.2.0")) in graph


def test_skills_and_relations_files_in_two_languages(tmp_path):
    import_esco(MINI, tmp_path / "esco.ttl", version="1.2.0")
    graph = rdflib.Graph().parse(tmp_path / "esco.ttl")

    assert (WORK_IN_TEAMS, SKOS.prefLabel, rdflib.Literal("arbeide i team", lang="no")) in graph
    assert (WORK_IN_TEAMS, SKOS.prefLabel, rdflib.Literal("work in teams", lang="en")) in graph
    assert (STAGE_HAND, ESCO.relatedEssentialSkill, MOVE_SCENERY) in graph
    assert (MOVE_SCENERY, SKOS.related, None) in graph
    assert (WORK_IN_TEAMS, ESCO.skillReuseLevel,
            rdflib.URIRef("http://data.europa.eu/esco/skill-reuse-level/transversal")) in graph


def test_language_filter_keeps_only_chosen_languages(tmp_path):
    summary = import_esco(MINI, tmp_path / "esco.ttl", languages={"no"})
    graph = rdflib.Graph().parse(tmp_path / "esco.ttl")
    assert summary.languages == ("no",)
    assert not [o for o in graph.objects(None, SKOS.prefLabel) if o.language == "en"]


def test_zip_download_gives_the_same_graph_as_the_folder(tmp_path):
    archive = tmp_path / "ESCO dataset - v1.2.0 - classification - csv.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in MINI.glob("*.csv"):
            handle.write(path, f"esco/{path.name}")
    from_zip = import_esco(archive, tmp_path / "zip.ttl")
    import_esco(MINI, tmp_path / "folder.ttl", version="1.2.0")

    assert from_zip.version == "1.2.0"
    assert rdflib.compare.isomorphic(rdflib.Graph().parse(tmp_path / "zip.ttl"),
                                     rdflib.Graph().parse(tmp_path / "folder.ttl"))


def test_dump_gives_descriptions_and_relations_in_esco_model(tmp_path):
    summary = import_esco(DUMP, tmp_path / "dump.ttl", languages={"en", "no"})
    graph = rdflib.Graph().parse(tmp_path / "dump.ttl")

    assert summary.version == "1.2.0"
    assert (STAGE_HAND, rdflib.DCTERMS.description,
            rdflib.Literal("Scenearbeidere flytter kulisser og rekvisitter under forestillinger.", lang="no")) in graph
    assert (STAGE_HAND, ESCO.relatedEssentialSkill, MOVE_SCENERY) in graph
    assert (STAGE_HAND, ESCO.relatedOptionalSkill,
            rdflib.URIRef("http://data.europa.eu/esco/skill/00000000-0000-4000-8000-0000000000a3")) in graph
    assert not [o for o in graph.objects(STAGE_HAND, SKOS.prefLabel) if o.language == "de"]


def test_reimport_of_new_version_records_changes(tmp_path):
    output = tmp_path / "esco.ttl"
    import_esco(MINI, output, version="1.1.1")
    newer = tmp_path / "esco-1.2.0"
    shutil.copytree(MINI, newer)
    skills = newer / "skills_en.csv"
    skills.write_text(skills.read_text(encoding="utf-8").replace("move scenery,", "move stage scenery,"), encoding="utf-8")

    result = run_balgraph("esco", "import", str(newer), "--output", str(output))

    assert result.returncode == 0, result.stderr
    assert "read skills_en.csv: 3 rows" in result.stderr
    assert "ESCO 1.1.1 -> 1.2.0" in result.stdout
    record = (tmp_path / "esco-changes-1.1.1-to-1.2.0.csv").read_text(encoding="utf-8")
    assert f'changed,{MOVE_SCENERY},http://www.w3.org/2004/02/skos/core#prefLabel,"""move scenery""@en","""move stage scenery""@en"' in record


@pytest.fixture(scope="module")
def esco_endpoint(tmp_path_factory):
    """An Oxigraph SPARQL server on loopback holding the small ESCO dump."""
    location = tmp_path_factory.mktemp("oxigraph")
    binary = str(Path(sys.executable).parent / "oxigraph")
    subprocess.run([binary, "load", "--location", str(location), "--file", str(DUMP)], check=True,
                   capture_output=True)
    port = free_port()
    process = subprocess.Popen([binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(10)


def test_endpoint_import_equals_dump_import(esco_endpoint, tmp_path):
    result = run_balgraph("esco", "import", "--endpoint", esco_endpoint, "--output", str(tmp_path / "ep.ttl"),
                          "--esco-version", "1.2.0")
    assert result.returncode == 0, result.stderr
    import_esco(DUMP, tmp_path / "dump.ttl")
    assert rdflib.compare.isomorphic(rdflib.Graph().parse(tmp_path / "ep.ttl"),
                                     rdflib.Graph().parse(tmp_path / "dump.ttl"))


def test_suggester_reads_the_endpoint(esco_endpoint, tmp_path):
    source = tmp_path / "standard.yaml"
    source.write_text(yaml.safe_dump({
        "kind": "skills-standard", "id": "stagehand", "label": {"nb": "Scenearbeider", "en": "Stage hand"},
        "role": {"id": "stagehand", "label": {"nb": "Scenearbeider", "en": "Stage hand"}},
        "key_skills": [{"id": "scenery", "label": {"nb": "Flytte kulisser", "en": "Moving scenery"},
                        "dimension": "pace-presence", "leans_to": "pace",
                        "learning_outcomes": [{"category": "skills", "nkr_level": "4",
                                               "description": {"nb": "Kan flytte kulisser.", "en": "Can move scenery."}}]}],
    }), encoding="utf-8")
    result = run_balgraph("esco", "suggest", str(source), "--endpoint", esco_endpoint)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[lines.index("stagehand key-skill scenery: Moving scenery") + 1].endswith(f"<{MOVE_SCENERY}>")
    assert any(line.endswith(f"<{STAGE_HAND}>") for line in lines)


@pytest.fixture(scope="module")
def stage_suggestions(esco_reference):
    relevant = {key: set(links) for key, links in
                yaml.safe_load((DATA / "suggest-labelled.yaml").read_text(encoding="utf-8")).items()}
    documents = [d for d in load_documents(PROJECT / "data" / "standards") if d.id in STAGE_ROLES]
    return suggest(documents, read_esco([esco_reference]), 5), relevant


def test_stage_key_skills_get_transversal_suggestions(stage_suggestions):
    results, _ = stage_suggestions
    by_skill = {f"{r.document_id}/{r.subject_id}": r.suggestions for r in results}
    labels = lambda key: [s.label for s in by_skill[key]]  # noqa: E731
    assert "improvise" in labels("sound-technician/live-troubleshooting") or \
        "solve problems" in labels("sound-technician/live-troubleshooting")
    assert "cope with stress" in labels("lighting-technician/rigging-under-time-pressure")
    assert "manage time" in labels("lighting-technician/rigging-under-time-pressure")
    assert "adapt to change" in labels("lighting-technician/venue-adaptation")


def test_measured_precision_is_the_one_in_the_readme(stage_suggestions):
    results, relevant = stage_suggestions
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f"precision at 1 is {precision_at(results, relevant, 1):.2f}" in readme
    assert f"precision at 5 is {precision_at(results, relevant, 5):.2f}" in readme


def test_accepted_suggestion_becomes_mapping_with_provenance(tmp_path):
    from .support import copy_project
    project = copy_project(tmp_path / "project")
    source = PROJECT / "templates" / "authoring" / "examples" / "skills-standard.yaml"
    written = tmp_path / "with-suggestions.yaml"
    result = run_balgraph("--project", str(project), "esco", "suggest", str(source), "--esco",
                          str(project / "data" / "esco"), "--write", str(written), "--accept", "1", "--by", "tester")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    statuses = {link["status"] for skill in data["key_skills"] for link in skill.get("esco_links", [])}
    assert {"accepted", "proposed"} <= statuses

    imported = run_balgraph("--project", str(project), "import", str(written), "--output", str(tmp_path / "out"))
    assert imported.returncode == 0, imported.stderr
    graph = rdflib.Graph().parse(tmp_path / "out" / "stage-manager.ttl")
    sssom = rdflib.Namespace("https://w3id.org/sssom/")
    records = list(graph.subjects(sssom.author_label, rdflib.Literal("tester")))
    assert records
    for record in records:
        assert graph.value(record, sssom.mapping_tool) == rdflib.Literal("balgraph-bm25-nb-en-1")
        assert graph.value(record, sssom.confidence) is not None
        assert graph.value(record, rdflib.OWL.annotatedProperty) in (SKOS.closeMatch, SKOS.relatedMatch)
