"""Cell values: text, dates and the coded choices of the import formats.

A parser returns the value or raises `CellInvalid` with the message code (see `messages.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tdkt.core.text import clean_text, search_key
from tdkt.org.models import Employment, Person, Province, Unit

T = TypeVar("T")

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


class CellInvalid(Exception):  # noqa: N818  (a signal between parser and row checker, not an error)
    def __init__(self, code: str, **extra: Any) -> None:
        super().__init__(code)
        self.code = code
        self.extra = extra


def key(text: str) -> str:
    """A comparison key for headers and coded values: no diacritics, lower case, punctuation
    as spaces, single spaces: "Tỉnh / Thành phố" → "tinh thanh pho", "supreme_court" →
    "supreme court"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", search_key(text)).split())


def cell_text(value: Cell) -> str:
    """The cell as cleaned text; whole numbers lose their ".0", dates read dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return clean_text(value)


# Letters of the 8-bit Vietnamese fonts (TCVN3/ABC, VNI) read as Unicode: symbols of the
# Latin-1 block and Latin-1 letters that no Vietnamese word uses ("Hµ Néi", "Thaønh phoá").
_LEGACY = re.compile("[\u00a1-\u00bf\u00d7\u00f7ÄÅÆÇËÏÑÖØÛäåæçëïñöøûÿ]")


def text(value: Cell, *, limit: int, legacy_check: bool = True) -> str:
    result = cell_text(value)
    if len(result) > limit:
        raise CellInvalid("too_long", limit=limit, length=len(result))
    if legacy_check and _LEGACY.search(result):
        raise CellInvalid("legacy_font")
    return result


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_WORDS = re.compile(r"(?:ngay )?(\d{1,2}) thang (\d{1,2}) nam (\d{4})")


def date(value: Cell) -> dt.date | None:
    """An Excel date cell, 14/10/2022, 5/3/2026, 14-10-2022, 2022-10-14 or "ngày 05 tháng 3
    năm 2026"."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = cell_text(value)
    if not raw:
        return None
    parts: tuple[str, str, str] | None = None
    if match := _DMY.fullmatch(raw):
        parts = (match[3], match[2], match[1])
    elif match := _YMD.fullmatch(raw):
        parts = (match[1], match[2], match[3])
    elif match := _WORDS.fullmatch(key(raw)):
        parts = (match[3], match[2], match[1])
    if parts is None:
        raise CellInvalid("date")
    year, month, day = (int(p) for p in parts)
    if not 1900 <= year <= 2100:
        raise CellInvalid("date")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellInvalid("date") from None


@dataclass(frozen=True)
class Choices(Generic[T]):
    """A coded value: the spelling written in files and exports, and every variant accepted."""

    written: Mapping[T, str]
    variants: Mapping[str, T]
    symbols: Mapping[str, T]
    blank: T | None = None

    @classmethod
    def build(
        cls, written: Mapping[T, str], extra: Mapping[T, Iterable[str]], *, blank: T | None = None
    ) -> Choices[T]:
        variants: dict[str, T] = {}
        symbols: dict[str, T] = {}
        for value, spelling in written.items():
            variants[key(spelling)] = value
            variants[key(str(value))] = value
            for other in extra.get(value, ()):
                if key(other):
                    variants[key(other)] = value
                else:  # "✓", "-": no letters to compare
                    symbols[other] = value
        return cls(written=written, variants=variants, symbols=symbols, blank=blank)

    def listing(self) -> str:
        return ", ".join(f"“{w}”" for w in self.written.values())

    def parse(self, value: Cell) -> T | None:
        if isinstance(value, bool):
            value = "1" if value else "0"
        raw = cell_text(value)
        if not raw:
            return self.blank
        found = self.symbols.get(raw, self.variants.get(key(raw)))
        if found is None:
            raise CellInvalid("choice", choices=self.listing())
        return found


