"""Match and mismatch between two skills descriptions, key skill by key skill.

A skills description is a role's skills standard, one person's individual skills set or an
education standard. All three list key skills with learning outcomes, so any of them can be
compared with any other. The comparison asks, for each key skill of the TARGET, how well the
SOURCE covers it:

1. Link. A source key skill is linked to a target key skill when it is the same resource
   (strength 1.0) or when both are linked to the same ESCO skill. Then the strength is the
   product of the exactness weights of the two links (EXACTNESS_WEIGHTS; a plain bal:escoSkill
   without a SKOS mapping property counts as skos:closeMatch). With several shared ESCO skills
   the strongest one counts. Labels are never compared.
2. Outcomes. Each learning outcome of the target key skill is compared with the outcomes of the
   linked source key skill in the same category (knowledge, skills, general competence). It is
   met when one of them is at the same NKR level or higher (order 1 < 2 < 3 < 4 < 5.1 < 5.2 <
   6 < 7 < 8), at a lower level when all of them are lower, and missing when the source has no
   outcome in that category. Credits: met 1, lower level LOWER_LEVEL_CREDIT, missing 0.
3. Score. For each linked source key skill: strength x mean outcome credit (a target key skill
   without outcomes gives credit 1). The source key skill with the highest score is the match.
   Status: covered when all outcomes are met, partly covered otherwise, missing when no source
   key skill is linked.
4. Coverage: the mean score over the target's key skills (0 for a target without key skills).
   Source key skills linked to no target key skill are listed as beyond the target.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SKOS = "http://www.w3.org/2004/02/skos/core#"
EXACTNESS_WEIGHTS = {
    SKOS + "exactMatch": 1.0,
    SKOS + "closeMatch": 0.8,
    SKOS + "broadMatch": 0.6,
    SKOS + "narrowMatch": 0.6,
    SKOS + "relatedMatch": 0.4,
}
# A bal:escoSkill link that no SKOS mapping property qualifies counts as skos:closeMatch.
UNQUALIFIED_LINK_WEIGHT = EXACTNESS_WEIGHTS[SKOS + "closeMatch"]
LOWER_LEVEL_CREDIT = 0.5
NKR_ORDER = ("1", "2", "3", "4", "5.1", "5.2", "6", "7", "8")

COVERED, PARTLY_COVERED, MISSING, BEYOND = "covered", "partly-covered", "missing", "beyond"
MET, LOWER_LEVEL, NO_OUTCOME = "met", "lower-level", "missing"

SKILLS_STANDARD = "skills-standard"
INDIVIDUAL_SKILLS_SET = "individual-skills-set"
EDUCATION_STANDARD = "education-standard"


def nkr_rank(level: str | None) -> int | None:
    """Return the position of an NKR level notation ("5.1") in the framework's order, or None."""
    try:
        return NKR_ORDER.index(level) if level is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class LearningOutcome:
    """A learning outcome: its category IRI and its NKR level notation ("5.2")."""

    iri: str
    category: str | None
    level: str | None


@dataclass(frozen=True)
class KeySkill:
    """A key skill with its place on the balance model, its ESCO links and its learning outcomes.

    `esco_links` maps each linked ESCO skill IRI to the weight of that link's exactness.
    `placement` runs from -1.0 (first pole) to 1.0 (second pole); None when the data gives none.
    """

    iri: str
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)
    dimension: str | None = None
    pole: str | None = None
    placement: float | None = None
    esco_links: Mapping[str, float] = field(default_factory=dict, compare=False)
    outcomes: tuple[LearningOutcome, ...] = ()


@dataclass(frozen=True)
class SkillsDescription:
    """A skills standard, an individual skills set or an education standard, with its key skills."""

    iri: str
    kind: str
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)
    key_skills: tuple[KeySkill, ...] = ()
    role: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class SkillLink:
    """The link from a target key skill to a source key skill, with its strength (0 to 1).

    `esco_skill` is the shared ESCO skill that gives the strength, None for the same resource.
    """

    source_skill: KeySkill
    strength: float
    esco_skill: str | None


@dataclass(frozen=True)
class OutcomeComparison:
    """One target learning outcome against the best source outcome of the same category."""

    target: LearningOutcome
    source: LearningOutcome | None
    status: str

    @property
    def credit(self) -> float:
        return {MET: 1.0, LOWER_LEVEL: LOWER_LEVEL_CREDIT}.get(self.status, 0.0)

    @property
    def above_level(self) -> bool:
        """True when the source outcome is at a higher NKR level than the target requires."""
        if self.source is None:
            return False
        source_rank, target_rank = nkr_rank(self.source.level), nkr_rank(self.target.level)
        return source_rank is not None and target_rank is not None and source_rank > target_rank


@dataclass(frozen=True)
class MatchItem:
    """The result for one target key skill, or for one source key skill beyond the target."""

    status: str
    target_skill: KeySkill | None
    link: SkillLink | None
    outcomes: tuple[OutcomeComparison, ...] = ()
    score: float | None = None

    @property
    def unmet_outcomes(self) -> list[OutcomeComparison]:
        """Return the target outcomes that the source does not meet: missing or at a lower level."""
        return [outcome for outcome in self.outcomes if outcome.status != MET]


