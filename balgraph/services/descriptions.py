"""Read skills descriptions (skills standards, skills sets, education standards) for matching.

The reader asks the store a fixed set of SPARQL queries, each for every description of one
kind at once, so that reading the 500 role standards of a sector costs five queries, not
2,500. Values from requests are bound as substitutions, never pasted into query text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from ..errors import BalgraphError, InputError
from ..rdfio import parse_file
from ..sources import ProjectSources
from ..store import BuildInfo, GraphStore, labels_in
from .matching import (EDUCATION_STANDARD, EXACTNESS_WEIGHTS, INDIVIDUAL_SKILLS_SET, SKILLS_STANDARD, SKOS,
                       UNQUALIFIED_LINK_WEIGHT, KeySkill, LearningOutcome, SkillsDescription)

log = logging.getLogger(__name__)

BAL = "https://w3id.org/balgraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ESCO_SKILL_BASE = "http://data.europa.eu/esco/skill/"
KIND_CLASSES = {
    SKILLS_STANDARD: BAL + "SkillsStandard",
    INDIVIDUAL_SKILLS_SET: BAL + "IndividualSkillsSet",
    EDUCATION_STANDARD: BAL + "EducationStandard",
}
KINDS_BY_CLASS = {iri: kind for kind, iri in KIND_CLASSES.items()}
LANGUAGES = ("nb", "en", "")

PREFIXES = """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# Every query starts from the descriptions of one class, optionally of one sector. The
# placeholder is replaced by one of these two fixed fragments, never by request data.
# pyoxigraph substitutes only variables that the SELECT clause names, so every query names
# ?class, ?sector and ?description even where the result does not need them.
ALL_OF_CLASS = "?description a ?class ."
ALL_OF_CLASS_IN_SECTOR = "?description a ?class ; bal:sector ?sector ."

HEADER_QUERY = PREFIXES + """
SELECT ?class ?description ?label ?role ?sector WHERE {
  DESCRIPTIONS
  OPTIONAL { ?description rdfs:label ?label }
  OPTIONAL { ?description bal:forRole ?role }
  OPTIONAL { ?description bal:sector ?sector }
}"""
KEY_SKILLS_QUERY = PREFIXES + """
SELECT ?class ?sector ?description ?skill ?label ?dimension ?pole ?placement WHERE {
  DESCRIPTIONS
  ?description bal:hasKeySkill ?skill .
  OPTIONAL { ?skill rdfs:label ?label }
  OPTIONAL { ?skill bal:dimension ?dimension }
  OPTIONAL { ?skill bal:leansTo ?pole }
  OPTIONAL { ?skill bal:placement ?placement }
}"""
ESCO_LINKS_QUERY = PREFIXES + """
SELECT ?class ?sector ?description ?skill ?esco ?mapping WHERE {
  DESCRIPTIONS
  ?description bal:hasKeySkill ?skill .
  { ?skill bal:escoSkill ?esco }
  UNION
  { ?skill ?mapping ?esco .
    FILTER (?mapping IN (skos:exactMatch, skos:closeMatch, skos:broadMatch, skos:narrowMatch, skos:relatedMatch)
            && STRSTARTS(STR(?esco), "http://data.europa.eu/esco/skill/")) }
}"""
OUTCOMES_QUERY = PREFIXES + """
SELECT ?class ?sector ?description ?skill ?outcome ?category ?level ?notation WHERE {
  DESCRIPTIONS
  ?description bal:hasKeySkill ?skill .
  ?skill bal:hasLearningOutcome ?outcome .
  OPTIONAL { ?outcome bal:category ?category }
  OPTIONAL { ?outcome bal:nkrLevel ?level OPTIONAL { ?level skos:notation ?notation } }
}"""
# One predicate at a time: Oxigraph reads a single triple pattern from its index, far faster
# than the joins above once a ranking needs thousands of rows. Python then joins the rows.
PREDICATE_QUERY = "SELECT ?subject ?object WHERE {{ ?subject <{}> ?object }}"
NKR_NOTATIONS_QUERY = PREFIXES + "SELECT ?level ?notation WHERE { ?level a bal:NKRLevel ; skos:notation ?notation }"
SKOS_MAPPINGS = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
TYPES_QUERY = "SELECT ?thing ?type WHERE { ?thing a ?type }"
SKILLS_SET_OF_PERSON_QUERY = PREFIXES + "SELECT ?person ?set WHERE { ?set a bal:IndividualSkillsSet ; bal:holder ?person } ORDER BY ?set"
STANDARD_OF_ROLE_QUERY = PREFIXES + "SELECT ?role ?standard WHERE { ?standard a bal:SkillsStandard ; bal:forRole ?role } ORDER BY ?standard"


