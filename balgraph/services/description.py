"""The DCAT description of the dataset: its version, its SPARQL service and one distribution per dump.

It is written into the VoID graph at build time, beside the VoID description, so that the
dataset's page, /.well-known/void and the SPARQL endpoint all show it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from .dumps import GRAPH_FORMATS, DATASET_FORMAT, GZIP_MEDIA_TYPE, dump_file_names, graph_slug

DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
SPARQL_PROTOCOL = ox.NamedNode("https://www.w3.org/TR/sparql11-protocol/")
FORMAT_NAMES = {"ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD", "nq": "N-Quads"}


def dcat_description(base: str, graph_iris: list[str], build_id: str, created: str) -> Iterator[ox.Quad]:
    """Describe the dataset `base`dataset in DCAT: catalogue, version, service and distributions.

    Download URLs are `base`download/<file>, which the server sends from the build's dumps.
    """
    dataset = ox.NamedNode(base + "dataset")
    catalog = ox.NamedNode(base + "catalog")
    service = ox.NamedNode(base + "sparql")
    modified = ox.Literal(created, datatype=XSD_DATETIME)

    yield _quad(catalog, RDF_TYPE, ox.NamedNode(DCAT + "Catalog"))
    yield _quad(catalog, DCTERMS + "title", ox.Literal("Balansekunst – katalog", language="nb"))
    yield _quad(catalog, DCTERMS + "title", ox.Literal("A Balancing Act – catalogue", language="en"))
    yield _quad(catalog, DCAT + "dataset", dataset)
    yield _quad(catalog, DCAT + "service", service)

    yield _quad(dataset, RDF_TYPE, ox.NamedNode(DCAT + "Dataset"))
    yield _quad(dataset, DCAT + "version", ox.Literal(build_id))
    yield _quad(dataset, DCTERMS + "issued", modified)
    yield _quad(dataset, DCAT + "landingPage", ox.NamedNode(base + "download/"))
    yield _quad(dataset, DCAT + "accessService", service)

    yield _quad(service, RDF_TYPE, ox.NamedNode(DCAT + "DataService"))
    yield _quad(service, DCTERMS + "title", ox.Literal("SPARQL-endepunkt", language="nb"))
    yield _quad(service, DCTERMS + "title", ox.Literal("SPARQL endpoint", language="en"))
    yield _quad(service, DCAT + "endpointURL", service)
    yield _quad(service, DCAT + "servesDataset", dataset)
    yield _quad(service, DCTERMS + "conformsTo", SPARQL_PROTOCOL)

    for graph, names in dump_file_names(graph_iris).items():
        for name in names:
            yield from _distribution(base, dataset, graph, name, modified)


def _distribution(base: str, dataset: ox.NamedNode, graph: str, name: str, modified: ox.Literal) -> Iterator[ox.Quad]:
    url = ox.NamedNode(base + "download/" + name)
    suffix = name.split(".")[1]
    compressed = name.endswith(".gz")
    media_type = GRAPH_FORMATS[suffix][1] if suffix in GRAPH_FORMATS else DATASET_FORMAT[2]
    part_nb = f"grafen {graph_slug(graph)}" if graph else "hele datasettet"
    part_en = f"the {graph_slug(graph)} graph" if graph else "the whole dataset"
    packed = (", gzip", ", gzip") if compressed else ("", "")

    yield _quad(dataset, DCAT + "distribution", url)
    yield _quad(url, RDF_TYPE, ox.NamedNode(DCAT + "Distribution"))
    yield _quad(url, DCTERMS + "title", ox.Literal(f"{part_nb} i {FORMAT_NAMES[suffix]}{packed[0]}", language="nb"))
    yield _quad(url, DCTERMS + "title", ox.Literal(f"{part_en} in {FORMAT_NAMES[suffix]}{packed[1]}", language="en"))
    yield _quad(url, DCAT + "downloadURL", url)
    yield _quad(url, DCAT + "accessURL", ox.NamedNode(base + "download/"))
    yield _quad(url, DCAT + "mediaType", ox.NamedNode(MEDIA_TYPES + media_type))
    yield _quad(url, DCTERMS + "modified", modified)
    if compressed:
        yield _quad(url, DCAT + "compressFormat", ox.NamedNode(MEDIA_TYPES + GZIP_MEDIA_TYPE))
    if graph:
        yield _quad(ox.NamedNode(graph), VOID + "dataDump", url)
    else:
        yield _quad(dataset, VOID + "dataDump", url)


def _quad(subject: ox.NamedNode, predicate: str, obj) -> ox.Quad:
    return ox.Quad(subject, ox.NamedNode(predicate), obj)
