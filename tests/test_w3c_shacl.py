"""The W3C SHACL core and SHACL-SPARQL test suites, run through balgraph's own validation code.

Each test in the suites' manifests becomes one pytest case that calls
balgraph.services.validation.run_shacl, so the options are those the build and the validation
service use. A result counts as expected when the conformance flag and every validation result
(focus node, path, value, severity, constraint component, source shape) match. Messages are
ignored. Blank nodes are compared by their structure, and a blank source shape matches any
blank source shape.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from balgraph.services.validation import run_shacl

from .support import REFERENCE

SUITE = REFERENCE / "w3c-shacl"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")

# Every test that balgraph's validation does not pass, and why. Each is a strict xfail, so a
# test that starts to pass fails the suite until it is taken off this list.
KNOWN_FAILURES: dict[str, str] = {
    "core/misc/severity-001": "balgraph validates with allow_warnings, so data with only sh:Warning "
                              "results conforms; the suite expects sh:conforms false",
    "sparql/node/sparql-003": "balgraph validates with allow_warnings, so data with only sh:Warning "
                              "results conforms; the suite expects sh:conforms false",
    "core/property/uniqueLang-002": "pySHACL 0.40 reads only the literal true as true for sh:uniqueLang, "
                                    "not other xsd:boolean forms such as \"1\"",
    "sparql/pre-binding/shapesGraph-001": "pySHACL 0.40 does not support the $shapesGraph variable in "
                                          "SPARQL constraints and raises NotImplementedError",
}


def _manifest_files(manifest: Path) -> list[Path]:
    graph = rdflib.Graph().parse(manifest, publicID=manifest.as_uri())
    files = [manifest]
    for included in graph.objects(None, MF.include):
        files.extend(_manifest_files(Path(str(included).removeprefix("file://"))))
    return files


def _entries() -> list[tuple[str, Path]]:
    if not SUITE.is_dir():
        return []
    entries = []
    for manifest in _manifest_files(SUITE / "manifest.ttl"):
        graph = rdflib.Graph().parse(manifest, publicID=manifest.as_uri())
        for test in graph.subjects(RDF.type, SHT.Validate):
            name = str(test).removeprefix((SUITE).as_uri() + "/")
            entries.append((name, manifest))
    return sorted(entries)


def _load(iri: rdflib.term.Node) -> rdflib.Graph:
    path = Path(str(iri).removeprefix("file://"))
    return rdflib.Graph().parse(path, format="turtle", publicID=path.as_uri())


def _term(graph: rdflib.Graph, node: rdflib.term.Node | None):
    """Describe a node so that blank nodes compare by structure (paths) or kind (anything else)."""
    if node is None or not isinstance(node, rdflib.BNode):
        return node
    if graph.value(node, RDF.first) is not None:
        return ("list", tuple(_term(graph, item) for item in Collection(graph, node)))
    for predicate in (SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
        inner = graph.value(node, predicate)
        if inner is not None:
            return (str(predicate), _term(graph, inner))
    return "blank node"


def _results(report: rdflib.Graph) -> Counter:
    return Counter(
        tuple(_term(report, report.value(result, p)) for p in (
            SH.focusNode, SH.resultPath, SH.value, SH.resultSeverity, SH.sourceConstraintComponent, SH.sourceShape))
        for result in report.objects(None, SH.result))


def _case(name: str, manifest: Path):
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[name])] if name in KNOWN_FAILURES else []
    return pytest.param(name, manifest, id=name, marks=marks)


@pytest.mark.reference
@pytest.mark.skipif(not SUITE.is_dir(), reason=f"the W3C SHACL test suites are not present at {SUITE}")
@pytest.mark.parametrize(("name", "manifest"), [_case(*entry) for entry in _entries()])
def test_w3c_shacl(name, manifest):
    graph = rdflib.Graph().parse(manifest, publicID=manifest.as_uri())
    test = rdflib.URIRef(SUITE.as_uri() + "/" + name)
    action = graph.value(test, MF.action)
    expected = graph.value(test, MF.result)
    data = _load(graph.value(action, SHT.dataGraph))
    shapes = _load(graph.value(action, SHT.shapesGraph))

    if expected == SHT.Failure:
        with pytest.raises(Exception):
            run_shacl(data, shapes)
        return
    conforms, report = run_shacl(data, shapes)

    assert conforms == graph.value(expected, SH.conforms).toPython()
    assert _results(report) == _results(_expected_report(graph, expected))


def _expected_report(graph: rdflib.Graph, report_node: rdflib.term.Node) -> rdflib.Graph:
    """Copy the expected report into a graph of its own, with one report node like pySHACL's."""
    report = rdflib.Graph()
    for result in graph.objects(report_node, SH.result):
        report.add((report_node, SH.result, result))
        for predicate, obj in graph.predicate_objects(result):
            report.add((result, predicate, obj))
            _copy_path(graph, report, obj)
    return report


def _copy_path(source: rdflib.Graph, target: rdflib.Graph, node: rdflib.term.Node) -> None:
    if isinstance(node, rdflib.BNode):
        for predicate, obj in source.predicate_objects(node):
            target.add((node, predicate, obj))
            _copy_path(source, target, obj)
