"""Import ESCO from the CSV files of the official download into RDF with ESCO's own IRIs and model.

The CSV download has one file per kind and language, named like ``occupations_en.csv``. Each
file kind below lists the columns it needs; other columns are ignored, so later ESCO versions
with extra columns still import.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
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
OWL_VERSION_INFO = "http://www.w3.org/2002/07/owl#versionInfo"

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
SKILL_SKILL_COLUMNS = ("originalSkillUri", "relationType", "relatedSkillUri")
SCHEME_COLUMNS = ("conceptSchemeUri", "preferredLabel")
HIERARCHY_LEVELS = 4
FIELD_SIZE_LIMIT = 64 * 1024 * 1024
# File kinds that are read and checked, but that ESCO's RDF model has no place for.
DOCUMENTATION_FILES = {"dictionary", "greenShareOcc"}
FILE_NAME = re.compile(r"^(?P<kind>[A-Za-z]+)_(?P<lang>[a-z]{2}(?:-[A-Za-z]+)?)\.csv$")
VERSION_IN_NAME = re.compile(r"v?(\d+\.\d+(?:\.\d+)?)")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class CsvFile:
    """One CSV file of the download, in a folder or inside the zip file the portal delivers."""

    name: str
    source: str
    zip_path: Path | None = None
    path: Path | None = None

    def open(self):
        if self.zip_path is not None:
            archive = zipfile.ZipFile(self.zip_path)
            return io.TextIOWrapper(archive.open(self.source.split("!", 1)[1]), encoding="utf-8-sig", newline="")
        return self.path.open(newline="", encoding="utf-8-sig")


def csv_files(source: Path) -> list[CsvFile]:
    """List the CSV files of a download folder or zip file, in name order."""
    if source.is_file() and source.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(source) as archive:
                members = [m for m in archive.namelist() if m.lower().endswith(".csv") and not m.endswith("/")]
        except zipfile.BadZipFile:
            raise InputError(source, "the file is not a valid zip file", "Download the ESCO zip file again") from None
        return sorted((CsvFile(Path(m).name, f"{source}!{m}", zip_path=source) for m in members), key=lambda f: f.name)
    return [CsvFile(p.name, str(p), path=p) for p in sorted(source.glob("*.csv"))]


def version_from_name(*paths: Path) -> str | None:
    """Return an ESCO version written in a folder or file name (such as esco-1.2.0 or v1.2.0), if any."""
    for path in paths:
        # Only the source's own name and its folder's name count, so that version-like folder
        # names higher up (python3.11, say) are not taken for ESCO versions.
        for part in reversed(path.resolve().parts[-2:]):
            match = VERSION_IN_NAME.search(part)
            if match:
                return match.group(1)
    return None


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
    # Skill-to-skill relations of skillSkillRelations, stated as skos:related.
    related: set[tuple[str, str]] = field(default_factory=set)
    schemes: dict[str, Concept] = field(default_factory=dict)
    languages: set[str] = field(default_factory=set)
    files_read: list[str] = field(default_factory=list)
    version: str | None = None
    # (file kind, language) -> concept IRI -> the file and line of its record, to find duplicates.
    records: dict[tuple[str, str], dict[str, tuple[str, int]]] = field(default_factory=lambda: defaultdict(dict))

    def concept(self, iri: str) -> Concept:
        if iri not in self.concepts:
            self.concepts[iri] = Concept(iri)
        return self.concepts[iri]


def read_csv_folder(folder: Path, esco: EscoGraph | None = None, languages: set[str] | None = None,
                    progress: Progress | None = None) -> EscoGraph:
    """Read every ESCO CSV file in a download folder or zip file into `esco` (a new graph by default).

    With `languages`, files in other languages are skipped. Raise InputError naming file and
    line on bad input.
    """
    if not folder.exists() or (folder.is_file() and folder.suffix.lower() != ".zip"):
        raise InputError(folder, "the ESCO source is neither a folder nor a zip file",
                         "Pass the folder or zip file that holds the ESCO CSV download")
    files = csv_files(folder)
    if not files:
        raise InputError(folder, "the folder holds no .csv files",
                         "Pass the folder or zip file that holds the ESCO CSV download")

    esco = esco if esco is not None else EscoGraph()
    chosen = _esco_files(folder, files, languages)
    for file, kind, lang in chosen:
        rows = _read_file(esco, file, kind, lang)
        if rows == 0:
            raise InputError(file.source, "the file has a header but no records",
                             "Download the file again, or remove it from the download", 1)
        esco.files_read.append(file.name)
        esco.languages.add(lang)
        if progress:
            progress(f"read {file.name}: {rows:,} rows")
        log.info("read %s (%d rows)", file.source, rows)
    return esco


def _esco_files(folder: Path, files: list[CsvFile], languages: set[str] | None) -> list[tuple[CsvFile, str, str]]:
    """Return the files named like ESCO CSV files in the chosen languages, with kind and language.

    Raise InputError when none is left, since an import of nothing would replace the output with
    an empty graph.
    """
    named = []
    for file in files:
        match = FILE_NAME.match(file.name)
        if match:
            named.append((file, match["kind"], match["lang"]))
        else:
            log.warning("skipping %s: not named like an ESCO CSV file (<kind>_<language>.csv)", file.source)
    if not named:
        raise InputError(folder, f"none of its {len(files)} .csv files is named like an ESCO CSV file "
                         "(<kind>_<language>.csv, such as occupations_en.csv)",
                         "Pass the folder or zip file of the ESCO CSV download with its files' original names")
    chosen = [entry for entry in named if not languages or entry[2] in languages]
    if not chosen:
        found = ", ".join(sorted({lang for _, _, lang in named}))
        raise InputError(folder, f"no ESCO CSV file is in the chosen languages {', '.join(sorted(languages))} "
                         f"(the files are in {found})", "Choose languages the download has, or download them")
    return chosen


def _read_file(esco: EscoGraph, path: CsvFile, kind: str, lang: str) -> int:
    """Add one file's rows to `esco`; return the number of rows read."""
    rows = 0
    if kind in CONCEPT_FILES or kind.endswith("Collection"):
        for line, row in _rows(path, CONCEPT_FILES.get(kind, COLLECTION_COLUMNS)):
            _add_concept(esco, path, line, row, kind, lang)
            rows += 1
    elif kind in BROADER_FILES:
        for line, row in _rows(path, BROADER_FILES[kind]):
            narrower = _iri(path, line, "conceptUri", row["conceptUri"])
            esco.broader[narrower].add(_iri(path, line, "broaderUri", row["broaderUri"]))
            rows += 1
    elif kind == "occupationSkillRelations":
        for line, row in _rows(path, OCCUPATION_SKILL_COLUMNS):
            esco.skill_relations.add((_iri(path, line, "occupationUri", row["occupationUri"]),
                                      _relation(path, line, row), _iri(path, line, "skillUri", row["skillUri"])))
            rows += 1
    elif kind == "skillSkillRelations":
        for line, row in _rows(path, SKILL_SKILL_COLUMNS):
            _relation(path, line, row)
            esco.related.add((_iri(path, line, "originalSkillUri", row["originalSkillUri"]),
                              _iri(path, line, "relatedSkillUri", row["relatedSkillUri"])))
            rows += 1
    elif kind == "conceptSchemes":
        for line, row in _rows(path, SCHEME_COLUMNS):
            _add_scheme(esco, path, line, row, lang)
            rows += 1
    elif kind == "skillsHierarchy":
        for line, row in _rows(path, ("Level 0 URI",)):
            _add_hierarchy_row(esco, path, line, row)
            rows += 1
    elif kind in DOCUMENTATION_FILES:
        rows = sum(1 for _ in _rows(path, ()))
    else:
        raise InputError(path.source, f"unknown ESCO file kind {kind!r}",
                         "Remove the file from the folder, or rename it if it is an ESCO file named differently")
    return rows


