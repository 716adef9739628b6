"""Import of court statistics from .xlsx and .xls, and its template workbook.

The format (docs/formats.md, "Court statistics") is one row per unit, period and case type.
Like the registry imports (`tdkt.org.io`) every row is checked first and every problem named by
row and column; nothing is written unless the whole file is clean, and then in one
transaction. An import replaces the figures of each (unit, period) it contains. The rows are
checked in one tight loop and written set-based (COPY on PostgreSQL, one executemany on
SQLite), since a year of statistics for the sector runs to 10⁵ rows (bench/p4_statistics.py).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter
from django.db import connection, transaction
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from python_calamine import CalamineError, CalamineWorkbook

from tdkt.core.audit import record_event, snapshot
from tdkt.core.errors import InputError, RowError
from tdkt.org.io.columns import Column, Format
from tdkt.org.io.messages import file_error, row_error
from tdkt.org.io.reading import check_file, match_headers
from tdkt.org.io.values import CellInvalid, Choices, cell_text, date, key
from tdkt.org.models import Unit
from tdkt.scoring.models import CaseType, CourtStatistic, StatisticImport

EXTENSIONS = ("xlsx", "xls")

CASE_TYPES: Choices[str] = Choices.build(
    {
        CaseType.CRIMINAL: "Hình sự",
        CaseType.CIVIL: "Dân sự",
        CaseType.FAMILY: "Hôn nhân và gia đình",
        CaseType.BUSINESS: "Kinh doanh, thương mại",
        CaseType.LABOUR: "Lao động",
        CaseType.ADMINISTRATIVE: "Hành chính",
    },
    {
        CaseType.CRIMINAL: ["HS", "án hình sự"],
        CaseType.CIVIL: ["DS", "án dân sự"],
        CaseType.FAMILY: ["HNGĐ", "HN&GĐ", "hôn nhân gia đình", "HNGD"],
        CaseType.BUSINESS: ["KDTM", "kinh doanh thương mại"],
        CaseType.LABOUR: ["LĐ", "LD", "án lao động"],
        CaseType.ADMINISTRATIVE: ["HC", "án hành chính"],
    },
)

_COUNT_HELP = _("A whole number, 0 or more; empty counts as 0.")
STATISTICS = Format(
    kind="statistics",
    sheet="Thống kê",
    title=_("Court statistics"),
    columns=(
        Column(
            "unit",
            "Mã đơn vị",
            required=True,
            is_code=True,
            help=_("The court's code in the registry."),
            example="PT63-thanh_hoa",
            aliases=("Mã ĐV", "Ma don vi", "Mã tòa án"),
        ),
        Column(
            "period_start",
            "Từ ngày",
            required=True,
            is_date=True,
            help=_("First day of the period, e.g. 01/10/2021."),
            example="01/10/2021",
            aliases=("Kỳ từ ngày", "Tu ngay"),
        ),
        Column(
            "period_end",
            "Đến ngày",
            required=True,
            is_date=True,
            help=_("Last day of the period, not before “Từ ngày”."),
            example="31/10/2021",
            aliases=("Kỳ đến ngày", "Den ngay"),
        ),
        Column(
            "case_type",
            "Loại án",
            required=True,
            help=_(
                "Hình sự, Dân sự, Hôn nhân và gia đình, Kinh doanh, thương mại, Lao động or "
                "Hành chính; short forms such as HS, DS, HNGĐ, KDTM are accepted."
            ),
            example="Hình sự",
            aliases=("Loại vụ việc", "Loai an"),
            choices=tuple(CASE_TYPES.written.values()),
        ),
        Column(
            "received",
            "Thụ lý",
            required=True,
            help=_COUNT_HELP,
            example="120",
            aliases=("Số thụ lý", "Thụ lý (vụ)", "Thu ly"),
        ),
        Column(
            "resolved",
            "Đã giải quyết",
            required=True,
            help=_("A whole number, 0 or more, not above “Thụ lý”."),
            example="110",
            aliases=("Giải quyết", "Số giải quyết", "Da giai quyet"),
        ),
        Column(
            "overdue",
            "Quá hạn luật định",
            required=False,
            help=_COUNT_HELP,
            example="0",
            aliases=("Quá hạn", "Qua han luat dinh"),
        ),
        Column(
            "annulled_amended",
            "Bị hủy, sửa do nguyên nhân chủ quan",
            required=False,
            help=_COUNT_HELP,
            example="1",
            aliases=(
                "Hủy, sửa chủ quan",
                "Bị hủy sửa do chủ quan",
                "Bi huy sua do nguyen nhan chu quan",
            ),
        ),
        Column(
            "online_trials",
            "Xét xử trực tuyến",
            required=False,
            help=_COUNT_HELP,
            example="8",
            aliases=("Phiên tòa trực tuyến", "Xet xu truc tuyen"),
        ),
        Column(
            "mediated",
            "Hòa giải, đối thoại thành",
            required=False,
            help=_COUNT_HELP,
            example="0",
            aliases=("Hòa giải thành", "Hoa giai doi thoai thanh"),
        ),
    ),
)
COUNTS = ("received", "resolved", "overdue", "annulled_amended", "online_trials", "mediated")
_DB_COLUMNS = ("unit_id", "period_start", "period_end", "case_type", *COUNTS, "source_id")

MESSAGES = {
    "count": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected a whole number, 0 or more, got “%(value)s”."
    ),
    "resolved_over": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected at most the cases received (%(received)s), "
        "got “%(value)s”."
    ),
    "period_duplicate": gettext_noop(
        "Row %(row)s, column “%(column)s”: the same unit, period and case type already appear in "
        "row %(first)s."
    ),
}


def _error(code: str, *, row: int, column: str, value: object, **extra: Any) -> RowError:
    if code in MESSAGES:
        text = "" if value is None else cell_text(value)  # type: ignore[arg-type]
        message = gettext(MESSAGES[code]) % {"row": row, "column": column, "value": text, **extra}
        return RowError(row=row, column=column, message=message, value=text)
    return row_error(code, row=row, column=column, value=cell_text(value), **extra)  # type: ignore[arg-type]


@dataclass
class StatisticsReport:
    rows: int
    replaced: int = 0
    units: int = 0
    periods: int = 0
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)


def _sheet_rows(data: bytes) -> list[list[Any]]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows: list[list[Any]] = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, IndexError) as exc:
        raise InputError([file_error("unreadable", detail=str(exc)[:200])]) from None
    return rows


def _count(value: Any) -> int | None:
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    text = str(value).strip().replace(".", "").replace(" ", "") if isinstance(value, str) else ""
    return int(text) if text.isdigit() else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return date(value)


def _headers(header: list[Any], *, row: int) -> tuple[dict[str, int], list[RowError], list[str]]:
    """Column name → position, through the registry imports' header matching."""
    found, errors, ignored = match_headers(STATISTICS, header, row=row)
    return {column.name: position for position, column in found.items()}, errors, ignored


