"""Imports of units, people and employment from .xlsx, .xls and .csv files.

`run_import` reads the file, checks every row, and writes only when the whole file is valid,
in one transaction; otherwise it raises `InputError` with every problem found. The formats
are described in `docs/formats.md` and by `columns.FORMATS`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from tdkt.org.io.base import ImportReport
from tdkt.org.io.columns import FORMATS, Format
from tdkt.org.io.employment import import_employment
from tdkt.org.io.people import import_people
from tdkt.org.io.reading import EXTENSIONS, MAX_BYTES, check_file, read_table
from tdkt.org.io.units import import_units

KINDS = tuple(FORMATS)

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "KINDS",
    "MAX_BYTES",
    "Format",
    "ImportReport",
    "check_file",
    "run_import",
]


def run_import(
    kind: str,
    *,
    data: bytes,
    filename: str,
    actor: Any,
    writable_unit_ids: set[int] | None = None,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Import `data` (the bytes of `filename`) as `kind`: "units", "people" or "employment".

    `writable_unit_ids` limits people and employment to those units (None: every unit); the
    registry gate for units is the caller's. Raises `InputError` listing every problem.
    """
    table = read_table(data, filename, FORMATS[kind])
    day = today or timezone.localdate()
    note = gettext("Imported from %(file)s") % {"file": filename}
    if kind == "units":
        return import_units(table, actor=actor, dry_run=dry_run, today=day, note=note)
    if kind == "people":
        return import_people(
            table,
            actor=actor,
            writable_unit_ids=writable_unit_ids,
            dry_run=dry_run,
            today=day,
            note=note,
        )
    return import_employment(
        table,
        actor=actor,
        writable_unit_ids=writable_unit_ids,
        dry_run=dry_run,
        today=day,
        note=note,
    )
