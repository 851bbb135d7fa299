"""The media types the site produces, with their pyoxigraph formats and ?format= names."""

import pyoxigraph as ox

HTML = "text/html"

RDF_MEDIA_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
RESULTS_MEDIA_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
}
# Names accepted by ?format= on resources and on /sparql, mapped to media types.
FORMAT_NAMES = {
    "html": HTML,
    "ttl": "text/turtle", "turtle": "text/turtle",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "rdf": "application/rdf+xml", "rdfxml": "application/rdf+xml", "xml": "application/sparql-results+xml",
    "nt": "application/n-triples", "ntriples": "application/n-triples",
    "json": "application/sparql-results+json",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
}
PREFIXES = {
    "bal": "https://w3id.org/balgraph/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "esco": "http://data.europa.eu/esco/model#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def media_type_for(format_name: str) -> str | None:
    """Return the media type a ?format= value names (a short name or a media type), or None."""
    name = format_name.strip().lower()
    if name in FORMAT_NAMES:
        return FORMAT_NAMES[name]
    if name in RDF_MEDIA_TYPES or name in RESULTS_MEDIA_TYPES or name == HTML:
        return name
    return None


def serialize_triples(triples, media_type: str) -> bytes:
    rdf_format = RDF_MEDIA_TYPES[media_type]
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE,) else None
    return ox.serialize(triples, format=rdf_format, prefixes=prefixes) if prefixes else \
        ox.serialize(triples, format=rdf_format)
