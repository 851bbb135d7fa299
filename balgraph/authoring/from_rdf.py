"""Read a published skills standard, individual skills set or education standard back into a document.

This is the inverse of `to_rdf`: IDs come from the last segment of each IRI, coded values from
the concept IRIs, and each ESCO link's exactness and provenance from its SKOS mapping triple and
SSSOM record. Export uses it to write the authoring formats from the published graph.
"""

from __future__ import annotations

import re
from decimal import Decimal

import rdflib
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from ..errors import InputError
from . import iris
from .document import Document, EscoLink, Evidence, Interview, KeySkill, LearningOutcome, Role, Text
from .to_rdf import BAL, DOCUMENT_CLASSES, MATCH_PROPERTIES, SSSOM

B = rdflib.Namespace(BAL)
S = rdflib.Namespace(SSSOM)
KINDS_BY_CLASS = {rdflib.URIRef(cls): kind for kind, cls in DOCUMENT_CLASSES.items()}
MATCHES_BY_PROPERTY = {rdflib.URIRef(prop): match for match, prop in MATCH_PROPERTIES.items()}


def read_document(graph: rdflib.Graph, iri: str, esco_labels: dict[str, str] | None = None) -> Document:
    """Build the document for `iri`, which may name the standard, skills set or education standard,
    or the role of a skills standard. Raise InputError when the graph does not describe it."""
    subject = _document_subject(graph, rdflib.URIRef(iri))
    kind = KINDS_BY_CLASS[next(c for c in graph.objects(subject, RDF.type) if c in KINDS_BY_CLASS)]
    reader = _Reader(graph, esco_labels or {})
    return reader.document(subject, kind)


def _document_subject(graph: rdflib.Graph, iri: rdflib.URIRef) -> rdflib.URIRef:
    if any(c in KINDS_BY_CLASS for c in graph.objects(iri, RDF.type)):
        return iri
    for standard in graph.subjects(B.forRole, iri):
        if (standard, RDF.type, B.SkillsStandard) in graph:
            return standard
    raise InputError(str(iri), "no skills standard, individual skills set or education standard has this IRI",
                     "Give the IRI of a standard (…/id/standard/ID), a skills set (…/id/skills-set/ID), an "
                     "education standard (…/id/education-standard/ID) or a role with a standard")


