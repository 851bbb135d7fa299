"""The W3C SPARQL 1.1 query evaluation and syntax suites, run through pyoxigraph as the endpoint runs it.

The default graph is the test's data, as the suites define it. The endpoint itself makes the union
of all graphs the default, and the protocol tests cover that.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from .conftest import params
from .manifest import suite_entries
from .results import expected_results, load_dataset, run_query, same_graph, same_solutions, solutions_of, \
    to_rdflib_graph

QUERY_FOLDERS = ["aggregates", "bind", "bindings", "cast", "construct", "exists", "functions", "grouping",
                 "negation", "project-expression", "property-path", "subquery", "syntax-query"]
EVALUATION = suite_entries(QUERY_FOLDERS, {"QueryEvaluationTest"})
SYNTAX = suite_entries(QUERY_FOLDERS, {"PositiveSyntaxTest11", "NegativeSyntaxTest11"})


@pytest.mark.parametrize("entry", params(EVALUATION))
def test_query_evaluation(entry):
    store = load_dataset(entry)
    expected = expected_results(entry.result)
    actual = run_query(entry, store)

    if isinstance(actual, ox.QueryBoolean):
        assert bool(actual) == expected
    elif isinstance(actual, ox.QueryTriples):
        assert isinstance(expected, rdflib.Graph)
        assert same_graph(expected, to_rdflib_graph(actual))
    else:
        solutions = solutions_of(actual)
        assert same_solutions(expected, solutions), f"expected {expected}\nactual {solutions}"


@pytest.mark.parametrize("entry", params(SYNTAX))
def test_query_syntax(entry):
    text = entry.query.read_text(encoding="utf-8")
    if entry.kind == "PositiveSyntaxTest11":
        try:
            ox.Store().query(text, base_iri=entry.query.as_uri())
        except SyntaxError:
            raise
        except (RuntimeError, OSError, ValueError):
            pass  # parsed; only evaluating it failed, which is no syntax question
    else:
        with pytest.raises(SyntaxError):
            ox.Store().query(text, base_iri=entry.query.as_uri())
