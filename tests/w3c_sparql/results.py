"""Load a test's data into pyoxigraph, run its query, and compare results as the W3C suites expect.

Solutions are compared as multisets, with blank nodes matched up to renaming; order is not
checked. Graphs are compared by isomorphism.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

from .manifest import Entry

RS = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML}
RESULTS_FORMATS = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON,
                   ".tsv": ox.QueryResultsFormat.TSV, ".csv": ox.QueryResultsFormat.CSV}

Solution = dict[str, object]


def load_dataset(entry: Entry) -> ox.Store:
    """Return an in-memory store with the entry's default-graph and named-graph files."""
    store = ox.Store()
    for path in entry.data:
        store.load(path=str(path), format=RDF_FORMATS[path.suffix], base_iri=path.as_uri(),
                   to_graph=ox.DefaultGraph())
    for graph_name, path in entry.graph_data:
        store.load(path=str(path), format=RDF_FORMATS[path.suffix], base_iri=path.as_uri(),
                   to_graph=ox.NamedNode(graph_name))
    return store


def run_query(entry: Entry, store: ox.Store):
    return store.query(entry.query.read_text(encoding="utf-8"), base_iri=entry.query.as_uri())


def solutions_of(results) -> list[Solution]:
    variables = [v.value for v in results.variables]
    return [{name: solution[name] for name in variables if solution[name] is not None} for solution in results]


def expected_results(path: Path):
    """Return a bool, a list of solutions or an rdflib graph, read from an expected-results file."""
    if path.suffix in RESULTS_FORMATS:
        parsed = ox.parse_query_results(path=str(path), format=RESULTS_FORMATS[path.suffix])
        return bool(parsed) if isinstance(parsed, ox.QueryBoolean) else solutions_of(parsed)
    graph = rdflib.Graph().parse(path, format="turtle" if path.suffix == ".ttl" else "xml",
                                 publicID=path.as_uri())
    result_set = graph.value(predicate=rdflib.RDF.type, object=RS.ResultSet)
    return _result_set(graph, result_set) if result_set is not None else graph


def _result_set(graph: rdflib.Graph, result_set) -> bool | list[Solution]:
    boolean = graph.value(result_set, RS.boolean)
    if boolean is not None:
        return bool(boolean.toPython())
    solutions = []
    for solution in graph.objects(result_set, RS.solution):
        row = {}
        for binding in graph.objects(solution, RS.binding):
            row[str(graph.value(binding, RS.variable))] = to_oxigraph(graph.value(binding, RS.value))
        solutions.append(row)
    return solutions


def to_oxigraph(term: rdflib.term.Node):
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))


def to_rdflib_graph(triples) -> rdflib.Graph:
    return rdflib.Graph().parse(data=ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES), format="nt")


XSD = "http://www.w3.org/2001/XMLSchema#"
DECIMALS = {XSD + name for name in ("integer", "decimal")}
FLOATS = {XSD + "float", XSD + "double"}


def comparable(term):
    """Return a key equal for equal terms; numbers of one datatype compare by value, as "1.0" and "1"."""
    if isinstance(term, ox.Literal) and term.datatype.value in DECIMALS | FLOATS:
        try:
            number = Decimal(term.value).normalize() if term.datatype.value in DECIMALS else float(term.value)
        except (InvalidOperation, ValueError):
            return str(term)
        return (term.datatype.value, number)
    return str(term)


def _blank_free(solution: Solution) -> tuple:
    return tuple(sorted((k, "_:" if isinstance(v, ox.BlankNode) else repr(comparable(v)))
                        for k, v in solution.items()))


def same_solutions(expected: list[Solution], actual: list[Solution]) -> bool:
    """Return whether two solution sequences are equal as multisets, blank nodes up to renaming."""
    if Counter(map(_blank_free, expected)) != Counter(map(_blank_free, actual)):
        return False
    if not any(isinstance(v, ox.BlankNode) for row in expected for v in row.values()):
        return True
    return _match(expected, actual, {}, {})


def _match(expected: list[Solution], remaining: list[Solution], forward: dict, backward: dict) -> bool:
    if not expected:
        return True
    first, rest = expected[0], expected[1:]
    for index, candidate in enumerate(remaining):
        mapping = _unify(first, candidate, dict(forward), dict(backward))
        if mapping and _match(rest, remaining[:index] + remaining[index + 1:], *mapping):
            return True
    return False


def _unify(expected: Solution, actual: Solution, forward: dict, backward: dict) -> tuple[dict, dict] | None:
    if expected.keys() != actual.keys():
        return None
    for name, value in expected.items():
        other = actual[name]
        if isinstance(value, ox.BlankNode) and isinstance(other, ox.BlankNode):
            if forward.setdefault(value, other) != other or backward.setdefault(other, value) != value:
                return None
        elif comparable(value) != comparable(other):
            return None
    return forward, backward


def same_graph(expected: rdflib.Graph, actual: rdflib.Graph) -> bool:
    return isomorphic(expected, actual)
