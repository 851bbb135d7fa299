"""Import ESCO from the CSV files of the official download into RDF with ESCO's own IRIs and model.

The CSV download has one file per kind and language, named like ``occupations_en.csv``. Each
file kind below lists the columns it needs; other columns are ignored, so later ESCO versions
with extra columns still import.
"""

from __future__ import annotations

import csv
import logging
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError

log = logging.getLogger(__name__)

ESCO_PREFIX = "http://data.europa.eu/esco/"
ESCO_MODEL = "http://data.europa.eu/esco/model#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

CONCEPT_TYPES = {
    "Occupation": ESCO_MODEL + "Occupation",
    "KnowledgeSkillCompetence": ESCO_MODEL + "Skill",
    "SkillGroup": ESCO_MODEL + "Skill",
    "ISCOGroup": ESCO_MODEL + "Occupation",
}
# ISCO groups are typed esco:ISCOGroup rather than esco:Occupation.
ISCO_GROUP_TYPE = ESCO_MODEL + "ISCOGroup"
SKILL_TYPES = {
    "skill/competence": ESCO_PREFIX + "skill-type/skill",
    "knowledge": ESCO_PREFIX + "skill-type/knowledge",
}
RELATION_PROPERTIES = {
    "essential": ESCO_MODEL + "relatedEssentialSkill",
    "optional": ESCO_MODEL + "relatedOptionalSkill",
}

# File kind (the name before "_<language>.csv") -> the columns it must have.
CONCEPT_FILES = {
    "occupations": ("conceptType", "conceptUri", "preferredLabel"),
    "skills": ("conceptType", "conceptUri", "preferredLabel"),
    "ISCOGroups": ("conceptType", "conceptUri", "preferredLabel"),
    "skillGroups": ("conceptType", "conceptUri", "preferredLabel"),
}
COLLECTION_COLUMNS = ("conceptType", "conceptUri", "preferredLabel")
BROADER_FILES = {
    "broaderRelationsOccPillar": ("conceptUri", "broaderUri"),
    "broaderRelationsSkillPillar": ("conceptUri", "broaderUri"),
}
OCCUPATION_SKILL_COLUMNS = ("occupationUri", "relationType", "skillUri")
FILE_NAME = re.compile(r"^(?P<kind>[A-Za-z]+)_(?P<lang>[a-z]{2}(?:-[A-Za-z]+)?)\.csv$")


@dataclass
class Concept:
    iri: str
    types: set[str] = field(default_factory=set)
    pref_labels: dict[str, str] = field(default_factory=dict)
    alt_labels: set[tuple[str, str]] = field(default_factory=set)
    descriptions: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    notation: str | None = None
    skill_type: str | None = None
    reuse_level: str | None = None
    schemes: set[str] = field(default_factory=set)