LEVELS: Choices[str] = Choices.build(
    {
        Unit.Level.SUPREME: "Tòa án nhân dân tối cao",
        Unit.Level.HIGH: "cấp cao",
        Unit.Level.PROVINCIAL: "cấp tỉnh",
        Unit.Level.REGIONAL: "khu vực",
        Unit.Level.DISTRICT: "cấp huyện",
        Unit.Level.DEPARTMENT: "phòng/ban",
    },
    {
        Unit.Level.SUPREME: ["TANDTC", "TAND tối cao", "Tòa án tối cao", "tối cao", "cấp tối cao"],
        Unit.Level.HIGH: ["Tòa án nhân dân cấp cao", "TAND cấp cao", "Tòa án cấp cao"],
        Unit.Level.PROVINCIAL: [
            "tỉnh",
            "Tòa án nhân dân cấp tỉnh",
            "TAND cấp tỉnh",
            "TAND tỉnh",
            "tỉnh/thành phố",
            "cấp tỉnh/thành phố",
        ],
        Unit.Level.REGIONAL: [
            "cấp khu vực",
            "Tòa án nhân dân khu vực",
            "TAND khu vực",
            "TAND KV",
            "KV",
        ],
        Unit.Level.DISTRICT: ["huyện", "Tòa án nhân dân cấp huyện", "TAND cấp huyện", "TAND huyện"],
        Unit.Level.DEPARTMENT: ["phòng", "ban", "phòng, ban", "đơn vị trực thuộc", "đơn vị thuộc"],
    },
)

GENDERS: Choices[str] = Choices.build(
    {Person.Gender.MALE: "Nam", Person.Gender.FEMALE: "Nữ"},
    {Person.Gender.MALE: ["male", "M"], Person.Gender.FEMALE: ["female", "F"]},
    blank="",
)

KINDS: Choices[str] = Choices.build(
    {
        Employment.Kind.REGULAR: "bổ nhiệm",
        Employment.Kind.TRANSFER: "điều động",
        Employment.Kind.SECONDMENT: "biệt phái",
    },
    {Employment.Kind.REGULAR: ["appointment", "tuyển dụng", "bổ nhiệm lại"]},
    blank=Employment.Kind.REGULAR,
)

JUDGE: Choices[bool] = Choices.build(
    {True: "Có", False: "Không"},
    {True: ["x", "X", "1", "yes", "true", "✓", "✔", "TP"], False: ["0", "no", "false", "-"]},
    blank=False,
)


_PROVINCE_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp)\b\s*")
# Spellings that differ beyond diacritics and spacing (GLOSSARY §16.2), by compact key.
_PROVINCE_ALIASES = {
    "hcm": "hochiminh",
    "tphcm": "hochiminh",
    "sg": "hochiminh",
    "tthue": "thuathienhue",
    "brvt": "bariavungtau",
    "daclac": "daklak",
    "daclak": "daklak",
    "dacnong": "daknong",
    "baccan": "backan",
}


def province_key(name: str) -> str:
    """ "TP. Hồ Chí Minh" → "hochiminh", "tỉnh Bà Rịa – Vũng Tàu" → "bariavungtau"."""
    compact = _PROVINCE_PREFIX.sub("", key(name)).replace(" ", "")
    return _PROVINCE_ALIASES.get(compact, compact)


class ProvinceIndex:
    """Every province, loaded once, matched by code or by name with its variants."""

    def __init__(self, provinces: Iterable[Province]) -> None:
        self.by_code: dict[str, Province] = {}
        self.by_name: dict[str, list[Province]] = {}
        for province in provinces:
            self.by_code[province.code.casefold()] = province
            self.by_name.setdefault(province_key(province.name), []).append(province)

    @classmethod
    def load(cls) -> ProvinceIndex:
        return cls(Province.objects.all())

    def parse(self, value: Cell, *, on: dt.date) -> Province | None:
        raw = cell_text(value)
        if not raw:
            return None
        if found := self.by_code.get(raw.casefold()):
            return found
        candidates = self.by_name.get(province_key(raw), [])
        if len(candidates) > 1:
            in_force = [p for p in candidates if _valid_on(p, on)]
            if len(in_force) == 1:
                return in_force[0]
            listing = ", ".join(p.code for p in candidates)
            raise CellInvalid("ambiguous_province", choices=listing)
        if not candidates:
            raise CellInvalid("unknown_province")
        return candidates[0]


def _valid_on(province: Province, day: dt.date) -> bool:
    return (province.valid_from is None or province.valid_from <= day) and (
        province.valid_to is None or day <= province.valid_to
    )
