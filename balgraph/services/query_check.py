"""Reject SPARQL updates and SERVICE before a query reaches the store.

The check reads tokens, not a parsed query: pyoxigraph does not expose its parser. What keeps
a SERVICE that slips through from reaching another host is the query process itself, which runs
without network access where the kernel allows it (see query_worker).
"""

from __future__ import annotations

import re


class QueryRefused(Exception):
    """A query the endpoint will not run; `code` is stable for clients, `status` the HTTP status."""

    def __init__(self, code: str, status: int, message: str) -> None:
        self.code = code
        self.status = status
        self.message = message
        super().__init__(message)


# Tokens inside which no keyword can occur, in the order a SPARQL lexer tries them at one
# position: long and short strings, then IRIs (added per scan below), comments, local-name
# escapes such as "\#", variables, and the local part of a prefixed name. Oxigraph 0.5 reads
# "ex:SERVICE" and "ex:a.SERVICE" as names, so those are blanked out.
_STRINGS = (r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
            r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'")
_NAMES = r"|#[^\n]*" r"|\\\S" r"|[?$][\w\u00b7]+" r"|(?<=:)[\w.\-%:\u00b7\\]+"
# "<" starts an IRI in a pattern but means "less than" in an expression, and only the grammar
# can tell which. So the query is scanned twice: once reading every "<...>" as an IRI, once
# only absolute IRIs without quotes or brackets. A comparison that hides a keyword from the
# first scan cannot hide it from the second.
_SCANS = (
    re.compile(_STRINGS + r"|<[^<>\"{}|^`\\\s]*>" + _NAMES),
    re.compile(_STRINGS + r"|<[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"'(){}|^`\\\s]*>" + _NAMES),
)
# A word, or a prefix name when it ends with ":".
_WORD = re.compile(r"[A-Za-z][\w.\-]*:?")
_SERVICE = re.compile("service", re.IGNORECASE | re.ASCII)
_UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
_QUERY_KEYWORDS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def _blank_out(query: str, scan: re.Pattern) -> str:
    """Replace strings, IRIs, comments and names by spaces, keeping line breaks and positions."""
    return scan.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), query)


def _service_position(query: str) -> tuple[int, int] | None:
    """Return the line and column of a SERVICE outside strings, IRIs, comments and names, or None.

    Any run of letters containing "service" counts, because oxigraph reads "trueSERVICE" and
    "1SERVICE" as two tokens. A prefix named like "myservice:" is therefore rejected too.
    """
    for scan in _SCANS:
        text = _blank_out(query, scan)
        found = _SERVICE.search(text)
        if found:
            line = text.count("\n", 0, found.start()) + 1
            column = found.start() - text.rfind("\n", 0, found.start())
            return line, column
    return None


# Bounds on query text: pyoxigraph 0.5.13 crashed its process (a stack overflow, not an error) on a
# 15,000-branch UNION (349 KB) and on 5,000 nested groups, so both are stopped before parsing.
MAX_QUERY_CHARS = 100_000
MAX_NESTING = 200


def _nesting_depth(query: str) -> int:
    text = _blank_out(query, _SCANS[0])
    depth = deepest = 0
    for character in text:
        if character in "{(":
            depth += 1
            deepest = max(deepest, depth)
        elif character in "})":
            depth -= 1
    return deepest


def check_query(query: str) -> None:
    """Raise QueryRefused for an oversized or too deeply nested query, SERVICE anywhere, or an update."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRefused("query_too_large", 400,
                           f"The query has {len(query)} characters; the limit is {MAX_QUERY_CHARS}. "
                           "Split it into smaller queries.")
    if _nesting_depth(query) > MAX_NESTING:
        raise QueryRefused("query_too_deep", 400,
                           f"The query nests groups or brackets more than {MAX_NESTING} levels deep. "
                           "Flatten it.")
    position = _service_position(query)
    if position is not None:
        raise QueryRefused(
            "service_refused", 400,
            f"SERVICE is not allowed (line {position[0]}, column {position[1]}): this endpoint never sends "
            "requests to other endpoints. Run the federated part against the other endpoint yourself. "
            "If the word is part of a prefix name, write the IRI in full instead.")

    words = [word.upper() for word in _WORD.findall(_blank_out(query, _SCANS[0])) if not word.endswith(":")]
    body = [word for word in words if word not in ("PREFIX", "BASE")]
    if body and body[0] in _UPDATE_KEYWORDS and not any(word in words for word in _QUERY_KEYWORDS):
        raise QueryRefused("update_refused", 403,
                           "This endpoint is read-only: SPARQL updates are refused. Send a SELECT, ASK, "
                           "CONSTRUCT or DESCRIBE query.")


def declares_dataset(query: str) -> bool:
    """Return whether the query names its dataset with FROM or FROM NAMED."""
    return "FROM" in (word.upper() for word in _WORD.findall(_blank_out(query, _SCANS[0])))
