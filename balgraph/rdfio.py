"""Safe reading of RDF files: no remote documents, no XML entities, errors with line and column."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import rdflib

from .errors import InputError

FORMATS_BY_SUFFIX = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}

FORMATS_BY_MEDIA_TYPE = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_DTD_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def format_for_path(path: Path) -> ox.RdfFormat:
    """Return the RDF format named by a file's suffix, or raise InputError listing the known ones."""
    try:
        return FORMATS_BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS_BY_SUFFIX))
        raise InputError(path, f"unknown RDF file suffix {path.suffix!r}",
                         f"Rename the file to one of: {known}") from None


def parse_bytes(data: bytes, rdf_format: ox.RdfFormat, source: str) -> list[ox.Quad]:
    """Parse a document into quads, refusing DTDs in RDF/XML and remote JSON-LD contexts.

    Raises InputError with the line and column that the parser reports.
    """
    if rdf_format == ox.RdfFormat.RDF_XML and _DTD_DECLARATION.search(data):
        raise InputError(source, "the RDF/XML document declares a DTD or XML entities",
                         "Remove the <!DOCTYPE> block; balgraph never expands XML entities")
    try:
        # pyoxigraph has no document loader set, so a remote JSON-LD @context fails instead of being fetched.
        return list(ox.parse(data, rdf_format, base_iri=None))
    except SyntaxError as error:
        line, column = _position(error)
        message = str(error.args[0]) if error.args else str(error)
        if "LoadDocumentCallback" in message:
            raise InputError(source, "the JSON-LD document refers to a remote @context",
                             "Inline the context in the document; balgraph never fetches remote documents",
                             line, column) from None
        raise InputError(source, f"invalid {rdf_format.name} syntax: {message}",
                         "Correct the syntax at that place", line, column) from None
    except UnicodeDecodeError as error:
        raise InputError(source, f"the file is not UTF-8 ({error.reason})",
                         "Save the file as UTF-8") from None


def parse_file(path: Path) -> list[ox.Quad]:
    """Read and parse one RDF file, naming the file in every error."""
    rdf_format = format_for_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read the file ({error.strerror})",
                         "Check the path and the file's permissions") from None
    return parse_bytes(data, rdf_format, str(path))


def _position(error: SyntaxError) -> tuple[int | None, int | None]:
    if len(error.args) > 1 and isinstance(error.args[1], tuple) and len(error.args[1]) >= 3:
        return error.args[1][1], error.args[1][2]
    return getattr(error, "lineno", None), getattr(error, "offset", None)


def to_rdflib(quads: list[ox.Quad], graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """Add the triples of `quads` (graph names dropped) to an rdflib graph, for pySHACL."""
    graph = graph if graph is not None else rdflib.Graph()
    for quad in quads:
        graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return graph


def _term(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"RDF-star triple terms are not supported: {term}")