class DescriptionNotFound(BalgraphError):
    """An IRI names nothing that can be compared: no skills description, role or person."""


class ResourceMissing(DescriptionNotFound):
    """An IRI that the published graph says nothing about; `iri` is that IRI."""

    def __init__(self, iri: str, message: str) -> None:
        super().__init__(message)
        self.iri = iri


class DescriptionReader:
    """Read skills descriptions from a graph store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def resolve(self, iri: str) -> tuple[str, str]:
        """Return the skills description an IRI stands for, and its kind.

        A role stands for its skills standard and a person for their skills set. Raises
        DescriptionNotFound when the IRI is none of these or names several descriptions.
        """
        types = {row["type"].value for row in self.store.query(TYPES_QUERY, {"thing": _node(iri)})}
        for class_iri, kind in KINDS_BY_CLASS.items():
            if class_iri in types:
                return iri, kind
        if BAL + "Role" in types:
            return self._only(STANDARD_OF_ROLE_QUERY, "role", iri, "skills standard"), SKILLS_STANDARD
        if BAL + "Person" in types:
            return self._only(SKILLS_SET_OF_PERSON_QUERY, "person", iri, "skills set"), INDIVIDUAL_SKILLS_SET
        if not types:
            raise ResourceMissing(iri, f"{iri} is not in the published graph; check the IRI, or run "
                                      "`balgraph build` if the data was added since the last build")
        raise DescriptionNotFound(f"{iri} is not a skills standard, skills set, education standard, role or "
                                  "person, so it has no key skills to compare; pass one of those instead")

    def _only(self, query: str, variable: str, iri: str, what: str) -> str:
        found = [row[1].value for row in self.store.query(query, {variable: _node(iri)})]
        if len(found) == 1:
            return found[0]
        if not found:
            raise DescriptionNotFound(f"the {variable} {iri} has no {what} in the published graph; "
                                      f"add one, or compare another {variable}")
        raise DescriptionNotFound(f"the {variable} {iri} has {len(found)} {what}s ({', '.join(found)}); "
                                  f"pass the IRI of the one to compare")

    def read(self, iri: str) -> SkillsDescription:
        """Read the skills description that `iri` stands for (see `resolve`)."""
        description_iri, kind = self.resolve(iri)
        found = self._read({"class": _node(KIND_CLASSES[kind]), "description": _node(description_iri)},
                           ALL_OF_CLASS, kind)
        return found[0]

    def read_all(self, kind: str, sector: str | None = None) -> list[SkillsDescription]:
        """Read every skills description of one kind, optionally only those of one sector.

        Reads by single triple patterns and joins in Python, so the time grows with the number
        of key skills and learning outcomes in the whole graph, not with the joins.
        """
        bindings = {"class": _node(KIND_CLASSES[kind])}
        if sector is not None:
            bindings["sector"] = _node(sector)
        selection = ALL_OF_CLASS_IN_SECTOR if sector else ALL_OF_CLASS
        headers = self._headers(bindings, selection, None)
        skill_lists = self._objects_of(BAL + "hasKeySkill", set(headers))
        skill_iris = {skill for skills in skill_lists.values() for skill in skills}
        skills = self._key_skills_by_pattern(skill_lists, skill_iris)
        esco_links = self._esco_links_from_rows(self._esco_rows_by_pattern(skill_iris))
        outcomes = self._outcomes_by_pattern(skill_iris)
        return self._assemble(kind, headers, skills, esco_links, outcomes)

    def _pairs(self, predicate: str):
        for row in self.store.query(PREDICATE_QUERY.format(predicate)):
            yield row["subject"].value, row["object"]

    def _objects_of(self, predicate: str, subjects: set[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for subject, obj in self._pairs(predicate):
            if subject in subjects:
                found.setdefault(subject, []).append(obj.value)
        return found

    def _single_objects(self, predicate: str, subjects: set[str]) -> dict[str, ox.Term]:
        found: dict[str, ox.Term] = {}
        for subject, obj in self._pairs(predicate):
            if subject in subjects:
                found.setdefault(subject, obj)
        return found

    def _key_skills_by_pattern(self, skill_lists: dict[str, list[str]], skill_iris: set[str]) -> dict[str, dict]:
        dimensions = self._single_objects(BAL + "dimension", skill_iris)
        poles = self._single_objects(BAL + "leansTo", skill_iris)
        placements = self._single_objects(BAL + "placement", skill_iris)
        labels = self.store.labels(sorted(skill_iris))
        skills: dict[str, dict[str, dict]] = {}
        for description, skill_list in skill_lists.items():
            for skill in skill_list:
                skills.setdefault(description, {})[skill] = {
                    "labels": {lang: text for lang, text in labels.get(skill, {}).items() if lang in LANGUAGES},
                    "dimension": _value(dimensions.get(skill)), "pole": _value(poles.get(skill)),
                    "placement": _number(placements.get(skill))}
        return skills

    def _esco_rows_by_pattern(self, skill_iris: set[str]) -> list[tuple[str, str, str | None]]:
        rows = [(skill, esco.value, None) for skill, esco in self._pairs(BAL + "escoSkill") if skill in skill_iris]
        for name in SKOS_MAPPINGS:
            mapping = SKOS + name
            rows += [(skill, esco.value, mapping) for skill, esco in self._pairs(mapping)
                     if skill in skill_iris and esco.value.startswith(ESCO_SKILL_BASE)]
        return rows

    def _outcomes_by_pattern(self, skill_iris: set[str]) -> dict[str, list[LearningOutcome]]:
        outcome_lists = self._objects_of(BAL + "hasLearningOutcome", skill_iris)
        outcome_iris = {outcome for outcomes in outcome_lists.values() for outcome in outcomes}
        categories = self._single_objects(BAL + "category", outcome_iris)
        levels = self._single_objects(BAL + "nkrLevel", outcome_iris)
        notations = {row["level"].value: row["notation"] for row in self.store.query(NKR_NOTATIONS_QUERY)}
        return {skill: [LearningOutcome(outcome, _value(categories.get(outcome)),
                                        _level(levels.get(outcome), notations.get(_value(levels.get(outcome)))))
                        for outcome in outcomes]
                for skill, outcomes in outcome_lists.items()}

    def _read(self, bindings: Mapping[str, ox.NamedNode], selection: str, kind: str) -> list[SkillsDescription]:
        fixed = bindings.get("description")
        headers = self._headers(bindings, selection, fixed)
        skills = self._key_skills(bindings, selection, fixed)
        esco_rows = [(row["skill"].value, row["esco"].value, _value(row["mapping"]))
                     for row in self._rows(ESCO_LINKS_QUERY, bindings, selection)]
        outcomes = self._outcomes(bindings, selection)
        return self._assemble(kind, headers, skills, self._esco_links_from_rows(esco_rows), outcomes)

    @staticmethod
    def _assemble(kind: str, headers: dict, skills: dict, esco_links: dict, outcomes: dict) -> list[SkillsDescription]:
        descriptions = []
        for iri, header in sorted(headers.items()):
            key_skills = tuple(sorted(
                (KeySkill(skill_iri, fields["labels"], fields["dimension"], fields["pole"], fields["placement"],
                          esco_links.get(skill_iri, {}),
                          tuple(sorted(outcomes.get(skill_iri, []), key=_outcome_order)))
                 for skill_iri, fields in skills.get(iri, {}).items()),
                key=_skill_order))
            descriptions.append(SkillsDescription(iri, kind, header["labels"], key_skills,
                                                  header["role"], header["sector"]))
        return descriptions

    def _rows(self, query: str, bindings: Mapping[str, ox.NamedNode], selection: str):
        return self.store.query(query.replace("DESCRIPTIONS", selection), bindings)

    def _headers(self, bindings, selection, fixed) -> dict[str, dict]:
        headers: dict[str, dict] = {}
        for row in self._rows(HEADER_QUERY, bindings, selection):
            iri = fixed.value if fixed is not None else row["description"].value
            header = headers.setdefault(iri, {"labels": {}, "role": None, "sector": None})
            _add_label(header["labels"], row["label"])
            header["role"] = header["role"] or _value(row["role"])
            header["sector"] = header["sector"] or _value(row["sector"])
        return headers

    def _key_skills(self, bindings, selection, fixed) -> dict[str, dict[str, dict]]:
        skills: dict[str, dict[str, dict]] = {}
        for row in self._rows(KEY_SKILLS_QUERY, bindings, selection):
            iri = fixed.value if fixed is not None else row["description"].value
            fields = skills.setdefault(iri, {}).setdefault(row["skill"].value, {
                "labels": {}, "dimension": _value(row["dimension"]), "pole": _value(row["pole"]),
                "placement": _number(row["placement"])})
            _add_label(fields["labels"], row["label"])
        return skills

    @staticmethod
    def _esco_links_from_rows(rows: Iterable[tuple[str, str, str | None]]) -> dict[str, dict[str, float]]:
        """Weigh each (key skill, ESCO skill) link by its SKOS mapping property; plain links count as close."""
        plain: dict[str, set[str]] = {}
        qualified: dict[str, dict[str, float]] = {}
        for skill, esco, mapping in rows:
            if mapping is None:
                plain.setdefault(skill, set()).add(esco)
            else:
                weights = qualified.setdefault(skill, {})
                weights[esco] = max(weights.get(esco, 0.0), EXACTNESS_WEIGHTS[mapping])
        links: dict[str, dict[str, float]] = {skill: dict(weights) for skill, weights in qualified.items()}
        for skill, esco_skills in plain.items():
            for esco in esco_skills:
                links.setdefault(skill, {}).setdefault(esco, UNQUALIFIED_LINK_WEIGHT)
        return links

    def _outcomes(self, bindings, selection) -> dict[str, list[LearningOutcome]]:
        found: dict[tuple[str, str], LearningOutcome] = {}
        for row in self._rows(OUTCOMES_QUERY, bindings, selection):
            key = (row["skill"].value, row["outcome"].value)
            found.setdefault(key, LearningOutcome(key[1], _value(row["category"]),
                                                  _level(row["level"], row["notation"])))
        outcomes: dict[str, list[LearningOutcome]] = {}
        for (skill, _), outcome in found.items():
            outcomes.setdefault(skill, []).append(outcome)
        return outcomes

def _node(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise DescriptionNotFound(f"{iri!r} is not a valid IRI; pass an absolute IRI such as "
                                  "https://w3id.org/balgraph/id/role/sound-technician") from None


def _value(term) -> str | None:
    return None if term is None else term.value


def _number(term) -> float | None:
    try:
        return None if term is None else float(term.value)
    except ValueError:
        return None


def _level(level, notation) -> str | None:
    if notation is not None:
        return notation.value
    # Without the vocabulary, the notation is the last segment of the level's IRI (…/nkr/5.2).
    return level.value.rsplit("/", 1)[-1] if level is not None else None


def _add_label(labels: dict[str, str], term) -> None:
    if isinstance(term, ox.Literal) and (term.language or "") in LANGUAGES:
        labels.setdefault(term.language or "", term.value)


DIMENSION_ORDER = ("people-technology", "flexibility-routine", "pace-presence")
CATEGORY_ORDER = ("knowledge", "skills", "general-competence")


def _outcome_order(outcome: LearningOutcome) -> tuple:
    slug = (outcome.category or "").rsplit("/", 1)[-1]
    position = CATEGORY_ORDER.index(slug) if slug in CATEGORY_ORDER else len(CATEGORY_ORDER)
    return position, outcome.iri


def _skill_order(skill: KeySkill) -> tuple:
    slug = (skill.dimension or "").rsplit("/", 1)[-1]
    position = DIMENSION_ORDER.index(slug) if slug in DIMENSION_ORDER else len(DIMENSION_ORDER)
    return position, skill.pole or "", skill.iri


class MemoryStore(GraphStore):
    """An in-memory store over a few RDF files, for comparing files that are not published."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self._store = ox.Store()
        self._store.bulk_extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads])

    def query(self, sparql, bindings=None):
        substitutions = {ox.Variable(name): value for name, value in (bindings or {}).items()}
        return self._store.query(sparql, substitutions=substitutions)

    def triples_about(self, subject):
        return [ox.Triple(q.subject, q.predicate, q.object)
                for q in self._store.quads_for_pattern(subject, None, None, None)]

    def triples_pointing_to(self, target, limit):
        found = []
        for quad in self._store.quads_for_pattern(None, None, target, None):
            found.append(ox.Triple(quad.subject, quad.predicate, quad.object))
            if len(found) >= limit:
                break
        return found

    def labels(self, iris):
        return labels_in(self._store, iris)

    def info(self):
        return BuildInfo("in-memory", "", len(self._store), {})


