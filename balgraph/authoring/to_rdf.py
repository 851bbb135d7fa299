"""Turn an authoring document into RDF in the balgraph ontology, minting IRIs from its IDs.

Each ESCO link is stated twice on the key skill or role: with `bal:escoSkill` or
`bal:escoOccupation`, and with the SKOS mapping property that says how exact it is. A link with
provenance (who accepted it, when, by which method, with what score) also gets a record in the
SSSOM vocabulary, an `owl:Axiom` that annotates the SKOS mapping triple.
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox

from . import iris
from .document import Document, EscoLink, Interview, KeySkill, Origin

BAL = "https://w3id.org/balgraph/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SSSOM = "https://w3id.org/sssom/"
SEMAPV = "https://w3id.org/semapv/vocab/"
PREFIXES = {"bal": BAL, "dcterms": DCTERMS, "org": ORG, "owl": OWL, "prov": PROV, "rdfs": RDFS,
            "semapv": SEMAPV, "skos": SKOS, "sssom": SSSOM, "xsd": XSD}

MATCH_PROPERTIES = {match: SKOS + f"{match}Match" for match in ("exact", "close", "broad", "narrow", "related")}
DOCUMENT_CLASSES = {
    "skills-standard": BAL + "SkillsStandard",
    "individual-skills-set": BAL + "IndividualSkillsSet",
    "education-standard": BAL + "EducationStandard",
}
MANUAL_METHODS = {"manual", "manuell"}


class _Triples:
    """Collects triples, and the origin of each subject so that errors can point back to the file."""

    def __init__(self) -> None:
        self.triples: list[ox.Triple] = []
        self.origins: dict[str, Origin] = {}

    def add(self, subject: str, predicate: str, obj: ox.NamedNode | ox.Literal | str) -> None:
        target = ox.NamedNode(obj) if isinstance(obj, str) else obj
        self.triples.append(ox.Triple(ox.NamedNode(subject), ox.NamedNode(predicate), target))

    def typed(self, subject: str, rdf_class: str, origin: Origin | None = None) -> None:
        self.add(subject, RDF + "type", rdf_class)
        if origin is not None:
            self.origins.setdefault(subject, origin)

    def texts(self, subject: str, predicate: str, texts: dict[str, str]) -> None:
        for lang in sorted(texts):
            self.add(subject, predicate, ox.Literal(texts[lang], language=lang))

    def literal(self, subject: str, predicate: str, value: object, datatype: str | None = None) -> None:
        if value is None:
            return
        if isinstance(value, bool):
            self.add(subject, predicate, ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean")))
        elif isinstance(value, Decimal):
            self.add(subject, predicate, ox.Literal(_decimal_text(value), datatype=ox.NamedNode(XSD + "decimal")))
        elif datatype:
            self.add(subject, predicate, ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype)))
        else:
            self.add(subject, predicate, ox.Literal(str(value)))


def document_triples(document: Document) -> tuple[list[ox.Triple], dict[str, Origin]]:
    """Return the document's triples and, for each resource IRI, the place in the file it came from."""
    out = _Triples()
    subject = iris.document_iri(document.kind, document.id)
    out.typed(subject, DOCUMENT_CLASSES[document.kind], document.origin)
    out.texts(subject, RDFS + "label", document.label)
    out.texts(subject, DCTERMS + "description", document.description)
    out.texts(subject, RDFS + "comment", document.note)
    out.literal(subject, BAL + "illustrative", document.illustrative)
    if document.sector:
        out.add(subject, BAL + "sector", iris.sector_iri(document.sector))
    if document.nkr_level:
        out.add(subject, BAL + "nkrLevel", iris.nkr_iri(document.nkr_level))

    if document.role is not None:
        _role(out, document, subject)
    if document.holder:
        person = iris.person_iri(document.holder)
        out.add(subject, BAL + "holder", person)
        out.typed(person, BAL + "Person")
        out.literal(person, BAL + "pseudonym", document.holder)
    _education(out, document, subject)

    for interview in document.interviews:
        _interview(out, document, interview)
        out.add(subject, PROV + "wasDerivedFrom", iris.interview_iri(interview.id))
    for skill in document.key_skills:
        out.add(subject, BAL + "hasKeySkill", iris.key_skill_iri(document.id, skill.id))
        _key_skill(out, document, skill)
    return out.triples, out.origins


def _role(out: _Triples, document: Document, subject: str) -> None:
    role = document.role
    role_iri = iris.role_iri(role.id)
    out.add(subject, BAL + "forRole", role_iri)
    if document.kind != "skills-standard":
        return
    out.typed(role_iri, BAL + "Role", document.origin)
    out.texts(role_iri, RDFS + "label", role.label)
    out.texts(role_iri, DCTERMS + "description", role.description)
    if document.sector:
        out.add(role_iri, BAL + "sector", iris.sector_iri(document.sector))
    for link in role.esco_links:
        _esco_link(out, role_iri, BAL + "escoOccupation", link, iris.esco_link_iri("role", role.id, link.iri))