_INVALID = object()


def _cached_date(cache: dict[Any, Any], value: Any) -> Any:
    """The date of a cell, None when empty, `_INVALID` when unreadable; cached by value, since
    a statistics file repeats a few period dates over and over."""
    try:
        return cache[value]
    except KeyError:
        day: object
        try:
            day = _date(value)
        except CellInvalid:
            day = _INVALID
        cache[value] = day
        return day
    except TypeError:  # an unhashable cell
        return _INVALID


def read_statistics(
    data: bytes, filename: str, *, writable_unit_ids: set[int] | None
) -> tuple[list[tuple[Any, ...]], list[str]]:
    """Every row as a tuple of database values (source id left out), or InputError.

    One pass over the rows with caches for the values that repeat (unit codes, dates, case
    types); each problem is recorded with its row and column and the pass goes on.
    """
    if check_file(data, filename) not in EXTENSIONS:
        raise InputError([file_error("extension", name=filename)])
    raw = _sheet_rows(data)
    first = next((n for n, r in enumerate(raw) if any(c not in ("", None) for c in r)), None)
    if first is None:
        raise InputError([file_error("empty")])
    index, errors, ignored = _headers(raw[first], row=first + 1)
    if errors:
        raise InputError(errors)
    names = {c.name: c.header for c in STATISTICS.columns}
    width = max(index.values()) + 1
    unit_col, start_col, end_col, type_col = (
        index[n] for n in ("unit", "period_start", "period_end", "case_type")
    )
    count_cols = [(n, index.get(n)) for n in COUNTS]
    raw_codes = {row[unit_col] for row in raw[first + 1 :] if len(row) > unit_col}
    cleaned = {c: cell_text(c) for c in raw_codes}
    by_code = dict(
        Unit.objects.filter(code__in=set(cleaned.values()) - {""}).values_list("code", "pk")
    )
    units: dict[Any, tuple[int | None, str]] = {"": (None, "required")}
    for raw_code, code in cleaned.items():
        unit_id = by_code.get(code)
        problem = ""
        if not code:
            problem = "required"
        elif unit_id is None:
            problem = "unknown_unit"
        elif writable_unit_ids is not None and unit_id not in writable_unit_ids:
            problem = "unit_permission"
        units[raw_code] = (unit_id, problem)
    types: dict[Any, str] = {v: k for k, v in CASE_TYPES.written.items()}
    dates: dict[Any, Any] = {}
    seen: dict[tuple[Any, ...], int] = {}
    out: list[tuple[Any, ...]] = []
    append = out.append

    def bad(number: int, code: str, name: str, value: Any, **extra: Any) -> None:
        errors.append(_error(code, row=number, column=names[name], value=value, **extra))

    count_index = [col for _, col in count_cols]
    date_class, float_class = dt.date, float
    blank = ("", None)
    padding = [""] * width
    for number in range(first + 2, len(raw) + 1):
        row = raw[number - 1]
        if len(row) < width:
            row = [*row, *padding[len(row) :]]
        if row[unit_col] == "" and not any(c not in blank for c in row):
            continue
        before = len(errors)
        unit_id, problem = units[row[unit_col]]
        if problem:
            bad(number, problem, "unit", row[unit_col])
        start = dates.get(row[start_col], _INVALID)
        if start is _INVALID:
            start = _cached_date(dates, row[start_col])
        end = dates.get(row[end_col], _INVALID)
        if end is _INVALID:
            end = _cached_date(dates, row[end_col])
        if start.__class__ is date_class and end.__class__ is date_class:
            if end < start:
                shown = end.strftime("%d/%m/%Y")
                bad(number, "date_order", "period_end", shown, other=names["period_start"],
                    start=start.strftime("%d/%m/%Y"))  # fmt: skip
        else:
            for name, day, col in (
                ("period_start", start, start_col),
                ("period_end", end, end_col),
            ):
                if day is None:
                    bad(number, "required", name, row[col])
                elif day is _INVALID:
                    bad(number, "date", name, row[col])
        value = row[type_col]
        case_type = types.get(value) if value.__class__ is str else None
        if case_type is None:
            if value in ("", None):
                bad(number, "required", "case_type", value)
            else:
                case_type = CASE_TYPES.variants.get(key(cell_text(value)))
                if case_type is None:
                    bad(number, "choice", "case_type", value, choices=CASE_TYPES.listing())
        values = [row[col] if col is not None else 0.0 for col in count_index]
        if all(v.__class__ is float_class and v >= 0 and v.is_integer() for v in values):
            counts: list[Any] = [int(v) for v in values]
        else:
            counts = [_count(v) for v in values]
            for (name, _col), value, count in zip(count_cols, values, counts, strict=True):
                if count is None:
                    bad(number, "count", name, value)
        if counts[0] is not None and counts[1] is not None and counts[1] > counts[0]:
            bad(number, "resolved_over", "resolved", row[index["resolved"]], received=counts[0])
        if len(errors) == before:
            identity = (unit_id, start, end, case_type)
            earlier = seen.get(identity)
            if earlier is not None:
                bad(number, "period_duplicate", "unit", row[unit_col], first=earlier)
            else:
                seen[identity] = number
                append((unit_id, start, end, case_type, *counts))
    if errors:
        raise InputError(errors)
    if not out:
        raise InputError([file_error("no_rows")])
    return out, ignored


