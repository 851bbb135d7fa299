"""Build the published graph: parse every source, validate the data, then swap in a new store."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib

from ..config import Settings
from ..errors import InputError, NotConformingError
from ..namespaces import CANONICAL_BASE, graph_iri
from ..rdfio import parse_file, to_rdflib
from ..sources import ProjectSources
from ..store import BuildInfo, new_build_id, write_graphs
from .description import dcat_description
from .dumps import DUMPS_FOLDER, write_dumps
from .validation import ShapesValidator, ValidationReport

log = logging.getLogger(__name__)

VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
VOCABULARIES = [
    "https://w3id.org/balgraph/ontology#",
    "http://data.europa.eu/esco/model#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/2000/01/rdf-schema#",
]


# What each data graph may describe: a data file that states triples about a vocabulary concept
# or an ESCO concept would silently change what the site shows for it.
SUBJECT_SPACES = {
    graph_iri("esco"): ("http://data.europa.eu/esco/",),
    graph_iri("standards"): (CANONICAL_BASE + "id/",),
}


@dataclass(frozen=True)
class BuildResult:
    info: BuildInfo
    report: ValidationReport
    seconds: float


def build(settings: Settings) -> BuildResult:
    """Parse, validate and load the project's sources into a new current build.

    Raises InputError for an unreadable source and NotConformingError when the data does not
    conform; in both cases the build served before stays as it was.
    """
    started = time.monotonic()
    sources = ProjectSources(settings.project_dir)
    sources.check()

    graphs: dict[str, list[ox.Quad]] = {}
    for graph, paths in sources.graphs().items():
        quads: list[ox.Quad] = []
        for path in paths:
            parsed = parse_file(path)
            _check_subjects(path, parsed, SUBJECT_SPACES.get(graph))
            quads.extend(parsed)
            log.info("parsed %s", path.relative_to(settings.project_dir))
        graphs[graph] = quads

    data = rdflib.Graph()
    for name in sources.data_graphs():
        to_rdflib(graphs[name], data)
    log.info("validating %d data triples against the shapes", len(data))
    report = ShapesValidator(sources, esco_quads=graphs[graph_iri("esco")]).validate(data)
    if not report.conforms:
        raise NotConformingError(report)

    if settings.base_iri != CANONICAL_BASE:
        graphs = {_rebase(name, settings.base_iri): [_rebase_quad(q, settings.base_iri) for q in quads]
                  for name, quads in graphs.items()}
    void_graph = _rebase(graph_iri("void"), settings.base_iri)
    # The description counts itself too, so the VoID size equals what the store holds.
    void_size = len(list(_void_description(settings.base_iri, graphs, 0)))
    total = sum(len(quads) for quads in graphs.values()) + void_size
    graphs[void_graph] = list(_void_description(settings.base_iri, graphs, total))
    build_id = new_build_id()
    graphs[void_graph] += dcat_description(settings.base_iri, list(graphs), build_id,
                                           time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))

    info = write_graphs(settings, graphs, build_id,
                        write_extras=lambda folder: write_dumps(folder / DUMPS_FOLDER, graphs))
    log.info("build %s written: %d triples", info.build_id, info.triples)
    return BuildResult(info, report, time.monotonic() - started)


def _check_subjects(path, quads: list[ox.Quad], allowed: tuple[str, ...] | None) -> None:
    if allowed is None:
        return
    for quad in quads:
        subject = quad.subject
        if isinstance(subject, ox.NamedNode) and not subject.value.startswith(allowed):
            raise InputError(path, f"states triples about <{subject.value}>, which this data folder may not "
                             "describe", f"Keep to resources whose IRIs start with {' or '.join(allowed)}; "
                             "vocabulary terms belong in ontology/")


def _rebase(iri: str, base: str) -> str:
    return base + iri[len(CANONICAL_BASE):] if iri.startswith(CANONICAL_BASE) else iri


def _rebase_quad(quad: ox.Quad, base: str) -> ox.Quad:
    def term(value):
        if isinstance(value, ox.NamedNode) and value.value.startswith(CANONICAL_BASE):
            return ox.NamedNode(_rebase(value.value, base))
        return value
    return ox.Quad(term(quad.subject), term(quad.predicate), term(quad.object))


def _void_description(base: str, graphs: dict[str, list[ox.Quad]], total: int):
    """Describe the dataset in VoID: size, IRI space, endpoint, vocabularies and one subset per graph."""
    dataset = ox.NamedNode(base + "dataset")

    def quad(subject, predicate: str, obj) -> ox.Quad:
        return ox.Quad(subject, ox.NamedNode(predicate), obj)

    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    yield quad(dataset, RDF_TYPE, ox.NamedNode(VOID + "Dataset"))
    yield quad(dataset, DCTERMS + "title", ox.Literal("Balansekunst – kunnskapsgraf", language="nb"))
    yield quad(dataset, DCTERMS + "title", ox.Literal("A Balancing Act – knowledge graph", language="en"))
    yield quad(dataset, DCTERMS + "modified", ox.Literal(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                                         datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")))
    yield quad(dataset, DCTERMS + "source", ox.NamedNode("http://data.europa.eu/esco/"))
    yield quad(dataset, VOID + "uriSpace", ox.Literal(base + "id/"))
    yield quad(dataset, VOID + "sparqlEndpoint", ox.NamedNode(base + "sparql"))
    yield quad(dataset, VOID + "triples", ox.Literal(str(total), datatype=integer))
    for vocabulary in VOCABULARIES:
        yield quad(dataset, VOID + "vocabulary", ox.NamedNode(vocabulary))
    for name, quads in graphs.items():
        subset = ox.NamedNode(name)
        yield quad(dataset, VOID + "subset", subset)
        yield quad(subset, RDF_TYPE, ox.NamedNode(VOID + "Dataset"))
        yield quad(subset, VOID + "triples", ox.Literal(str(len(quads)), datatype=integer))
