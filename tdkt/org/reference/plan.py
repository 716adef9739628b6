"""The reference data as a plan: every province, unit and lineage event, with its code.

Pure functions over `tdkt.org.data` and the GSO lists of `vietnam_provinces` 0.6.0 (the last
release with districts); `tdkt.org.reference.load_reference` writes what they describe.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Final

from tdkt.core.text import clean_text, search_key
from tdkt.org.data import courts as court_data
from tdkt.org.data import provinces as province_data
from tdkt.org.models import LineageEvent, Province, Unit

LAST_DAY_BEFORE_REORGANISATION: Final = dt.date(2025, 6, 30)
REORGANISATION_DAY: Final = province_data.REORGANISATION_DAY
COUNT_KEYS: Final = (
    "organisations",
    "provinces",
    "province_successions",
    "units",
    "lineage_events",
    "clusters",
    "cluster_terms",
    "cluster_memberships",
)

_DIVISION_PREFIXES: Final = ("Thành phố", "Thị xã", "Quận", "Huyện")


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    level: str
    parent: str | None = None
    province: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class LineageSpec:
    kind: str
    effective_date: dt.date
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    legal_basis: str
    confidence: str = "C"
    note: str = ""


# --- codes and names -------------------------------------------------------------------------


def former_province_code(slug: str) -> str:
    """The code of a former province: its slug if it is unchanged, `<slug>_63` if it ended."""
    return slug if slug in _unchanged_slugs() else f"{slug}_63"


def provincial_court_code(slug: str, *, former: bool = False) -> str:
    """`PT-<slug>` for a court in force after 01/07/2025, `PT63-<slug>` for one that ended."""
    if former and slug not in _unchanged_slugs():
        return f"PT63-{slug}"
    return f"PT-{slug}"


def provincial_court_name(name: str, kind: str) -> str:
    prefix = "thành phố" if kind == Province.Kind.CITY else "tỉnh"
    return f"Tòa án nhân dân {prefix} {name}"


def district_court_name(district_name: str) -> str:
    """ "Huyện Nga Sơn" → "Tòa án nhân dân huyện Nga Sơn"."""
    name = clean_text(district_name)
    for prefix in _DIVISION_PREFIXES:  # the GSO list has a stray "Thành Phố Bắc Kạn"
        if name.casefold().startswith(f"{prefix.casefold()} "):
            return f"Tòa án nhân dân {prefix.lower()} {name[len(prefix) + 1 :]}"
    raise ValueError(f"Unknown kind of district: {district_name!r}")


def regional_court_code(slug: str, number: int) -> str:
    return f"KV-{slug}-{number}"


def regional_court_name(number: int, province_name: str) -> str:
    # "Hồ Chí Minh" alone is a person's name: the city is always written out.
    place = "Thành phố Hồ Chí Minh" if province_name == "Hồ Chí Minh" else province_name
    return f"Tòa án nhân dân khu vực {number} – {place}"


def _unchanged_slugs() -> frozenset[str]:
    return frozenset(
        slug for slug, _, _, status in province_data.NEW_PROVINCES if status == "unchanged"
    )


def _new_province(slug: str) -> tuple[str, str, str, str]:
    return next(row for row in province_data.NEW_PROVINCES if row[0] == slug)


# --- the plan: what the reference data consists of ---------------------------------------------


def province_rows() -> list[Province]:
    """Every province record, unsaved: the 63 former and the 34 new, one record if unchanged."""
    gso = _gso_province_codes()
    unchanged = _unchanged_slugs()
    rows: list[Province] = []
    for slug, name, kind, _successor in province_data.FORMER_PROVINCES:
        if slug in unchanged:
            continue  # written once, below, as a new province without dates
        if slug == "thua_thien_hue":
            valid_to = province_data.HUE_CITY_DAY - dt.timedelta(days=1)
        else:
            valid_to = LAST_DAY_BEFORE_REORGANISATION
        rows.append(
            Province(
                code=former_province_code(slug),
                name=name,
                kind=kind,
                gso_code=gso.get(slug, ""),
                valid_to=valid_to,
            )
        )
    for slug, name, kind, status in province_data.NEW_PROVINCES:
        valid_from = None
        if status == "merged":
            valid_from = REORGANISATION_DAY
        elif slug == province_data.HUE_CODE:
            valid_from = province_data.HUE_CITY_DAY
        # The GSO codes of merged units are not in REFERENCE.md: left blank rather than guessed.
        code = gso.get(slug, "") if status == "unchanged" else ""
        rows.append(Province(code=slug, name=name, kind=kind, gso_code=code, valid_from=valid_from))
    for row in rows:
        row.name = clean_text(row.name)
        row.search_key = search_key(row.name)
    return rows


def succession_rows() -> list[tuple[str, str, dt.date, str]]:
    """(predecessor code, successor code, effective date, legal basis)."""
    rows = [
        (
            province_data.HUE_FORMER_CODE,
            province_data.HUE_CODE,
            province_data.HUE_CITY_DAY,
            province_data.HUE_LEGAL_BASIS,
        )
    ]
    unchanged = _unchanged_slugs()
    for slug, _name, _kind, successor in province_data.FORMER_PROVINCES:
        if slug in unchanged or slug == "thua_thien_hue":
            continue
        rows.append(
            (
                former_province_code(slug),
                successor,
                REORGANISATION_DAY,
                province_data.PROVINCES_LEGAL_BASIS,
            )
        )
    return rows


def unit_specs() -> list[UnitSpec]:
    """Every unit, parents before children."""
    supreme = court_data.SUPREME_COURT_CODE
    level = Unit.Level
    specs = [UnitSpec(supreme, court_data.SUPREME_COURT_NAME, level.SUPREME)]
    specs += [
        UnitSpec(code, name, level.DEPARTMENT, parent=supreme)
        for code, name in court_data.SPC_DEPARTMENTS
    ]
    for seat, seat_name, seat_province in court_data.HIGH_COURT_SEATS:
        specs.append(
            UnitSpec(
                f"CC-{seat}",
                f"Tòa án nhân dân cấp cao tại {seat_name}",
                level.HIGH,
                parent=supreme,
                province=seat_province,
                valid_to=LAST_DAY_BEFORE_REORGANISATION,
                note="Trụ sở: B (REFERENCE §5.1).",
            )
        )
        specs.append(
            UnitSpec(
                f"TPT-{seat}",
                f"Tòa Phúc thẩm Tòa án nhân dân tối cao tại {seat_name}",
                level.APPELLATE,
                parent=supreme,
                province=seat,
                valid_from=REORGANISATION_DAY,
                note="Hình thành từ Tòa án nhân dân cấp cao (B).",
            )
        )
    specs += _provincial_court_specs()
    specs += _district_court_specs()
    specs += _regional_court_specs()
    return specs


def _provincial_court_specs() -> list[UnitSpec]:
    supreme = court_data.SUPREME_COURT_CODE
    unchanged = _unchanged_slugs()
    specs: list[UnitSpec] = []
    for slug, name, kind, _successor in province_data.FORMER_PROVINCES:
        if slug in unchanged:
            continue
        valid_to = LAST_DAY_BEFORE_REORGANISATION
        if slug == "thua_thien_hue":
            valid_to = province_data.HUE_CITY_DAY - dt.timedelta(days=1)
        specs.append(
            UnitSpec(
                provincial_court_code(slug, former=True),
                provincial_court_name(name, kind),
                Unit.Level.PROVINCIAL,
                parent=supreme,
                province=former_province_code(slug),
                valid_to=valid_to,
            )
        )
    for slug, name, kind, status in province_data.NEW_PROVINCES:
        valid_from = None
        if status == "merged":
            valid_from = REORGANISATION_DAY
        elif slug == province_data.HUE_CODE:
            valid_from = province_data.HUE_CITY_DAY
        specs.append(
            UnitSpec(
                provincial_court_code(slug),
                provincial_court_name(name, kind),
                Unit.Level.PROVINCIAL,
                parent=supreme,
                province=slug,
                valid_from=valid_from,
            )
        )
    return specs


def _court_on_last_day(province_code: str) -> str:
    """The provincial court in force on 30/06/2025 for a province in force that day."""
    return (
        f"PT-{province_code}"
        if province_code in _unchanged_slugs()
        else f"PT63-{province_code[:-3]}"
    )


def _district_court_specs() -> list[UnitSpec]:
    specs: list[UnitSpec] = []
    for province_code, gso_code, district_name in gso_districts():
        if district_name in court_data.DISTRICTS_WITHOUT_COURT:
            continue
        specs.append(
            UnitSpec(
                f"DT-{gso_code}",
                district_court_name(district_name),
                Unit.Level.DISTRICT,
                parent=_court_on_last_day(province_code),
                province=province_code,
                valid_to=LAST_DAY_BEFORE_REORGANISATION,
                note="Theo danh mục huyện của Tổng cục Thống kê (vietnam_provinces 0.6.0).",
            )
        )
    return specs


def _regional_court_specs() -> list[UnitSpec]:
    specs: list[UnitSpec] = []
    for slug, (numbers, confidence, source) in court_data.REGIONAL_COURTS.items():
        _, name, _, _ = _new_province(slug)
        specs += [
            UnitSpec(
                regional_court_code(slug, number),
                regional_court_name(number, name),
                Unit.Level.REGIONAL,
                parent=provincial_court_code(slug),
                province=slug,
                valid_from=REORGANISATION_DAY,
                note=f"Nguồn ({confidence}): {source}",
            )
            for number in numbers
        ]
    return specs


def lineage_specs() -> list[LineageSpec]:
    courts_basis = court_data.COURTS_LEGAL_BASIS
    kind = LineageEvent.Kind
    specs = [
        LineageSpec(
            kind.RENAMED,
            province_data.HUE_CITY_DAY,
            ("PT63-thua_thien_hue",),
            ("PT-hue",),
            province_data.HUE_LEGAL_BASIS,
            confidence="B",
            note="Tỉnh Thừa Thiên Huế trở thành thành phố Huế trực thuộc trung ương.",
        )
    ]
    merged: dict[str, list[str]] = defaultdict(list)
    for slug, _name, _kind, successor in province_data.FORMER_PROVINCES:
        if slug not in _unchanged_slugs() and slug != "thua_thien_hue":
            merged[successor].append(provincial_court_code(slug, former=True))
    specs += [
        LineageSpec(
            kind.MERGED_INTO,
            REORGANISATION_DAY,
            tuple(preds),
            (provincial_court_code(slug),),
            courts_basis,
        )
        for slug, preds in merged.items()
    ]
    specs += [
        LineageSpec(
            kind.CONVERTED,
            REORGANISATION_DAY,
            (f"CC-{seat}",),
            (f"TPT-{seat}",),
            courts_basis,
            confidence="B",
        )
        for seat, _, _ in court_data.HIGH_COURT_SEATS
    ]
    by_court: dict[str, list[str]] = defaultdict(list)
    for spec in _district_court_specs():
        by_court[spec.parent or ""].append(spec.code)
    specs += [
        LineageSpec(
            kind.ABOLISHED,
            REORGANISATION_DAY,
            tuple(codes),
            (),
            courts_basis,
            note=(
                "Các TAND cấp huyện kết thúc hoạt động; thẩm quyền theo lãnh thổ chuyển cho các "
                "TAND khu vực theo từng xã (danh sách xã chưa được nạp)."
            ),
        )
        for codes in by_court.values()
    ]
    for slug, (numbers, confidence, source) in court_data.REGIONAL_COURTS.items():
        specs.append(
            LineageSpec(
                kind.CREATED,
                REORGANISATION_DAY,
                (),
                tuple(regional_court_code(slug, n) for n in numbers),
                courts_basis,
                confidence=confidence,
                note=f"Chỉ các TAND khu vực có nguồn xác nhận: {source}",
            )
        )
    return specs


# --- the GSO lists (vietnam_provinces 0.6.0, the last release with districts) ------------------


def _strip_division(name: str) -> str:
    for prefix in ("Tỉnh ", "Thành phố "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@cache
def _gso_by_key() -> dict[str, tuple[str, str]]:
    """search key of the province name → (our code on 30/06/2025, two-digit GSO code).

    The package spells some names differently ("Hoà Bình", "Bà Rịa - Vũng Tàu") and already has
    "Thành phố Huế", so names are compared by `search_key`.
    """
    from vietnam_provinces.enums.districts import ProvinceEnum

    ours: dict[str, str] = {}
    for slug, name, _kind, _successor in province_data.FORMER_PROVINCES:
        if slug == "thua_thien_hue":
            ours[search_key("Huế")] = province_data.HUE_CODE
        else:
            ours[search_key(name)] = former_province_code(slug)
    found: dict[str, tuple[str, str]] = {}
    for member in ProvinceEnum:
        key = search_key(_strip_division(member.value.name))
        if key not in ours:
            raise ValueError(f"GSO province {member.value.name!r} matches no former province")
        found[key] = (ours[key], f"{member.value.code:02d}")
    if len(found) != len(province_data.FORMER_PROVINCES):
        raise ValueError("The GSO list does not cover the 63 former provinces once each.")
    return found


def _gso_province_codes() -> dict[str, str]:
    """slug (former or new, unchanged) → two-digit GSO code."""
    codes: dict[str, str] = {}
    for code, gso in _gso_by_key().values():
        codes[code.removesuffix("_63")] = gso
    codes["thua_thien_hue"] = codes[province_data.HUE_CODE]
    return codes


@cache
def gso_districts() -> tuple[tuple[str, str, str], ...]:
    """(our province code on 30/06/2025, three-digit GSO district code, district name)."""
    from vietnam_provinces.enums.districts import DistrictEnum, ProvinceEnum

    by_gso = {gso: code for code, gso in _gso_by_key().values()}
    province_gso = {member.value.code: f"{member.value.code:02d}" for member in ProvinceEnum}
    return tuple(
        (
            by_gso[province_gso[d.value.province_code]],
            f"{d.value.code:03d}",
            clean_text(d.value.name),
        )
        for d in DistrictEnum
    )
