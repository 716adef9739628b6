"""Vietnamese wording of dates and numbers in documents (Nghị định 30/2020, Appendix I)."""

from __future__ import annotations

import datetime as dt

from tdkt.core.text import clean_text


def date_in_words(day: dt.date) -> str:
    """ "ngày 05 tháng 3 năm 2026": days below 10 and months 1–2 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(place: str, day: dt.date) -> str:
    """ "Hà Nội, ngày 05 tháng 3 năm 2026"; without a place, the date alone."""
    place = clean_text(place)
    words = date_in_words(day)
    return f"{place}, {words}" if place else words[0].upper() + words[1:]


def short_date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def document_number(sequence: int, doc_type: str, body_code: str) -> str:
    """ "12/QĐ-TA"; numbers below 10 take a leading zero; a công văn has no type code."""
    code = clean_text(body_code)
    kind = f"{doc_type}-" if doc_type else ""
    return f"{sequence:02d}/{kind}{code}"


def vnd(amount: int) -> str:
    """2340000 → "2.340.000" (a dot groups thousands in Vietnamese)."""
    return f"{amount:,}".replace(",", ".")