def _delete_replaced(rows: list[tuple[Any, ...]]) -> int:
    """Delete the stored figures of every (unit, period) in `rows`: one read, then deletes by
    primary key in batches."""
    keys = {(r[0], r[1], r[2]) for r in rows}
    starts = [r[1] for r in rows]
    ends = [r[2] for r in rows]
    stored = CourtStatistic.objects.filter(
        period_start__gte=min(starts), period_end__lte=max(ends)
    ).values_list("pk", "unit_id", "period_start", "period_end")
    doomed = [pk for pk, *identity in stored.iterator(chunk_size=5000) if tuple(identity) in keys]
    for offset in range(0, len(doomed), 900):
        CourtStatistic.objects.filter(pk__in=doomed[offset : offset + 900]).delete()
    return len(doomed)


def _insert(rows: list[tuple[Any, ...]], source_id: int) -> None:
    table = CourtStatistic._meta.db_table
    columns = ", ".join(_DB_COLUMNS)
    iso: dict[dt.date, str] = {}
    for row in rows:
        for day in (row[1], row[2]):
            if day not in iso:
                iso[day] = day.isoformat()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY in text format: our values are integers, ISO dates and fixed codes, none
            # holding a tab, newline or backslash, so each line is written as it is.
            lines = "".join(
                f"{r[0]}\t{iso[r[1]]}\t{iso[r[2]]}\t{r[3]}\t{r[4]}\t{r[5]}\t{r[6]}\t{r[7]}"
                f"\t{r[8]}\t{r[9]}\t{source_id}\n"
                for r in rows
            )
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                copy.write(lines)
        else:
            # sqlite3's own executemany, without Django's per-call parameter rewriting
            marks = ", ".join(["?"] * len(_DB_COLUMNS))
            connection.connection.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608  (our own names)
                [(r[0], iso[r[1]], iso[r[2]], *r[3:], source_id) for r in rows],
            )


