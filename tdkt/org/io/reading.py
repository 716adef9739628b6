"""Reading an uploaded file into rows: .xlsx and .xls through python-calamine, .csv in UTF-8.

Rows keep the numbers the user sees in the spreadsheet (the header is row 1), blank rows are
skipped, and headers are matched to a format's columns through `values.key` and the aliases.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from tdkt.core.errors import InputError, RowError
from tdkt.org.io.columns import Column, Format
from tdkt.org.io.messages import IGNORED_COLUMN, file_error, row_error
from tdkt.org.io.values import Cell, cell_text, key

EXTENSIONS = ("xlsx", "xls", "csv")
MAX_BYTES = 10 * 1024 * 1024

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Table:
    """The data rows of a file, by spreadsheet row number, with cells by column name."""

    spec: Format
    columns: dict[str, Column] = field(default_factory=dict)  # column name → column present
    headers: dict[str, str] = field(default_factory=dict)  # column name → header as written
    rows: list[tuple[int, dict[str, Cell]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.columns


def extension_of(filename: str) -> str:
    return filename.rpartition(".")[2].lower() if "." in filename else ""


def check_file(data: bytes, filename: str) -> str:
    """The extension, once size, extension and content agree; else InputError."""
    extension = extension_of(filename)
    if extension not in EXTENSIONS:
        raise InputError([file_error("extension", name=filename)])
    if len(data) > MAX_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f}".replace(".", ",")
        raise InputError([file_error("too_big", size=size, limit=MAX_BYTES // 1024 // 1024)])
    magic_ok = {
        "xlsx": data.startswith(_ZIP),
        "xls": data.startswith(_OLE2),
        "csv": not data.startswith((_ZIP, _OLE2)) and b"\x00" not in data[:4096],
    }[extension]
    if not magic_ok and not (extension == "csv" and _utf16_bom(data)):
        raise InputError([file_error("content", name=filename, extension=f".{extension}")])
    return extension


def _utf16_bom(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _decode(data: bytes) -> str:
    if _utf16_bom(data):
        raise InputError([file_error("not_utf8", line=1, encoding="UTF-16")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        encoding = gettext("an 8-bit code page such as Windows-1258, TCVN3 or VNI")
        raise InputError([file_error("not_utf8", line=line, encoding=encoding)]) from None


def _csv_rows(data: bytes) -> list[list[Cell]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    return [
        list(record) for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    ]


def _workbook_rows(data: bytes) -> list[list[Cell]]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        index = next(
            (
                i
                for i, meta in enumerate(workbook.sheets_metadata)
                if meta.typ == SheetTypeEnum.WorkSheet and meta.visible == SheetVisibleEnum.Visible
            ),
            0,
        )
        sheet = workbook.get_sheet_by_index(index)
        rows: list[list[Cell]] = [list(row) for row in sheet.to_python(skip_empty_area=False)]
    except (CalamineError, ValueError, IndexError) as exc:
        detail = re.sub(r"\s+", " ", str(exc))[:200]
        raise InputError([file_error("unreadable", detail=detail)]) from None
    return rows


def _blank(row: list[Cell]) -> bool:
    return all(cell_text(c) == "" for c in row)


def match_headers(
    spec: Format, header: list[Cell], *, row: int
) -> tuple[dict[int, Column], list[RowError], list[str]]:
    by_key = {k: column for column in spec.columns for k in column.header_keys()}
    found: dict[int, Column] = {}
    seen: dict[str, str] = {}
    errors: list[RowError] = []
    ignored: list[str] = []
    for index, cell in enumerate(header):
        text = cell_text(cell)
        if not text:
            continue
        column = by_key.get(key(re.sub(r"\(.*?\)", " ", text)))
        if column is None:
            ignored.append(gettext(IGNORED_COLUMN) % {"column": text})
        elif column.name in seen:
            errors.append(
                row_error("duplicate_column", row=row, column=text, value=seen[column.name])
            )
        else:
            seen[column.name] = text
            found[index] = column
    errors += [
        row_error("missing_column", row=row, column=column.header)
        for column in spec.columns
        if column.required and column.name not in seen
    ]
    return found, errors, ignored


def read_table(data: bytes, filename: str, spec: Format) -> Table:
    """The file's rows for `spec`; InputError for an unreadable file or unusable headers."""
    extension = check_file(data, filename)
    raw = _csv_rows(data) if extension == "csv" else _workbook_rows(data)
    numbered = [(number, row) for number, row in enumerate(raw, start=1) if not _blank(row)]
    if not numbered:
        raise InputError([file_error("empty")])
    (header_number, header), body = numbered[0], numbered[1:]
    columns, errors, ignored = match_headers(spec, header, row=header_number)
    if errors:
        raise InputError(errors)
    if not body:
        raise InputError([file_error("no_rows")])
    table = Table(
        spec=spec,
        columns={c.name: c for c in columns.values()},
        headers={c.name: cell_text(header[i]) for i, c in columns.items()},
        warnings=ignored,
    )
    for number, row in body:
        cells = {
            column.name: row[index] if index < len(row) else "" for index, column in columns.items()
        }
        table.rows.append((number, cells))
    return table
