"""Command-line behaviour a new user runs into: pipes, short IRIs, clear errors for bad arguments."""

from __future__ import annotations

import json
import subprocess

import pyoxigraph
import pytest
import requests
import yaml

from .support import BALGRAPH, PROJECT, copy_project, run_balgraph


def run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """Run balgraph with the read end of its standard output closed, as a reader that stops early leaves it."""
    process = subprocess.Popen([*BALGRAPH, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=PROJECT, text=True)
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    return subprocess.CompletedProcess(process.args, process.wait(timeout=300), "", stderr)


@pytest.mark.parametrize("output", ["text", "json"])
def test_match_into_closed_pipe_is_quiet(built_store, output):
    result = run_into_closed_pipe("--store", str(built_store), "match", "skills-set/bever",
                                  "role/lighting-technician", "--format", output)

    assert "Traceback" not in result.stderr
    assert "BrokenPipeError" not in result.stderr
    assert result.returncode == 141


def test_validate_into_closed_pipe_is_quiet():
    result = run_into_closed_pipe("validate", str(PROJECT / "data" / "standards"))

    assert "Traceback" not in result.stderr
    assert result.returncode == 141


@pytest.mark.parametrize("reference, kind, identifier", [
    ("https://w3id.org/balgraph/id/skills-set/bever", "individual-skills-set", "bever"),
    ("skills-set/bever", "individual-skills-set", "bever"),
    ("education-standard/stage-technical-production", "education-standard", "stage-technical-production"),
    ("standard/sound-technician", "skills-standard", "sound-technician"),
])
def test_export_reads_every_data_folder(tmp_path, reference, kind, identifier):
    target = tmp_path / "exported.yaml"
    result = run_balgraph("export", reference, "--to", "yaml", "--output", str(target))

    assert result.returncode == 0, result.stderr
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert document["kind"] == kind
    assert document["id"] == identifier


def test_export_csv_of_skills_set(tmp_path):
    result = run_balgraph("export", "https://w3id.org/balgraph/id/skills-set/bever", "--to", "csv",
                          "--output", str(tmp_path / "bever"))

    assert result.returncode == 0, result.stderr
    assert any((tmp_path / "bever").glob("*.csv"))


@pytest.mark.parametrize("command", ["export", "export-elm"])
def test_invalid_reference_gets_clear_error(built_store, command):
    extra = ["--to", "yaml"] if command == "export" else []
    result = run_balgraph("--store", str(built_store), command, "standard/sound technician", *extra)

    assert result.returncode == 2
    assert "invalid IRI" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_elm_accepts_short_path(built_store):
    result = run_balgraph("--store", str(built_store), "export-elm", "standard/sound-technician")

    assert result.returncode == 0, result.stderr
    assert "https://w3id.org/balgraph/id/standard/sound-technician" in result.stdout


def test_missing_file_is_file_not_found(built_store):
    result = run_balgraph("--store", str(built_store), "match", "/tmp/does-not-exist.ttl", "role/sound-technician")

    assert result.returncode == 2
    assert "/tmp/does-not-exist.ttl: file not found" in result.stderr
    assert "published graph" not in result.stderr


@pytest.mark.parametrize("kind, folder, name", [
    ("individual-skills-set", "skills-sets", "participant-07.ttl"),
    ("education-standard", "education", "stage-technology-programme.ttl"),
    ("skills-standard", "standards", "stage-manager.ttl"),
])
def test_import_defaults_to_folder_of_kind(tmp_path, kind, folder, name):
    project = copy_project(tmp_path / "project")
    standards_before = sorted(p.name for p in (project / "data" / "standards").iterdir())
    source = PROJECT / "templates" / "authoring" / "examples" / f"{kind}.yaml"

    result = run_balgraph("--project", str(project), "import", str(source))

    assert result.returncode == 0, result.stderr
    assert (project / "data" / folder / name).is_file()
    if folder != "standards":
        assert sorted(p.name for p in (project / "data" / "standards").iterdir()) == standards_before


def test_rank_unknown_sector_exits_2(built_store):
    result = run_balgraph("--store", str(built_store), "rank", "person/bever", "--sector", "sector/nope")

    assert result.returncode == 2
    assert "https://w3id.org/balgraph/id/sector/nope" in result.stderr
    assert "(none)" not in result.stdout


@pytest.mark.parametrize("sector, expected", [("sector/retail", 0), ("sector/stage-production", 1)])
def test_rank_education_applies_sector(built_store, sector, expected):
    result = run_balgraph("--store", str(built_store), "rank", "role/sound-technician", "--sector", sector,
                          "--format", "json")

    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == expected


def test_http_rank_unknown_sector_is_404(server):
    response = requests.get(f"{server.url}/rank", params={"person": "person/bever", "sector": "sector/nope"},
                            headers={"Accept": "application/json"}, timeout=60)

    assert response.status_code == 404
    assert "sector/nope" in response.text


@pytest.mark.parametrize("params, fragment", [
    ({"person": "person/bever", "role": "role/sound-technician"}, "not both"),
    ({"role": "person/bever"}, "role= needs a role"),
    ({"person": "role/sound-technician"}, "person= needs a person"),
    ({"person": "person/bever bad"}, "invalid IRI"),
])
def test_http_rank_rejects_unclear_parameters(server, params, fragment):
    response = requests.get(f"{server.url}/rank", params=params, headers={"Accept": "application/json"},
                            timeout=60)

    assert response.status_code == 400
    assert fragment in response.text


SUGGEST_INPUT = str(PROJECT / "templates" / "authoring" / "examples" / "skills-standard.yaml")


@pytest.mark.parametrize("top", ["0", "-1"])
def test_suggest_rejects_top_below_one(top):
    result = run_balgraph("esco", "suggest", SUGGEST_INPUT, "--top", top)

    assert result.returncode == 2
    assert f"argument --top: {top} is not a positive whole number" in result.stderr


def test_suggest_rejects_accept_without_write():
    result = run_balgraph("esco", "suggest", SUGGEST_INPUT, "--accept", "2")

    assert result.returncode == 2
    assert "add --write FILE" in result.stderr
    assert result.stdout == ""


def test_suggest_into_closed_pipe_is_quiet():
    result = run_into_closed_pipe("esco", "suggest", SUGGEST_INPUT, "--top", "1")

    assert "Traceback" not in result.stderr
    assert result.returncode == 141


def test_build_prints_its_warnings(tmp_path):
    project = copy_project(tmp_path / "project")
    skills_set = project / "data" / "skills-sets" / "bever.ttl"
    text = skills_set.read_text(encoding="utf-8")
    english = ' ,\n        "Bever runs the lighting desk'
    assert english in text
    # Dropping the English description of one key skill leaves one resource with one warning.
    start = text.index(english)
    skills_set.write_text(text[:start] + text[text.index("@en", start) + 3:], encoding="utf-8")

    result = run_balgraph("--project", str(project), "--store", str(tmp_path / "store"), "build",
                          "--lang", "en")

    assert result.returncode == 0, result.stderr
    assert "The resource has no English description." in result.stderr
    assert "0 violations and 1 warning in 1 resource." in result.stderr
    assert ", 1 warning;" in result.stdout


def test_yaml_duplicate_names_the_id_key(tmp_path):
    project = copy_project(tmp_path / "project")
    example = PROJECT / "templates" / "authoring" / "examples" / "skills-standard.yaml"
    assert run_balgraph("--project", str(project), "import", str(example)).returncode == 0
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    data["id"] = "stage-manager-copy"
    copy = tmp_path / "copy.yaml"
    copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    result = run_balgraph("--project", str(project), "import", str(copy), "--lang", "en")

    assert result.returncode == 2
    assert "Give the entry another ID under its id key" in result.stderr
    assert "Give the row" not in result.stderr


def test_esco_import_reports_write_once(tmp_path):
    output = tmp_path / "esco.ttl"

    result = run_balgraph("esco", "import", str(PROJECT / "tests" / "data" / "esco-mini"), "--output", str(output))

    assert result.returncode == 0, result.stderr
    assert (result.stdout + result.stderr).count("wrote") == 1
    assert f"to {output}" in result.stdout


@pytest.mark.parametrize("media_type, rdf_format", [
    ("application/n-quads", pyoxigraph.RdfFormat.N_QUADS),
    ("application/trig", pyoxigraph.RdfFormat.TRIG),
])
def test_validate_endpoint_reads_quad_formats(server, media_type, rdf_format):
    quads = list(pyoxigraph.parse(path=str(PROJECT / "data" / "standards" / "sound-technician.ttl")))
    named = [pyoxigraph.Quad(q.subject, q.predicate, q.object, pyoxigraph.NamedNode("urn:example:graph"))
             for q in quads]
    body = pyoxigraph.serialize(named, format=rdf_format)

    response = requests.post(f"{server.url}/validate", data=body, timeout=60,
                             headers={"Content-Type": media_type, "Accept": "application/json"})

    assert response.status_code == 200, response.text
    assert response.json()["conforms"] is True


@pytest.mark.parametrize("readme", ["README.md", "README.nb.md"])
def test_readme_lists_every_shared_transversal_skill(server, readme):
    query = (PROJECT / "docs" / "queries" / "shared-transversal-skills.rq").read_text(encoding="utf-8")
    response = requests.post(f"{server.url}/sparql", data={"query": query},
                             headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert response.status_code == 200, response.text
    expected = {(row["escoSkill"]["value"], row["roles"]["value"])
                for row in response.json()["results"]["bindings"]}
    text = (PROJECT / readme).read_text(encoding="utf-8")
    table = text[text.index("| escoSkill | roles | inRoles |"):]
    table = table[:table.index("\n\n")]
    listed = {tuple(cell.strip() for cell in line.strip("|").split("|")[:2])
              for line in table.splitlines()[2:]}

    assert listed == expected
