"""A score sheet as an .xlsx workbook: exported to edit, imported as the next version."""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from typing import Any

import xlsxwriter
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from tdkt.core.errors import InputError, RowError
from tdkt.org.io.columns import Column, Format
from tdkt.org.io.messages import row_error
from tdkt.org.io.reading import read_table
from tdkt.org.io.values import CellInvalid, Choices, cell_text
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


def parse_sheet(data: bytes, filename: str) -> list[Row]:
    table = read_table(data, filename, SHEET_FORMAT)
    errors: list[RowError] = []
    rows: list[Row] = []
    codes = {cell_text(cells.get("code")) for _, cells in table.rows}
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        ok = True

        def bad(name: str, message: RowError) -> None:
            nonlocal ok
            ok = False
            errors.append(message)

        header = {c.name: table.headers.get(c.name, c.header) for c in SHEET_FORMAT.columns}
        code, name = cell_text(cells.get("code")), cell_text(cells.get("name"))
        for field, value in (("code", code), ("name", name)):
            if not value:
                bad(field, row_error("required", row=number, column=header[field]))
        if code in seen:
            bad(
                "code",
                row_error(
                    "duplicate", row=number, column=header["code"], value=code, first=seen[code]
                ),
            )
        seen.setdefault(code, number)
        parent = cell_text(cells.get("parent"))
        if parent and parent not in codes:
            bad(
                "parent",
                row_error("unknown_parent", row=number, column=header["parent"], value=parent),
            )
        parsed: dict[str, Any] = {}
        for field, choices in (("kind", KINDS), ("indicator", INDICATORS)):
            raw = cell_text(cells.get(field))
            try:
                parsed[field] = choices.parse(cells.get(field)) or ""
            except CellInvalid as exc:
                parsed[field] = ""
                bad(
                    field,
                    row_error(exc.code, row=number, column=header[field], value=raw, **exc.extra),
                )
            else:
                if field == "kind" and not raw:
                    bad(field, row_error("required", row=number, column=header[field]))
        for field in ("max_points", "target", "points_per_percent"):
            raw = cell_text(cells.get(field))
            if not raw:
                parsed[field] = None
                continue
            try:
                parsed[field] = _decimal(cells.get(field))
            except (InvalidOperation, ValueError):
                message = gettext(_NUMBER) % {"row": number, "column": header[field], "value": raw}
                bad(field, RowError(number, header[field], message, raw))
        if not cell_text(cells.get("max_points")):
            bad("max_points", row_error("required", row=number, column=header["max_points"]))
        if ok:
            rows.append(
                Row(
                    code,
                    parent,
                    name,
                    parsed["kind"],
                    parsed["max_points"],
                    parsed["indicator"],
                    parsed["target"],
                    parsed["points_per_percent"]
                    if parsed["points_per_percent"] is not None
                    else Decimal(1),
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