def store_for_files(paths: list[Path], sources: ProjectSources | None = None) -> MemoryStore:
    """Parse RDF files into an in-memory store, with the project's ontology and vocabularies as context.

    The context supplies the NKR level notations and the labels of dimensions and poles.
    Raises InputError for a file that cannot be read or parsed.
    """
    quads: list[ox.Quad] = []
    for path in (sources.ontology + sources.vocabularies if sources else []):
        quads.extend(parse_file(path))
    for path in paths:
        quads.extend(parse_file(path))
    return MemoryStore(quads)


def description_in_file(path: Path) -> str:
    """Return the IRI of the one skills description, role or person that a file describes.

    Raises InputError naming the file when it describes none, or several of them.
    """
    found: set[str] = set()
    for quad in parse_file(path):
        if quad.predicate.value == RDF_TYPE and isinstance(quad.subject, ox.NamedNode) and (
                quad.object.value in KINDS_BY_CLASS):
            found.add(quad.subject.value)
    if len(found) == 1:
        return found.pop()
    if not found:
        raise InputError(path, "the file has no skills standard, individual skills set or education standard",
                         "Give the file a resource typed bal:SkillsStandard, bal:IndividualSkillsSet or "
                         "bal:EducationStandard")
    raise InputError(path, f"the file has {len(found)} skills descriptions ({', '.join(sorted(found))})",
                     "Put one skills description in the file, or pass the IRI of the one to compare")
