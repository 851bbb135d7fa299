"""Turn the rows of an authoring file into a `Document`, checking every value, and back.

Both file formats are read into the same rows first: a spreadsheet row by row, a YAML file by
flattening it. `read_document` then checks each cell and collects every problem, so that one
run reports all mistakes in the file and not only the first one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from . import vocabulary as v
from .document import (AuthoringError, Document, EscoLink, Evidence, Interview, KeySkill,
                       LearningOutcome, Origin, Place, Problem, Role, Text)
from .layout import Column, Sheet

ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
ESCO_OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"
LANGS = ("nb", "en")


@dataclass
class Cell:
    value: object
    place: Place


@dataclass
class Row:
    """One record read from a file: a table row, the form sheet, or a YAML mapping."""

    sheet: Sheet
    place: Place
    cells: dict[str, Cell] = field(default_factory=dict)

    def origin(self) -> Origin:
        return Origin(self.place, {name: cell.place for name, cell in self.cells.items()})

    def place_of(self, name: str) -> Place:
        cell = self.cells.get(name)
        if cell is not None:
            return cell.place
        column = next((c for c in self.sheet.columns if c.field == name), None)
        return Place(self.place.file, self.place.sheet, self.place.row,
                     column.en if column else name, yaml=self.place.yaml)


Tables = dict[str, list[Row]]


def read_document(tables: Tables, file: str) -> Document:
    """Check every row and build the document; raise AuthoringError listing every problem."""
    reader = _Reader(file)
    document = reader.document(tables)
    if reader.problems:
        raise AuthoringError(reader.problems)
    return document


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, place: Place, nb: str, en: str) -> None:
        self.problems.append(Problem(place, nb, en))

    # Cell readers: each returns None after recording a problem, so reading can go on.

    def raw(self, row: Row, name: str, required: bool = False) -> str | None:
        cell = row.cells.get(name)
        value = None if cell is None else cell.value
        if isinstance(value, str):
            value = value.strip() or None
        if value is None and required:
            self.problem(row.place_of(name), "Verdien mangler. Fyll inn feltet.",
                         "The value is missing. Fill in the field.")
        if isinstance(value, float) and value.is_integer() and name in ("id", "key_skill", "interview"):
            value = int(value)
        if isinstance(value, (dt.datetime, dt.date)):
            return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
        return None if value is None else str(value)

    def text(self, row: Row, prefix: str, required: bool = False) -> Text:
        texts = {}
        for lang in LANGS:
            value = self.raw(row, f"{prefix}_{lang}", required)
            if value is not None:
                texts[lang] = value
        return texts

    def slug(self, row: Row, name: str, required: bool = True) -> str | None:
        value = self.raw(row, name, required)
        if value is not None and not v.SLUG.match(value):
            suggestion = _slugify(value)
            self.problem(row.place_of(name),
                         f"«{value}» er ikke en gyldig ID. Bruk små bokstaver a–z, sifre og bindestrek, for eksempel «{suggestion}».",
                         f"'{value}' is not a valid ID. Use lower-case letters a-z, digits and hyphens, for example '{suggestion}'.")
            return None
        return value

    def code(self, row: Row, name: str, codes: v.CodeList, required: bool = False,
             default: str | None = None) -> str | None:
        value = self.raw(row, name, required and default is None)
        if value is None:
            return default
        code = codes.lookup(value)
        if code is None:
            self.problem(row.place_of(name),
                         f"«{value}» er ikke en gyldig {codes.name['nb']}. Bruk en av: {', '.join(codes.choices('nb'))}.",
                         f"'{value}' is not a valid {codes.name['en']}. Use one of: {', '.join(codes.choices('en'))}.")
        return code

    def decimal(self, row: Row, name: str, low: Decimal | None = None, high: Decimal | None = None) -> Decimal | None:
        value = self.raw(row, name)
        if value is None:
            return None
        try:
            number = Decimal(value.replace(",", ".").replace("−", "-"))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or (low is not None and number < low) \
                or (high is not None and number > high):
            limits_nb = f" mellom {low} og {high}" if low is not None and high is not None else ""
            limits_en = f" between {low} and {high}" if low is not None and high is not None else ""
            self.problem(row.place_of(name), f"«{value}» er ikke et tall{limits_nb}. Skriv et tall{limits_nb}, for eksempel 0.5.",
                         f"'{value}' is not a number{limits_en}. Write a number{limits_en}, for example 0.5.")
            return None
        return number.normalize() if number != number.to_integral() else number.quantize(Decimal(1))

    def date(self, row: Row, name: str) -> str | None:
        value = self.raw(row, name)
        if value is None:
            return None
        if re.match(r"^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+)?$", value):
            try:
                return dt.date.fromisoformat(value[:10]).isoformat()
            except ValueError:
                pass
        self.problem(row.place_of(name), f"«{value}» er ikke en dato. Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2022-03-15.",
                     f"'{value}' is not a date. Write the date as YYYY-MM-DD, for example 2022-03-15.")
        return None

    # Records

    def document(self, tables: Tables) -> Document:
        forms = tables.get("standard", [])
        if len(forms) != 1:
            self.problem(Place(self.file), "Filen har ikke arket «Standard». Bruk en av malene.",
                         "The file has no 'Standard' sheet. Start from one of the templates.")
            return Document("skills-standard", "missing")
        form = forms[0]
        document = self.standard(form)
        document.interviews = [self.interview(row) for row in tables.get("interviews", [])]
        document.key_skills = [self.key_skill(row) for row in tables.get("key-skills", [])]
        self.check_unique(tables.get("interviews", []), "id", "intervju", "interview")
        self.check_unique(tables.get("key-skills", []), "id", "nøkkelkompetanse", "key skill")
        self.check_unique(tables.get("evidence", []), "id", "dokumentasjon", "evidence")
        self.check_interviews(document, tables.get("key-skills", []))
        skills = {skill.id: skill for skill in document.key_skills if skill.id}
        for row in tables.get("learning-outcomes", []):
            self.learning_outcome(row, skills)
        for row in tables.get("esco-links", []):
            self.esco_link(row, document, skills)
        for row in tables.get("evidence", []):
            self.evidence(row, skills)
        self.check_kind(document, form)
        return document

    def standard(self, row: Row) -> Document:
        kind = self.code(row, "kind", v.KIND, required=True) or "skills-standard"
        document = Document(
            kind=kind, id=self.slug(row, "id") or "", label=self.text(row, "label", required=True),
            description=self.text(row, "description"), note=self.text(row, "note"),
            sector=self.slug(row, "sector", required=False),
            nkr_level=self.code(row, "nkr_level", v.NKR_LEVEL), origin=row.origin())
        illustrative = self.code(row, "illustrative", v.BOOLEAN)
        document.illustrative = None if illustrative is None else illustrative == "true"
        role_id = self.slug(row, "role_id", required=kind == "skills-standard")
        if role_id:
            document.role = Role(role_id, self.text(row, "role_label"), self.text(row, "role_description"))
        document.holder = self.slug(row, "holder", required=kind == "individual-skills-set")
        document.credits = self.decimal(row, "credits", Decimal(0), Decimal(1000))
        document.provider_id = self.slug(row, "provider_id", required=False)
        document.provider_name = self.raw(row, "provider_name")
        based_on = self.raw(row, "based_on")
        document.based_on = [part for part in re.split(r"[\s,;|]+", based_on or "") if part]
        return document

    def interview(self, row: Row) -> Interview:
        minutes = self.decimal(row, "duration", Decimal(1), Decimal(24 * 60))
        return Interview(self.slug(row, "id") or "", self.date(row, "date"),
                         None if minutes is None else int(minutes), self.raw(row, "workplace"),
                         self.raw(row, "interviewer"), row.origin())

    def key_skill(self, row: Row) -> KeySkill:
        skill = KeySkill(self.slug(row, "id") or "", self.text(row, "label", required=True),
                         self.text(row, "description"), origin=row.origin())
        skill.dimension = self.code(row, "dimension", v.DIMENSION, required=True)
        skill.leans_to = self.code(row, "leans_to", v.POLE)
        skill.placement = self.decimal(row, "placement", Decimal(-1), Decimal(1))
        skill.interview = self.slug(row, "interview", required=False)
        skill.identified_skill = self.raw(row, "identified_skill")
        self.check_placement(row, skill)
        return skill

    def check_placement(self, row: Row, skill: KeySkill) -> None:
        """Derive the pole from the placement's sign, or check that the two agree."""
        if skill.dimension is None:
            return
        first, second = v.POLES_OF[skill.dimension]
        if skill.leans_to is not None and skill.leans_to not in (first, second):
            self.problem(row.place_of("leans_to"),
                         f"Balansepunktet hører ikke til dimensjonen. Velg {v.POLE.word(first, 'nb')} eller {v.POLE.word(second, 'nb')}.",
                         f"The pole is not a pole of the dimension. Choose {first} or {second}.")
            return
        if skill.placement is None or skill.placement == 0:
            if skill.leans_to is None:
                self.problem(row.place_of("leans_to"),
                             "Oppgi hvilket balansepunkt kompetansen heller mot, eller en plassering som ikke er 0.",
                             "Give the pole the skill leans to, or a placement other than 0.")
            return
        by_sign = first if skill.placement < 0 else second
        if skill.leans_to is None:
            skill.leans_to = by_sign
        elif skill.leans_to != by_sign:
            self.problem(row.place_of("placement"),
                         f"Plasseringen {skill.placement} ligger mot {v.POLE.word(by_sign, 'nb')}, men kompetansen heller mot "
                         f"{v.POLE.word(skill.leans_to, 'nb')}. Negative tall ligger mot {v.POLE.word(first, 'nb')}, positive mot "
                         f"{v.POLE.word(second, 'nb')}; rett tallet eller balansepunktet.",
                         f"The placement {skill.placement} lies towards {by_sign}, but the skill leans to {skill.leans_to}. "
                         f"Negative numbers lie towards {first}, positive ones towards {second}; correct the number or the pole.")

    def learning_outcome(self, row: Row, skills: dict[str, KeySkill]) -> None:
        skill = self.skill_for(row, skills, required=True)
        category = self.code(row, "category", v.CATEGORY, required=True)
        outcome = LearningOutcome(self.slug(row, "id", required=False) or "", category or "",
                                  self.code(row, "nkr_level", v.NKR_LEVEL, required=True) or "",
                                  self.text(row, "label"), self.text(row, "description", required=True), row.origin())
        if skill is None or category is None:
            return
        taken = {o.id for o in skill.learning_outcomes}
        if not outcome.id:
            outcome.id = _next_id(category, taken)
        elif outcome.id in taken:
            self.problem(row.place_of("id"), f"ID-en «{outcome.id}» er brukt før for samme nøkkelkompetanse. Gi hver rad sin egen ID.",
                         f"The ID '{outcome.id}' is already used for the same key skill. Give each row an ID of its own.")
        skill.learning_outcomes.append(outcome)

    def esco_link(self, row: Row, document: Document, skills: dict[str, KeySkill]) -> None:
        skill = self.skill_for(row, skills, required=False)
        iri = self.raw(row, "iri", required=True)
        link = EscoLink(iri or "", self.code(row, "match", v.MATCH, default="close") or "close",
                        self.code(row, "status", v.LINK_STATUS, default="accepted") or "accepted",
                        self.raw(row, "accepted_by"), self.date(row, "accepted_on"), self.raw(row, "method"),
                        self.decimal(row, "score"), self.raw(row, "esco_label"), row.origin())
        if iri is None:
            return
        prefix = ESCO_SKILL_PREFIX if row.cells.get("key_skill") and self.raw(row, "key_skill") else ESCO_OCCUPATION_PREFIX
        if not iri.startswith(prefix) or any(ch in iri for ch in ' <>"{}|\\^`'):
            self.problem(row.place_of("iri"),
                         f"«{iri}» er ikke en IRI for {'en ESCO-ferdighet' if prefix == ESCO_SKILL_PREFIX else 'et ESCO-yrke'}. "
                         f"Den skal begynne med {prefix}.",
                         f"'{iri}' is not the IRI of an ESCO {'skill' if prefix == ESCO_SKILL_PREFIX else 'occupation'}. "
                         f"It must start with {prefix}.")
            return
        if skill is not None:
            target = skill.esco_links
        elif self.raw(row, "key_skill") is None:
            if document.role is None:
                self.problem(row.place_of("key_skill"), "Standarden har ingen rolle å koble til. Oppgi en nøkkelkompetanse-ID.",
                             "The standard has no role to link. Give a key skill ID.")
                return
            target = document.role.esco_links
        else:
            return
        if any(existing.iri == iri for existing in target):
            self.problem(row.place_of("iri"), "Den samme ESCO-koblingen står to ganger. Slett den ene raden.",
                         "The same ESCO link appears twice. Delete one of the rows.")
            return
        target.append(link)

    def evidence(self, row: Row, skills: dict[str, KeySkill]) -> None:
        skill = self.skill_for(row, skills, required=True)
        item = Evidence(self.slug(row, "id") or "", self.code(row, "type", v.EVIDENCE_TYPE, required=True) or "",
                        self.text(row, "description"), self.date(row, "date"), row.origin())
        if skill is not None:
            skill.evidence.append(item)

    def skill_for(self, row: Row, skills: dict[str, KeySkill], required: bool) -> KeySkill | None:
        key = self.raw(row, "key_skill", required)
        if key is None:
            return None
        if key not in skills:
            known = ", ".join(sorted(skills)) or "-"
            self.problem(row.place_of("key_skill"),
                         f"Det finnes ingen nøkkelkompetanse med ID «{key}» i arket «Nøkkelkompetanser». Kjente ID-er: {known}.",
                         f"There is no key skill with the ID '{key}' in the 'Key skills' sheet. Known IDs: {known}.")
            return None
        return skills[key]

    def check_unique(self, rows: list[Row], name: str, what_nb: str, what_en: str) -> None:
        seen: set[str] = set()
        for row in rows:
            value = self.raw(row, name)
            if value is not None and value in seen:
                self.problem(row.place_of(name), f"ID-en «{value}» er brukt for en annen {what_nb}. Gi hver rad sin egen ID.",
                             f"The ID '{value}' is already used for another {what_en}. Give each row an ID of its own.")
            seen.add(value)

    def check_interviews(self, document: Document, rows: list[Row]) -> None:
        known = {interview.id for interview in document.interviews}
        for skill, row in zip(document.key_skills, rows):
            if skill.interview and skill.interview not in known:
                self.problem(row.place_of("interview"),
                             f"Det finnes ikke noe intervju med ID «{skill.interview}» i arket «Intervjuer». Legg det til der.",
                             f"There is no interview with the ID '{skill.interview}' in the 'Interviews' sheet. Add it there.")

    def check_kind(self, document: Document, form: Row) -> None:
        if not document.key_skills:
            self.problem(Place(self.file, "key_skills" if form.place.yaml else None, yaml=form.place.yaml),
                         "Det er ingen nøkkelkompetanser. Legg til minst én i arket «Nøkkelkompetanser».",
                         "There are no key skills. Add at least one in the 'Key skills' sheet.")


