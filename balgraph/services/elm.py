"""Export of a skills standard or an education standard to the European Learning Model (ELM 3.1).

The standard becomes an elm:Qualification whose learning outcomes are those of its key skills,
with its EQF and NKR levels, a thematic area (ISCED-F field) chosen from its sector and the ESCO
skills of its key skills. Every concept the export points to is described in it as a
skos:Concept, because the ELM shapes check sh:class skos:Concept on the data alone.
"""

from __future__ import annotations

import logging

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCTERMS, RDF, SKOS

from ..errors import BalgraphError
from ..store import GraphStore

log = logging.getLogger(__name__)

ELM = rdflib.Namespace("http://data.europa.eu/snb/model/elm/")
BAL = "https://w3id.org/balgraph/ontology#"
EQF_SCHEME = rdflib.URIRef("http://data.europa.eu/snb/eqf/25831c2")
ISCED_F_SCHEME = rdflib.URIRef("http://data.europa.eu/snb/isced-f/25831c2")
QDR_SCHEME = rdflib.URIRef("http://data.europa.eu/snb/qdr/25831c2")
FORMATS = {"turtle": "turtle", "jsonld": "json-ld"}

# The ISCED-F 2013 field that stands for each sector, as an EU vocabulary IRI and its English name.
# NOTE: chosen by hand for the sectors in use; a standard in any other sector cannot be exported
# until its sector is added here.
ISCED_FIELDS = {
    "https://w3id.org/balgraph/id/sector/stage-production": ("0215", "Music and performing arts"),
    "https://w3id.org/balgraph/id/sector/retail": ("0416", "Wholesale and retail sales"),
    "https://w3id.org/balgraph/id/sector/healthcare": ("0919", "Health not elsewhere classified"),
}

_STANDARD = f"""
PREFIX bal: <{BAL}>
SELECT ?standard ?type ?level ?notation ?eqf WHERE {{
  ?standard a ?type .
  FILTER (?type IN (bal:SkillsStandard, bal:EducationStandard))
  OPTIONAL {{ ?standard bal:nkrLevel ?level . ?level bal:eqfLevel ?eqf ; <{SKOS.notation}> ?notation }}
}}"""

_SECTORS = f"""
PREFIX bal: <{BAL}>
SELECT DISTINCT ?standard ?sector WHERE {{ ?standard (bal:sector|bal:forRole/bal:sector|bal:basedOn/bal:sector) ?sector }}"""

_OUTCOMES = f"""
PREFIX bal: <{BAL}>
SELECT ?standard ?outcome ?statement ?esco WHERE {{
  ?standard bal:hasKeySkill ?keySkill .
  ?keySkill bal:hasLearningOutcome ?outcome .
  ?outcome <{DCTERMS.description}> ?statement .
  OPTIONAL {{ ?keySkill bal:escoSkill ?esco }}
}}"""

# pyoxigraph substitutes only variables that the query projects.
_TEXTS = "SELECT ?subject ?property ?text WHERE { ?subject ?property ?text . FILTER (isLiteral(?text) && lang(?text) != \"\") }"


class ExportError(BalgraphError):
    """A standard cannot be exported to ELM; the message names the standard and the fix."""


def export_elm(store: GraphStore, standard_iri: str) -> rdflib.Graph:
    """Return the ELM description of one skills standard or education standard in the store.

    Raises ExportError when the IRI names no standard, or the standard has no NKR level or no
    sector that maps to an ISCED-F field.
    """
    standard = ox.NamedNode(standard_iri)
    rows = list(store.query(_STANDARD, {"standard": standard}))
    if not rows:
        raise ExportError(f"{standard_iri} is not a bal:SkillsStandard or bal:EducationStandard in the "
                          "current build; check the IRI or run `balgraph build`")
    if rows[0]["level"] is None:
        raise ExportError(f"{standard_iri} states no bal:nkrLevel with an EQF level, which ELM requires; "
                          "add bal:nkrLevel to the standard")

    elm = rdflib.Graph()
    elm.bind("elm", ELM)
    elm.bind("dcterms", DCTERMS)
    elm.bind("skos", SKOS)
    qualification = rdflib.URIRef(standard_iri)
    elm.add((qualification, RDF.type, ELM.Qualification))
    _add_texts(store, elm, qualification, standard, DCTERMS.title, "http://www.w3.org/2000/01/rdf-schema#label")
    _add_texts(store, elm, qualification, standard, DCTERMS.description, str(DCTERMS.description))
    _add_levels(store, elm, qualification, rows[0])
    _add_field(store, elm, qualification, standard)
    _add_outcomes(store, elm, qualification, standard)
    log.info("exported %s to ELM: %d triples", standard_iri, len(elm))
    return elm


