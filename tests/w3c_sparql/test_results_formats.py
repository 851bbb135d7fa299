"""The W3C SPARQL 1.1 JSON and CSV/TSV results-format suites, serialized as the endpoint serializes.

Results are written by the query process's own code (query_worker), then compared with the
expected documents as multisets of rows. Columns may come in any order, as SELECT * leaves it open,
and blank node labels are compared as "some blank node": no row of these tests contains two.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import pytest

from balgraph.services.query_worker import _run

from .conftest import params
from .manifest import suite_entries
from .results import load_dataset

JSON_TESTS = [e for e in suite_entries(["json-res"], {"QueryEvaluationTest"}) if e.result.suffix == ".srj"]
CSV_TSV_TESTS = suite_entries(["csv-tsv-res"], {"CSVResultFormatTest", "QueryEvaluationTest"})


def serialized(entry, format_name: str) -> bytes:
    store = load_dataset(entry)
    reply = _run(store, entry.query.read_text(encoding="utf-8"), format_name, None, [], [], 10_000_000)
    assert reply[0] == "ok", reply
    return reply[3]


def bindings(document: dict) -> Counter:
    def term(value: dict) -> tuple:
        kind = "literal" if value["type"] == "typed-literal" else value["type"]
        text = "_:" if kind == "bnode" else value["value"]
        return kind, text, value.get("datatype"), value.get("xml:lang")

    return Counter(tuple(sorted((name, term(value)) for name, value in row.items()))
                   for row in document["results"]["bindings"])


@pytest.mark.parametrize("entry", params(JSON_TESTS))
def test_json_results(entry):
    actual = json.loads(serialized(entry, "JSON"))
    expected = json.loads(entry.result.read_text(encoding="utf-8"))
    assert set(actual["head"].get("vars", [])) == set(expected["head"].get("vars", []))
    assert actual.get("boolean") == expected.get("boolean")
    if "results" in expected:
        assert bindings(actual) == bindings(expected)


def table(text: str, format_name: str) -> tuple[set, Counter]:
    """Return the column names and the rows, each as a set of (column, cell) pairs."""
    if format_name == "CSV":
        rows = list(csv.reader(io.StringIO(text, newline="")))
    else:
        rows = [line.split("\t") for line in text.replace("\r\n", "\n").rstrip("\n").split("\n")]
    header = rows[0]
    cells = Counter(frozenset((name, re.sub(r"^_:\w+$", "_:", cell)) for name, cell in zip(header, row))
                    for row in rows[1:])
    return set(header), cells


@pytest.mark.parametrize("entry", params(CSV_TSV_TESTS))
def test_csv_tsv_results(entry):
    format_name = "CSV" if entry.result.suffix == ".csv" else "TSV"
    actual = serialized(entry, format_name).decode("utf-8")
    expected = entry.result.read_text(encoding="utf-8")
    assert table(actual, format_name) == table(expected, format_name)
