"""Read and write authoring spreadsheets: XLSX workbooks and folders of CSV files.

A workbook has one worksheet per sheet of the layout; a CSV folder has one file per sheet, named
after the sheet's key (`standard.csv`, `key-skills.csv`, ...). CSV files may use a comma or a
semicolon as delimiter, as spreadsheet programs set to Norwegian write them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import layout
from .document import AuthoringError, Place, Problem
from .layout import Column, Sheet
from .tables import Cell, Row, Tables

# Worksheets with these titles hold guidance for the author and are not read.
GUIDANCE_TITLES = {"veiledning", "instructions"}
FORM_HEADINGS = {"nb": ("Felt", "Verdi"), "en": ("Field", "Value")}


def read_xlsx(path: Path) -> Tables:
    """Read every sheet of a workbook into rows; raise AuthoringError for an unusable layout."""
    try:
        # openpyxl parses the XML with defusedxml when it is installed, so entities are not expanded.
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise AuthoringError([Problem(Place(str(path)), f"Filen kan ikke leses som XLSX ({error}). Lagre den som Excel-arbeidsbok (.xlsx).",
                                      f"The file cannot be read as XLSX ({error}). Save it as an Excel workbook (.xlsx).")]) from None
    problems: list[Problem] = []
    tables: Tables = {}
    try:
        for worksheet in workbook.worksheets:
            if worksheet.title.strip().lower() in GUIDANCE_TITLES:
                continue
            rows = [list(values) for values in worksheet.iter_rows(values_only=True)]
            _read_sheet(str(path), worksheet.title, rows, tables, problems)
    finally:
        workbook.close()
    if problems:
        raise AuthoringError(problems)
    return tables


def read_csv_folder(path: Path) -> Tables:
    """Read the CSV files of an authoring folder; `path` may be the folder or one of its files."""
    folder = path if path.is_dir() else path.parent
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise AuthoringError([Problem(Place(str(folder)), "Mappen har ingen CSV-filer. Bruk CSV-malen.",
                                      "The folder holds no CSV files. Start from the CSV template.")])
    problems: list[Problem] = []
    tables: Tables = {}
    for file in files:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(Place(str(file)), "Filen er ikke UTF-8. Lagre den som «CSV UTF-8».",
                                    "The file is not UTF-8. Save it as 'CSV UTF-8'."))
            continue
        delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        try:
            rows = [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)]
        except csv.Error as error:
            problems.append(Problem(Place(str(file)), f"Ugyldig CSV ({error}). Kontroller anførselstegnene.",
                                    f"Invalid CSV ({error}). Check the quotation marks."))
            continue
        _read_sheet(str(file), file.stem, rows, tables, problems, csv_file=True)
    if problems:
        raise AuthoringError(problems)
    return tables


def _read_sheet(file: str, title: str, rows: list[list[object]], tables: Tables,
                problems: list[Problem], csv_file: bool = False) -> None:
    sheet = layout.sheet_named(title)
    shown = None if csv_file else title
    if sheet is None:
        names = ", ".join(f"{s.nb} / {s.en}" for s in layout.SHEETS)
        problems.append(Problem(Place(file, shown), f"Ukjent ark «{title}». Arkene heter: {names}.",
                                f"Unknown sheet '{title}'. The sheets are: {names}."))
        return
    if sheet.form:
        tables[sheet.key] = [_read_form(file, shown, sheet, rows, problems)]
    else:
        tables[sheet.key] = _read_table(file, shown, sheet, rows, problems)


def _read_table(file: str, title: str | None, sheet: Sheet, rows: list[list[object]],
                problems: list[Problem]) -> list[Row]:
    if not rows:
        return []
    columns: dict[int, tuple[Column, str]] = {}
    for index, heading in enumerate(rows[0]):
        if heading is None or not str(heading).strip():
            continue
        column = sheet.column(str(heading))
        if column is None:
            known = "; ".join(f"{c.nb} / {c.en}" for c in sheet.columns)
            problems.append(Problem(Place(file, title, 1, str(heading), get_column_letter(index + 1)),
                                    f"Ukjent kolonneoverskrift. Kjente overskrifter: {known}.",
                                    f"Unknown column heading. Known headings: {known}."))
        else:
            columns[index] = (column, str(heading).strip())
    present = {column.field for column, _ in columns.values()}
    for column in sheet.columns:
        if column.required and column.field not in present:
            problems.append(Problem(Place(file, title, 1), f"Kolonnen «{column.nb}» mangler. Legg den til i overskriftsraden.",
                                    f"The column '{column.en}' is missing. Add it to the heading row."))
    result = []
    for number, values in enumerate(rows[1:], start=2):
        if all(value is None or not str(value).strip() for value in values):
            continue
        row = Row(sheet, Place(file, title, number))
        for index, (column, heading) in columns.items():
            value = values[index] if index < len(values) else None
            row.cells[column.field] = Cell(value, Place(file, title, number, heading, get_column_letter(index + 1)))
        result.append(row)
    return result


def _read_form(file: str, title: str | None, sheet: Sheet, rows: list[list[object]],
               problems: list[Problem]) -> Row:
    form = Row(sheet, Place(file, title))
    for number, values in enumerate(rows, start=1):
        values = list(values) + [None, None]
        name = values[0]
        if name is None or not str(name).strip() or (number == 1 and str(name).strip() in ("Felt", "Field")):
            continue
        column = sheet.column(str(name))
        if column is None:
            problems.append(Problem(Place(file, title, number, str(name), "A"),
                                    "Ukjent felt. Bruk feltnavnene fra malen.",
                                    "Unknown field. Use the field names from the template."))
            continue
        form.cells[column.field] = Cell(values[1], Place(file, title, number, str(name).strip(), "B"))
    return form


# Writing

def write_xlsx(rows: dict[str, list[dict[str, object]]], kind: str, lang: str, path: Path) -> None:
    """Write the rows of each sheet as a workbook with headings in `lang`, replacing `path` at the end."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet in layout.sheets_for(kind):
        worksheet = workbook.create_sheet(sheet.title(lang))
        if sheet.form:
            _write_form(worksheet, sheet, kind, lang, rows.get(sheet.key, [{}])[0])
        else:
            _write_table(worksheet, sheet, kind, lang, rows.get(sheet.key, []))
    # A fixed creation time keeps a rewritten template identical when its content is.
    workbook.properties.created = dt.datetime(2024, 1, 1)
    _replace(path, workbook.save)


