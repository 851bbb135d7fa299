"""Matching over a graph store: resolve what to compare, compare or rank, and label the results.

The command line and the site both call this service. It caches the descriptions it reads
for rankings, keyed by the build they came from, so a ranking against every role of a
sector reads the store once per build and worker.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from ..store import GraphStore
from .descriptions import DescriptionNotFound, DescriptionReader
from .matching import (EDUCATION_STANDARD, SKILLS_STANDARD, MatchResult,
                       SkillsDescription, compare, rank, rank_sources)
from .profile import BalanceChart, balance_chart, vocabulary_iris

log = logging.getLogger(__name__)

CACHE_LIMIT = 16


@dataclass(frozen=True)
class Ranking:
    """A ranking: what was ranked for, what kind of descriptions were ranked, and the results."""

    subject: SkillsDescription
    ranked_kind: str
    results: list[MatchResult]


class MatchService:
    """Compare and rank the skills descriptions in one store."""

    def __init__(self, store: GraphStore, base_iri: str) -> None:
        self.store = store
        self.base_iri = base_iri
        self.reader = DescriptionReader(store)
        self._cache: dict[tuple, list[SkillsDescription]] = {}
        self._lock = threading.Lock()

    def iri_for(self, reference: str) -> str:
        """Turn a reference into an IRI: absolute IRIs stay, others are read as paths under {base}id/."""
        reference = reference.strip()
        if "://" in reference or reference.startswith("urn:"):
            return reference
        return self.base_iri + "id/" + reference.lstrip("/")

    def match(self, source: str, target: str) -> MatchResult:
        """Compare the descriptions that two IRIs stand for (roles and persons resolve to theirs)."""
        return compare(self.reader.read(source), self.reader.read(target))

    def rank(self, subject: str, sector: str | None = None) -> Ranking:
        """Rank for the description that `subject` stands for; see `rank_description`."""
        return self.rank_description(self.reader.read(subject), sector)

    def rank_description(self, description: SkillsDescription, sector: str | None = None) -> Ranking:
        """Rank roles for a skills set or education standard, or education standards for a skills standard.

        `sector` limits the roles to one sector; education standards are always all ranked.
        """
        if description.kind == SKILLS_STANDARD:
            sources = self.descriptions(EDUCATION_STANDARD)
            return Ranking(description, EDUCATION_STANDARD, rank_sources(sources, description))
        targets = self.descriptions(SKILLS_STANDARD, sector)
        return Ranking(description, SKILLS_STANDARD, rank(description, targets))

    def descriptions(self, kind: str, sector: str | None = None) -> list[SkillsDescription]:
        """Return every description of `kind` (optionally of one sector), cached per build."""
        key = (self.store.info().build_id, kind, sector)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        found = self.reader.read_all(kind, sector)
        with self._lock:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = found
        log.info("read %d descriptions of kind %s (sector %s)", len(found), kind, sector or "any")
        return found

    def labels_for(self, results: list[MatchResult]) -> dict[str, dict[str, str]]:
        """Return labels of the ESCO skills that link the key skills in `results`."""
        iris = {item.link.esco_skill for result in results for item in result.items
                if item.link is not None and item.link.esco_skill}
        return self.store.labels(sorted(iris))

    def chart(self, descriptions: list[SkillsDescription], lang: str) -> BalanceChart:
        """Lay out the balance profile of one description, or two overlaid, labelled in `lang`."""
        return balance_chart(descriptions, self.store.labels(vocabulary_iris(descriptions)), lang)

    def chart_for_page(self, iri: str, lang: str) -> BalanceChart | None:
        """Return the balance profile for a resource's page, or None when the resource has no key skills."""
        try:
            description = self.reader.read(iri)
        except DescriptionNotFound:
            return None
        if not description.key_skills:
            return None
        return self.chart([description], lang)