def _relation(path: CsvFile, line: int, row: dict[str, str]) -> str:
    relation = (row["relationType"] or "").strip()
    if relation not in RELATION_PROPERTIES:
        raise InputError(path.source, f"unknown relationType {relation!r}",
                         "Use 'essential' or 'optional' as in the ESCO download", line)
    return RELATION_PROPERTIES[relation]


def _add_scheme(esco: EscoGraph, path: CsvFile, line: int, row: dict[str, str], lang: str) -> None:
    iri = _iri(path, line, "conceptSchemeUri", row["conceptSchemeUri"])
    scheme = esco.schemes.setdefault(iri, Concept(iri))
    if (row.get("preferredLabel") or "").strip():
        scheme.pref_labels[lang] = row["preferredLabel"].strip()
    if (row.get("description") or "").strip():
        scheme.descriptions[lang] = row["description"].strip()


def _add_hierarchy_row(esco: EscoGraph, path: CsvFile, line: int, row: dict[str, str]) -> None:
    """Check one row of the skills hierarchy and add its broader links and level codes."""
    above = None
    for level in range(HIERARCHY_LEVELS):
        value = (row.get(f"Level {level} URI") or "").strip()
        if not value:
            break
        iri = _iri(path, line, f"Level {level} URI", value)
        code = (row.get(f"Level {level} code") or "").strip()
        if code and iri in esco.concepts and not esco.concepts[iri].notation:
            esco.concepts[iri].notation = code
        if above is not None:
            esco.broader[iri].add(above)
        above = iri


