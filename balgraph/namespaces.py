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

# Prefixes written in Turtle output (dereferenced resources and dumps).
TURTLE_PREFIXES = {
    "bal": "https://w3id.org/balgraph/ontology#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "esco": "http://data.europa.eu/esco/model#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
