"""Search over the labels of the published graph, built once per build into an in-memory index.

Labels in Norwegian Bokmål ("nb"), English ("en"), ESCO's Norwegian ("no") and untagged labels
are indexed. Matching ignores case and accents, and treats the Norwegian letters æ, ø and å
as their usual ASCII spellings (a or ae, o or oe, a or aa), so "tilstedevaerelse" finds
"tilstedeværelse". The text a user types is only compared in Python; it never reaches SPARQL.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from dataclasses import dataclass, field

from ..store import GraphStore
from .kinds import KIND_ORDER, kind_of
from .resources import pick_label

log = logging.getLogger(__name__)

INDEXED_LANGUAGES = ("nb", "en", "no", "")
LABELS_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?resource ?property ?label WHERE {
  VALUES ?property { skos:prefLabel rdfs:label skos:altLabel }
  ?resource ?property ?label .
  FILTER(isIRI(?resource) && isLiteral(?label) && lang(?label) IN ("nb", "en", "no", ""))
}
"""
TYPES_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?resource ?type ?scheme WHERE {
  { ?resource a ?type } UNION { ?resource skos:inScheme ?scheme }
}
"""
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
# Maximum length of search text that is compared. Longer text is cut, so a pasted document costs no more.
MAX_QUERY_CHARACTERS = 200
_WORD = re.compile(r"\w+")
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss"})


def fold(text: str) -> str:
    """Reduce `text` to the form that searching compares: lower case, no accents, æ ø å spelled out.

    "æ" and "ae" become "a", "ø" and "oe" become "o", and "å" and "aa" become "a", so every common
    way of typing a Norwegian word without its letters folds to the same string as the word itself.
    """
    lowered = text.casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("aa", "a").replace("ae", "a").replace("oe", "o")


@dataclass(frozen=True)
class _Entry:
    iri: str
    label: str
    lang: str
    folded: str
    alternative: bool


@dataclass(frozen=True)
class SearchHit:
    """One resource that matched: its label in the reader's language and the label that matched."""

    iri: str
    label: str
    label_lang: str
    kind: str
    matched: str
    matched_lang: str


@dataclass
class SearchGroup:
    kind: str
    hits: list[SearchHit] = field(default_factory=list)


class LabelIndex:
    """The labels of one build, ready to be searched; build it with `from_store`."""

    def __init__(self, entries: list[_Entry], labels: dict[str, dict[str, str]], kinds: dict[str, str]) -> None:
        self._entries = entries
        self._labels = labels
        self._kinds = kinds

    @classmethod
    def from_store(cls, store: GraphStore) -> "LabelIndex":
        """Read every indexed label and the kind of every labelled resource from `store`."""
        started = time.monotonic()
        entries: list[_Entry] = []
        labels: dict[str, dict[str, str]] = {}
        for row in store.query(LABELS_QUERY):
            iri, literal = row["resource"].value, row["label"]
            lang = literal.language or ""
            alternative = row["property"].value == ALT_LABEL
            entries.append(_Entry(iri, literal.value, lang, fold(literal.value), alternative))
            if not alternative:
                labels.setdefault(iri, {}).setdefault(lang, literal.value)
        kinds = _kinds(store, labels.keys() | {entry.iri for entry in entries})
        log.info("indexed %d labels of %d resources in %.2f s", len(entries), len(kinds),
                 time.monotonic() - started)
        return cls(entries, labels, kinds)

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, text: str, lang: str, limit: int = 50) -> list[SearchHit]:
        """Return up to `limit` resources whose labels contain every word of `text`, best first.

        A label that starts with the text ranks first, then one with a word starting with it,
        then any other match. Among equals, preferred labels, labels in `lang` and shorter labels win.
        """
        words = _WORD.findall(fold(text[:MAX_QUERY_CHARACTERS]))
        if not words:
            return []
        phrase = " ".join(words)
        best: dict[str, tuple[tuple, _Entry]] = {}
        for entry in self._entries:
            if not all(word in entry.folded for word in words):
                continue
            rank = (_position_rank(entry.folded, phrase, words[0]), entry.alternative,
                    entry.lang != lang, len(entry.folded))
            if entry.iri not in best or rank < best[entry.iri][0]:
                best[entry.iri] = (rank, entry)
        ordered = sorted(best.values(), key=lambda item: (item[0], item[1].label))
        return [self._hit(entry, lang) for _rank, entry in ordered[:limit]]

    def grouped(self, text: str, lang: str, limit: int = 200) -> list[SearchGroup]:
        """Return the matches of `text` grouped by kind, in the site's order of kinds."""
        groups = {kind: SearchGroup(kind) for kind in KIND_ORDER}
        for hit in self.search(text, lang, limit):
            groups[hit.kind].hits.append(hit)
        return [group for group in groups.values() if group.hits]

    def _hit(self, entry: _Entry, lang: str) -> SearchHit:
        names = self._labels.get(entry.iri) or {entry.lang: entry.label}
        label = pick_label(names, lang, entry.label)
        label_lang = next((tag for tag, value in names.items() if value == label), entry.lang)
        return SearchHit(entry.iri, label, label_lang, self._kinds.get(entry.iri, "other"),
                         entry.label, entry.lang)


def _position_rank(folded: str, phrase: str, first_word: str) -> int:
    if folded.startswith(phrase):
        return 0
    if any(word.startswith(first_word) for word in _WORD.findall(folded)):
        return 1
    return 2


def _kinds(store: GraphStore, iris) -> dict[str, str]:
    types: dict[str, set[str]] = {}
    schemes: dict[str, set[str]] = {}
    for row in store.query(TYPES_QUERY):
        iri = row["resource"].value
        if iri not in iris:
            continue
        if row["type"] is not None:
            types.setdefault(iri, set()).add(row["type"].value)
        if row["scheme"] is not None:
            schemes.setdefault(iri, set()).add(row["scheme"].value)
    return {iri: kind_of(types.get(iri, ()), schemes.get(iri, ())) for iri in iris}