def import_statistics(
    *,
    data: bytes,
    filename: str,
    actor: Any,
    writable_unit_ids: set[int] | None = None,
    dry_run: bool = False,
) -> StatisticsReport:
    """Check every row of the workbook, then replace the figures of each (unit, period) it
    holds, in one transaction; InputError and nothing written on any problem."""
    rows, ignored = read_statistics(data, filename, writable_unit_ids=writable_unit_ids)
    report = StatisticsReport(
        rows=len(rows),
        units=len({r[0] for r in rows}),
        periods=len({(r[1], r[2]) for r in rows}),
        dry_run=dry_run,
        warnings=ignored,
    )
    if dry_run:
        return report
    with transaction.atomic():
        report.replaced = _delete_replaced(rows)
        label = getattr(actor, "get_username", lambda: str(actor or ""))()
        batch = StatisticImport.objects.create(
            filename=filename[:255], rows=len(rows), replaced=report.replaced, actor_label=label
        )
        _insert(rows, batch.pk)
        record_event(
            "scoring.statistics.imported",
            actor=actor,
            target=batch,
            after={
                **snapshot(batch, StatisticImport.AUDITED_FIELDS),
                "units": report.units,
                "periods": report.periods,
            },
        )
    return report


def template_workbook() -> bytes:
    """Headers, two sample rows and a "Hướng dẫn" sheet describing each column."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True})
    required = book.add_format(
        {"bold": True, "bg_color": "#F8D7A9", "border": 1, "text_wrap": True}
    )
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet(STATISTICS.sheet)
    for col, column in enumerate(STATISTICS.columns):
        sheet.write_string(0, col, column.header, required if column.required else head)
        sheet.set_column(col, col, 18)
        if column.choices:
            sheet.data_validation(
                1, col, 100_000, col, {"validate": "list", "source": list(column.choices)}
            )
    for col, column in enumerate(STATISTICS.columns):
        if column.is_date:
            sheet.write_datetime(1, col, dt.datetime.strptime(column.example, "%d/%m/%Y"), day)  # noqa: DTZ007  (a date cell)
        elif column.name in COUNTS:
            sheet.write_number(1, col, int(column.example))
        else:
            sheet.write_string(1, col, column.example)
    sheet.freeze_panes(1, 0)
    guide = book.add_worksheet("Hướng dẫn")
    guide.set_column(0, 0, 34)
    guide.set_column(1, 1, 12)
    guide.set_column(2, 2, 80)
    for col, title in enumerate(
        (gettext("Column"), gettext("Required"), gettext("Accepted values"))
    ):
        guide.write_string(0, col, title, head)
    for r, column in enumerate(STATISTICS.columns, start=1):
        guide.write_string(r, 0, column.header)
        guide.write_string(r, 1, gettext("required") if column.required else gettext("optional"))
        guide.write_string(r, 2, str(column.help))
    book.close()
    return buffer.getvalue()
