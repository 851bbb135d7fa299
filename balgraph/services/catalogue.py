"""Overviews of what the graph holds, for the home page."""

from __future__ import annotations

from dataclasses import dataclass

from ..store import GraphStore
from .resources import pick_label

STANDARDS_QUERY = """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
SELECT ?standard ?role ?sector (COUNT(DISTINCT ?skill) AS ?skills) WHERE {
  ?standard a bal:SkillsStandard ; bal:forRole ?role .
  OPTIONAL { ?standard bal:sector ?sector }
  OPTIONAL { ?standard bal:hasKeySkill ?skill }
} GROUP BY ?standard ?role ?sector ORDER BY ?sector ?standard
"""


@dataclass(frozen=True)
class StandardSummary:
    iri: str
    label: str
    role: str
    sector: str
    key_skills: int


def skills_standards(store: GraphStore, lang: str) -> list[StandardSummary]:
    """List every skills standard with its role, sector and number of key skills, labelled in `lang`."""
    rows = list(store.query(STANDARDS_QUERY))
    iris = {row[name].value for row in rows for name in ("standard", "role", "sector") if row[name] is not None}
    labels = store.labels(iris)

    def label(term) -> str:
        return pick_label(labels.get(term.value, {}), lang, term.value) if term is not None else ""

    return [StandardSummary(row["standard"].value, label(row["standard"]), label(row["role"]),
                            label(row["sector"]), int(row["skills"].value)) for row in rows]