class _Reader:
    def __init__(self, graph: rdflib.Graph, esco_labels: dict[str, str]) -> None:
        self.graph = graph
        self.esco_labels = esco_labels

    def texts(self, subject, predicate) -> Text:
        return {o.language: str(o) for o in self.graph.objects(subject, predicate)
                if isinstance(o, rdflib.Literal) and o.language in ("nb", "en")}

    def value(self, subject, predicate) -> str | None:
        found = self.graph.value(subject, predicate)
        return None if found is None else str(found)

    def code(self, subject, predicate) -> str | None:
        found = self.graph.value(subject, predicate)
        return None if found is None else iris.local_id(str(found))

    def decimal(self, subject, predicate) -> Decimal | None:
        found = self.graph.value(subject, predicate)
        return None if found is None else Decimal(str(found))

    def ordered(self, subject, predicate) -> list[rdflib.URIRef]:
        return sorted((o for o in self.graph.objects(subject, predicate) if isinstance(o, rdflib.URIRef)), key=str)

    def document(self, subject, kind: str) -> Document:
        g = self.graph
        illustrative = g.value(subject, B.illustrative)
        document = Document(kind=kind, id=iris.local_id(str(subject)), label=self.texts(subject, RDFS.label),
                            description=self.texts(subject, DCTERMS.description),
                            note=self.texts(subject, RDFS.comment),
                            illustrative=None if illustrative is None else bool(illustrative.toPython()),
                            sector=self.code(subject, B.sector), nkr_level=self.nkr(subject),
                            credits=self.decimal(subject, B.credits),
                            based_on=[self.standard_reference(o) for o in self.ordered(subject, B.basedOn)])
        role = g.value(subject, B.forRole)
        if role is not None:
            document.role = Role(iris.local_id(str(role)))
            if kind == "skills-standard":
                document.role.label = self.texts(role, RDFS.label)
                document.role.description = self.texts(role, DCTERMS.description)
                document.role.esco_links = self.esco_links(role, B.escoOccupation)
        holder = g.value(subject, B.holder)
        if holder is not None:
            document.holder = self.value(holder, B.pseudonym) or iris.local_id(str(holder))
        provider = g.value(subject, B.provider)
        if provider is not None:
            document.provider_id = iris.local_id(str(provider))
            document.provider_name = self.value(provider, RDFS.label)
        document.interviews = [self.interview(i) for i in self.ordered(subject, PROV.wasDerivedFrom)
                               if (i, RDF.type, B.Interview) in g]
        document.key_skills = [self.key_skill(s) for s in self.key_skills(subject)]
        return document

    def key_skills(self, subject) -> list[rdflib.URIRef]:
        # Keep the order of the source file where it is known: by the row it came from is lost in
        # RDF, so key skills are sorted by IRI, which is stable across imports.
        return self.ordered(subject, B.hasKeySkill)

    def nkr(self, subject) -> str | None:
        level = self.graph.value(subject, B.nkrLevel)
        return None if level is None else iris.local_id(str(level))

    def standard_reference(self, iri) -> str:
        text = str(iri)
        return iris.local_id(text) if text.startswith(iris.ID + "standard/") else text

    def interview(self, subject) -> Interview:
        g = self.graph
        minutes = _minutes(self.value(subject, B.duration))
        location = g.value(subject, PROV.atLocation)
        agent = g.value(subject, PROV.wasAssociatedWith)
        return Interview(iris.local_id(str(subject)), self.value(subject, DCTERMS.date), minutes,
                         None if location is None else self.value(location, RDFS.label),
                         None if agent is None else self.value(agent, RDFS.label))

    def key_skill(self, subject) -> KeySkill:
        g = self.graph
        skill = KeySkill(iris.local_id(str(subject)), self.texts(subject, RDFS.label),
                         self.texts(subject, DCTERMS.description), self.code(subject, B.dimension),
                         self.code(subject, B.leansTo), self.decimal(subject, B.placement))
        identified = g.value(subject, PROV.wasDerivedFrom)
        if identified is not None and (identified, RDF.type, B.IdentifiedSkill) in g:
            interview = g.value(identified, PROV.wasGeneratedBy)
            skill.interview = None if interview is None else iris.local_id(str(interview))
            skill.identified_skill = self.value(identified, RDFS.label)
        skill.esco_links = self.esco_links(subject, B.escoSkill)
        for outcome in self.ordered(subject, B.hasLearningOutcome):
            skill.learning_outcomes.append(LearningOutcome(
                iris.local_id(str(outcome)), self.code(outcome, B.category) or "", self.nkr(outcome) or "",
                self.texts(outcome, RDFS.label), self.texts(outcome, DCTERMS.description)))
        for evidence in self.ordered(subject, B.documentedBy):
            skill.evidence.append(Evidence(iris.local_id(str(evidence)), self.code(evidence, B.evidenceType) or "",
                                           self.texts(evidence, DCTERMS.description),
                                           self.value(evidence, DCTERMS.date)))
        return skill

    def esco_links(self, subject, plain_property) -> list[EscoLink]:
        links = []
        for target in self.ordered(subject, plain_property):
            match, mapping = "close", None
            for prop, name in MATCHES_BY_PROPERTY.items():
                if (subject, prop, target) in self.graph:
                    match, mapping = name, prop
                    break
            link = EscoLink(str(target), match, esco_label=self.esco_labels.get(str(target)))
            if mapping is not None:
                self.provenance(link, subject, mapping, target)
            links.append(link)
        return links

    def provenance(self, link: EscoLink, subject, mapping, target) -> None:
        g = self.graph
        for record in g.subjects(OWL.annotatedSource, subject):
            if (record, OWL.annotatedProperty, mapping) in g and (record, OWL.annotatedTarget, target) in g:
                link.accepted_by = self.value(record, S.author_label)
                link.accepted_on = self.value(record, S.mapping_date)
                link.method = self.value(record, S.mapping_tool)
                score = self.value(record, S.confidence)
                link.score = None if score is None else Decimal(score).normalize()
                return


def _minutes(duration: str | None) -> int | None:
    """Return the whole minutes of an xsd:duration such as PT1H30M, or None for other forms."""
    match = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?", duration or "")
    if not match or not duration.strip("PT"):
        return None
    days, hours, minutes = (int(part or 0) for part in match.groups())
    return days * 24 * 60 + hours * 60 + minutes
