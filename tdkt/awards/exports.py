"""The verdict table as .xlsx or .csv: one row per subject and title or form, with the
reasons, what remains to be done, and the legal basis. The UI export and `tdkt eligibility`
write the same columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import IO, Any, Protocol, TextIO

import xlsxwriter
from django.utils.translation import gettext

HEADERS = (
    "Mã đối tượng",
    "Tên đối tượng",
    "Mã danh hiệu, hình thức",
    "Tên danh hiệu, hình thức",
    "Kết quả",
    "Lý do",
    "Còn cần",
    "Căn cứ pháp lý",
    "Quyết định thay kết quả tính",
)


class VerdictRow(Protocol):
    """What a row needs: a live `Verdict` or a `StoredVerdict` of a saved run."""

    @property
    def subject_code(self) -> str: ...
    @property
    def subject_name(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def status_label(self) -> str: ...
    @property
    def reason_texts(self) -> list[str]: ...
    @property
    def remaining_texts(self) -> list[str]: ...
    @property
    def citations(self) -> list[str]: ...
    @property
    def legal_basis(self) -> str: ...
    @property
    def override_label(self) -> str: ...
    @property
    def override(self) -> tuple[Any, ...] | None: ...


def verdict_rows(verdicts: Iterable[VerdictRow]) -> Iterable[Sequence[str]]:
    for v in verdicts:
        yield (
            v.subject_code,
            v.subject_name,
            v.code,
            v.name,
            v.status_label,
            "\n".join(v.reason_texts),
            "\n".join(v.remaining_texts),
            "; ".join(v.citations) or v.legal_basis,
            f"{v.override_label}: {v.override[1]} ({v.override[3]})" if v.override else "",
        )


SHEET_ROWS = 1_048_576  # the rows an .xlsx sheet holds (Excel's limit)


def write_verdicts_xlsx(
    target: str | IO[bytes],
    verdicts: Iterable[VerdictRow],
    *,
    title: str,
    rows_per_sheet: int = SHEET_ROWS - 2,
) -> None:
    """The table as .xlsx, to a file path (row by row, in constant memory, however many rows)
    or to a binary buffer. A sector's table can pass a sheet's million rows: the rows go on
    into "Kết quả xét (2)", "(3)" …, each with the title and headers, so none is dropped."""
    options = {"constant_memory": True} if isinstance(target, str) else {"in_memory": True}
    book = xlsxwriter.Workbook(target, options)
    header = book.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    widths = (16, 30, 24, 30, 16, 70, 50, 40, 40)

    def start(number: int) -> Any:
        name = gettext("Verdicts")
        sheet = book.add_worksheet((name if number == 1 else f"{name} ({number})")[:31])
        sheet.write_string(0, 0, title)
        for col, text in enumerate(HEADERS):
            sheet.write_string(1, col, text, header)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width, wrap)
        sheet.freeze_panes(2, 0)
        return sheet

    def finish(sheet: Any, last: int) -> None:
        sheet.autofilter(1, 0, max(last, 2), len(HEADERS) - 1)

    number, sheet, last = 1, start(1), 1
    for row in verdict_rows(verdicts):
        if last - 1 == rows_per_sheet:
            finish(sheet, last)
            number += 1
            sheet, last = start(number), 1
        last += 1
        for col, value in enumerate(row):
            sheet.write_string(last, col, value)
    finish(sheet, last)
    book.close()


def verdicts_xlsx(verdicts: Iterable[VerdictRow], *, title: str) -> bytes:
    buffer = io.BytesIO()
    write_verdicts_xlsx(buffer, verdicts, title=title)
    return buffer.getvalue()


def write_verdicts_csv(stream: TextIO, verdicts: Iterable[VerdictRow]) -> None:
    """The table as CSV (UTF-8 with a byte-order mark, for Excel) to a text stream opened with
    `newline=""`, row by row."""
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow(HEADERS)
    writer.writerows(verdict_rows(verdicts))


def verdicts_csv(verdicts: Iterable[VerdictRow]) -> bytes:
    buffer = io.StringIO()
    write_verdicts_csv(buffer, verdicts)
    return buffer.getvalue().encode("utf-8")