def _rows(path: CsvFile, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield each record of a CSV file with the line it starts on, as a dict keyed by the header.

    A record may end before optional trailing columns (the skills hierarchy leaves out empty
    level codes), but not before a required one. Raise InputError naming the file and line.
    """
    # The hasTopConcept column of conceptSchemes holds thousands of IRIs in one field.
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
    try:
        with path.open() as handle:
            reader = csv.reader(handle, strict=True)
            header = _header(path, reader, required)
            yield from _records(path, reader, header, required)
    except UnicodeDecodeError as error:
        raise InputError(path.source, f"the file is not UTF-8 ({error.reason})", "Save the file as UTF-8") from None
    except OSError as error:
        raise InputError(path.source, f"cannot read the file ({error.strerror})", "Check the path") from None


def _header(path: CsvFile, reader, required: tuple[str, ...]) -> list[str]:
    """Read the header row and check that it names every required column."""
    fix = "Use the file as downloaded from the ESCO portal, with its header row"
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(path.source, "the file is empty", fix, 1) from None
    except csv.Error as error:
        raise InputError(path.source, f"the header row is not valid CSV ({error})", fix, 1) from None
    missing = [name for name in required if name not in header]
    if missing:
        raise InputError(path.source, f"missing column(s) {', '.join(missing)} in the header", fix, 1)
    return header


def _records(path: CsvFile, reader, header: list[str],
             required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    # csv.reader counts the lines it has consumed, so a record starts on the line after the
    # previous record ended. Its own count is unreliable once parsing fails at the end of the file.
    needed = max((header.index(name) + 1 for name in required), default=0)
    end = reader.line_num
    while True:
        start = end + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            stopped = f"; the parser stopped on line {reader.line_num}" if reader.line_num > start else ""
            raise InputError(path.source, f"the record that starts on this line is not valid CSV ({error}{stopped})",
                             "Check the quoting: every opening quote needs a closing quote, and a quote "
                             "inside a quoted field is written twice", start) from None
        end = reader.line_num
        if not fields:
            continue
        if len(fields) > len(header):
            raise InputError(path.source, f"the record that starts on this line has {len(fields)} fields, "
                             f"but the header has {len(header)}", "Quote fields that contain commas", start)
        if len(fields) < needed:
            lacking = next(name for name in required if header.index(name) >= len(fields))
            raise InputError(path.source, f"the record that starts on this line has {len(fields)} fields, so it "
                             f"lacks column {lacking} (field {header.index(lacking) + 1} of the header)",
                             "Add the missing fields; an empty field still needs its comma", start)
        yield start, dict(zip(header, fields))


# Characters that RFC 3987 allows nowhere in an IRI. Control characters are checked separately.
IRI_FORBIDDEN = set(' <>"{}|\\^`')


def _iri(path: CsvFile, line: int, column: str, value: str | None) -> str:
    """Return the ESCO IRI in one field, or raise InputError saying what is wrong with it."""
    value = (value or "").strip()
    if not value:
        raise InputError(path.source, f"column {column} is empty in the record that starts on this line",
                         f"Give the ESCO IRI in column {column}", line)
    if not value.startswith(ESCO_PREFIX):
        raise InputError(path.source, f"column {column} holds {value!r}, which is not an ESCO IRI",
                         f"Every {column} must start with {ESCO_PREFIX}", line)
    forbidden = sorted({ch for ch in value if ch in IRI_FORBIDDEN or ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f})
    if forbidden:
        raise InputError(path.source, f"column {column} contains {value!r}, but an IRI may not contain "
                         f"{', '.join(map(_character_name, forbidden))}",
                         "Percent-encode those characters (a space is %20) or correct the IRI", line)
    try:
        ox.NamedNode(value)
    except ValueError as error:
        raise InputError(path.source, f"column {column} contains {value!r}, which is not a valid IRI ({error})",
                         "Correct the IRI", line) from None
    return value


def _character_name(character: str) -> str:
    if character == " ":
        return "space"
    if character.isprintable():
        return repr(character)
    return f"U+{ord(character):04X}"


def _split(value: str | None, separators: str = "\n|") -> list[str]:
    if not value:
        return []
    parts = re.split("[" + re.escape(separators) + "]", value)
    return [part.strip().rstrip(",").strip() for part in parts if part.strip().rstrip(",").strip()]


def _add_concept(esco: EscoGraph, path: CsvFile, line: int, row: dict[str, str], kind: str, lang: str) -> None:
    concept_type = row["conceptType"].strip()
    if concept_type not in CONCEPT_TYPES:
        raise InputError(path.source, f"unknown conceptType {concept_type!r}",
                         "Use the file as downloaded from the ESCO portal", line)
    iri = _iri(path, line, "conceptUri", row["conceptUri"])
    _check_unique(esco, path, line, iri, kind, lang)
    concept = esco.concept(iri)
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


def _check_unique(esco: EscoGraph, path: CsvFile, line: int, iri: str, kind: str, lang: str) -> None:
    """Raise InputError when a file of this kind and language already had a record for `iri`.

    The collection files repeat concepts of the skills and occupations files, which is why only
    records of the same file kind count.
    """
    seen = esco.records[kind, lang]
    if iri in seen:
        first_source, first_line = seen[iri]
        first = f"line {first_line}" if first_source == path.source else f"{first_source}:{first_line}"
        raise InputError(path.source, f"conceptUri {iri} has a record on {first} and again on this line",
                         "Keep one record per concept and remove the other", line)
    seen[iri] = (path.source, line)


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
    for skill, other in sorted(esco.related):
        if only is None or (skill in only and other in only):
            yield triple(skill, SKOS + "related", node(other))
    if only is None:
        for iri, scheme in sorted(esco.schemes.items()):
            yield triple(iri, RDF_TYPE, node(SKOS + "ConceptScheme"))
            for lang, label in sorted(scheme.pref_labels.items()):
                yield triple(iri, SKOS + "prefLabel", ox.Literal(label, language=lang))
            for lang, text in sorted(scheme.descriptions.items()):
                yield triple(iri, DCTERMS + "description", ox.Literal(text, language=lang))
    yield from description_quads(esco)


# The imported classification is described under ESCO's own base IRI, since the ESCO data folder
# may only state triples about ESCO resources.
ESCO_GRAPH = ESCO_PREFIX


def description_quads(esco: EscoGraph) -> Iterator[ox.Quad]:
    """Describe the imported classification: its model, version and languages."""
    graph = ox.NamedNode(ESCO_GRAPH)
    yield ox.Quad(graph, ox.NamedNode(RDF_TYPE), ox.NamedNode("http://rdfs.org/ns/void#Dataset"))
    yield ox.Quad(graph, ox.NamedNode(DCTERMS + "conformsTo"), ox.NamedNode(ESCO_MODEL.rstrip("#")))
    if esco.version:
        yield ox.Quad(graph, ox.NamedNode(OWL_VERSION_INFO), ox.Literal(esco.version))
    for lang in sorted(esco.languages):
        yield ox.Quad(graph, ox.NamedNode(DCTERMS + "language"), ox.Literal(lang))


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
                "dcterms": DCTERMS, "esco": ESCO_MODEL, "owl": "http://www.w3.org/2002/07/owl#", "skos": SKOS,
                "void": "http://rdfs.org/ns/void#",
            })
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(triples)
