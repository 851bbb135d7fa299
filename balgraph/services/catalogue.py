"""Overviews of what the graph holds, for the home page: standards by sector, key skills by pole, totals."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store import GraphStore
from .balance import BalanceService, DimensionRow
from .resources import pick_label

STANDARDS_QUERY = """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
SELECT ?standard ?role ?sector (COUNT(DISTINCT ?skill) AS ?skills) WHERE {
  ?standard a bal:SkillsStandard ; bal:forRole ?role .
  OPTIONAL { ?standard bal:sector ?sector }
  OPTIONAL { ?standard bal:hasKeySkill ?skill }
} GROUP BY ?standard ?role ?sector ORDER BY ?sector ?standard
"""
SECTORS_QUERY = """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
SELECT ?sector WHERE { ?sector a bal:Sector }
"""
TOTALS_QUERY = """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
PREFIX esco: <http://data.europa.eu/esco/model#>
SELECT ?kind (COUNT(DISTINCT ?resource) AS ?count) WHERE {
  VALUES (?kind ?class) {
    ("skills_standard" bal:SkillsStandard) ("role" bal:Role) ("key_skill" bal:KeySkill)
    ("learning_outcome" bal:LearningOutcome) ("individual_skills_set" bal:IndividualSkillsSet)
    ("education_standard" bal:EducationStandard)
  }
  ?resource a ?class .
} GROUP BY ?kind
"""
ESCO_LINKS_QUERY = """
PREFIX bal: <https://w3id.org/balgraph/ontology#>
SELECT (COUNT(DISTINCT ?concept) AS ?count) WHERE {
  { ?resource bal:escoOccupation ?concept } UNION { ?resource bal:escoSkill ?concept }
}
"""
DIMENSIONS_IRI = "https://w3id.org/balgraph/id/dimensions"


@dataclass(frozen=True)
class StandardSummary:
    iri: str
    label: str
    role: str
    sector: str
    key_skills: int
    role_iri: str = ""
    sector_iri: str = ""


@dataclass
class SectorSummary:
    """A sector with the skills standards that belong to it (possibly none yet)."""

    iri: str
    label: str
    standards: list[StandardSummary] = field(default_factory=list)


@dataclass(frozen=True)
class DatasetTotals:
    counts: dict[str, int]
    esco_concepts: int


def skills_standards(store: GraphStore, lang: str) -> list[StandardSummary]:
    """List every skills standard with its role, sector and number of key skills, labelled in `lang`."""
    rows = list(store.query(STANDARDS_QUERY))
    iris = {row[name].value for row in rows for name in ("standard", "role", "sector") if row[name] is not None}
    labels = store.labels(iris)

    def label(term) -> str:
        return pick_label(labels.get(term.value, {}), lang, term.value) if term is not None else ""

    summaries = [StandardSummary(row["standard"].value, label(row["standard"]), label(row["role"]),
                                 label(row["sector"]), int(row["skills"].value), row["role"].value,
                                 row["sector"].value if row["sector"] is not None else "")
                 for row in rows]
    return sorted(summaries, key=lambda s: (s.sector.lower(), s.role.lower()))


def standards_by_sector(store: GraphStore, lang: str) -> list[SectorSummary]:
    """Group the skills standards by sector; every sector of the vocabulary appears, with or without standards.

    Standards without a sector come last, in a group whose IRI is empty.
    """
    sector_iris = [row["sector"].value for row in store.query(SECTORS_QUERY)]
    labels = store.labels(sector_iris)
    sectors = {iri: SectorSummary(iri, pick_label(labels.get(iri, {}), lang, iri)) for iri in sector_iris}
    for standard in skills_standards(store, lang):
        sector = sectors.setdefault(standard.sector_iri, SectorSummary(standard.sector_iri, standard.sector))
        sector.standards.append(standard)
    return sorted(sectors.values(), key=lambda s: (not s.iri, -len(s.standards), s.label.lower()))


def key_skills_by_pole(store: GraphStore, lang: str) -> list[DimensionRow]:
    """Return each balance dimension with the key skills of all standards that lean to each of its poles."""
    chart = BalanceService(store).chart(DIMENSIONS_IRI, set(), lang, every_key_skill=True)
    return chart.rows if chart is not None else []


def dataset_totals(store: GraphStore) -> DatasetTotals:
    """Count the resources of each kind of the model, and the ESCO concepts the data links to."""
    counts = {row["kind"].value: int(row["count"].value) for row in store.query(TOTALS_QUERY)}
    esco = next(iter(store.query(ESCO_LINKS_QUERY)))["count"]
    return DatasetTotals(counts, int(esco.value))
