"""The format-neutral authoring document, and the places in a file that errors point to.

A `Document` is what a spreadsheet or a YAML file says about one skills standard, individual
skills set or education standard. Every record remembers where it came from, so that a problem
found later (by the shapes, for instance) can still be reported by file, sheet, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import BalgraphError

Text = dict[str, str]


@dataclass(frozen=True)
class Place:
    """Where a value sits: file, then sheet (or YAML path), row (or YAML line) and column."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    # Spreadsheet column letter, such as "C"; None in YAML files.
    letter: str | None = None
    yaml: bool = False

    def describe(self, lang: str) -> str:
        nb = lang == "nb"
        parts = [self.file]
        if self.sheet:
            parts.append((f"ark «{self.sheet}»" if nb else f"sheet '{self.sheet}'") if not self.yaml
                         else self.sheet)
        if self.row is not None:
            word = ("linje" if nb else "line") if self.yaml else ("rad" if nb else "row")
            parts.append(f"{word} {self.row}")
        if self.column:
            name = f"«{self.column}»" if nb else f"'{self.column}'"
            if self.letter:
                name = f"{self.letter} {name}"
            parts.append(f"{'felt' if self.yaml and nb else 'field' if self.yaml else 'kolonne' if nb else 'column'} {name}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One error in an authoring file, with its message in nb and en."""

    place: Place
    nb: str
    en: str

    def as_text(self, lang: str) -> str:
        return f"{self.place.describe(lang)}: {self.nb if lang == 'nb' else self.en}"


class AuthoringError(BalgraphError):
    """An authoring file has errors; carries every problem found, in file order."""

    def __init__(self, problems: list[Problem], exit_code: int = 2) -> None:
        self.problems = problems
        self.exit_code = exit_code
        super().__init__(f"{len(problems)} error(s) in the authoring file")

    def as_text(self, lang: str) -> str:
        return "\n".join(problem.as_text(lang) for problem in self.problems)


@dataclass
class Origin:
    """Where a record came from: the row as a whole and the place of each field."""

    row: Place
    fields: dict[str, Place] = field(default_factory=dict)

    def at(self, name: str | None) -> Place:
        return self.fields.get(name, self.row) if name else self.row


def nowhere() -> Origin:
    return Origin(Place("-"))


@dataclass
class EscoLink:
    """A link from a role or key skill to an ESCO concept, with how it was chosen."""

    iri: str
    match: str = "close"
    status: str = "accepted"
    accepted_by: str | None = None
    accepted_on: str | None = None
    method: str | None = None
    score: Decimal | None = None
    # The ESCO label is shown to help the author; the import ignores it.
    esco_label: str | None = field(default=None, compare=False)
    origin: Origin = field(default_factory=nowhere, compare=False)

    @property
    def has_provenance(self) -> bool:
        return any(v is not None for v in (self.accepted_by, self.accepted_on, self.method, self.score))


@dataclass
class LearningOutcome:
    id: str
    category: str
    nkr_level: str
    label: Text = field(default_factory=dict)
    description: Text = field(default_factory=dict)
    origin: Origin = field(default_factory=nowhere, compare=False)


@dataclass
class Evidence:
    """Documentation of one key skill in an individual skills set."""

    id: str
    type: str
    description: Text = field(default_factory=dict)
    date: str | None = None
    origin: Origin = field(default_factory=nowhere, compare=False)


@dataclass
class KeySkill:
    id: str
    label: Text = field(default_factory=dict)
    description: Text = field(default_factory=dict)
    dimension: str | None = None
    leans_to: str | None = None
    # Between -1 (fully at the dimension's first pole) and +1 (fully at its second pole).
    placement: Decimal | None = None
    interview: str | None = None
    identified_skill: str | None = None
    esco_links: list[EscoLink] = field(default_factory=list)
    learning_outcomes: list[LearningOutcome] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    origin: Origin = field(default_factory=nowhere, compare=False)


@dataclass
class Interview:
    """An interview at a workplace; the person interviewed is never identified."""

    id: str
    date: str | None = None
    duration_minutes: int | None = None
    workplace: str | None = None
    interviewer: str | None = None
    origin: Origin = field(default_factory=nowhere, compare=False)


@dataclass
class Role:
    id: str
    label: Text = field(default_factory=dict)
    description: Text = field(default_factory=dict)
    esco_links: list[EscoLink] = field(default_factory=list)


@dataclass
class Document:
    """One skills standard, individual skills set or education standard, as an author wrote it."""

    kind: str
    id: str
    label: Text = field(default_factory=dict)
    description: Text = field(default_factory=dict)
    note: Text = field(default_factory=dict)
    illustrative: bool | None = None
    sector: str | None = None
    nkr_level: str | None = None
    role: Role | None = None
    holder: str | None = None
    credits: Decimal | None = None
    provider_id: str | None = None
    provider_name: str | None = None
    based_on: list[str] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    key_skills: list[KeySkill] = field(default_factory=list)
    origin: Origin = field(default_factory=nowhere, compare=False)
