"""The balance profile of a skills description: where its key skills sit on the three dimensions.

The chart has one row per dimension, running from the first pole (-1) to the second (+1).
Each key skill is a mark at its bal:placement. A key skill without a placement is drawn
halfway towards the pole it leans to (-0.5 or +0.5). The mean placement of each row is the
profile. Two descriptions can share one chart: the first one's marks sit above each axis and
the second one's below it, so the profiles can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .matching import KeySkill, SkillsDescription

DIMENSIONS = (
    ("people-technology", "people", "technology"),
    ("flexibility-routine", "flexibility", "routine"),
    ("pace-presence", "pace", "presence"),
)
UNPLACED_DISTANCE = 0.5

WIDTH, ROW_HEIGHT, TOP = 640, 110, 28
AXIS_LEFT, AXIS_RIGHT = 150, 490
MARK_SPACING = 9


@dataclass(frozen=True)
class Mark:
    """One key skill on the chart: its placement, whether it was given, and where to draw it."""

    iri: str
    label: str
    pole_label: str
    placement: float
    placed: bool
    x: float
    y: float


@dataclass
class Series:
    """The marks and mean placements of one skills description."""

    iri: str
    label: str
    marks: dict[str, list[Mark]] = field(default_factory=dict)
    means: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    """One dimension of the chart: its labels, the y of its axis and the labels of its poles."""

    slug: str
    label: str
    first_pole: str
    second_pole: str
    y: float


@dataclass
class BalanceChart:
    """Everything a template needs to draw the chart and its text alternative."""

    title: str
    description: str
    rows: list[Row]
    series: list[Series]
    width: int = WIDTH
    height: int = 0
    axis_left: int = AXIS_LEFT
    axis_right: int = AXIS_RIGHT

    def x(self, placement: float) -> float:
        return self.axis_left + (placement + 1) / 2 * (self.axis_right - self.axis_left)


def placement_of(skill: KeySkill) -> tuple[float, bool]:
    """Return a key skill's placement, and False when it was derived from the pole it leans to."""
    if skill.placement is not None:
        return max(-1.0, min(1.0, skill.placement)), True
    pole = (skill.pole or "").rsplit("/", 1)[-1]
    first_poles = {first for _, first, _ in DIMENSIONS}
    return (-UNPLACED_DISTANCE if pole in first_poles else UNPLACED_DISTANCE), False


def balance_chart(descriptions: list[SkillsDescription], labels: Mapping[str, Mapping[str, str]],
                  lang: str) -> BalanceChart:
    """Lay out the profiles of one or two descriptions on one chart, labelled in `lang`.

    `labels` contains the labels of dimensions and poles by IRI (from the vocabularies).
    """
    chart = BalanceChart(_title(descriptions, lang), "", _rows(descriptions, labels, lang), [])
    chart.height = int(TOP + ROW_HEIGHT * len(chart.rows) + 10)
    for index, description in enumerate(descriptions[:2]):
        chart.series.append(_series(chart, description, labels, lang, above=index == 0))
    chart.description = _text_alternative(chart, lang)
    return chart


def _rows(descriptions, labels, lang) -> list[Row]:
    base = _vocabulary_base(descriptions)
    rows = []
    for number, (slug, first, second) in enumerate(DIMENSIONS):
        rows.append(Row(slug, _label(labels, f"{base}dimension/{slug}", lang, slug),
                        _label(labels, f"{base}pole/{first}", lang, first),
                        _label(labels, f"{base}pole/{second}", lang, second),
                        TOP + ROW_HEIGHT * number + ROW_HEIGHT / 2))
    return rows


def _series(chart: BalanceChart, description: SkillsDescription, labels, lang: str, above: bool) -> Series:
    series = Series(description.iri, _label(description.labels, None, lang, description.iri))
    rows = {row.slug: row for row in chart.rows}
    direction = -1 if above else 1
    for skill in description.key_skills:
        slug = (skill.dimension or "").rsplit("/", 1)[-1]
        if slug not in rows:
            continue
        placement, placed = placement_of(skill)
        stacked = sum(1 for m in series.marks.get(slug, []) if abs(m.placement - placement) < 0.08)
        y = rows[slug].y + direction * (MARK_SPACING + stacked * MARK_SPACING)
        mark = Mark(skill.iri, _label(skill.labels, None, lang, skill.iri),
                    _label(labels, skill.pole or "", lang, (skill.pole or "").rsplit("/", 1)[-1]),
                    placement, placed, chart.x(placement), y)
        series.marks.setdefault(slug, []).append(mark)
    for slug in rows:
        marks = series.marks.get(slug, [])
        series.means[slug] = sum(m.placement for m in marks) / len(marks) if marks else None
    return series


def _text_alternative(chart: BalanceChart, lang: str) -> str:
    sentences = []
    for series in chart.series:
        parts = []
        for row in chart.rows:
            mean = series.means.get(row.slug)
            count = len(series.marks.get(row.slug, []))
            if mean is None:
                parts.append(f"{row.label}: " + ("ingen nøkkelkompetanser" if lang == "nb" else "no key skills"))
                continue
            pole = row.first_pole if mean < 0 else row.second_pole
            value = f"{mean:+.2f}".replace(".", ",") if lang == "nb" else f"{mean:+.2f}"
            if lang == "nb":
                parts.append(f"{row.label}: {count} nøkkelkompetanser, snitt {value} (mot {pole.lower()})")
            else:
                parts.append(f"{row.label}: {count} key skills, mean {value} (towards {pole.lower()})")
        sentences.append(f"{series.label}: " + "; ".join(parts) + ".")
    return " ".join(sentences)


def _title(descriptions: list[SkillsDescription], lang: str) -> str:
    names = [_label(d.labels, None, lang, d.iri) for d in descriptions[:2]]
    if lang == "nb":
        return "Balanseprofil: " + " mot ".join(names)
    return "Balance profile: " + " against ".join(names)


def _label(labels: Mapping, key: str | None, lang: str, fallback: str) -> str:
    names = labels if key is None else labels.get(key, {})
    for candidate in (lang, "nb", "en", ""):
        if names.get(candidate):
            return names[candidate]
    return fallback


def _vocabulary_base(descriptions: list[SkillsDescription]) -> str:
    # Dimension IRIs are {base}id/dimension/<slug>; take the base from the data, which may be rebased.
    for description in descriptions:
        for skill in description.key_skills:
            if skill.dimension and "/dimension/" in skill.dimension:
                return skill.dimension.rsplit("dimension/", 1)[0]
    return "https://w3id.org/balgraph/id/"


def vocabulary_iris(descriptions: list[SkillsDescription]) -> list[str]:
    """Return the dimension and pole IRIs a chart of `descriptions` needs labels for."""
    base = _vocabulary_base(descriptions)
    iris = []
    for slug, first, second in DIMENSIONS:
        iris += [f"{base}dimension/{slug}", f"{base}pole/{first}", f"{base}pole/{second}"]
    return iris