@dataclass(frozen=True)
class MatchResult:
    """The comparison of a source against a target: one item per target key skill, and what is beyond."""

    source: SkillsDescription
    target: SkillsDescription
    items: tuple[MatchItem, ...]
    beyond: tuple[MatchItem, ...]
    coverage: float

    def count(self, status: str) -> int:
        return sum(1 for item in (*self.items, *self.beyond) if item.status == status)

    @property
    def outcomes_above_level(self) -> int:
        return sum(1 for item in self.items for outcome in item.outcomes if outcome.above_level)


def compare(source: SkillsDescription, target: SkillsDescription) -> MatchResult:
    """Compare `source` against `target` as the module docstring defines it."""
    by_esco = _index_by_esco_skill(source.key_skills)
    source_iris = {skill.iri: skill for skill in source.key_skills}
    linked_sources: set[str] = set()

    items = []
    for target_skill in target.key_skills:
        links = _links(target_skill, source_iris, by_esco)
        linked_sources.update(links)
        items.append(_best_item(target_skill, links.values()))

    beyond = tuple(MatchItem(BEYOND, None, SkillLink(skill, 0.0, None))
                   for skill in source.key_skills if skill.iri not in linked_sources)
    coverage = sum(item.score or 0.0 for item in items) / len(items) if items else 0.0
    return MatchResult(source, target, tuple(items), beyond, coverage)


def rank(source: SkillsDescription, targets: Iterable[SkillsDescription]) -> list[MatchResult]:
    """Compare `source` against each target; best coverage first, then most key skills covered."""
    results = [compare(source, target) for target in targets if target.iri != source.iri]
    return sorted(results, key=lambda r: (-r.coverage, -r.count(COVERED), r.target.iri))


def rank_sources(sources: Iterable[SkillsDescription], target: SkillsDescription) -> list[MatchResult]:
    """Compare each source against `target` (education standards against a role); best coverage first."""
    results = [compare(source, target) for source in sources if source.iri != target.iri]
    return sorted(results, key=lambda r: (-r.coverage, -r.count(COVERED), r.source.iri))


def _index_by_esco_skill(skills: Iterable[KeySkill]) -> dict[str, list[tuple[KeySkill, float]]]:
    index: dict[str, list[tuple[KeySkill, float]]] = {}
    for skill in skills:
        for esco_skill, weight in skill.esco_links.items():
            index.setdefault(esco_skill, []).append((skill, weight))
    return index


def _links(target_skill: KeySkill, source_iris: Mapping[str, KeySkill],
           by_esco: Mapping[str, list[tuple[KeySkill, float]]]) -> dict[str, SkillLink]:
    """Return the source key skills linked to `target_skill`, each with its strongest link."""
    links: dict[str, SkillLink] = {}
    if target_skill.iri in source_iris:
        links[target_skill.iri] = SkillLink(source_iris[target_skill.iri], 1.0, None)
    # Sorted, so that among equally strong shared ESCO skills the reported one is always the same.
    for esco_skill in sorted(target_skill.esco_links):
        target_weight = target_skill.esco_links[esco_skill]
        for source_skill, source_weight in by_esco.get(esco_skill, ()):
            strength = target_weight * source_weight
            known = links.get(source_skill.iri)
            if known is None or strength > known.strength:
                links[source_skill.iri] = SkillLink(source_skill, strength, esco_skill)
    return links


def _best_item(target_skill: KeySkill, links: Iterable[SkillLink]) -> MatchItem:
    best: MatchItem | None = None
    for link in links:
        outcomes = tuple(compare_outcome(outcome, link.source_skill.outcomes)
                         for outcome in target_skill.outcomes)
        credit = sum(o.credit for o in outcomes) / len(outcomes) if outcomes else 1.0
        status = COVERED if all(o.status == MET for o in outcomes) else PARTLY_COVERED
        item = MatchItem(status, target_skill, link, outcomes, link.strength * credit)
        if best is None or (item.score, link.strength) > (best.score, best.link.strength):
            best = item
    if best is None:
        return MatchItem(MISSING, target_skill, None, (), 0.0)
    return best


def compare_outcome(target: LearningOutcome, source_outcomes: Iterable[LearningOutcome]) -> OutcomeComparison:
    """Compare one target outcome with the source outcomes of the same category.

    The source outcome at the highest NKR level decides. A source outcome whose level is not an
    NKR notation counts as lower than any known level. A target outcome of unknown level is met
    by any source outcome of its category.
    """
    same_category = [o for o in source_outcomes if o.category == target.category]
    if not same_category:
        return OutcomeComparison(target, None, NO_OUTCOME)
    best = max(same_category, key=lambda o: (_rank_or_lowest(o.level), o.iri))
    target_rank = nkr_rank(target.level)
    if target_rank is None or _rank_or_lowest(best.level) >= target_rank:
        return OutcomeComparison(target, best, MET)
    return OutcomeComparison(target, best, LOWER_LEVEL)


def _rank_or_lowest(level: str | None) -> int:
    rank_ = nkr_rank(level)
    return -1 if rank_ is None else rank_
