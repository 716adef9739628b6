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


def write_verdicts_xlsx(
    target: str | IO[bytes], verdicts: Iterable[VerdictRow], *, title: str
) -> None:
    """The table as .xlsx, to a file path (row by row, in constant memory, however many rows)
    or to a binary buffer."""
    options = {"constant_memory": True} if isinstance(target, str) else {"in_memory": True}
    book = xlsxwriter.Workbook(target, options)
    header = book.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(gettext("Verdicts")[:31])
    sheet.write_string(0, 0, title)
    for col, text in enumerate(HEADERS):
        sheet.write_string(1, col, text, header)
    widths = (16, 30, 24, 30, 16, 70, 50, 40, 40)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width, wrap)
    count = 1
    for count, row in enumerate(verdict_rows(verdicts), start=2):
        for col, value in enumerate(row):
            sheet.write_string(count, col, value)
    sheet.freeze_panes(2, 0)
    sheet.autofilter(1, 0, max(count, 2), len(HEADERS) - 1)
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
