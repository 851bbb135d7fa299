"""OWL reasoning over the ontology and the published data with HermiT, run through owlready2.

owlready2 reads N-Triples but not Turtle, so the sources are parsed with pyoxigraph and
written to one N-Triples file first. HermiT runs in a fresh Java process for every call.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import owlready2
import pyoxigraph as ox

from ..errors import ReasonerUnavailableError
from ..namespaces import BAL
from ..rdfio import parse_file
from ..sources import ProjectSources

log = logging.getLogger(__name__)

OWL_IMPORTS = ox.NamedNode("http://www.w3.org/2002/07/owl#imports")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
INSTALL_HINT = "Install Java 17 or newer with scripts/install-java.sh (Debian: default-jre-headless)"


@dataclass
class ReasoningResult:
    """HermiT's verdict on the merged sources and the class memberships it added."""

    consistent: bool
    triples: int
    seconds: float
    # balgraph class IRI -> individuals that HermiT put in it and the data did not state.
    inferred: dict[str, set[str]] = field(default_factory=dict)


def reason(sources: ProjectSources) -> ReasoningResult:
    """Check that the ontology with all published data is consistent, and collect inferred types.

    Raises ReasonerUnavailableError when no Java runtime is found.
    """
    java = shutil.which(owlready2.JAVA_EXE) or shutil.which("java")
    if java is None:
        raise ReasonerUnavailableError(f"HermiT needs a Java runtime and none was found. {INSTALL_HINT}")
    owlready2.JAVA_EXE = java

    triples = merged_triples(sources)
    stated = _stated_types(triples)
    with tempfile.TemporaryDirectory(prefix="balgraph-reason-") as folder:
        path = Path(folder) / "merged.nt"
        path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load()
        started = time.monotonic()
        consistent = _run_hermit(world)
        seconds = time.monotonic() - started
    log.info("HermiT took %.1f s on %d triples; consistent: %s", seconds, len(triples), consistent)

    inferred = _inferred_types(world, stated) if consistent else {}
    return ReasoningResult(consistent, len(triples), seconds, inferred)


def merged_triples(sources: ProjectSources) -> list[ox.Triple]:
    """Return the triples of every source graph, without owl:imports.

    The imports are dropped because every module is already in the merge, and owlready2
    would otherwise try to fetch the imported ontology from the web.
    """
    triples = []
    for paths in sources.graphs().values():
        for path in paths:
            for quad in parse_file(path):
                if quad.predicate != OWL_IMPORTS:
                    triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return triples


def _run_hermit(world: owlready2.World) -> bool:
    # xsd:duration (bal:duration) is outside the OWL 2 datatype map, so HermiT runs with
    # --ignoreUnsupportedDatatypes instead of rejecting the whole ontology.
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                       ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    except owlready2.OwlReadyJavaError as error:
        raise ReasonerUnavailableError(f"HermiT failed to run: {error}. {INSTALL_HINT}") from None
    return True


def _stated_types(triples: list[ox.Triple]) -> set[tuple[str, str]]:
    return {(t.subject.value, t.object.value) for t in triples
            if t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode)}


def _inferred_types(world: owlready2.World, stated: set[tuple[str, str]]) -> dict[str, set[str]]:
    inferred: dict[str, set[str]] = {}
    for owl_class in world.classes():
        if not owl_class.iri.startswith(str(BAL)):
            continue
        members = {individual.iri for individual in owl_class.instances(world=world)}
        new = {iri for iri in members if (iri, owl_class.iri) not in stated}
        if new:
            inferred[owl_class.iri] = new
    return inferred