@dataclass
class EscoGraph:
    """ESCO concepts and relations read from a folder of CSV files."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    broader: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    skill_relations: set[tuple[str, str, str]] = field(default_factory=set)
    files_read: list[str] = field(default_factory=list)

    def concept(self, iri: str) -> Concept:
        if iri not in self.concepts:
            self.concepts[iri] = Concept(iri)
        return self.concepts[iri]


def read_csv_folder(folder: Path) -> EscoGraph:
    """Read every ESCO CSV file in `folder`; raise InputError naming file and line on bad input."""
    if not folder.is_dir():
        raise InputError(folder, "the ESCO folder does not exist",
                         "Pass the folder that holds the unpacked ESCO CSV download")
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise InputError(folder, "the folder holds no .csv files",
                         "Pass the folder that holds the unpacked ESCO CSV download")

    esco = EscoGraph()
    for path in files:
        match = FILE_NAME.match(path.name)
        if not match:
            log.warning("skipping %s: not named like an ESCO CSV file (<kind>_<language>.csv)", path)
            continue
        kind, lang = match["kind"], match["lang"]
        if _read_file(esco, path, kind, lang):
            esco.files_read.append(path.name)
            log.info("read %s", path.name)
    return esco


def _read_file(esco: EscoGraph, path: Path, kind: str, lang: str) -> bool:
    if kind in CONCEPT_FILES:
        for line, row in _rows(path, CONCEPT_FILES[kind]):
            _add_concept(esco, path, line, row, lang)
    elif kind.endswith("Collection"):
        for line, row in _rows(path, COLLECTION_COLUMNS):
            _add_concept(esco, path, line, row, lang)
    elif kind in BROADER_FILES:
        for line, row in _rows(path, BROADER_FILES[kind]):
            narrower = _iri(path, line, "conceptUri", row["conceptUri"])
            esco.broader[narrower].add(_iri(path, line, "broaderUri", row["broaderUri"]))
    elif kind == "occupationSkillRelations":
        for line, row in _rows(path, OCCUPATION_SKILL_COLUMNS):
            relation = row["relationType"].strip()
            if relation not in RELATION_PROPERTIES:
                raise InputError(path, f"unknown relationType {relation!r}",
                                 "Use 'essential' or 'optional' as in the ESCO download", line)
            esco.skill_relations.add((_iri(path, line, "occupationUri", row["occupationUri"]),
                                      RELATION_PROPERTIES[relation],
                                      _iri(path, line, "skillUri", row["skillUri"])))
    else:
        # conceptSchemes, skillsHierarchy and skillSkillRelations repeat what the files above state.
        return False
    return True


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle, strict=True)
            header = reader.fieldnames or []
            missing = [name for name in required if name not in header]
            if missing:
                raise InputError(path, f"missing column(s) {', '.join(missing)} in the header",
                                 "Use the file as downloaded from the ESCO portal, with its header row", 1)
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    raise InputError(path, f"malformed CSV ({error})",
                                     "Check the quoting on that line", reader.line_num) from None
                if None in row:
                    raise InputError(path, f"the row has more fields than the header ({len(header)})",
                                     "Quote fields that contain commas", reader.line_num)
                yield reader.line_num, row
    except UnicodeDecodeError as error:
        raise InputError(path, f"the file is not UTF-8 ({error.reason})", "Save the file as UTF-8") from None
    except OSError as error:
        raise InputError(path, f"cannot read the file ({error.strerror})", "Check the path") from None


def _iri(path: Path, line: int, column: str, value: str | None) -> str:
    value = (value or "").strip()
    if not value.startswith(ESCO_PREFIX) or any(ch in value for ch in ' <>"{}|\\^`'):
        raise InputError(path, f"column {column} holds {value!r}, which is not an ESCO IRI",
                         f"Every {column} must start with {ESCO_PREFIX}", line)
    return value


def _split(value: str | None, separators: str = "\n|") -> list[str]:
    if not value:
        return []
    parts = re.split("[" + re.escape(separators) + "]", value)
    return [part.strip().rstrip(",").strip() for part in parts if part.strip().rstrip(",").strip()]


def _add_concept(esco: EscoGraph, path: Path, line: int, row: dict[str, str], lang: str) -> None:
    concept_type = row["conceptType"].strip()
    if concept_type not in CONCEPT_TYPES:
        raise InputError(path, f"unknown conceptType {concept_type!r}",
                         "Use the file as downloaded from the ESCO portal", line)
    concept = esco.concept(_iri(path, line, "conceptUri", row["conceptUri"]))
    concept.types.add(ISCO_GROUP_TYPE if concept_type == "ISCOGroup" else CONCEPT_TYPES[concept_type])

    label = row["preferredLabel"].strip()
    if label:
        concept.pref_labels[lang] = label
    for alt in _split(row.get("altLabels")):
        concept.alt_labels.add((alt, lang))
    if (row.get("description") or "").strip():
        concept.descriptions[lang] = row["description"].strip()
    if (row.get("definition") or "").strip():
        concept.definitions[lang] = row["definition"].strip()
    if (row.get("code") or "").strip():
        concept.notation = row["code"].strip()
    if (row.get("skillType") or "").strip() in SKILL_TYPES:
        concept.skill_type = SKILL_TYPES[row["skillType"].strip()]
    if (row.get("reuseLevel") or "").strip():
        concept.reuse_level = ESCO_PREFIX + "skill-reuse-level/" + row["reuseLevel"].strip()
    for scheme in _split(row.get("inScheme"), "\n,|"):
        concept.schemes.add(_iri(path, line, "inScheme", scheme))
    for broader in _split(row.get("broaderConceptUri")):
        esco.broader[concept.iri].add(_iri(path, line, "broaderConceptUri", broader))


def closure(esco: EscoGraph, seeds: Iterable[str]) -> set[str]:
    """Return the seeds and every concept above them by skos:broader."""
    keep: set[str] = set()
    todo = list(seeds)
    while todo:
        iri = todo.pop()
        if iri in keep:
            continue
        keep.add(iri)
        todo.extend(esco.broader.get(iri, ()))
    return keep


def to_quads(esco: EscoGraph, only: set[str] | None = None) -> Iterator[ox.Quad]:
    """Yield ESCO triples for every concept, or for those in `only`, in ESCO's model."""
    def node(iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)

    def triple(s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Quad:
        return ox.Quad(node(s), node(p), o)

    for iri in sorted(esco.concepts if only is None else only & esco.concepts.keys()):
        concept = esco.concepts[iri]
        yield triple(iri, RDF_TYPE, node(SKOS + "Concept"))
        for concept_type in sorted(concept.types):
            yield triple(iri, RDF_TYPE, node(concept_type))
        for lang, label in sorted(concept.pref_labels.items()):
            yield triple(iri, SKOS + "prefLabel", ox.Literal(label, language=lang))
        for label, lang in sorted(concept.alt_labels):
            yield triple(iri, SKOS + "altLabel", ox.Literal(label, language=lang))
        for lang, text in sorted(concept.descriptions.items()):
            yield triple(iri, DCTERMS + "description", ox.Literal(text, language=lang))
        for lang, text in sorted(concept.definitions.items()):
            yield triple(iri, SKOS + "definition", ox.Literal(text, language=lang))
        if concept.notation:
            yield triple(iri, SKOS + "notation", ox.Literal(concept.notation))
        if concept.skill_type:
            yield triple(iri, ESCO_MODEL + "skillType", node(concept.skill_type))
        if concept.reuse_level:
            yield triple(iri, ESCO_MODEL + "skillReuseLevel", node(concept.reuse_level))
        for scheme in sorted(concept.schemes):
            yield triple(iri, SKOS + "inScheme", node(scheme))
        for broader in sorted(esco.broader.get(iri, ())):
            if only is None or broader in only:
                yield triple(iri, SKOS + "broader", node(broader))
    for occupation, prop, skill in sorted(esco.skill_relations):
        if only is None or (occupation in only and skill in only):
            yield triple(occupation, prop, node(skill))


HEADER = (
    "# ESCO concepts imported by `balgraph esco import` from the official ESCO CSV download.\n"
    "# This service uses the ESCO classification of the European Commission.\n"
)


def write_turtle(quads: Iterable[ox.Quad], output: Path) -> int:
    """Write the triples to `output` as Turtle, replacing the file only once writing succeeded."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=".esco-", suffix=".ttl")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(HEADER.encode())
            ox.serialize(triples, stream, ox.RdfFormat.TURTLE, prefixes={
                "dcterms": DCTERMS, "esco": ESCO_MODEL, "skos": SKOS,
            })
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(triples)
