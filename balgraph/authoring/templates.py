"""Write the authoring templates: empty ones for each kind and language, and the filled examples.

The filled examples are written by hand in YAML (templates/authoring/examples/); this module
turns each into a workbook and a CSV folder with headings in nb and in en. Run it after changing
the layout or an example:

    python -m balgraph.authoring.templates templates/authoring
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import layout, spreadsheet, tables, vocabulary as v, yamlfile
from .document import Document

LANGS = ("nb", "en")


def _empty_rows(kind: str, lang: str) -> dict[str, list[dict[str, object]]]:
    return {"standard": [{"kind": v.KIND.word(kind, lang)}]}


def _empty_yaml(kind: str) -> str:
    choices = "\n".join(f"#   {codes.name['en']}: {', '.join(codes.codes)}"
                        for codes in (v.DIMENSION, v.POLE, v.CATEGORY, v.NKR_LEVEL, v.MATCH, v.EVIDENCE_TYPE))
    header = (f"# Empty {v.KIND.word(kind, 'en')} in the YAML authoring format.\n"
              f"# Tom {v.KIND.word(kind, 'nb')} i YAML-formatet for forfattere.\n"
              "# IDs use lower-case letters, digits and hyphens; IRIs are made from them, never from labels.\n"
              "# ID-er bruker små bokstaver, sifre og bindestrek; IRI-ene lages av dem, aldri av navnene.\n"
              "# Allowed values / tillatte verdier:\n" + choices + "\n")
    document = Document(kind=kind, id="", label={"nb": "", "en": ""}, description={"nb": "", "en": ""})
    data = yamlfile.document_data(document)
    data["key_skills"] = [{"id": "", "label": {"nb": "", "en": ""}, "description": {"nb": "", "en": ""},
                           "dimension": "", "leans_to": "", "placement": None,
                           "learning_outcomes": [{"id": "", "category": "", "nkr_level": "",
                                                  "description": {"nb": "", "en": ""}}],
                           "esco_links": [{"iri": "", "match": ""}]}]
    if kind == "skills-standard":
        data["role"] = {"id": "", "label": {"nb": "", "en": ""}, "esco_links": [{"iri": "", "match": ""}]}
    if kind == "individual-skills-set":
        data["holder"] = ""
        data["key_skills"][0]["evidence"] = [{"id": "", "type": "", "description": {"nb": "", "en": ""}}]
    if kind == "education-standard":
        data.update({"credits": None, "provider": {"id": "", "name": ""}, "based_on": []})
    import yaml
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_templates(root: Path) -> list[Path]:
    """Write every template and example under `root`; return the paths written."""
    written = []
    for kind in layout.ALL_KINDS:
        target = root / f"{kind}.yaml"
        target.write_text(_empty_yaml(kind), encoding="utf-8")
        written.append(target)
        source = root / "examples" / f"{kind}.yaml"
        example = tables.read_document(yamlfile.read_yaml(source), str(source))
        for lang in LANGS:
            folder = root / lang
            spreadsheet.write_xlsx(_empty_rows(kind, lang), kind, lang, folder / f"{kind}.xlsx")
            spreadsheet.write_csv_folder(_empty_rows(kind, lang), kind, lang, folder / f"{kind}-csv")
            rows = tables.document_rows(example, lang)
            spreadsheet.write_xlsx(rows, kind, lang, folder / f"{kind}-example.xlsx")
            spreadsheet.write_csv_folder(rows, kind, lang, folder / f"{kind}-example-csv")
            written += [folder / f"{kind}.xlsx", folder / f"{kind}-csv", folder / f"{kind}-example.xlsx",
                        folder / f"{kind}-example-csv"]
    return written


if __name__ == "__main__":
    for path in write_templates(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/authoring")):
        print(path)