def serialize_elm(graph: rdflib.Graph, output_format: str) -> str:
    """Serialize an export as Turtle or JSON-LD (with the elm, dcterms and skos prefixes)."""
    if output_format == "jsonld":
        context = {"elm": str(ELM), "dcterms": str(DCTERMS), "skos": str(SKOS)}
        return graph.serialize(format="json-ld", context=context, indent=2)
    return graph.serialize(format="turtle")


def _add_texts(store: GraphStore, elm: rdflib.Graph, subject: rdflib.URIRef, source: ox.NamedNode,
               target: rdflib.URIRef, source_property: str) -> None:
    """Copy one language-tagged text per language from `source_property` to `target`."""
    seen: set[str] = set()
    for row in store.query(_TEXTS, {"subject": source, "property": ox.NamedNode(source_property)}):
        literal = row["text"]
        if literal.language not in seen:
            seen.add(literal.language)
            elm.add((subject, target, rdflib.Literal(literal.value, lang=literal.language)))


def _add_levels(store: GraphStore, elm: rdflib.Graph, qualification: rdflib.URIRef, row) -> None:
    eqf = rdflib.URIRef(row["eqf"].value)
    nkr = rdflib.URIRef(row["level"].value)
    elm.add((qualification, ELM.EQFLevel, eqf))
    _add_concept(store, elm, eqf, EQF_SCHEME)
    # NOTE: the NKR level is given by balgraph's own IRI, stated to be in the EU's QDR scheme,
    # because the EU's concept IRIs for the Norwegian levels could not be checked here.
    elm.add((qualification, ELM.NQFLevel, nkr))
    _add_concept(store, elm, nkr, QDR_SCHEME)
    elm.add((nkr, SKOS.notation, rdflib.Literal(row["notation"].value)))


def _add_field(store: GraphStore, elm: rdflib.Graph, qualification: rdflib.URIRef, standard: ox.NamedNode) -> None:
    sectors = sorted(row["sector"].value for row in store.query(_SECTORS, {"standard": standard}))
    known = [sector for sector in sectors if sector in ISCED_FIELDS]
    if not known:
        raise ExportError(f"{standard.value} has no sector with an ISCED-F field (sectors: "
                          f"{', '.join(sectors) or 'none'}); ELM requires a thematic area, so give the "
                          "standard a bal:sector listed in balgraph.services.elm.ISCED_FIELDS")
    for sector in known:
        code, name = ISCED_FIELDS[sector]
        field_iri = rdflib.URIRef(f"http://data.europa.eu/snb/isced-f/{code}")
        elm.add((qualification, ELM.ISCEDFCode, field_iri))
        elm.add((field_iri, RDF.type, SKOS.Concept))
        elm.add((field_iri, SKOS.prefLabel, rdflib.Literal(name, lang="en")))
        elm.add((field_iri, SKOS.notation, rdflib.Literal(code)))
        elm.add((field_iri, SKOS.inScheme, ISCED_F_SCHEME))
    elm.add((ISCED_F_SCHEME, RDF.type, SKOS.ConceptScheme))


def _add_outcomes(store: GraphStore, elm: rdflib.Graph, qualification: rdflib.URIRef,
                  standard: ox.NamedNode) -> None:
    """Add each learning outcome with its statement as title and its key skill's ESCO skills."""
    titled: set[tuple[str, str]] = set()
    for row in store.query(_OUTCOMES, {"standard": standard}):
        outcome = rdflib.URIRef(row["outcome"].value)
        elm.add((qualification, ELM.learningOutcome, outcome))
        elm.add((outcome, RDF.type, ELM.LearningOutcome))
        statement = row["statement"]
        if (outcome, statement.language) not in titled:
            titled.add((outcome, statement.language))
            elm.add((outcome, DCTERMS.title, rdflib.Literal(statement.value, lang=statement.language)))
        if row["esco"] is not None:
            skill = rdflib.URIRef(row["esco"].value)
            elm.add((outcome, ELM.relatedESCOSkill, skill))
            # No skos:inScheme: the ELM vocabulary shapes expect a pattern that ESCO's own schemes do not meet.
            _add_concept(store, elm, skill, None)


def _add_concept(store: GraphStore, elm: rdflib.Graph, concept: rdflib.URIRef, scheme: rdflib.URIRef | None) -> None:
    elm.add((concept, RDF.type, SKOS.Concept))
    _add_texts(store, elm, concept, ox.NamedNode(str(concept)), SKOS.prefLabel, str(SKOS.prefLabel))
    if scheme is not None:
        elm.add((concept, SKOS.inScheme, scheme))
        elm.add((scheme, RDF.type, SKOS.ConceptScheme))