def _next_id(category: str, taken: set[str]) -> str:
    if category not in taken:
        return category
    number = 2
    while f"{category}-{number}" in taken:
        number += 1
    return f"{category}-{number}"


def _slugify(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e"})
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")
    return slug or "id"


# Writing: document to rows of plain values, for the spreadsheet writers.

def document_rows(document: Document, lang: str) -> dict[str, list[dict[str, object]]]:
    """Return each sheet's rows as field-to-value mappings, coded values as words in `lang`."""
    def word(codes: v.CodeList, code: str | None) -> str | None:
        return None if code is None else codes.word(code, lang)

    form: dict[str, object] = {"kind": word(v.KIND, document.kind), "id": document.id,
                               **_texts("label", document.label), **_texts("description", document.description),
                               **_texts("note", document.note),
                               "illustrative": None if document.illustrative is None
                               else word(v.BOOLEAN, str(document.illustrative).lower()),
                               "sector": document.sector, "nkr_level": document.nkr_level,
                               "holder": document.holder, "credits": _number(document.credits),
                               "provider_id": document.provider_id, "provider_name": document.provider_name,
                               "based_on": ", ".join(document.based_on) or None}
    if document.role:
        form.update({"role_id": document.role.id, **_texts("role_label", document.role.label),
                     **_texts("role_description", document.role.description)})
    rows: dict[str, list[dict[str, object]]] = {"standard": [form], "interviews": [], "key-skills": [],
                                                 "learning-outcomes": [], "esco-links": [], "evidence": []}
    for interview in document.interviews:
        rows["interviews"].append({"id": interview.id, "date": interview.date, "duration": interview.duration_minutes,
                                   "workplace": interview.workplace, "interviewer": interview.interviewer})
    for link in document.role.esco_links if document.role else []:
        rows["esco-links"].append(_link_row(None, link, lang))
    for skill in document.key_skills:
        rows["key-skills"].append({"id": skill.id, **_texts("label", skill.label), **_texts("description", skill.description),
                                   "dimension": word(v.DIMENSION, skill.dimension), "leans_to": word(v.POLE, skill.leans_to),
                                   "placement": _number(skill.placement), "interview": skill.interview,
                                   "identified_skill": skill.identified_skill})
        for outcome in skill.learning_outcomes:
            rows["learning-outcomes"].append({"key_skill": skill.id, "id": outcome.id,
                                              "category": word(v.CATEGORY, outcome.category),
                                              "nkr_level": outcome.nkr_level, **_texts("label", outcome.label),
                                              **_texts("description", outcome.description)})
        for link in skill.esco_links:
            rows["esco-links"].append(_link_row(skill.id, link, lang))
        for item in skill.evidence:
            rows["evidence"].append({"key_skill": skill.id, "id": item.id, "type": word(v.EVIDENCE_TYPE, item.type),
                                     **_texts("description", item.description), "date": item.date})
    return rows


def _link_row(skill_id: str | None, link: EscoLink, lang: str) -> dict[str, object]:
    return {"key_skill": skill_id, "iri": link.iri, "esco_label": link.esco_label,
            "match": v.MATCH.word(link.match, lang), "status": v.LINK_STATUS.word(link.status, lang),
            "accepted_by": link.accepted_by, "accepted_on": link.accepted_on, "method": link.method,
            "score": _number(link.score)}


def _texts(prefix: str, texts: Text) -> dict[str, str | None]:
    return {f"{prefix}_{lang}": texts.get(lang) for lang in LANGS}


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)
