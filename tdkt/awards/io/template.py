"""The template workbook of the history import: headers, sample rows and the guide sheet."""

from __future__ import annotations

import datetime as dt

from tdkt.awards.io.columns import HISTORY
from tdkt.org.exports import WorkbookBuilder

SAMPLES = (
    (
        "CB00012",
        "Nguyễn Văn An",
        "PT-thanh_hoa",
        "2025",
        "HTXSNV",
        "Chiến sĩ thi đua cơ sở",
        "công trạng",
        "125/QĐ-TA",
        dt.date(2025, 11, 20),
        "Chánh án TAND tỉnh Thanh Hóa",
        "Không",
        dt.date(2015, 4, 1),
    ),
    (
        "CB00012",
        "Nguyễn Văn An",
        "PT-thanh_hoa",
        "2024",
        "HTTNV",
        "LĐTT",
        "",
        "98/QĐ-TA",
        dt.date(2024, 11, 18),
        "Chánh án TAND tỉnh Thanh Hóa",
        "",
        None,
    ),
)


def history_template() -> bytes:
    book = WorkbookBuilder()
    book.data_sheet(HISTORY, SAMPLES, validations=True)
    book.guide_sheet(HISTORY)
    return book.close()
