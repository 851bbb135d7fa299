"""Rank ESCO skills for a key skill and ESCO occupations for a role, by BM25 over labels and descriptions.

The method, named `balgraph-bm25-nb-en-1` in the provenance of accepted links, needs no network
and no model:

1. Each ESCO concept is a document with three fields in English and Norwegian (`en`, `no`):
   preferred label (weight 3), alternative labels (weight 2) and description (weight 1).
2. The query is the key skill's (or role's) name with weight 3 and its description and learning
   outcomes with weight 1, in nb and en. Norwegian words are also translated to English with the
   small glossary in `glossary.py`, so a Norwegian-only text still finds English ESCO labels.
3. Words are lower-cased, stop words dropped and common English and Norwegian endings cut off.
4. The score is BM25 (k1 = 1.2, b = 0.75) over the weighted term frequencies. Transversal skills,
   the natural targets for most key skills, get their score multiplied by 1.3.

The same input and ESCO data always give the same ranking; ties are broken by IRI.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .csv_import import ESCO_PREFIX, EscoGraph
from .glossary import NB_EN, STOP_WORDS

METHOD = "balgraph-bm25-nb-en-1"
K1, B = 1.2, 0.75
FIELD_WEIGHTS = {"pref": 3.0, "alt": 2.0, "description": 1.0}
TRANSVERSAL_BOOST = 1.3
TRANSVERSAL = ESCO_PREFIX + "skill-reuse-level/transversal"
WORD = re.compile(r"[a-zæøåäöüéèàç]+")
SUFFIXES = ("ingene", "ingen", "ene", "ing", "ers", "er", "es", "ed", "en", "et", "e", "s")


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def terms(text: str, norwegian: bool = False) -> list[str]:
    """Return the index terms of a text; Norwegian text also gives the glossary's English words."""
    found = []
    for word in WORD.findall(text.lower()):
        if word in STOP_WORDS:
            continue
        found.append(stem(word))
        if norwegian:
            for english in NB_EN.get(word, NB_EN.get(stem(word), ())):
                found.extend(stem(w) for w in WORD.findall(english) if w not in STOP_WORDS)
    return found


@dataclass(frozen=True)
class Suggestion:
    iri: str
    label: str
    score: float
    transversal: bool


class EscoIndex:
    """A BM25 index over the ESCO skills or occupations of an `EscoGraph`."""

    def __init__(self, esco: EscoGraph, kind: str) -> None:
        self.labels: dict[str, str] = {}
        self.transversal: set[str] = set()
        self.documents: dict[str, Counter] = {}
        self.lengths: dict[str, float] = {}
        for iri, concept in sorted(esco.concepts.items()):
            if f"/{kind}/" not in iri or (kind == "skill" and not concept.skill_type):
                continue
            weighted: Counter = Counter()
            for field, texts in (("pref", concept.pref_labels.items()),
                                 ("alt", ((lang, label) for label, lang in concept.alt_labels)),
                                 ("description", concept.descriptions.items())):
                for lang, text in texts:
                    if lang.split("-")[0] in ("en", "no", "nb"):
                        for term in terms(text):
                            weighted[term] += FIELD_WEIGHTS[field]
            self.documents[iri] = weighted
            self.lengths[iri] = sum(weighted.values())
            self.labels[iri] = concept.pref_labels.get("en") or next(iter(concept.pref_labels.values()), iri)
            if concept.reuse_level == TRANSVERSAL:
                self.transversal.add(iri)
        self.average = sum(self.lengths.values()) / max(len(self.lengths), 1)
        frequency = Counter(term for document in self.documents.values() for term in document)
        total = len(self.documents)
        self.idf = {term: math.log(1 + (total - n + 0.5) / (n + 0.5)) for term, n in frequency.items()}
        self.postings: dict[str, list[str]] = {}
        for iri, document in self.documents.items():
            for term in document:
                self.postings.setdefault(term, []).append(iri)

    def rank(self, query: Counter, top: int) -> list[Suggestion]:
        """Return the `top` concepts with the highest score for the weighted query terms."""
        scores: Counter = Counter()
        for term, weight in query.items():
            idf = self.idf.get(term)
            if idf is None:
                continue
            for iri in self.postings[term]:
                tf = self.documents[iri][term]
                norm = tf + K1 * (1 - B + B * self.lengths[iri] / self.average)
                scores[iri] += weight * idf * tf * (K1 + 1) / norm
        for iri in scores:
            if iri in self.transversal:
                scores[iri] *= TRANSVERSAL_BOOST
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
        return [Suggestion(iri, self.labels[iri], round(score, 3), iri in self.transversal) for iri, score in ranked]


def query_terms(label: dict[str, str], texts: list[dict[str, str]]) -> Counter:
    """Weight the name three times and each description or learning outcome once, in nb and en."""
    query: Counter = Counter()
    for weight, parts in ((3.0, [label]), (1.0, texts)):
        for part in parts:
            for lang, text in part.items():
                for term in terms(text, norwegian=lang in ("nb", "no", "nn")):
                    query[term] += weight
    return query
