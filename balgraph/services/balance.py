"""Placement of key skills on the three balance dimensions, for the pages of standards, key skills and dimensions.

A balance chart has one row per dimension with its two poles in the model's order (the order
of the dimension's own label, as in "people–technology"), and under each pole the key skills
that lean to it. The same chart serves a skills standard, an individual skills set, an
education standard (any resource with bal:hasKeySkill), a single key skill, a dimension and a pole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..store import GraphStore
from .resources import pick_label

BAL = "https://w3id.org/balgraph/ontology#"
DIMENSIONS_QUERY = """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
SELECT ?dimension ?pole WHERE { ?dimension a bal:BalanceDimension ; bal:hasPole ?pole }
"""
# ?focus is bound to the resource whose page is shown; it must appear in the projection to be bound.
PLACEMENT_QUERIES = {
    "holder": """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
SELECT ?focus ?skill ?dimension ?pole WHERE {
  ?focus bal:hasKeySkill ?skill . ?skill bal:dimension ?dimension . OPTIONAL { ?skill bal:leansTo ?pole }
}""",
    "key_skill": """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
SELECT ?focus ?skill ?dimension ?pole WHERE {
  ?focus bal:dimension ?dimension . OPTIONAL { ?focus bal:leansTo ?pole } BIND(?focus AS ?skill)
}""",
    "dimension": """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
SELECT ?focus ?skill ?dimension ?pole WHERE {
  ?skill bal:dimension ?focus . OPTIONAL { ?skill bal:leansTo ?pole } BIND(?focus AS ?dimension)
}""",
    "all": """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
SELECT ?focus ?skill ?dimension ?pole WHERE {
  ?skill a bal:KeySkill ; bal:dimension ?dimension . OPTIONAL { ?skill bal:leansTo ?pole }
}""",
    "pole": """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
SELECT ?focus ?skill ?dimension ?pole WHERE {
  ?skill bal:leansTo ?focus ; bal:dimension ?dimension . BIND(?focus AS ?pole)
}""",
}


@dataclass
class Link:
    iri: str
    label: str


@dataclass
class PoleColumn:
    pole: Link
    key_skills: list[Link] = field(default_factory=list)


@dataclass
class DimensionRow:
    dimension: Link
    poles: list[PoleColumn]
    # Key skills on this dimension that lean to neither pole (the shapes reject these, but a chart must not hide them).
    unplaced: list[Link] = field(default_factory=list)

    @property
    def key_skill_count(self) -> int:
        return sum(len(column.key_skills) for column in self.poles) + len(self.unplaced)


@dataclass
class BalanceChart:
    focus: str
    rows: list[DimensionRow]

    @property
    def key_skill_count(self) -> int:
        return sum(row.key_skill_count for row in self.rows)


class BalanceService:
    """Read how key skills are placed on the balance model."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def chart(self, iri: str, types: set[str], lang: str, every_key_skill: bool = False) -> BalanceChart | None:
        """Return the balance chart for the resource `iri` with rdf:types `types`, or None if it has none.

        A resource with key skills gets all three dimensions, even those it has no key skill on.
        With `every_key_skill`, the chart shows every key skill in the graph, whatever `iri` is.
        """
        role = "all" if every_key_skill else _role_of(iri, types, self.store)
        if role is None:
            return None
        bindings = None if role == "all" else {"focus": ox.NamedNode(iri)}
        placements = list(self.store.query(PLACEMENT_QUERIES[role], bindings))
        if role not in ("holder", "all") and not placements:
            return None
        dimensions = self._dimensions()
        labels = self.store.labels(set(dimensions) | {p for poles in dimensions.values() for p in poles}
                                   | {row["skill"].value for row in placements})

        def link(target: str) -> Link:
            return Link(target, pick_label(labels.get(target, {}), lang, target.rsplit("/", 1)[-1]))

        shown = dimensions if role in ("holder", "all") else {row["dimension"].value: dimensions.get(row["dimension"].value, [])
                                                     for row in placements}
        rows = {dim: DimensionRow(link(dim), [PoleColumn(link(pole)) for pole in _in_model_order(dim, poles, labels)])
                for dim, poles in shown.items()}
        for row in placements:
            _place(rows, row, link)
        ordered = sorted(rows.values(), key=lambda r: r.dimension.label.lower())
        for row in ordered:
            for column in row.poles:
                column.key_skills.sort(key=lambda skill: skill.label.lower())
        return BalanceChart(iri, ordered)

    def _dimensions(self) -> dict[str, list[str]]:
        dimensions: dict[str, list[str]] = {}
        for row in self.store.query(DIMENSIONS_QUERY):
            dimensions.setdefault(row["dimension"].value, []).append(row["pole"].value)
        return dimensions


def _role_of(iri: str, types: set[str], store: GraphStore) -> str | None:
    if BAL + "KeySkill" in types:
        return "key_skill"
    if BAL + "BalanceDimension" in types:
        return "dimension"
    if BAL + "BalancePole" in types:
        return "pole"
    holds = store.query("PREFIX bal: <https://w3id.org/balgraph/ontology#> ASK { ?focus bal:hasKeySkill ?skill }",
                        {"focus": ox.NamedNode(iri)})
    return "holder" if bool(holds) else None


def _place(rows: dict[str, DimensionRow], solution, link) -> None:
    row = rows.get(solution["dimension"].value)
    if row is None:
        return
    skill = link(solution["skill"].value)
    pole = solution["pole"]
    for column in row.poles:
        if pole is not None and column.pole.iri == pole.value:
            if all(existing.iri != skill.iri for existing in column.key_skills):
                column.key_skills.append(skill)
            return
    row.unplaced.append(skill)


def _in_model_order(dimension: str, poles: list[str], labels: dict[str, dict[str, str]]) -> list[str]:
    """Order the poles as the dimension's English (else any) label names them, e.g. people before technology."""
    names = labels.get(dimension, {})
    dimension_label = (names.get("en") or next(iter(names.values()), "")).lower()

    def position(pole: str) -> tuple[int, str]:
        pole_names = labels.get(pole, {})
        pole_label = (pole_names.get("en") if "en" in names else next(iter(pole_names.values()), "")) or ""
        found = dimension_label.find(pole_label.lower()) if pole_label else -1
        return (found if found >= 0 else len(dimension_label) + 1, pole)

    return sorted(poles, key=position)
