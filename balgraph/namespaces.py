"""IRIs of the vocabularies and named graphs that balgraph publishes or links to."""

from rdflib import Namespace

BAL = Namespace("https://w3id.org/balgraph/ontology#")
BALSH = Namespace("https://w3id.org/balgraph/shapes#")
ESCO = Namespace("http://data.europa.eu/esco/model#")
ESCO_BASE = "http://data.europa.eu/esco/"
EQF_BASE = "http://data.europa.eu/snb/eqf/"
VOID = Namespace("http://rdfs.org/ns/void#")

ONTOLOGY_IRI = "https://w3id.org/balgraph/ontology"
CANONICAL_BASE = "https://w3id.org/balgraph/"


def graph_iri(name: str, base: str = CANONICAL_BASE) -> str:
    """Return the IRI of one of the named graphs a build writes (ontology, vocabularies, esco, standards,
    skills-sets, education, void)."""
    return f"{base}graph/{name}"
