"""Read and write the YAML authoring format.

The YAML file nests what the spreadsheet spreads over sheets: key skills hold their learning
outcomes, ESCO links and evidence. Reading flattens it into the spreadsheet's rows, so both
formats go through the same checks; every row remembers its YAML path and line.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from . import layout
from .document import AuthoringError, Document, EscoLink, Place, Problem
from .layout import Sheet
from .tables import Cell, Row, Tables

TEXT_KEYS = ("label", "description", "note")
MAX_BYTES = 5_000_000


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.tables: Tables = {sheet.key: [] for sheet in layout.SHEETS}

    def place(self, path: str, node: yaml.Node, key: str | None = None) -> Place:
        return Place(self.file, path, node.start_mark.line + 1, key, yaml=True)

    def mapping(self, node: yaml.Node, path: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.problems.append(Problem(self.place(path, node), "Her skal det stå nøkler og verdier (key: value).",
                                         "A mapping (key: value) is expected here."))
            return {}
        return {str(key.value): value for key, value in node.value}

    def sequence(self, node: yaml.Node | None, path: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problems.append(Problem(self.place(path, node), "Her skal det stå en liste (linjer som begynner med «- »).",
                                         "A list (lines starting with '- ') is expected here."))
            return []
        return list(node.value)

    def row(self, sheet: Sheet, node: yaml.Node, path: str, allowed: dict[str, str],
            extra: dict[str, object] | None = None) -> tuple[Row, dict[str, yaml.Node]]:
        """Read a mapping into a row; `allowed` maps YAML keys to field names (texts add _nb/_en)."""
        row = Row(sheet, self.place(path, node))
        entries = self.mapping(node, path)
        for key, value in entries.items():
            if key in TEXT_KEYS and key in allowed:
                self.texts(row, allowed.get(key, key), value, f"{path}.{key}")
            elif key in allowed:
                if allowed[key]:
                    row.cells[allowed[key]] = Cell(self.scalar(value, path, key), self.place(path, value, key))
            else:
                self.problems.append(Problem(self.place(path, value, key),
                                             f"Ukjent nøkkel «{key}». Kjente nøkler: {', '.join(sorted(allowed))}.",
                                             f"Unknown key '{key}'. Known keys: {', '.join(sorted(allowed))}."))
        for name, value in (extra or {}).items():
            row.cells[name] = Cell(value, row.place)
        return row, entries

    def texts(self, row: Row, prefix: str, node: yaml.Node, path: str) -> None:
        for lang, value in self.mapping(node, path).items():
            if lang not in ("nb", "en"):
                self.problems.append(Problem(self.place(path, value, lang), "Bruk språkkodene nb og en.",
                                             "Use the language codes nb and en."))
                continue
            row.cells[f"{prefix}_{lang}"] = Cell(self.scalar(value, path, lang), self.place(path, value, lang))

    def scalar(self, node: yaml.Node, path: str, key: str) -> object:
        if isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
            return ", ".join(str(n.value) for n in node.value)
        if not isinstance(node, yaml.ScalarNode):
            self.problems.append(Problem(self.place(path, node, key), "Her skal det stå én verdi.",
                                         "A single value is expected here."))
            return None
        return yaml.SafeLoader("").construct_object(node) if node.tag != "tag:yaml.org,2002:str" else node.value

    def document(self, root: yaml.Node) -> None:
        form_keys = {"kind": "kind", "id": "id", "label": "label", "description": "description", "note": "note",
                     "illustrative": "illustrative", "sector": "sector", "nkr_level": "nkr_level", "holder": "holder",
                     "credits": "credits", "based_on": "based_on", "role": "", "provider": "",
                     "interviews": "", "key_skills": ""}
        form, entries = self.row(layout.STANDARD_SHEET, root, "", form_keys)
        self.tables["standard"].append(form)
        if "role" in entries:
            self.role(form, entries["role"])
        if "provider" in entries:
            provider, _ = self.row(layout.STANDARD_SHEET, entries["provider"], "provider",
                                   {"id": "provider_id", "name": "provider_name"})
            form.cells.update(provider.cells)
        for index, node in enumerate(self.sequence(entries.get("interviews"), "interviews")):
            keys = {k: k for k in ("id", "date", "workplace", "interviewer")} | {"duration_minutes": "duration"}
            self.tables["interviews"].append(self.row(layout.INTERVIEW_SHEET, node, f"interviews[{index}]", keys)[0])
        for index, node in enumerate(self.sequence(entries.get("key_skills"), "key_skills")):
            self.key_skill(node, f"key_skills[{index}]")

    def role(self, form: Row, node: yaml.Node) -> None:
        role, entries = self.row(layout.STANDARD_SHEET, node, "role",
                                 {"id": "role_id", "label": "role_label", "description": "role_description",
                                  "esco_links": ""})
        form.cells.update(role.cells)
        for index, link in enumerate(self.sequence(entries.get("esco_links"), "role.esco_links")):
            self.esco_link(link, f"role.esco_links[{index}]", None)

    def key_skill(self, node: yaml.Node, path: str) -> None:
        keys = {k: k for k in ("id", "label", "description", "dimension", "leans_to", "placement", "interview",
                               "identified_skill")} | {"esco_links": "", "learning_outcomes": "", "evidence": ""}
        row, entries = self.row(layout.KEY_SKILL_SHEET, node, path, keys)
        self.tables["key-skills"].append(row)
        skill_id = row.cells["id"].value if "id" in row.cells else None
        for index, child in enumerate(self.sequence(entries.get("learning_outcomes"), f"{path}.learning_outcomes")):
            keys = {k: k for k in ("id", "category", "nkr_level", "label", "description")}
            self.tables["learning-outcomes"].append(self.row(
                layout.OUTCOME_SHEET, child, f"{path}.learning_outcomes[{index}]", keys, {"key_skill": skill_id})[0])
        for index, child in enumerate(self.sequence(entries.get("esco_links"), f"{path}.esco_links")):
            self.esco_link(child, f"{path}.esco_links[{index}]", skill_id)
        for index, child in enumerate(self.sequence(entries.get("evidence"), f"{path}.evidence")):
            keys = {k: k for k in ("id", "type", "description", "date")}
            self.tables["evidence"].append(self.row(
                layout.EVIDENCE_SHEET, child, f"{path}.evidence[{index}]", keys, {"key_skill": skill_id})[0])

    def esco_link(self, node: yaml.Node, path: str, skill_id: object) -> None:
        keys = {k: k for k in ("iri", "esco_label", "match", "status", "accepted_by", "accepted_on", "method", "score")}
        self.tables["esco-links"].append(self.row(layout.ESCO_SHEET, node, path, keys, {"key_skill": skill_id})[0])


def read_yaml(path: Path) -> Tables:
    """Read a YAML authoring file into the spreadsheet's rows; raise AuthoringError on bad input."""
    try:
        data = path.read_bytes()
        if len(data) > MAX_BYTES:
            raise AuthoringError([Problem(Place(str(path)), f"Filen er større enn {MAX_BYTES} byte. Del den opp.",
                                          f"The file is larger than {MAX_BYTES} bytes. Split it up.")])
        root = yaml.compose(data.decode("utf-8-sig"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError:
        raise AuthoringError([Problem(Place(str(path)), "Filen er ikke UTF-8. Lagre den som UTF-8.",
                                      "The file is not UTF-8. Save it as UTF-8.")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise AuthoringError([Problem(Place(str(path), row=line, yaml=True),
                                      f"Ugyldig YAML ({getattr(error, 'problem', error)}). Rett syntaksen på denne linjen.",
                                      f"Invalid YAML ({getattr(error, 'problem', error)}). Correct the syntax on this line.")]) from None
    reader = _Reader(str(path))
    if root is None:
        raise AuthoringError([Problem(Place(str(path)), "Filen er tom. Bruk YAML-malen.",
                                      "The file is empty. Start from the YAML template.")])
    reader.document(root)
    if reader.problems:
        raise AuthoringError(reader.problems)
    return reader.tables


# Writing

def document_data(document: Document) -> dict:
    """Return the document as the nested mapping that the YAML file holds."""
    data: dict = {"kind": document.kind, "id": document.id}
    _put_texts(data, document.label, document.description, document.note)
    _put(data, illustrative=document.illustrative, sector=document.sector, nkr_level=document.nkr_level)
    if document.role:
        role: dict = {"id": document.role.id}
        _put_texts(role, document.role.label, document.role.description)
        if document.role.esco_links:
            role["esco_links"] = [_link(link) for link in document.role.esco_links]
        data["role"] = role
    _put(data, holder=document.holder, credits=_number(document.credits))
    if document.provider_id or document.provider_name:
        data["provider"] = {k: val for k, val in (("id", document.provider_id), ("name", document.provider_name)) if val}
    if document.based_on:
        data["based_on"] = list(document.based_on)
    if document.interviews:
        data["interviews"] = [_compact({"id": i.id, "date": i.date, "duration_minutes": i.duration_minutes,
                                        "workplace": i.workplace, "interviewer": i.interviewer})
                              for i in document.interviews]
    data["key_skills"] = [_key_skill(skill) for skill in document.key_skills]
    return data


def _key_skill(skill) -> dict:
    data: dict = {"id": skill.id}
    _put_texts(data, skill.label, skill.description)
    _put(data, dimension=skill.dimension, leans_to=skill.leans_to, placement=_number(skill.placement),
         interview=skill.interview, identified_skill=skill.identified_skill)
    data["learning_outcomes"] = []
    for outcome in skill.learning_outcomes:
        item: dict = {"id": outcome.id, "category": outcome.category, "nkr_level": outcome.nkr_level}
        _put_texts(item, outcome.label, outcome.description)
        data["learning_outcomes"].append(item)
    if skill.esco_links:
        data["esco_links"] = [_link(link) for link in skill.esco_links]
    if skill.evidence:
        data["evidence"] = [_compact({"id": e.id, "type": e.type, "description": e.description or None, "date": e.date})
                            for e in skill.evidence]
    return data


def _link(link: EscoLink) -> dict:
    return _compact({"iri": link.iri, "esco_label": link.esco_label, "match": link.match, "status": link.status,
                     "accepted_by": link.accepted_by, "accepted_on": link.accepted_on, "method": link.method,
                     "score": _number(link.score)})


def _put_texts(data: dict, label: dict, description: dict, note: dict | None = None) -> None:
    for key, texts in (("label", label), ("description", description), ("note", note)):
        if texts:
            data[key] = {lang: texts[lang] for lang in ("nb", "en") if lang in texts}


def _put(data: dict, **values: object) -> None:
    data.update({key: value for key, value in values.items() if value is not None})


def _compact(data: dict) -> dict:
    return {key: value for key, value in data.items() if value is not None}


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def write_yaml(document: Document, path: Path, header: str = "") -> None:
    """Write the document as YAML, replacing `path` only once the text is complete."""
    from .spreadsheet import _replace
    text = header + yaml.safe_dump(document_data(document), sort_keys=False, allow_unicode=True, width=100)
    _replace(path, lambda temporary: Path(temporary).write_text(text, encoding="utf-8"))