def _education(out: _Triples, document: Document, subject: str) -> None:
    out.literal(subject, BAL + "credits", document.credits)
    if document.provider_id:
        provider = iris.organisation_iri(document.provider_id)
        out.add(subject, BAL + "provider", provider)
        out.typed(provider, ORG + "Organization")
        out.literal(provider, RDFS + "label", document.provider_name)
    for reference in document.based_on:
        out.add(subject, BAL + "basedOn", iris.standard_iri(reference))


def _interview(out: _Triples, document: Document, interview: Interview) -> None:
    subject = iris.interview_iri(interview.id)
    out.typed(subject, BAL + "Interview", interview.origin)
    out.literal(subject, DCTERMS + "date", interview.date, "date")
    if interview.duration_minutes is not None:
        out.literal(subject, BAL + "duration", f"PT{interview.duration_minutes}M", "duration")
    if document.role is not None:
        out.add(subject, BAL + "aboutRole", iris.role_iri(document.role.id))
    if document.sector:
        out.add(subject, BAL + "sector", iris.sector_iri(document.sector))
    if interview.workplace:
        location = subject + "/workplace"
        out.add(subject, PROV + "atLocation", location)
        out.typed(location, PROV + "Location")
        out.literal(location, RDFS + "label", interview.workplace)
    if interview.interviewer:
        agent = iris.interviewer_iri(interview.id)
        out.add(subject, PROV + "wasAssociatedWith", agent)
        out.typed(agent, BAL + "Interviewer")
        out.literal(agent, RDFS + "label", interview.interviewer)


def _key_skill(out: _Triples, document: Document, skill: KeySkill) -> None:
    scope = document.id
    subject = iris.key_skill_iri(scope, skill.id)
    out.typed(subject, BAL + "KeySkill", skill.origin)
    out.texts(subject, RDFS + "label", skill.label)
    out.texts(subject, DCTERMS + "description", skill.description)
    if skill.dimension:
        out.add(subject, BAL + "dimension", iris.ID + f"dimension/{skill.dimension}")
    if skill.leans_to:
        out.add(subject, BAL + "leansTo", iris.ID + f"pole/{skill.leans_to}")
    out.literal(subject, BAL + "placement", skill.placement)
    for link in skill.esco_links:
        _esco_link(out, subject, BAL + "escoSkill", link, iris.esco_link_iri(scope, skill.id, link.iri))
    for outcome in skill.learning_outcomes:
        outcome_iri = iris.learning_outcome_iri(scope, skill.id, outcome.id)
        out.add(subject, BAL + "hasLearningOutcome", outcome_iri)
        out.typed(outcome_iri, BAL + "LearningOutcome", outcome.origin)
        out.texts(outcome_iri, RDFS + "label", outcome.label)
        out.texts(outcome_iri, DCTERMS + "description", outcome.description)
        out.add(outcome_iri, BAL + "category", iris.ID + f"category/{outcome.category}")
        out.add(outcome_iri, BAL + "nkrLevel", iris.nkr_iri(outcome.nkr_level))
    if skill.interview:
        identified = iris.identified_skill_iri(scope, skill.id)
        out.add(subject, PROV + "wasDerivedFrom", identified)
        out.typed(identified, BAL + "IdentifiedSkill", skill.origin)
        out.literal(identified, RDFS + "label", skill.identified_skill)
        out.add(identified, PROV + "wasGeneratedBy", iris.interview_iri(skill.interview))
    for item in skill.evidence:
        evidence = iris.evidence_iri(scope, item.id)
        out.add(subject, BAL + "documentedBy", evidence)
        out.typed(evidence, BAL + "Evidence", item.origin)
        out.add(evidence, BAL + "evidenceType", iris.ID + f"evidence-type/{item.type}")
        out.texts(evidence, DCTERMS + "description", item.description)
        out.literal(evidence, DCTERMS + "date", item.date, "date")


def _esco_link(out: _Triples, subject: str, plain_property: str, link: EscoLink, record: str) -> None:
    if link.status != "accepted":
        return
    mapping_property = MATCH_PROPERTIES[link.match]
    out.add(subject, plain_property, link.iri)
    out.add(subject, mapping_property, link.iri)
    if not link.has_provenance:
        return
    out.typed(record, OWL + "Axiom", link.origin)
    out.add(record, OWL + "annotatedSource", subject)
    out.add(record, OWL + "annotatedProperty", mapping_property)
    out.add(record, OWL + "annotatedTarget", link.iri)
    manual = link.method is None or link.method.strip().lower() in MANUAL_METHODS
    out.add(record, SSSOM + "mapping_justification",
            SEMAPV + ("ManualMappingCuration" if manual else "LexicalMatching"))
    out.literal(record, SSSOM + "author_label", link.accepted_by)
    out.literal(record, SSSOM + "mapping_date", link.accepted_on, "date")
    out.literal(record, SSSOM + "mapping_tool", link.method)
    if link.score is not None:
        out.literal(record, SSSOM + "confidence", _decimal_text(link.score), "double")


def _decimal_text(value: Decimal) -> str:
    text = format(value, "f")
    return text if "." in text else text + ".0"
