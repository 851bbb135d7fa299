"""Read ESCO's own RDF dump (the Turtle file of the official download) into an `EscoGraph`.

The dump uses more of ESCO's model than the CSV files: descriptions and definitions are
`esco:NodeLiteral` resources with `esco:language` and `esco:nodeLiteral`, occupation-skill
links appear as `esco:AssociationObject` resources and as `esco:isEssentialSkillFor` /
`esco:isOptionalSkillFor` on the skill, and labels come in all of ESCO's languages. This reader
streams the file once and turns those into the same concepts, labels and relations that the CSV
import produces, so both sources give the same output model.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from .csv_import import (CONCEPT_TYPES, DCTERMS, ESCO_MODEL, ESCO_PREFIX, ISCO_GROUP_TYPE, OWL_VERSION_INFO,
                         RDF_TYPE, RELATION_PROPERTIES, SKOS, Concept, EscoGraph, Progress)

log = logging.getLogger(__name__)

DUMP_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
                ".trig": ox.RdfFormat.TRIG}
CLASSES = {ESCO_MODEL + "Occupation", ESCO_MODEL + "Skill", ISCO_GROUP_TYPE} | set(CONCEPT_TYPES.values())
RELATIONSHIP_TYPES = {
    ESCO_PREFIX + "relationship-type/essential-skill": RELATION_PROPERTIES["essential"],
    ESCO_PREFIX + "relationship-type/optional-skill": RELATION_PROPERTIES["optional"],
}
INVERSE_RELATIONS = {
    ESCO_MODEL + "isEssentialSkillFor": RELATION_PROPERTIES["essential"],
    ESCO_MODEL + "isOptionalSkillFor": RELATION_PROPERTIES["optional"],
}
PROGRESS_EVERY = 1_000_000


class _DumpReader:
    def __init__(self, esco: EscoGraph, languages: set[str] | None) -> None:
        self.esco = esco
        self.languages = languages
        self.types: dict[str, set[str]] = {}
        self.facts: list[tuple[str, str, object]] = []
        self.node_texts: dict[str, tuple[str, str]] = {}
        self.node_refs: list[tuple[str, str, str]] = []
        self.associations: dict[str, dict[str, str]] = {}

    def keep(self, literal: ox.Literal) -> bool:
        language = literal.language or ""
        return self.languages is None or language.split("-")[0] in self.languages

    def add(self, subject: str, predicate: str, obj) -> None:
        """Sort one triple into what the end of the file resolves."""
        value = obj if isinstance(obj, ox.Literal) else obj.value
        if predicate == RDF_TYPE:
            self.types.setdefault(subject, set()).add(value)
        elif predicate in (ESCO_MODEL + "nodeLiteral", ESCO_MODEL + "language"):
            text, language = self.node_texts.get(subject, ("", ""))
            self.node_texts[subject] = (obj.value, language) if predicate.endswith("nodeLiteral") else (text, obj.value)
        elif predicate in (DCTERMS + "description", SKOS + "definition") and not isinstance(obj, ox.Literal):
            self.node_refs.append((subject, predicate, value))
        elif predicate in (ESCO_MODEL + "isAssociationFor", ESCO_MODEL + "target", DCTERMS + "type"):
            self.associations.setdefault(subject, {})[predicate] = value
        else:
            self.facts.append((subject, predicate, obj))

    def finish(self) -> None:
        for iri, types in self.types.items():
            if types & CLASSES and iri.startswith(ESCO_PREFIX):
                self.esco.concept(iri).types.update(t for t in types if t in CLASSES)
            elif SKOS + "ConceptScheme" in types and iri.startswith(ESCO_PREFIX):
                self.esco.schemes.setdefault(iri, Concept(iri))
        for subject, predicate, obj in self.facts:
            self.fact(subject, predicate, obj)
        for subject, predicate, node in self.node_refs:
            text, language = self.node_texts.get(node, ("", ""))
            concept = self.esco.concepts.get(subject)
            if concept is not None and text and (self.languages is None or language.split("-")[0] in self.languages):
                target = concept.descriptions if predicate == DCTERMS + "description" else concept.definitions
                target[language] = text
                self.esco.languages.add(language)
        for association in self.associations.values():
            relation = RELATIONSHIP_TYPES.get(association.get(DCTERMS + "type", ""))
            occupation, skill = association.get(ESCO_MODEL + "isAssociationFor"), association.get(ESCO_MODEL + "target")
            if relation and occupation in self.esco.concepts and skill in self.esco.concepts:
                self.esco.skill_relations.add((occupation, relation, skill))

    def fact(self, subject: str, predicate: str, obj) -> None:
        if predicate == OWL_VERSION_INFO and isinstance(obj, ox.Literal) and self.esco.version is None:
            self.esco.version = obj.value.lstrip("v")
            return
        concept = self.esco.concepts.get(subject) or self.esco.schemes.get(subject)
        if concept is None:
            return
        if isinstance(obj, ox.Literal):
            self.literal(concept, predicate, obj)
        elif predicate == SKOS + "broader":
            self.esco.broader[subject].add(obj.value)
        elif predicate == SKOS + "inScheme":
            concept.schemes.add(obj.value)
        elif predicate == ESCO_MODEL + "skillType":
            concept.skill_type = obj.value
        elif predicate == ESCO_MODEL + "skillReuseLevel":
            concept.reuse_level = obj.value
        elif predicate in RELATION_PROPERTIES.values():
            self.esco.skill_relations.add((subject, predicate, obj.value))
        elif predicate in INVERSE_RELATIONS:
            self.esco.skill_relations.add((obj.value, INVERSE_RELATIONS[predicate], subject))

    def literal(self, concept: Concept, predicate: str, obj: ox.Literal) -> None:
        if predicate == SKOS + "notation":
            concept.notation = concept.notation or obj.value
            return
        if not self.keep(obj) or not obj.language:
            return
        self.esco.languages.add(obj.language)
        if predicate == SKOS + "prefLabel":
            concept.pref_labels[obj.language] = obj.value
        elif predicate == SKOS + "altLabel":
            concept.alt_labels.add((obj.value, obj.language))
        elif predicate == DCTERMS + "description":
            concept.descriptions[obj.language] = obj.value
        elif predicate == SKOS + "definition":
            concept.definitions[obj.language] = obj.value


def read_turtle_dump(path: Path, esco: EscoGraph | None = None, languages: set[str] | None = None,
                     progress: Progress | None = None) -> EscoGraph:
    """Stream ESCO's RDF dump at `path` into `esco`; raise InputError with the line of a syntax error."""
    rdf_format = DUMP_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise InputError(path, f"unknown ESCO dump suffix {path.suffix!r}",
                         f"Use the Turtle dump from the ESCO download ({', '.join(DUMP_FORMATS)})")
    esco = esco if esco is not None else EscoGraph()
    reader = _DumpReader(esco, languages)
    count = 0
    try:
        for quad in ox.parse(path=str(path), format=rdf_format):
            subject = quad.subject.value if not isinstance(quad.subject, ox.BlankNode) else "_:" + quad.subject.value
            obj = _Blank(quad.object) if isinstance(quad.object, ox.BlankNode) else quad.object
            reader.add(subject, quad.predicate.value, obj)
            count += 1
            if progress and count % PROGRESS_EVERY == 0:
                progress(f"read {path.name}: {count:,} triples")
    except SyntaxError as error:
        raise InputError(path, f"invalid RDF syntax: {error}", "Use the dump file as downloaded") from None
    except OSError as error:
        raise InputError(path, f"cannot read the file ({error.strerror})", "Check the path") from None
    reader.finish()
    esco.files_read.append(path.name)
    if progress:
        progress(f"read {path.name}: {count:,} triples, {len(esco.concepts):,} concepts")
    log.info("read %s (%d triples)", path, count)
    return esco


class _Blank:
    """A blank node seen as an object, keyed like blank-node subjects ("_:" + label)."""

    def __init__(self, node: ox.BlankNode) -> None:
        self.value = "_:" + node.value
