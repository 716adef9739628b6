"""The messages of an import report: whole sentences with named placeholders, English source.

Each problem names the spreadsheet row as the user sees it (the header is row 1), the column
header, what was expected and what came, e.g. in Vietnamese:
*Dòng 14, cột “Ngày sinh”: cần ngày dạng dd/mm/yyyy, nhận được “31/02/1980”.*
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_noop

from tdkt.core.errors import RowError

# Row problems: every message takes %(row)s, %(column)s and %(value)s, some also more.
MESSAGES: dict[str, str] = {
    "required": gettext_noop(
        "Row %(row)s, column “%(column)s”: a value is required, the cell is empty."
    ),
    "date": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected a date as dd/mm/yyyy, got “%(value)s”."
    ),
    "choice": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected one of %(choices)s, got “%(value)s”."
    ),
    "too_long": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected at most %(limit)s characters, got %(length)s."
    ),
    "legacy_font": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected Unicode text, got “%(value)s”, which looks "
        "typed in an old 8-bit font (TCVN3/VNI); convert the file to Unicode first."
    ),
    "duplicate": gettext_noop(
        "Row %(row)s, column “%(column)s”: “%(value)s” already appears in row %(first)s."
    ),
    "duplicate_employment": gettext_noop(
        "Row %(row)s, column “%(column)s”: the same person, unit and start date already appear "
        "in row %(first)s."
    ),
    "date_order": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected a date not before “%(other)s” (%(start)s), "
        "got “%(value)s”."
    ),
    "date_after_end": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected a date not after “%(other)s” in the registry "
        "(%(end)s), got “%(value)s”."
    ),
    "unknown_parent": gettext_noop(
        "Row %(row)s, column “%(column)s”: no unit has the code “%(value)s”, neither in the "
        "registry nor in this file."
    ),
    "self_parent": gettext_noop(
        "Row %(row)s, column “%(column)s”: a unit cannot be its own parent, got “%(value)s”."
    ),
    "parent_cycle": gettext_noop(
        "Row %(row)s, column “%(column)s”: the parent “%(value)s” would place the unit under "
        "itself or under one of its own sub-units."
    ),
    "unknown_unit": gettext_noop(
        "Row %(row)s, column “%(column)s”: no unit has the code “%(value)s”."
    ),
    "unknown_person": gettext_noop(
        "Row %(row)s, column “%(column)s”: no person has the staff code “%(value)s”; import "
        "the people first."
    ),
    "unknown_province": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected a province code or name, got “%(value)s”."
    ),
    "ambiguous_province": gettext_noop(
        "Row %(row)s, column “%(column)s”: “%(value)s” matches several provinces (%(choices)s); "
        "use the province code."
    ),
    "unit_permission": gettext_noop(
        "Row %(row)s, column “%(column)s”: you have no permission for the unit “%(value)s”."
    ),
    "person_permission": gettext_noop(
        "Row %(row)s, column “%(column)s”: you have no permission to change the person “%(value)s”."
    ),
    "missing_column": gettext_noop("Row %(row)s: the required column “%(column)s” is missing."),
    "duplicate_column": gettext_noop(
        "Row %(row)s, column “%(column)s”: this column appears twice (the other header is "
        "“%(value)s”)."
    ),
}

# Problems with the whole file.
FILE_MESSAGES: dict[str, str] = {
    "empty": gettext_noop("The file is empty: row 1 must hold the column headers."),
    "no_rows": gettext_noop("The file has column headers but no data rows."),
    "not_utf8": gettext_noop(
        "Line %(line)s of the file is not UTF-8 text (it looks like %(encoding)s). In Excel, save "
        "it as “CSV UTF-8 (Comma delimited)”, or upload the .xlsx workbook instead."
    ),
    "unreadable": gettext_noop("The file could not be read as a spreadsheet: %(detail)s."),
    "extension": gettext_noop("Expected a .xlsx, .xls or .csv file, got “%(name)s”."),
    "content": gettext_noop(
        "The content of “%(name)s” is not a %(extension)s file; save it again in that format."
    ),
    "too_big": gettext_noop("The file is %(size)s MB; the limit is %(limit)s MB."),
}

# Shown on success, the import went through.
IGNORED_COLUMN = gettext_noop("Column “%(column)s” is not part of this format and was ignored.")


def row_error(code: str, *, row: int, column: str, value: object = "", **extra: Any) -> RowError:
    text = "" if value is None else str(value)
    message = gettext(MESSAGES[code]) % {"row": row, "column": column, "value": text, **extra}
    return RowError(row=row, column=column, message=message, value=text)


def file_error(code: str, **params: Any) -> RowError:
    message = gettext(FILE_MESSAGES[code])
    return RowError(row=None, column="", message=message % params if params else message)
