"""Every W3C SPARQL 1.1 test that the product fails, with the reason, in one place.

Each is run as pytest.mark.xfail(strict=True), so a test that starts to pass fails the run
and its line here has to go. The engine is pyoxigraph 0.5.13.
"""

_CANONICAL_LITERALS = ("pyoxigraph stores typed literals in canonical form (\"0\"^^xsd:boolean becomes \"false\", "
                       "\"-10.2E3\"^^xsd:float becomes \"-10200\"), so casts see canonical forms where the test "
                       "expects the lexical forms written in the data")
_ZERO_LENGTH_PATH = ("pyoxigraph returns no solution for a zero-length path from or to a constant that does not "
                     "occur in the data, where the test expects the constant itself")

KNOWN_FAILURES: dict[str, str] = {
    "aggregates/agg-groupconcat-04": "pyoxigraph keeps the common language tag in GROUP_CONCAT (\"1 2\"@en), "
                                     "so the test's comparison with the plain string \"1 2\" is false",
    "aggregates/agg-groupconcat-06": "pyoxigraph keeps the common language tag in GROUP_CONCAT, "
                                     "where the test expects a plain string",
    "aggregates/agg-empty-group-count-graph": "pyoxigraph evaluates a COUNT subquery inside GRAPH ?g once over "
                                              "all graphs instead of once per named graph",
    "bindings/graph": "pyoxigraph drops the solutions of VALUES inside GRAPH ?g when VALUES binds ?g itself",
    "negation/graph-minus": "pyoxigraph treats the GRAPH variable as shared by both sides of MINUS, so MINUS "
                            "removes a solution the test expects to keep",
    "functions/bnode01": "pyoxigraph's BNODE(\"foo\") returns the same blank node in every solution, where the "
                         "test expects a new one per solution",
    "cast/cast-bool": _CANONICAL_LITERALS,
    "cast/cast-int": _CANONICAL_LITERALS,
    "cast/cast-float": _CANONICAL_LITERALS,
    "cast/cast-double": _CANONICAL_LITERALS,
    "cast/cast-decimal": _CANONICAL_LITERALS,
    "cast/cast-string": _CANONICAL_LITERALS,
    "property-path/zero_or_more_set_start": _ZERO_LENGTH_PATH,
    "property-path/zero_or_more_set_end": _ZERO_LENGTH_PATH,
    "property-path/zero_or_one_set_start": _ZERO_LENGTH_PATH,
    "property-path/zero_or_one_set_end": _ZERO_LENGTH_PATH,
}

_READ_ONLY = "the endpoint is read-only by design and answers every update with 403 update_refused"
KNOWN_FAILURES.update({
    "csv-tsv-res/csv03": _CANONICAL_LITERALS + "; here \"1.0E6\"^^xsd:double comes out as 1000000",
    "csv-tsv-res/tsv03": _CANONICAL_LITERALS + "; here \"-3\"^^xsd:negativeInteger comes out as the xsd:integer -3",
    "protocol/update_dataset_default_graph": _READ_ONLY,
    "protocol/update_dataset_default_graphs": _READ_ONLY,
    "protocol/update_dataset_named_graphs": _READ_ONLY,
    "protocol/update_dataset_full": _READ_ONLY,
    "protocol/update_post_form": _READ_ONLY,
    "protocol/update_post_direct": _READ_ONLY,
    "protocol/update_base_uri": _READ_ONLY,
})
