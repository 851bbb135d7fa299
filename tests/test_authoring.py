"""Authoring formats: importing the templates, errors by place, stable IRIs and the export round trip."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest
import rdflib
import rdflib.compare
import requests
import yaml

from balgraph.authoring import layout
from balgraph.authoring.templates import write_templates

from .support import PROJECT, RunningServer, copy_project, run_balgraph

TEMPLATES = PROJECT / "templates" / "authoring"
KINDS = {"skills-standard": "stage-manager.ttl", "individual-skills-set": "skills-set-participant-07.ttl",
         "education-standard": "education-standard-stage-technology-programme.ttl"}
STANDARD_IRI = "https://w3id.org/balgraph/id/standard/stage-manager"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def import_into(project: Path, source: Path, *extra: str):
    return run_balgraph("--project", str(project), "import", str(source), *extra)


def graph_of(path: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(path)


def example_sources(kind: str) -> list[Path]:
    return [TEMPLATES / "examples" / f"{kind}.yaml",
            TEMPLATES / "nb" / f"{kind}-example.xlsx", TEMPLATES / "en" / f"{kind}-example.xlsx",
            TEMPLATES / "nb" / f"{kind}-example-csv", TEMPLATES / "en" / f"{kind}-example-csv"]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_example_format_gives_the_same_graph(project, tmp_path, kind):
    graphs = []
    for index, source in enumerate(example_sources(kind)):
        output = tmp_path / f"out-{index}"
        result = import_into(project, source, "--output", str(output))
        assert result.returncode == 0, result.stderr
        graphs.append(graph_of(output / KINDS[kind]))

    first = rdflib.compare.to_isomorphic(graphs[0])
    for graph in graphs[1:]:
        assert rdflib.compare.to_isomorphic(graph) == first


def test_imported_standard_builds_and_serves(project, tmp_path):
    result = import_into(project, TEMPLATES / "en" / "skills-standard-example.xlsx")
    assert result.returncode == 0, result.stderr
    assert (project / "data" / "standards" / "stage-manager.ttl").is_file()

    store = tmp_path / "store"
    built = run_balgraph("--project", str(project), "--store", str(store), "build")
    assert built.returncode == 0, built.stderr
    server = RunningServer(store, project)
    try:
        page = requests.get(server.url + "/id/key-skill/stage-manager/calling-the-show",
                            headers={"Accept": "text/turtle"}, timeout=10)
    finally:
        server.stop()
    assert page.status_code == 200
    served = rdflib.Graph().parse(data=page.text, format="turtle")
    assert (None, rdflib.RDFS.label, rdflib.Literal("Calling the show", lang="en")) in served


def test_reimport_with_corrected_label_keeps_every_iri(project, tmp_path):
    source = tmp_path / "standard.yaml"
    shutil.copy(TEMPLATES / "examples" / "skills-standard.yaml", source)
    assert import_into(project, source).returncode == 0
    target = project / "data" / "standards" / "stage-manager.ttl"
    before = graph_of(target)

    text = source.read_text(encoding="utf-8").replace("Calling the show", "Calling the performance")
    source.write_text(text, encoding="utf-8")
    assert import_into(project, source).returncode == 0
    after = graph_of(target)

    assert set(before.subjects()) == set(after.subjects())
    assert (None, rdflib.RDFS.label, rdflib.Literal("Calling the performance", lang="en")) in after
    assert (None, rdflib.RDFS.label, rdflib.Literal("Calling the show", lang="en")) not in after


def break_workbook(source: Path, target: Path) -> None:
    """Write a copy of an English example workbook with four mistakes in three sheets."""
    workbook = openpyxl.load_workbook(source)
    skills = workbook["Key skills"]
    headings = [cell.value for cell in skills[1]]
    skills.cell(2, headings.index("Dimension") + 1, "people-routine")
    skills.cell(3, headings.index("Placement (-1 to 1)") + 1, 0.5)
    outcomes = workbook["Learning outcomes"]
    outcomes.cell(4, 1, "no-such-skill")
    form = workbook["Standard"]
    for row in form.iter_rows(min_row=2):
        if row[0].value == "Name (English)":
            row[1].value = None
    workbook.save(target)


def test_broken_workbook_reports_every_error_by_place_and_writes_nothing(project, tmp_path):
    broken = tmp_path / "broken.xlsx"
    break_workbook(TEMPLATES / "en" / "skills-standard-example.xlsx", broken)
    before = sorted(p.name for p in (project / "data" / "standards").iterdir())

    result = import_into(project, broken, "--lang", "en")

    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert any("sheet 'Key skills', row 2, column F 'Dimension'" in line and "people-routine" in line for line in lines)
    assert any("sheet 'Key skills', row 3, column H 'Placement (-1 to 1)'" in line and "leans to people" in line
               for line in lines)
    assert any("sheet 'Learning outcomes', row 4, column A 'Key skill ID'" in line and "no-such-skill" in line
               for line in lines)
    assert any("sheet 'Standard'" in line and "'Name (English)'" in line and "missing" in line for line in lines)
    assert "4 error(s); nothing was written" in result.stderr
    assert sorted(p.name for p in (project / "data" / "standards").iterdir()) == before


def test_errors_are_reported_in_norwegian(project, tmp_path):
    broken = tmp_path / "broken.xlsx"
    break_workbook(TEMPLATES / "en" / "skills-standard-example.xlsx", broken)

    result = import_into(project, broken, "--lang", "nb")

    assert "ark «Key skills», rad 2, kolonne F «Dimension»" in result.stderr
    assert "ikke en gyldig balansedimensjon" in result.stderr
    assert "ingenting ble skrevet" in result.stderr


def test_shape_violation_points_at_the_esco_link_row(project, tmp_path):
    folder = tmp_path / "csv"
    shutil.copytree(TEMPLATES / "en" / "skills-standard-example-csv", folder)
    links = folder / "esco-links.csv"
    rows = list(csv.reader(links.open(encoding="utf-8")))
    rows[2][1] = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"
    with links.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    previous = project / "data" / "standards" / "stage-manager.ttl"
    previous.write_text("# the previous import\n", encoding="utf-8")

    result = import_into(project, folder, "--lang", "en")

    assert result.returncode == 1
    assert f"{folder}/esco-links.csv, row 3, column B 'ESCO IRI'" in result.stderr
    assert "is not an esco:Skill in the loaded ESCO graph" in result.stderr
    assert previous.read_text(encoding="utf-8") == "# the previous import\n"


def test_yaml_errors_name_the_line_and_key(project, tmp_path):
    source = tmp_path / "standard.yaml"
    text = (TEMPLATES / "examples" / "skills-standard.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("leans_to: routine", "leans_to: people"), encoding="utf-8")
    line = max(number for number, content in enumerate(source.read_text().splitlines(), start=1)
               if "leans_to: people" in content)

    result = import_into(project, source, "--lang", "en")

    assert result.returncode == 2
    assert f"key_skills[2], line {line}, field 'leans_to'" in result.stderr
    assert "not a pole of the dimension" in result.stderr


def test_key_skill_defined_in_another_file_is_refused(project, tmp_path):
    assert import_into(project, TEMPLATES / "examples" / "skills-standard.yaml").returncode == 0
    copy = tmp_path / "copy.yaml"
    data = yaml.safe_load((TEMPLATES / "examples" / "skills-standard.yaml").read_text(encoding="utf-8"))
    data["id"] = "stage-manager-copy"
    data["role"]["id"] = "stage-manager"
    copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    result = import_into(project, copy, "--lang", "en")

    assert result.returncode == 2
    assert "https://w3id.org/balgraph/id/role/stage-manager is already defined in" in result.stderr
    assert not (project / "data" / "standards" / "stage-manager-copy.ttl").exists()


@pytest.mark.parametrize("to", ["yaml", "xlsx", "csv"])
def test_export_then_import_gives_the_same_graph(project, tmp_path, to):
    assert import_into(project, TEMPLATES / "examples" / "skills-standard.yaml").returncode == 0
    imported = graph_of(project / "data" / "standards" / "stage-manager.ttl")
    exported = tmp_path / f"exported.{to}"

    result = run_balgraph("--project", str(project), "export", STANDARD_IRI, "--to", to,
                          "--output", str(exported), "--lang", "nb")
    assert result.returncode == 0, result.stderr
    again = import_into(project, exported, "--output", str(tmp_path / "again"))
    assert again.returncode == 0, again.stderr

    assert rdflib.compare.isomorphic(imported, graph_of(tmp_path / "again" / "stage-manager.ttl"))


def test_export_writes_esco_labels_and_provenance(project, tmp_path):
    assert import_into(project, TEMPLATES / "examples" / "skills-standard.yaml").returncode == 0
    target = tmp_path / "standard.yaml"
    run_balgraph("--project", str(project), "export", "https://w3id.org/balgraph/id/role/stage-manager",
                 "--to", "yaml", "--output", str(target))
    data = yaml.safe_load(target.read_text(encoding="utf-8"))

    calling = next(skill for skill in data["key_skills"] if skill["id"] == "calling-the-show")
    link = next(link for link in calling["esco_links"] if link["iri"].endswith("d9013e0e-e937-43d5-ab71-0e917ee882b8"))
    assert link["esco_label"] == "manage time"
    assert link["accepted_by"] == "balgraph example editor"
    assert link["score"] == 0.41
    assert link["match"] == "related"


def test_export_of_unknown_iri_is_bad_input(project):
    result = run_balgraph("--project", str(project), "export", "https://w3id.org/balgraph/id/standard/none",
                          "--to", "yaml")
    assert result.returncode == 2
    assert "no skills standard" in result.stderr


def test_shipped_templates_match_the_generator(tmp_path):
    shutil.copytree(TEMPLATES / "examples", tmp_path / "examples")
    for path in write_templates(tmp_path):
        shipped = TEMPLATES / path.relative_to(tmp_path)
        if path.suffix == ".xlsx":
            assert workbook_values(path) == workbook_values(shipped), shipped
        elif path.is_dir():
            for file in sorted(path.iterdir()):
                assert file.read_text(encoding="utf-8") == (shipped / file.name).read_text(encoding="utf-8"), file
        else:
            assert path.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8"), shipped


def workbook_values(path: Path) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_norwegian_template_has_norwegian_sheets_and_headings():
    workbook = openpyxl.load_workbook(TEMPLATES / "nb" / "skills-standard.xlsx", read_only=True)
    assert workbook.sheetnames == [sheet.nb for sheet in layout.sheets_for("skills-standard")]
    headings = next(workbook["Nøkkelkompetanser"].iter_rows(values_only=True))
    assert "Dimensjon" in headings
    assert "Plassering (-1 til 1)" in headings
