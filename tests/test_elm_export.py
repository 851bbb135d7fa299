"""`balgraph export-elm`: every standard's export conforms to the official ELM shapes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF

from balgraph.services.validation import run_shacl

from .support import PROJECT, REFERENCE, copy_project, run_balgraph

ELM_REFERENCE = REFERENCE / "elm"
ELM = rdflib.Namespace("http://data.europa.eu/snb/model/elm/")
BAL = rdflib.Namespace("https://w3id.org/balgraph/ontology#")
EDUCATION_FIXTURE = PROJECT / "tests" / "fixtures" / "shapes" / "conforming" / "education-standard.ttl"
EDUCATION_STANDARD = "https://w3id.org/balgraph/id/education-standard/fixture-stage-sound"


def _published_standards() -> list[str]:
    standards = rdflib.Graph()
    for path in sorted((PROJECT / "data" / "standards").glob("*.ttl")):
        standards.parse(path)
    return sorted(str(s) for kind in (BAL.SkillsStandard, BAL.EducationStandard)
                  for s in standards.subjects(RDF.type, kind))


@pytest.fixture(scope="module")
def elm_shapes() -> rdflib.Graph:
    if not ELM_REFERENCE.is_dir():
        pytest.skip(f"the official ELM shapes are not present at {ELM_REFERENCE}")
    shapes = rdflib.Graph()
    for path in sorted(ELM_REFERENCE.glob("LOQ-constraints*.ttl")):
        shapes.parse(path)
    return shapes


def _export(store: Path, iri: str, output_format: str, project: Path = PROJECT) -> rdflib.Graph:
    result = run_balgraph("--project", str(project), "--store", str(store), "export-elm", iri,
                          "--format", output_format)
    assert result.returncode == 0, result.stderr
    return rdflib.Graph().parse(data=result.stdout, format="json-ld" if output_format == "jsonld" else "turtle")


@pytest.mark.reference
@pytest.mark.parametrize("output_format", ["turtle", "jsonld"])
@pytest.mark.parametrize("standard", _published_standards())
def test_published_standard_exports_to_conforming_elm(built_store, elm_shapes, standard, output_format):
    export = _export(built_store, standard, output_format)
    conforms, report = run_shacl(export, elm_shapes)

    assert conforms, report.serialize(format="turtle")
    qualification = rdflib.URIRef(standard)
    assert (qualification, RDF.type, ELM.Qualification) in export
    assert len(list(export.objects(qualification, ELM.learningOutcome))) >= 3
    assert len(list(export.objects(qualification, ELM.EQFLevel))) == 1


@pytest.mark.reference
def test_elm_shapes_reject_an_export_without_eqf_level(built_store, elm_shapes):
    export = _export(built_store, _published_standards()[0], "turtle")
    export.remove((None, ELM.EQFLevel, None))

    conforms, _ = run_shacl(export, elm_shapes)
    assert not conforms


@pytest.mark.reference
def test_education_standard_exports_to_conforming_elm(tmp_path, elm_shapes):
    project = copy_project(tmp_path / "project")
    shutil.copy(EDUCATION_FIXTURE, project / "data" / "standards" / "zz-education.ttl")
    store = tmp_path / "store"
    assert run_balgraph("--project", str(project), "--store", str(store), "build").returncode == 0

    export = _export(store, EDUCATION_STANDARD, "turtle", project)
    conforms, report = run_shacl(export, elm_shapes)

    assert conforms, report.serialize(format="turtle")
    outcome = rdflib.URIRef("https://w3id.org/balgraph/id/learning-outcome/fixture-stage-sound/system-design/knowledge")
    assert (rdflib.URIRef(EDUCATION_STANDARD), ELM.learningOutcome, outcome) in export
    assert (rdflib.URIRef(EDUCATION_STANDARD), ELM.EQFLevel, rdflib.URIRef("http://data.europa.eu/snb/eqf/5")) in export


def test_export_of_something_else_names_the_fix(built_store):
    result = run_balgraph("--store", str(built_store), "export-elm", "https://w3id.org/balgraph/id/role/sound-technician")

    assert result.returncode == 2
    assert "is not a bal:SkillsStandard or bal:EducationStandard" in result.stderr
