"""Shared pieces of the W3C SPARQL 1.1 suites: known failures as strict xfails, and the pass counts."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from .known_failures import KNOWN_FAILURES
from .manifest import SUITE, Entry

# Test function name -> suite name in the printed counts.
SUITES = {
    "test_query_evaluation": "query evaluation",
    "test_query_syntax": "query syntax",
    "test_json_results": "JSON results format",
    "test_csv_tsv_results": "CSV/TSV results format",
    "test_protocol": "protocol (over HTTP)",
}


def params(entries: list[Entry]) -> list:
    """Return pytest parameters for `entries`, known failures marked; one skipping one without the suite."""
    if not entries:
        return [pytest.param(None, id="suite-absent",
                             marks=pytest.mark.skip(reason=f"the W3C SPARQL 1.1 tests are not present at {SUITE}"))]
    return [pytest.param(entry, id=entry.name,
                         marks=[pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[entry.name])]
                         if entry.name in KNOWN_FAILURES else [])
            for entry in entries]


def pytest_terminal_summary(terminalreporter):
    counts: dict[str, Counter] = defaultdict(Counter)
    for outcome in ("passed", "failed", "xfailed", "xpassed", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            if "w3c_sparql" not in report.nodeid or report.when not in ("call", "setup"):
                continue
            function = report.nodeid.split("::")[-1].split("[")[0]
            if function in SUITES:
                counts[SUITES[function]][outcome] += 1
    if not counts:
        return
    terminalreporter.section("W3C SPARQL 1.1 test suites")
    for suite in SUITES.values():
        if suite in counts:
            c = counts[suite]
            total = sum(c.values())
            terminalreporter.write_line(
                f"{suite}: {c['passed']} of {total} passed, {c['xfailed']} known failures"
                + (f", {c['failed']} failed" if c["failed"] else "")
                + (f", {c['xpassed']} unexpectedly passed" if c["xpassed"] else "")
                + (f", {c['skipped']} skipped" if c["skipped"] else ""))
