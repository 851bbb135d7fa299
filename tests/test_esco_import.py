"""The ESCO importer, on the official CSV files and on small broken ones."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import rdflib
import rdflib.compare
from rdflib.namespace import SKOS

from balgraph.errors import InputError
from balgraph.namespaces import ESCO
from balgraph.services.esco import import_esco

from .support import PROJECT, run_balgraph

STAGE_TECHNICIAN = rdflib.URIRef("http://data.europa.eu/esco/occupation/acb6b99a-6c13-482a-81b1-8b5614e0153e")
OCCUPATION_HEADER = ("conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,"
                     "modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code\n")


def write_occupations(folder: Path, rows: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "occupations_en.csv"
    path.write_text(OCCUPATION_HEADER + rows, encoding="utf-8")
    return path


def test_full_import_keeps_esco_iris_and_model(esco_reference, tmp_path):
    output = tmp_path / "esco.ttl"
    summary = import_esco(esco_reference, output)
    graph = rdflib.Graph().parse(output)

    with (esco_reference / "occupations_en.csv").open(encoding="utf-8") as handle:
        occupations = sum(1 for _ in csv.DictReader(handle))
    assert len(set(graph.subjects(rdflib.RDF.type, ESCO.Occupation))) == occupations
    assert (STAGE_TECHNICIAN, SKOS.prefLabel, rdflib.Literal("stage technician", lang="en")) in graph
    assert (STAGE_TECHNICIAN, SKOS.broader,
            rdflib.URIRef("http://data.europa.eu/esco/occupation/f09b6100-28a6-4be5-9726-ecf5b24f74f6")) in graph
    assert "occupations_en.csv" in summary.files_read


def test_transversal_skills_carry_type_and_reuse_level(esco_reference, tmp_path):
    output = tmp_path / "esco.ttl"
    import_esco(esco_reference, output)
    graph = rdflib.Graph().parse(output)
    work_in_teams = rdflib.URIRef("http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0")

    assert (work_in_teams, rdflib.RDF.type, ESCO.Skill) in graph
    assert (work_in_teams, ESCO.skillReuseLevel,
            rdflib.URIRef("http://data.europa.eu/esco/skill-reuse-level/transversal")) in graph
    assert (work_in_teams, ESCO.skillType, rdflib.URIRef("http://data.europa.eu/esco/skill-type/skill")) in graph


def test_linked_import_keeps_linked_concepts_and_their_ancestors(esco_reference, tmp_path):
    data = tmp_path / "data.ttl"
    data.write_text(f"<https://example.org/role> <https://example.org/p> <{STAGE_TECHNICIAN}> .\n")
    output = tmp_path / "linked.ttl"
    summary = import_esco(esco_reference, output, linked_from=[data])
    graph = rdflib.Graph().parse(output)

    subjects = set(graph.subjects(rdflib.RDF.type, SKOS.Concept))
    assert STAGE_TECHNICIAN in subjects
    assert rdflib.URIRef("http://data.europa.eu/esco/isco/C3") in subjects
    assert summary.concepts == len(subjects)
    assert len(subjects) < 20


def test_linked_import_names_a_missing_iri_and_its_file(esco_reference, tmp_path):
    data = tmp_path / "data.ttl"
    missing = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"
    data.write_text(f"<https://example.org/skill> <https://example.org/p> <{missing}> .\n")
    output = tmp_path / "linked.ttl"

    with pytest.raises(InputError) as caught:
        import_esco(esco_reference, output, linked_from=[data])
    assert missing in str(caught.value)
    assert str(data) in str(caught.value)
    assert not output.exists()


def test_unterminated_quote_is_reported_with_file_and_line(tmp_path):
    folder = tmp_path / "esco"
    path = write_occupations(folder, (
        "Occupation,http://data.europa.eu/esco/occupation/a,1,first,,,released,,,,,,,1\n"
        'Occupation,http://data.europa.eu/esco/occupation/b,1,"second,,,released,,,,,,,1\n'))

    result = run_balgraph("esco", "import", str(folder), "--output", str(tmp_path / "out.ttl"))
    assert result.returncode == 2
    assert str(path) in result.stderr
    assert ":3:" in result.stderr or ":2:" in result.stderr
    assert not (tmp_path / "out.ttl").exists()


def test_value_that_is_not_an_esco_iri_is_rejected_with_its_line(tmp_path):
    folder = tmp_path / "esco"
    write_occupations(folder, (
        "Occupation,http://data.europa.eu/esco/occupation/a,1,first,,,released,,,,,,,1\n"
        "Occupation,not-an-iri,1,second,,,released,,,,,,,1\n"))

    with pytest.raises(InputError) as caught:
        import_esco(folder, tmp_path / "out.ttl")
    assert caught.value.line == 3
    assert "not-an-iri" in caught.value.problem


def test_missing_header_column_is_rejected(tmp_path):
    folder = tmp_path / "esco"
    folder.mkdir()
    (folder / "occupations_en.csv").write_text("conceptType,preferredLabel\nOccupation,x\n", encoding="utf-8")

    with pytest.raises(InputError) as caught:
        import_esco(folder, tmp_path / "out.ttl")
    assert "conceptUri" in caught.value.problem
    assert caught.value.line == 1


def test_failed_import_keeps_the_previous_output(tmp_path):
    folder = tmp_path / "esco"
    write_occupations(folder, "Occupation,bad,1,x,,,released,,,,,,,1\n")
    output = tmp_path / "out.ttl"
    output.write_text("# previous import\n")

    with pytest.raises(InputError):
        import_esco(folder, output)
    assert output.read_text() == "# previous import\n"


def test_bundled_esco_subset_is_what_the_importer_produces(esco_reference, tmp_path):
    output = tmp_path / "linked.ttl"
    import_esco(esco_reference, output, linked_from=sorted((PROJECT / "data" / "standards").glob("*.ttl")))
    bundled = rdflib.Graph().parse(PROJECT / "data" / "esco" / "esco-linked.ttl")
    fresh = rdflib.Graph().parse(output)

    assert rdflib.compare.isomorphic(bundled, fresh)
