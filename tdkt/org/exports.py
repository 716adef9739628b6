"""Workbooks for the registry: exports of units, people and employment, and import templates.

An export uses the columns of its import format (`org.io.columns`), so an exported file can be
edited and imported again. A template holds the headers, a sample row and a second sheet,
"Hướng dẫn", describing each column.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from django.db.models import QuerySet
from django.utils.translation import gettext

from tdkt.core.text import person_sort_key, vi_key
from tdkt.org.access import people_visible_to, units_visible_to
from tdkt.org.io.columns import FORMATS, Format
from tdkt.org.io.values import GENDERS, JUDGE, KINDS, LEVELS, date
from tdkt.org.models import Employment, Person, Unit

Value = str | dt.date | None

GUIDE_SHEET = "Hướng dẫn"
_LEVEL_ORDER = {level: index for index, level in enumerate(Unit.Level.values)}


def _units(user: Any) -> QuerySet[Unit]:
    return Unit.objects.all() if user is None else units_visible_to(user)


def _people(user: Any) -> QuerySet[Person]:
    return Person.objects.all() if user is None else people_visible_to(user)


def _unit_rows(user: Any) -> Iterable[Sequence[Value]]:
    units = sorted(
        _units(user).select_related("parent", "province"),
        key=lambda u: (_LEVEL_ORDER.get(u.level, 99), vi_key(u.name), u.code),
    )
    for u in units:
        yield (
            u.code,
            u.name,
            LEVELS.written.get(u.level, u.level),
            u.parent.code if u.parent else "",
            u.province.code if u.province else "",
            u.valid_from,
            u.valid_to,
            u.note,
        )


def _person_rows(user: Any) -> Iterable[Sequence[Value]]:
    people = sorted(_people(user), key=lambda p: (*person_sort_key(p.full_name), p.code))
    for p in people:
        yield (
            p.code,
            p.full_name,
            GENDERS.written.get(p.gender, ""),
            p.birth_date,
            p.recruited_on,
            p.note,
        )


def _employment_rows(user: Any) -> Iterable[Sequence[Value]]:
    employments = (
        Employment.objects.filter(person__in=_people(user))
        .select_related("person", "unit")
        .order_by("person__code", "start", "pk")
    )
    for e in employments:
        yield (
            e.person.code,
            e.unit.code,
            e.position,
            JUDGE.written[e.is_judge],
            KINDS.written.get(e.kind, e.kind),
            e.start,
            e.end,
            e.note,
        )


_ROWS = {"units": _unit_rows, "people": _person_rows, "employment": _employment_rows}


class WorkbookBuilder:
    """An in-memory workbook with the formats every sheet uses."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer, {"in_memory": True, "strings_to_numbers": False}
        )
        self.header = self.book.add_format(
            {"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True}
        )
        self.required = self.book.add_format(
            {"bold": True, "bg_color": "#F8D7A9", "border": 1, "text_wrap": True}
        )
        self.date = self.book.add_format({"num_format": "dd/mm/yyyy"})
        self.text = self.book.add_format({"num_format": "@"})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})

    def data_sheet(
        self, spec: Format, rows: Iterable[Sequence[Value]], *, validations: bool
    ) -> None:
        sheet = self.book.add_worksheet(spec.sheet)
        for col, column in enumerate(spec.columns):
            sheet.write_string(
                0, col, column.header, self.required if column.required else self.header
            )
            width = max(14, min(40, len(column.header) + 4, len(column.example) + 4))
            if column.name in {"name", "full_name", "position", "note"}:
                width = 32
            sheet.set_column(col, col, width, self.text if column.is_code else None)
            if validations and column.choices:
                sheet.data_validation(
                    1,
                    col,
                    5000,
                    col,
                    {"validate": "list", "source": list(column.choices), "error_type": "warning"},
                )
        sheet.freeze_panes(1, 0)
        count = 0
        for count, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write_datetime(
                        count, col, dt.datetime.combine(value, dt.time()), self.date
                    )
                elif value:
                    sheet.write_string(count, col, value)
        sheet.autofilter(0, 0, max(count, 1), len(spec.columns) - 1)

    def guide_sheet(self, spec: Format) -> None:
        sheet = self.book.add_worksheet(GUIDE_SHEET)
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, 1, 12)
        sheet.set_column(2, 2, 80)
        sheet.set_column(3, 3, 30)
        intro = gettext(
            "Row 1 of the sheet “%(sheet)s” holds the column headers; each further row is one "
            "record. The columns may come in any order, headers without diacritics are accepted, "
            "and an optional column may be left out. The whole file is checked first: if any row "
            "is wrong, nothing is imported and every problem is listed with its row and column."
        ) % {"sheet": spec.sheet}
        sheet.merge_range(0, 0, 0, 3, intro, self.wrap)
        sheet.set_row(0, 60)
        titles = (
            gettext("Column"),
            gettext("Required"),
            gettext("Accepted values"),
            gettext("Example"),
        )
        for col, title in enumerate(titles):
            sheet.write_string(2, col, title, self.header)
        for row, column in enumerate(spec.columns, start=3):
            sheet.write_string(row, 0, column.header, self.required if column.required else None)
            sheet.write_string(
                row, 1, gettext("required") if column.required else gettext("optional")
            )
            sheet.write_string(row, 2, str(column.help), self.wrap)
            sheet.write_string(row, 3, column.example)

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _sample(spec: Format) -> list[Value]:
    return [date(column.example) if column.is_date else column.example for column in spec.columns]


def template_workbook(kind: str) -> bytes:
    """The import template of `kind`: headers, a sample row, and the "Hướng dẫn" sheet."""
    spec = FORMATS[kind]
    book = WorkbookBuilder()
    book.data_sheet(spec, [_sample(spec)], validations=True)
    book.guide_sheet(spec)
    return book.close()


def export_workbook(kind: str, *, user: Any) -> bytes:
    """What `user` may see of `kind`, in the columns of its import format; every row for
    `user=None` (the command line)."""
    spec = FORMATS[kind]
    book = WorkbookBuilder()
    book.data_sheet(spec, _ROWS[kind](user), validations=False)
    return book.close()
