"""The query page for people: example queries, a form, results as a table and download links per format.

The page runs queries through the same bounded query service as /sparql. The download links
point at /sparql itself, so a downloaded file is exactly what a SPARQL client would receive.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, current_app, g, render_template, request

from balgraph.services.sparql import QueryRefused

from .formats import HTML, RDF_MEDIA_TYPES
from .negotiation import choose
from .service_description import service_description_response

blueprint = Blueprint("query_page", __name__)

QUERIES_FOLDER = Path(__file__).parent / "queries"
LANGUAGE_LINE = re.compile(r'VALUES \?language \{ "nb" \}')
# Rows shown in the table; the downloads carry the whole result.
MAX_ROWS_SHOWN = 500
SOLUTION_FORMATS = (("json", "SPARQL JSON"), ("xml", "SPARQL XML"), ("csv", "CSV"), ("tsv", "TSV"))
GRAPH_FORMATS = (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("rdf", "RDF/XML"), ("nt", "N-Triples"))
FILE_SUFFIXES = {"json": "srj", "xml": "srx", "csv": "csv", "tsv": "tsv",
                 "ttl": "ttl", "jsonld": "jsonld", "rdf": "rdf", "nt": "nt"}


@dataclass(frozen=True)
class ExampleQuery:
    name: str
    audience: str  # "authority" or "researcher"
    titles: dict[str, str]
    text: str

    def in_language(self, lang: str) -> str:
        """Return the query text with its ?language set to `lang` (nb or en)."""
        return LANGUAGE_LINE.sub(f'VALUES ?language {{ "{lang}" }}', self.text)


@dataclass
class Cell:
    text: str
    iri: str | None = None
    label: str | None = None
    lang: str | None = None


@dataclass
class QueryOutcome:
    kind: str  # "solutions", "boolean" or "graph"
    columns: list[str]
    rows: list[list[Cell | None]]
    total_rows: int
    boolean: bool | None = None


def load_examples(folder: Path = QUERIES_FOLDER) -> list[ExampleQuery]:
    """Read the example queries: each .rq file starts with '# audience:', '# nb:' and '# en:' lines."""
    examples = []
    for path in sorted(folder.glob("*.rq")):
        header: dict[str, str] = {}
        body_lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"# (audience|nb|en): (.*)", line)
            if match and not body_lines:
                header[match.group(1)] = match.group(2).strip()
            else:
                body_lines.append(line)
        examples.append(ExampleQuery(path.stem, header.get("audience", "researcher"),
                                     {"nb": header.get("nb", path.stem), "en": header.get("en", path.stem)},
                                     "\n".join(body_lines).strip() + "\n"))
    return examples


EXAMPLES = load_examples()


def page_without_query():
    """Return the response to GET /sparql without a query: the query page for browsers, the service description for RDF clients.

    Returns None when the client accepts neither, so the endpoint can report the missing query.
    """
    offers = [HTML, *RDF_MEDIA_TYPES]
    chosen = choose(request.headers.get("Accept"), offers)
    if chosen == HTML:
        return _render(EXAMPLES[0].in_language(g.lang), None, None)
    if chosen in RDF_MEDIA_TYPES:
        return service_description_response(chosen)
    return None


@blueprint.route("/query", methods=["GET", "POST"])
def query_page():
    values = request.form if request.method == "POST" else request.args
    example = next((e for e in EXAMPLES if e.name == values.get("example")), None)
    query = values.get("query") or (example.in_language(g.lang) if example else "")
    if not query.strip():
        return _render(EXAMPLES[0].in_language(g.lang), None, None)
    try:
        outcome = run_for_page(query)
    except QueryRefused as refusal:
        return _render(query, None, refusal), refusal.status
    return _render(query, outcome, None)


def run_for_page(query: str) -> QueryOutcome:
    """Run `query` through the bounded query service and turn its result into table rows."""
    result = current_app.extensions["balgraph"].sparql.run(query, "JSON", "N_TRIPLES")
    if result.kind == "graph":
        return _graph_outcome(result.body)
    document = json.loads(result.body)
    if "boolean" in document:
        return QueryOutcome("boolean", [], [], 0, bool(document["boolean"]))
    columns = document["head"].get("vars", [])
    bindings = document["results"]["bindings"]
    labels = _labels({b[c]["value"] for b in bindings[:MAX_ROWS_SHOWN] for c in columns
                      if c in b and b[c]["type"] == "uri"})
    rows = [[_cell(binding.get(column), labels) for column in columns] for binding in bindings[:MAX_ROWS_SHOWN]]
    return QueryOutcome("solutions", columns, rows, len(bindings))


def _graph_outcome(body: bytes) -> QueryOutcome:
    triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    shown = triples[:MAX_ROWS_SHOWN]
    labels = _labels({term.value for t in shown for term in (t.subject, t.predicate, t.object)
                      if isinstance(term, ox.NamedNode)})
    rows = [[_term_cell(term, labels) for term in (t.subject, t.predicate, t.object)] for t in shown]
    return QueryOutcome("graph", ["subject", "predicate", "object"], rows, len(triples))


def _labels(iris: set[str]) -> dict[str, str]:
    from balgraph.services.resources import pick_label

    found = current_app.extensions["balgraph"].store.labels(iris)
    return {iri: pick_label(names, g.lang, "") for iri, names in found.items() if names}


def _cell(binding: dict | None, labels: dict[str, str]) -> Cell | None:
    if binding is None:
        return None
    if binding["type"] == "uri":
        return Cell(binding["value"], iri=binding["value"], label=labels.get(binding["value"]))
    return Cell(binding["value"], lang=binding.get("xml:lang"))


def _term_cell(term, labels: dict[str, str]) -> Cell:
    if isinstance(term, ox.NamedNode):
        return Cell(term.value, iri=term.value, label=labels.get(term.value))
    if isinstance(term, ox.Literal):
        return Cell(term.value, lang=term.language)
    return Cell("_:" + term.value)


def download_links(query: str, kind: str | None) -> list[tuple[str, str, str]]:
    """Return (label, /sparql URL, file name) for each format the result of `query` can be downloaded in."""
    formats = GRAPH_FORMATS if kind == "graph" else SOLUTION_FORMATS
    return [(label, "/sparql?" + urlencode({"query": query, "format": name}), f"result.{FILE_SUFFIXES[name]}")
            for name, label in formats]


def _render(query: str, outcome: QueryOutcome | None, refusal: QueryRefused | None):
    downloads = download_links(query, outcome.kind) if outcome is not None else []
    examples = {audience: [(e, e.titles[g.lang]) for e in EXAMPLES if e.audience == audience]
                for audience in ("authority", "researcher")}
    return render_template("sparql.html", query=query, outcome=outcome, refusal=refusal,
                           downloads=downloads, examples=examples, max_rows=MAX_ROWS_SHOWN)
