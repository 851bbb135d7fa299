"""Read ESCO from a SPARQL endpoint that holds it, with SPARQLWrapper.

The endpoint may hold ESCO's own dump or a graph written by `balgraph esco import`: the triples
are fed to the same reader as the Turtle dump, so both models give the same concepts. Results are
fetched in pages ordered by subject, predicate and object, so that no triple is lost between two
pages. Only the endpoint the user names is ever contacted.
"""

from __future__ import annotations

import logging

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ..errors import InputError
from .csv_import import EscoGraph, Progress
from .turtle_dump import _Blank, _DumpReader

log = logging.getLogger(__name__)

PAGE_SIZE = 10_000
TIMEOUT_SECONDS = 120
PREFIXES = """PREFIX dct: <http://purl.org/dc/terms/>
PREFIX esco: <http://data.europa.eu/esco/model#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# The properties of a concept that the import keeps, as in the CSV and dump readers.
CONCEPT_QUERY = PREFIXES + """SELECT ?s ?p ?o WHERE {
  VALUES ?type { esco:Occupation esco:Skill esco:ISCOGroup }
  VALUES ?p { rdf:type skos:prefLabel skos:altLabel dct:description skos:definition skos:notation
              skos:broader skos:inScheme esco:skillType esco:skillReuseLevel esco:relatedEssentialSkill
              esco:relatedOptionalSkill esco:isEssentialSkillFor esco:isOptionalSkillFor skos:related }
  ?s a ?type ; ?p ?o .
} ORDER BY ?s ?p ?o"""
# Descriptions and definitions that ESCO's own model keeps in esco:NodeLiteral resources.
NODE_QUERY = PREFIXES + """SELECT ?s ?p ?o WHERE {
  VALUES ?p { esco:nodeLiteral esco:language }
  ?concept dct:description|skos:definition ?s .
  FILTER(!isLiteral(?s))
  ?s ?p ?o .
} ORDER BY ?s ?p ?o"""
# Occupation-skill links that ESCO's own model states as esco:AssociationObject resources.
ASSOCIATION_QUERY = PREFIXES + """SELECT ?s ?p ?o WHERE {
  VALUES ?p { esco:isAssociationFor esco:target dct:type }
  ?s a esco:AssociationObject ; ?p ?o .
} ORDER BY ?s ?p ?o"""
VERSION_QUERY = PREFIXES + """SELECT ?s ?p ?o WHERE {
  VALUES ?p { owl:versionInfo }
  ?s ?p ?o .
} ORDER BY ?s ?o"""


def _term(binding: dict[str, str]):
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return _Blank(ox.BlankNode(value))
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


def _select(client: SPARQLWrapper, query: str, endpoint: str) -> list[dict]:
    client.setQuery(query)
    try:
        return client.queryAndConvert()["results"]["bindings"]
    except (SPARQLWrapperException, OSError, ValueError, KeyError) as error:
        raise InputError(endpoint, f"the SPARQL endpoint did not answer the ESCO query ({error})",
                         "Check the endpoint URL and that the endpoint holds ESCO") from None


def _pages(client: SPARQLWrapper, query: str, endpoint: str, progress: Progress | None):
    offset = 0
    while True:
        rows = _select(client, f"{query}\nLIMIT {PAGE_SIZE} OFFSET {offset}", endpoint)
        yield from rows
        offset += len(rows)
        if progress:
            progress(f"read {offset:,} triples from {endpoint}")
        if len(rows) < PAGE_SIZE:
            return


def read_endpoint(endpoint: str, esco: EscoGraph, languages: set[str] | None = None,
                  progress: Progress | None = None, graph: str | None = None) -> EscoGraph:
    """Read the ESCO concepts an endpoint holds into `esco`; raise InputError when it cannot be queried."""
    client = SPARQLWrapper(endpoint)
    client.setReturnFormat(JSON)
    client.setMethod(POST)
    client.setTimeout(TIMEOUT_SECONDS)
    if graph:
        client.addDefaultGraph(graph)
    reader = _DumpReader(esco, languages)
    for query in (CONCEPT_QUERY, NODE_QUERY, ASSOCIATION_QUERY, VERSION_QUERY):
        for row in _pages(client, query, endpoint, progress):
            subject = _term(row["s"])
            reader.add(subject.value, row["p"]["value"], _term(row["o"]))
    reader.finish()
    esco.files_read.append(endpoint)
    log.info("read %d ESCO concepts from %s", len(esco.concepts), endpoint)
    return esco
