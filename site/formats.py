"""The media types the site produces, with their pyoxigraph formats and ?format= names."""

import pyoxigraph as ox

from balgraph.namespaces import TURTLE_PREFIXES

HTML = "text/html"

# Media type -> attribute name of the pyoxigraph format (ox.RdfFormat or ox.QueryResultsFormat).
RDF_MEDIA_TYPES = {
    "text/turtle": "TURTLE",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
    "application/n-triples": "N_TRIPLES",
}
RESULTS_MEDIA_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
    "application/json": "JSON",
    "application/xml": "XML",
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
PREFIXES = TURTLE_PREFIXES


def media_type_for(format_name: str) -> str | None:
    """Return the media type a ?format= value names (a short name or a media type), or None."""
    name = format_name.strip().lower()
    if name in FORMAT_NAMES:
        return FORMAT_NAMES[name]
    if name in RDF_MEDIA_TYPES or name in RESULTS_MEDIA_TYPES or name == HTML:
        return name
    return None


def serialize_triples(triples, media_type: str) -> bytes:
    """Serialize triples in the RDF format of `media_type`, with the usual prefixes in Turtle."""
    rdf_format = getattr(ox.RdfFormat, RDF_MEDIA_TYPES[media_type])
    if rdf_format == ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES)
    return ox.serialize(triples, format=rdf_format)
