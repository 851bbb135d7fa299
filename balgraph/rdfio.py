"""Safe reading of RDF files: no remote documents, no XML entities, errors with line and column."""

from __future__ import annotations

import re
import xml.parsers.expat
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

# The names that --input-format and the validation form accept.
FORMATS_BY_NAME = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

FORMATS_BY_MEDIA_TYPE = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_DTD_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_UTF8_BOM = b"\xef\xbb\xbf"


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

    A UTF-8 byte order mark at the start is dropped. RDF/XML must be well-formed XML with a
    root element. Raises InputError with the line and column of the error where they are known.
    """
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    if rdf_format == ox.RdfFormat.RDF_XML:
        _check_rdf_xml(data, source)
    try:
        # pyoxigraph has no document loader set, so a remote JSON-LD @context fails instead of being fetched.
        return list(ox.parse(data, rdf_format, base_iri=None))
    except SyntaxError as error:
        raise _syntax_error(error, rdf_format, source) from None
    except UnicodeDecodeError as error:
        raise InputError(source, f"the file is not UTF-8 ({error.reason})",
                         "Save the file as UTF-8") from None


def _check_rdf_xml(data: bytes, source: str) -> None:
    """Raise InputError unless `data` is well-formed XML with a root element and without a DTD.

    pyoxigraph 0.5 accepts an RDF/XML document without any element and reports no position for
    its errors, so expat checks the XML first and gives the line and column. No DTD reaches
    expat, so it has no entity to expand and no external document to load.
    """
    if _DTD_DECLARATION.search(data):
        raise InputError(source, "the RDF/XML document declares a DTD or XML entities",
                         "Remove the <!DOCTYPE> block and write each &name; reference as the full IRI, "
                         "or save the file as Turtle; balgraph never expands XML entities")
    if not data.strip():
        raise InputError(source, "the document is empty, so it is not RDF/XML",
                         "Put the data in an <rdf:RDF> root element")
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise InputError(source, *_xml_problem_and_fix(error.code),
                         error.lineno, error.offset + 1) from None


def _xml_problem_and_fix(code: int) -> tuple[str, str]:
    """Return the problem and the fix for an expat error code, in balgraph's words."""
    codes = xml.parsers.expat.errors.codes
    if code == codes[xml.parsers.expat.errors.XML_ERROR_NO_ELEMENTS]:
        return ("the document has no root element, so it is not well-formed RDF/XML",
                "Put the data in an <rdf:RDF> root element")
    if code == codes[xml.parsers.expat.errors.XML_ERROR_UNDEFINED_ENTITY]:
        return ("not well-formed XML: the entity reference is undefined",
                "Write the full IRI in place of the &name; reference")
    return f"not well-formed XML: {xml.parsers.expat.ErrorString(code)}", "Correct the XML at that place"


def _syntax_error(error: SyntaxError, rdf_format: ox.RdfFormat, source: str) -> InputError:
    """Turn a pyoxigraph syntax error into an InputError that names the place and the fix."""
    line, column = _position(error)
    message = str(error.args[0]) if error.args else str(error)
    if "LoadDocumentCallback" in message:
        return InputError(source, "the JSON-LD document refers to a remote @context",
                          "Inline the context in the document; balgraph never fetches remote documents",
                          line, column)
    if line is None:
        # The RDF/XML parser of pyoxigraph 0.5 gives no position for errors in well-formed XML.
        message += " (the parser reports no line or column for this error)"
    return InputError(source, f"invalid {rdf_format.name} syntax: {message}",
                      "Correct the syntax at that place", line, column)


def parse_file(path: Path, rdf_format: ox.RdfFormat | None = None) -> list[ox.Quad]:
    """Read and parse one RDF file, naming the file in every error.

    The format is `rdf_format` when given, else the one named by the file's suffix.
    """
    if not path.exists():
        raise InputError(path, "file not found", "Check the path")
    if path.is_dir():
        raise InputError(path, "the path is a folder, not a file", "Name an RDF file in the folder")
    rdf_format = rdf_format or format_for_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read the file ({error.strerror})",
                         "Check the file's permissions") from None
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