def _write_table(worksheet, sheet: Sheet, kind: str, lang: str, rows: list[dict[str, object]]) -> None:
    columns = sheet.columns_for(kind)
    worksheet.append([column.heading(lang) for column in columns])
    for row in rows:
        worksheet.append([row.get(column.field) for column in columns])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        worksheet.column_dimensions[letter].width = column.width
        worksheet.cell(1, index).font = Font(bold=True)
        if column.codes is not None:
            _add_choices(worksheet, column, lang, f"{letter}2:{letter}500")
    worksheet.freeze_panes = "A2"


def _write_form(worksheet, sheet: Sheet, kind: str, lang: str, values: dict[str, object]) -> None:
    worksheet.append(list(FORM_HEADINGS[lang]))
    for index, column in enumerate(sheet.columns_for(kind), start=2):
        worksheet.append([column.heading(lang), values.get(column.field)])
        worksheet.cell(index, 1).font = Font(bold=column.required)
        worksheet.cell(index, 2).alignment = Alignment(wrap_text=True, vertical="top")
        if column.codes is not None:
            _add_choices(worksheet, column, lang, f"B{index}")
    worksheet.cell(1, 1).font = Font(bold=True)
    worksheet.cell(1, 2).font = Font(bold=True)
    worksheet.column_dimensions["A"].width = 36
    worksheet.column_dimensions["B"].width = 80


def _add_choices(worksheet, column: Column, lang: str, cells: str) -> None:
    choices = ",".join(column.codes.choices(lang))
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    validation.add(cells)
    worksheet.add_data_validation(validation)


def write_csv_folder(rows: dict[str, list[dict[str, object]]], kind: str, lang: str, folder: Path) -> None:
    """Write one CSV file per sheet into `folder`, with headings in `lang`."""
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in layout.sheets_for(kind):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if sheet.form:
            writer.writerow(FORM_HEADINGS[lang])
            values = rows.get(sheet.key, [{}])[0]
            for column in sheet.columns_for(kind):
                writer.writerow([column.heading(lang), _csv_value(values.get(column.field))])
        else:
            columns = sheet.columns_for(kind)
            writer.writerow([column.heading(lang) for column in columns])
            for row in rows.get(sheet.key, []):
                writer.writerow([_csv_value(row.get(column.field)) for column in columns])
        target = folder / f"{sheet.key}.csv"
        _replace(target, lambda temporary, text=buffer.getvalue(): Path(temporary).write_text(text, encoding="utf-8"))


def _csv_value(value: object) -> object:
    return "" if value is None else value


def _replace(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    os.close(handle)
    try:
        write(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
