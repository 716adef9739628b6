"""A score sheet as an .xlsx workbook: exported to edit, imported as the next version."""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from typing import Any

import xlsxwriter
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from tdkt.core.errors import InputError, RowError
from tdkt.org.io.base import RowReader, duplicates
from tdkt.org.io.columns import Column, Format
from tdkt.org.io.reading import read_table
from tdkt.org.io.values import Choices, cell_text
from tdkt.scoring.models import Criterion, Indicator, ScoreSheet
from tdkt.scoring.sheets import Row, rows_of

KINDS: Choices[str] = Choices.build(
    {
        Criterion.Kind.GROUP: "Nhóm",
        Criterion.Kind.CRITERION: "Tiêu chí",
        Criterion.Kind.BONUS: "Điểm thưởng",
        Criterion.Kind.PENALTY: "Điểm trừ",
    },
    {Criterion.Kind.GROUP: ["nhóm tiêu chí"], Criterion.Kind.BONUS: ["điểm cộng"]},
)
INDICATORS: Choices[str] = Choices.build({i.value: i.value for i in Indicator}, {}, blank="")


def _column(name: str, header: str, required: bool, example: str, *aliases: str) -> Column:
    return Column(
        name,
        header,
        required=required,
        help=_("See docs/formats.md."),
        example=example,
        aliases=aliases,
    )


SHEET_FORMAT = Format(
    kind="score_sheet",
    sheet="Bảng chấm điểm",
    title=_("Score sheet"),
    columns=(
        _column("code", "Mã", True, "1.1", "Mã tiêu chí"),
        _column("parent", "Mã nhóm cha", False, "1", "Mã cha"),
        _column(
            "name", "Tiêu chí", True, "Tỷ lệ giải quyết án hình sự", "Tên tiêu chí", "Nội dung"
        ),
        _column("kind", "Loại", True, "Tiêu chí"),
        _column("max_points", "Điểm tối đa", True, "10", "Điểm chuẩn"),
        _column("indicator", "Chỉ tiêu tự động", False, "", "Chỉ số"),
        _column("target", "Mục tiêu (%)", False, "", "Mục tiêu"),
        _column("points_per_percent", "Điểm trừ mỗi 1 % thiếu", False, "1", "Hệ số trừ"),
    ),
)

_NUMBER = gettext_noop(
    "Row %(row)s, column “%(column)s”: expected a number, 0 or more, got “%(value)s”."
)


def _decimal(value: Any) -> Decimal:
    text = cell_text(value).replace(",", ".")
    number = Decimal(text)
    if number < 0 or not number.is_finite():
        raise InvalidOperation
    return number


def _number(reader: RowReader, name: str, *, required: bool = False) -> Decimal | None:
    if not reader.present(name, required=required):
        return None
    try:
        return _decimal(reader.cells.get(name))
    except (InvalidOperation, ValueError):
        raw, column = reader.raw(name), reader.header(name)
        message = gettext(_NUMBER) % {"row": reader.number, "column": column, "value": raw}
        reader.errors.append(RowError(reader.number, column, message, raw))
        reader.ok = False
        return None


def parse_sheet(data: bytes, filename: str) -> list[Row]:
    """The lines of a score-sheet workbook; InputError naming every bad cell."""
    table = read_table(data, filename, SHEET_FORMAT)
    errors: list[RowError] = []
    rows: list[Row] = []
    codes = {cell_text(cells.get("code")) for _, cells in table.rows}
    seen: dict[Any, int] = {}
    for number, cells in table.rows:
        reader = RowReader(table, number, cells, errors)
        code = reader.text("code", limit=40, required=True)
        name = reader.text("name", limit=500, required=True)
        if code:
            duplicates(reader, seen, code, column="code", code="duplicate")
        parent = reader.text("parent", limit=40)
        if parent and parent not in codes:
            reader.error("unknown_parent", "parent")
        kind = reader.choice("kind", KINDS) if reader.present("kind", required=True) else None
        indicator = reader.choice("indicator", INDICATORS) or ""
        max_points = _number(reader, "max_points", required=True)
        target = _number(reader, "target")
        per_percent = _number(reader, "points_per_percent")
        if indicator and target is None and reader.has("target"):
            reader.error("required", "target")
        if reader.ok and kind and max_points is not None:
            rows.append(
                Row(
                    code,
                    parent,
                    name,
                    kind,
                    max_points,
                    indicator,
                    target,
                    Decimal(1) if per_percent is None else per_percent,
                )
            )
    if errors:
        raise InputError(errors)
    return rows


def export_sheet(sheet: ScoreSheet) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1})
    text = book.add_format({"num_format": "@"})
    ws = book.add_worksheet(SHEET_FORMAT.sheet)
    for col, column in enumerate(SHEET_FORMAT.columns):
        ws.write_string(0, col, column.header, head)
        ws.set_column(
            col,
            col,
            60 if column.name == "name" else 14,
            text if column.name in {"code", "parent"} else None,
        )
    for r, row in enumerate(rows_of(sheet), start=1):
        ws.write_string(r, 0, row.code)
        ws.write_string(r, 1, row.parent)
        ws.write_string(r, 2, row.name)
        ws.write_string(r, 3, KINDS.written[row.kind])
        ws.write_number(r, 4, float(row.max_points))
        if row.indicator:
            ws.write_string(r, 5, row.indicator)
        if row.target is not None:
            ws.write_number(r, 6, float(row.target))
        ws.write_number(r, 7, float(row.points_per_percent))
    ws.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
