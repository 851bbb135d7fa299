"""Safe editing of SPARQL query text for stores that take queries as text only.

A remote store has no way to bind a variable next to the query, so bound values are written into
the query as a VALUES block made from terms that pyoxigraph serialises. Nothing from the request
is ever pasted into the text as it came.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

# Strings, IRIs and comments, whose braces and keywords are not part of the query's structure.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>" r"|#[^\n]*",
)
_WHERE = re.compile(r"(?<![\w:?$])WHERE\s*\{", re.IGNORECASE)
_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORM = re.compile(r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])", re.IGNORECASE)

# RDF 1.1 skolem IRIs stand for blank nodes in a store that cannot keep blank node identity
# between requests.
SKOLEM_PREFIX = "https://w3id.org/balgraph/.well-known/genid/"


def mask_opaque(query: str) -> str:
    """Return `query` with strings, IRIs and comments blanked out, keeping every offset."""
    return _OPAQUE.sub(lambda match: " " * len(match.group(0)), query)


def with_values(query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode]) -> str:
    """Bind each variable of `bindings` by a VALUES block at the start of the top-level WHERE group.

    A CONSTRUCT query must spell out its top-level ``WHERE {``. Within that group the block has the
    effect of substituting the values, for CONSTRUCT and DESCRIBE too, where some stores reject
    a VALUES clause after the query.
    """
    if not bindings:
        return query
    masked = mask_opaque(query)
    brace = _top_level_where_brace(masked)
    if brace is None:
        raise ValueError("a query with bound values needs a top-level group pattern; "
                         "a CONSTRUCT query needs an explicit WHERE { ... }")
    names = []
    for name in bindings:
        if not _VARIABLE_NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a SPARQL variable name")
        names.append("?" + name)
    row = " ".join(str(skolemize(term)) for term in bindings.values())
    block = f" VALUES ({' '.join(names)}) {{ ({row}) }} "
    return query[:brace + 1] + block + query[brace + 1:]


def _top_level_where_brace(masked: str) -> int | None:
    for match in _WHERE.finditer(masked):
        start = match.start()
        if masked.count("{", 0, start) == masked.count("}", 0, start):
            return match.end() - 1
    # SELECT, ASK and DESCRIBE may leave out the keyword: their first top-level group is the pattern.
    form = _FORM.search(masked)
    if form is None or form.group(1).upper() == "CONSTRUCT":
        return None
    brace = masked.find("{", form.end())
    return brace if brace >= 0 else None


def query_form(query: str) -> str:
    """Return SELECT, ASK, CONSTRUCT or DESCRIBE: the first query form keyword outside strings and IRIs."""
    match = _FORM.search(mask_opaque(query))
    if match is None:
        raise ValueError("the text is not a SPARQL query: it has no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return match.group(1).upper()


def skolemize(term):
    """Replace a blank node by its skolem IRI; other terms are returned unchanged."""
    if isinstance(term, ox.BlankNode):
        return ox.NamedNode(SKOLEM_PREFIX + term.value)
    return term


def deskolemize(term):
    """Turn a skolem IRI written by `skolemize` back into its blank node."""
    if isinstance(term, ox.NamedNode) and term.value.startswith(SKOLEM_PREFIX):
        return ox.BlankNode(term.value[len(SKOLEM_PREFIX):])
    return term
