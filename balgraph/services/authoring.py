"""Import authoring files (XLSX, CSV, YAML) as validated Turtle, and export published standards to them.

An import reads the whole file, checks every value, builds the RDF, validates it with the
project's shapes and only then writes one Turtle file into the standards folder, so that
`balgraph build` publishes it. When anything is wrong, every problem is reported by file, sheet,
row and column, and nothing is written.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from ..authoring import from_rdf, spreadsheet, tables, yamlfile
from ..authoring.document import AuthoringError, Document, Origin, Place, Problem
from ..authoring.to_rdf import PREFIXES, document_triples
from ..errors import InputError
from ..namespaces import CANONICAL_BASE
from ..rdfio import FORMATS_BY_SUFFIX, parse_file, to_rdflib
from ..sources import ProjectSources
from .validation import ShapesValidator, ValidationReport

log = logging.getLogger(__name__)

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm"}
YAML_SUFFIXES = {".yaml", ".yml"}
EXPORT_FORMATS = ("xlsx", "yaml", "csv")
OUTPUT_PREFIXES = {"skills-standard": "", "individual-skills-set": "skills-set-",
                   "education-standard": "education-standard-"}


@dataclass(frozen=True)
class ImportResult:
    document: Document
    output: Path
    triples: int
    report: ValidationReport


def read_authoring_file(path: Path) -> Document:
    """Read an XLSX workbook, a YAML file or a folder of CSV files into a checked document."""
    if not path.exists():
        raise InputError(path, "the file does not exist", "Check the path")
    suffix = path.suffix.lower()
    if path.is_dir() or suffix == ".csv":
        rows = spreadsheet.read_csv_folder(path)
        file = str(path if path.is_dir() else path.parent)
    elif suffix in SPREADSHEET_SUFFIXES:
        rows, file = spreadsheet.read_xlsx(path), str(path)
    elif suffix in YAML_SUFFIXES:
        rows, file = yamlfile.read_yaml(path), str(path)
    else:
        raise InputError(path, f"unknown authoring file type {suffix!r}",
                         "Give an .xlsx workbook, a .yaml file, or a folder of .csv files made from a template")
    return tables.read_document(rows, file)


def output_path(document: Document, folder: Path) -> Path:
    return folder / f"{OUTPUT_PREFIXES[document.kind]}{document.id}.ttl"


def import_file(path: Path, sources: ProjectSources, output_folder: Path | None = None) -> ImportResult:
    """Import one authoring file into `output_folder` (default: the project's data/standards).

    Raises AuthoringError listing every problem (exit code 2 for unreadable values, 1 when the
    data does not conform to the shapes); in both cases no file is written.
    """
    document = read_authoring_file(path)
    triples, origins = document_triples(document)
    folder = output_folder or sources.root / "data" / "standards"
    target = output_path(document, folder)
    _check_collisions(triples, origins, folder, target)

    report = ShapesValidator(sources).validate(to_rdflib([ox.Quad(t.subject, t.predicate, t.object) for t in triples]))
    if not report.conforms:
        raise AuthoringError(_shape_problems(report, origins, document), exit_code=1)

    _write_turtle(triples, target, path)
    log.info("imported %s into %s (%d triples)", path, target, len(triples))
    return ImportResult(document, target, len(triples), report)


def _check_collisions(triples: list[ox.Triple], origins: dict[str, Origin], folder: Path, target: Path) -> None:
    """Refuse resources that another file in the standards folder already defines."""
    problems = []
    for other in sorted(p for p in folder.glob("*") if p.suffix.lower() in FORMATS_BY_SUFFIX and p != target):
        defined = {q.subject.value for q in parse_file(other)
                   if q.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
                   and isinstance(q.subject, ox.NamedNode)}
        for iri in sorted(defined & origins.keys()):
            problems.append(Problem(origins[iri].row,
                                    f"{iri} er allerede definert i {other}. Gi raden en annen ID, eller importer til den filen.",
                                    f"{iri} is already defined in {other}. Give the row another ID, or import into that file."))
    if problems:
        raise AuthoringError(problems)


FIELDS_BY_PATH = {
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://purl.org/dc/terms/description": "description",
    "https://w3id.org/balgraph/ontology#dimension": "dimension",
    "https://w3id.org/balgraph/ontology#leansTo": "leans_to",
    "https://w3id.org/balgraph/ontology#placement": "placement",
    "https://w3id.org/balgraph/ontology#category": "category",
    "https://w3id.org/balgraph/ontology#nkrLevel": "nkr_level",
    "https://w3id.org/balgraph/ontology#sector": "sector",
    "https://w3id.org/balgraph/ontology#forRole": "role_id",
    "https://w3id.org/balgraph/ontology#holder": "holder",
    "https://w3id.org/balgraph/ontology#credits": "credits",
    "https://w3id.org/balgraph/ontology#escoSkill": "iri",
    "https://w3id.org/balgraph/ontology#escoOccupation": "iri",
    "https://w3id.org/balgraph/ontology#evidenceType": "type",
}


def _shape_problems(report: ValidationReport, origins: dict[str, Origin], document: Document) -> list[Problem]:
    """Translate SHACL results into problems placed at the row and column the resource came from."""
    links = _link_origins(document)
    problems = []
    for result in report.results:
        if result.severity != "Violation":
            continue
        origin = links.get((result.focus, result.value)) or origins.get(result.focus)
        place = _place_for(result, origin, document) if origin else Place(str(document.origin.row.file))
        problems.append(Problem(place, result.message("nb"), result.message("en")))
    return problems


def _place_for(result, origin: Origin, document: Document) -> Place:
    name = FIELDS_BY_PATH.get(result.path or "")
    if name in ("label", "description"):
        language = "en" if result.shape.endswith("En") else "nb"
        name = f"{name}_{language}"
    if name and result.focus.startswith(CANONICAL_BASE + "id/role/") and name != "iri":
        name = "role_" + name
    return origin.at(name)


def _link_origins(document: Document) -> dict[tuple[str, str], Origin]:
    from ..authoring import iris
    origins = {}
    if document.role:
        for link in document.role.esco_links:
            origins[(iris.role_iri(document.role.id), link.iri)] = link.origin
    for skill in document.key_skills:
        for link in skill.esco_links:
            origins[(iris.key_skill_iri(document.id, skill.id), link.iri)] = link.origin
    return origins


def _write_turtle(triples: list[ox.Triple], target: Path, source: Path) -> None:
    by_subject: dict[ox.NamedNode, list[ox.Triple]] = {}
    for triple in triples:
        by_subject.setdefault(triple.subject, []).append(triple)
    ordered = [t for group in by_subject.values() for t in group]
    header = (f"# Imported by `balgraph import` from {source.name}. Edit the source file and import it again\n"
              f"# rather than editing this file: a new import replaces it.\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(header.encode())
            ox.serialize(ordered, stream, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# Export

def load_published(sources: ProjectSources) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sources.standards:
        to_rdflib(parse_file(path), graph)
    return graph


def esco_labels(sources: ProjectSources, wanted: set[str], lang: str) -> dict[str, str]:
    """Return the ESCO preferred label in `lang` (else English) of each wanted concept, from data/esco."""
    found: dict[str, dict[str, str]] = {}
    label = "http://www.w3.org/2004/02/skos/core#prefLabel"
    for path in sources.esco:
        for quad in parse_file(path):
            if quad.predicate.value == label and quad.subject.value in wanted:
                found.setdefault(quad.subject.value, {})[quad.object.language] = quad.object.value
    esco_lang = "no" if lang == "nb" else lang
    return {iri: names.get(esco_lang) or names.get("en") or next(iter(names.values()))
            for iri, names in found.items()}


def export_resource(iri: str, to: str, output: Path | None, lang: str, sources: ProjectSources,
                    base_iri: str = CANONICAL_BASE) -> Path:
    """Write the standard, skills set or education standard `iri` in an authoring format; return the path."""
    if to not in EXPORT_FORMATS:
        raise InputError(to, "unknown export format", f"Use one of: {', '.join(EXPORT_FORMATS)}")
    canonical = CANONICAL_BASE + iri[len(base_iri):] if iri.startswith(base_iri) else iri
    graph = load_published(sources)
    document = from_rdf.read_document(graph, canonical)
    wanted = {link.iri for skill in document.key_skills for link in skill.esco_links}
    wanted |= {link.iri for link in document.role.esco_links} if document.role else set()
    labels = esco_labels(sources, wanted, lang)
    for link in _all_links(document):
        link.esco_label = labels.get(link.iri)
    return write_document(document, to, output, lang)


def write_document(document: Document, to: str, output: Path | None, lang: str) -> Path:
    """Write a document as XLSX, YAML or a CSV folder, with headings in `lang`."""
    stem = f"{OUTPUT_PREFIXES[document.kind]}{document.id}"
    if to == "yaml":
        target = output or Path(f"{stem}.yaml")
        yamlfile.write_yaml(document, target)
    elif to == "xlsx":
        target = output or Path(f"{stem}.xlsx")
        spreadsheet.write_xlsx(tables.document_rows(document, lang), document.kind, lang, target)
    else:
        target = output or Path(f"{stem}-csv")
        spreadsheet.write_csv_folder(tables.document_rows(document, lang), document.kind, lang, target)
    return target


def _all_links(document: Document):
    if document.role:
        yield from document.role.esco_links
    for skill in document.key_skills:
        yield from skill.esco_links
