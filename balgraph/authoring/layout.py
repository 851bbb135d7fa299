"""The sheets and columns of an authoring spreadsheet, with their headings in nb and en.

The same layout serves XLSX workbooks (one worksheet per sheet) and CSV folders (one file per
sheet, named after the sheet's key). The "standard" sheet is a form: one row per field, with the
field name in column A and the value in column B. Every other sheet is a table with one heading
row. Headings are matched in either language, so a Norwegian template and an English one import
the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import vocabulary as v

ALL_KINDS = ("skills-standard", "individual-skills-set", "education-standard")
STANDARD, INDIVIDUAL, EDUCATION = ALL_KINDS


@dataclass(frozen=True)
class Column:
    """One column of a table sheet, or one field row of the form sheet."""

    field: str
    nb: str
    en: str
    required: bool = False
    codes: v.CodeList | None = None
    width: int = 18
    kinds: tuple[str, ...] = ALL_KINDS

    def heading(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en


@dataclass(frozen=True)
class Sheet:
    key: str
    nb: str
    en: str
    columns: tuple[Column, ...]
    kinds: tuple[str, ...] = ALL_KINDS
    form: bool = False

    def title(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en

    def columns_for(self, kind: str) -> list[Column]:
        return [c for c in self.columns if kind in c.kinds]

    def column(self, heading: str) -> Column | None:
        """Return the column whose heading (in nb or en) or field name is `heading`."""
        wanted = heading.strip().lower()
        for column in self.columns:
            if wanted in (column.nb.lower(), column.en.lower(), column.field):
                return column
        return None


def _text_columns(prefix: str, nb: str, en: str, required: bool, width: int = 30,
                  kinds: tuple[str, ...] = ALL_KINDS) -> tuple[Column, Column]:
    return (Column(f"{prefix}_nb", f"{nb} (bokmål)", f"{en} (Norwegian Bokmål)", required, width=width, kinds=kinds),
            Column(f"{prefix}_en", f"{nb} (engelsk)", f"{en} (English)", required, width=width, kinds=kinds))


STANDARD_SHEET = Sheet("standard", "Standard", "Standard", form=True, columns=(
    Column("kind", "Type", "Type", True, v.KIND),
    Column("id", "ID", "ID", True),
    *_text_columns("label", "Navn", "Name", True),
    *_text_columns("description", "Beskrivelse", "Description", False),
    *_text_columns("note", "Merknad", "Note", False),
    Column("illustrative", "Illustrerende eksempel", "Illustrative example", False, v.BOOLEAN),
    Column("sector", "Bransje", "Sector", kinds=(STANDARD, EDUCATION)),
    Column("nkr_level", "NKR-nivå", "NKR level", False, v.NKR_LEVEL, kinds=(STANDARD, EDUCATION)),
    Column("role_id", "Rolle-ID", "Role ID", kinds=(STANDARD, INDIVIDUAL)),
    *_text_columns("role_label", "Rollens navn", "Role name", False, kinds=(STANDARD,)),
    *_text_columns("role_description", "Rollebeskrivelse", "Role description", False, kinds=(STANDARD,)),
    Column("holder", "Innehaver (pseudonym)", "Holder (pseudonym)", kinds=(INDIVIDUAL,)),
    Column("credits", "Studiepoeng", "Credits", kinds=(EDUCATION,)),
    Column("provider_id", "Tilbyder-ID", "Provider ID", kinds=(EDUCATION,)),
    Column("provider_name", "Tilbyder", "Provider", kinds=(EDUCATION,)),
    Column("based_on", "Bygger på standardene (ID-er)", "Based on standards (IDs)", kinds=(EDUCATION,)),
))

INTERVIEW_SHEET = Sheet("interviews", "Intervjuer", "Interviews", kinds=(STANDARD, INDIVIDUAL), columns=(
    Column("id", "ID", "ID", True),
    Column("date", "Dato", "Date", width=12),
    Column("duration", "Varighet (minutter)", "Duration (minutes)", width=12),
    Column("workplace", "Arbeidsplass", "Workplace", width=30),
    Column("interviewer", "Intervjuer", "Interviewer", width=24),
))

KEY_SKILL_SHEET = Sheet("key-skills", "Nøkkelkompetanser", "Key skills", columns=(
    Column("id", "ID", "ID", True),
    *_text_columns("label", "Navn", "Name", True),
    *_text_columns("description", "Beskrivelse", "Description", False, width=50),
    Column("dimension", "Dimensjon", "Dimension", True, v.DIMENSION, width=22),
    Column("leans_to", "Heller mot", "Leans to", False, v.POLE),
    Column("placement", "Plassering (-1 til 1)", "Placement (-1 to 1)", width=12),
    Column("interview", "Intervju-ID", "Interview ID", kinds=(STANDARD, INDIVIDUAL)),
    Column("identified_skill", "Identifisert kompetanse (fra intervjuet)", "Identified skill (from the interview)",
           width=30, kinds=(STANDARD, INDIVIDUAL)),
))

OUTCOME_SHEET = Sheet("learning-outcomes", "Læringsutbytte", "Learning outcomes", columns=(
    Column("key_skill", "Nøkkelkompetanse-ID", "Key skill ID", True),
    Column("id", "ID", "ID"),
    Column("category", "Kategori", "Category", True, v.CATEGORY, width=20),
    Column("nkr_level", "NKR-nivå", "NKR level", True, v.NKR_LEVEL, width=10),
    *_text_columns("label", "Navn", "Name", False),
    *_text_columns("description", "Beskrivelse", "Description", True, width=50),
))

ESCO_SHEET = Sheet("esco-links", "ESCO-koblinger", "ESCO links", columns=(
    Column("key_skill", "Nøkkelkompetanse-ID (tom for rollen)", "Key skill ID (empty for the role)", width=24),
    Column("iri", "ESCO-IRI", "ESCO IRI", True, width=40),
    Column("esco_label", "ESCO-navn (bare til informasjon)", "ESCO label (for information only)", width=30),
    Column("match", "Samsvar", "Match", False, v.MATCH, width=12),
    Column("status", "Status", "Status", False, v.LINK_STATUS, width=12),
    Column("accepted_by", "Godtatt av", "Accepted by"),
    Column("accepted_on", "Godtatt dato", "Accepted on", width=12),
    Column("method", "Metode", "Method", width=24),
    Column("score", "Poengsum", "Score", width=10),
))

EVIDENCE_SHEET = Sheet("evidence", "Dokumentasjon", "Evidence", kinds=(INDIVIDUAL,), columns=(
    Column("key_skill", "Nøkkelkompetanse-ID", "Key skill ID", True),
    Column("id", "ID", "ID", True),
    Column("type", "Type", "Type", True, v.EVIDENCE_TYPE, width=24),
    *_text_columns("description", "Beskrivelse", "Description", False, width=40),
    Column("date", "Dato", "Date", width=12),
))

SHEETS = (STANDARD_SHEET, INTERVIEW_SHEET, KEY_SKILL_SHEET, OUTCOME_SHEET, ESCO_SHEET, EVIDENCE_SHEET)


def sheets_for(kind: str) -> list[Sheet]:
    return [sheet for sheet in SHEETS if kind in sheet.kinds]


def sheet_named(title: str) -> Sheet | None:
    """Return the sheet whose title (nb or en) or key is `title`."""
    wanted = title.strip().lower()
    for sheet in SHEETS:
        if wanted in (sheet.nb.lower(), sheet.en.lower(), sheet.key):
            return sheet
    return None
