"""The SPARQL 1.1 Service Description of the endpoint, sent for GET /sparql without a query to RDF clients.

Vocabulary: https://www.w3.org/TR/sparql11-service-description/ . The description names the
endpoint by the URL the client used, lists the result formats, and describes the default
dataset: the union of all named graphs as the default graph, and each named graph with its size.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Response, current_app, request

from .formats import serialize_triples

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "JSON-LD", "RDF_XML", "N-Triples")


def service_description(endpoint_url: str, dataset_iri: str, graphs: dict[str, int]) -> list[ox.Triple]:
    """Describe the endpoint at `endpoint_url` serving the named graphs `graphs` (IRI -> triples)."""
    service = ox.NamedNode(endpoint_url)
    dataset = ox.BlankNode()
    default_graph = ox.BlankNode()

    def triple(subject, predicate: str, obj) -> ox.Triple:
        return ox.Triple(subject, ox.NamedNode(predicate) if isinstance(predicate, str) else predicate, obj)

    triples = [
        triple(service, RDF_TYPE, ox.NamedNode(SD + "Service")),
        triple(service, SD + "endpoint", service),
        triple(service, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query")),
        triple(service, SD + "feature", ox.NamedNode(SD + "UnionDefaultGraph")),
        triple(service, SD + "defaultDataset", dataset),
        triple(dataset, RDF_TYPE, ox.NamedNode(SD + "Dataset")),
        triple(dataset, ox.NamedNode("http://purl.org/dc/terms/source"), ox.NamedNode(dataset_iri)),
        triple(dataset, SD + "defaultGraph", default_graph),
        triple(default_graph, RDF_TYPE, ox.NamedNode(SD + "Graph")),
        triple(default_graph, VOID + "triples", ox.Literal(str(sum(graphs.values())), datatype=XSD_INTEGER)),
    ]
    triples += [triple(service, SD + "resultFormat", ox.NamedNode(FORMATS + name)) for name in RESULT_FORMATS]
    for graph_iri, count in graphs.items():
        named, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            triple(dataset, SD + "namedGraph", named),
            triple(named, RDF_TYPE, ox.NamedNode(SD + "NamedGraph")),
            triple(named, SD + "name", ox.NamedNode(graph_iri)),
            triple(named, SD + "graph", graph),
            triple(graph, RDF_TYPE, ox.NamedNode(SD + "Graph")),
            triple(graph, VOID + "triples", ox.Literal(str(count), datatype=XSD_INTEGER)),
        ]
    return triples


def service_description_response(media_type: str) -> Response:
    publication = current_app.extensions["balgraph"]
    triples = service_description(request.base_url, publication.settings.base_iri + "dataset",
                                  publication.store.info().graphs)
    prefixed = serialize_triples(triples, media_type)
    response = Response(prefixed, mimetype=media_type)
    response.headers["Vary"] = "Accept"
    return response
