"""The coded values an authoring file may use, with the words people type for them in nb and en.

Each table maps the identifier used in IRIs (`people-technology`, `knowledge`, ...) to its
Norwegian Bokmål and English words. A cell may hold the identifier or either word; matching
ignores case and treats the dash between two poles like a hyphen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ID_BASE = "https://w3id.org/balgraph/id/"
SLUG = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")

DIMENSIONS = {
    "people-technology": ("menneske–teknologi", "people–technology"),
    "flexibility-routine": ("fleksibilitet–rutine", "flexibility–routine"),
    "pace-presence": ("tempo–tilstedeværelse", "pace–presence"),
}
# Each dimension's poles, first pole (placement -1) before second pole (placement +1).
POLES_OF = {
    "people-technology": ("people", "technology"),
    "flexibility-routine": ("flexibility", "routine"),
    "pace-presence": ("pace", "presence"),
}
POLES = {
    "people": ("menneske", "people"),
    "technology": ("teknologi", "technology"),
    "flexibility": ("fleksibilitet", "flexibility"),
    "routine": ("rutine", "routine"),
    "pace": ("tempo", "pace"),
    "presence": ("tilstedeværelse", "presence"),
}
CATEGORIES = {
    "knowledge": ("kunnskap", "knowledge"),
    "skills": ("ferdigheter", "skills"),
    "general-competence": ("generell kompetanse", "general competence"),
}
NKR_LEVELS = {level: (level, level) for level in ("1", "2", "3", "4", "5.1", "5.2", "6", "7", "8")}
# SKOS mapping properties that state how exactly a key skill or role matches an ESCO concept.
MATCHES = {
    "exact": ("eksakt", "exact"),
    "close": ("nær", "close"),
    "broad": ("bredere", "broad"),
    "narrow": ("smalere", "narrow"),
    "related": ("beslektet", "related"),
}
LINK_STATUSES = {
    "accepted": ("godtatt", "accepted"),
    "proposed": ("foreslått", "proposed"),
    "rejected": ("avvist", "rejected"),
}
EVIDENCE_TYPES = {
    "interview": ("intervju", "interview"),
    "workplace-evidence": ("dokumentasjon fra arbeidsplassen", "workplace evidence"),
    "certificate": ("kompetansebevis", "certificate"),
}
BOOLEANS = {
    "true": ("ja", "yes"),
    "false": ("nei", "no"),
}
KINDS = {
    "skills-standard": ("kompetansestandard", "skills standard"),
    "individual-skills-set": ("individuelt kompetansesett", "individual skills set"),
    "education-standard": ("utdanningsstandard", "education standard"),
}


@dataclass(frozen=True)
class CodeList:
    """One table of coded values, looked up by identifier or by its nb or en word."""

    name: dict[str, str]
    codes: dict[str, tuple[str, str]]

    def lookup(self, text: str) -> str | None:
        """Return the identifier that `text` names, or None when it names none."""
        wanted = _normalise(text)
        for code, words in self.codes.items():
            if wanted == _normalise(code) or wanted in (_normalise(w) for w in words):
                return code
        return None

    def word(self, code: str, lang: str) -> str:
        """Return the word for `code` in `lang` (nb or en)."""
        return self.codes[code][0 if lang == "nb" else 1]

    def choices(self, lang: str) -> list[str]:
        return [self.word(code, lang) for code in self.codes]


def _normalise(text: str) -> str:
    return re.sub(r"\s*[–—-]\s*", "-", str(text).strip().lower())


DIMENSION = CodeList({"nb": "balansedimensjon", "en": "balance dimension"}, DIMENSIONS)
POLE = CodeList({"nb": "balansepunkt", "en": "pole"}, POLES)
CATEGORY = CodeList({"nb": "kategori", "en": "category"}, CATEGORIES)
NKR_LEVEL = CodeList({"nb": "NKR-nivå", "en": "NKR level"}, NKR_LEVELS)
MATCH = CodeList({"nb": "samsvar", "en": "match"}, MATCHES)
LINK_STATUS = CodeList({"nb": "status", "en": "status"}, LINK_STATUSES)
EVIDENCE_TYPE = CodeList({"nb": "dokumentasjonstype", "en": "evidence type"}, EVIDENCE_TYPES)
BOOLEAN = CodeList({"nb": "ja/nei", "en": "yes/no"}, BOOLEANS)
KIND = CodeList({"nb": "type", "en": "type"}, KINDS)
