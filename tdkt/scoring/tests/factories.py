"""Builders for the scoring tests: real service calls over the root `world`."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import xlsxwriter

from tdkt.movements import services as pledges
from tdkt.org.models import ClusterTerm, Unit
from tdkt.scoring.models import CourtStatistic, Criterion, ScoreSheet, ScoringRound
from tdkt.scoring.sheets import Row, create_sheet, draft_pledge, seed_sector_sheets
from tdkt.scoring.statistics_io import STATISTICS


def small_sheet(year: int = 2022) -> ScoreSheet:
    """Two groups: an automatic criminal resolution rate (target 88, 10 points, 1 per %), two
    manual criteria, a bonus and a penalty."""
    rows = [
        Row("1", "", "Chuyên môn", Criterion.Kind.GROUP, Decimal(0)),
        Row(
            "1.1",
            "1",
            "Tỷ lệ giải quyết án hình sự",
            Criterion.Kind.CRITERION,
            Decimal(10),
            "resolution_rate_criminal",
            Decimal(88),
            Decimal(1),
        ),
        Row("2", "", "Tổ chức", Criterion.Kind.GROUP, Decimal(0)),
        Row("2.1", "2", "Kỷ luật, kỷ cương", Criterion.Kind.CRITERION, Decimal(8)),
        Row("2.2", "2", "Thi đua, khen thưởng", Criterion.Kind.CRITERION, Decimal(6)),
        Row("T1", "", "Điểm thưởng", Criterion.Kind.BONUS, Decimal(5)),
        Row("TR1", "", "Điểm trừ", Criterion.Kind.PENALTY, Decimal(10)),
    ]
    return create_sheet(name="Bảng thử", year=year, level="provincial", rows=rows, actor="test")


def seeded_sheet(year: int = 2022) -> ScoreSheet:
    return seed_sector_sheets(year=year, actor="test")[0]


def make_round(
    term: ClusterTerm,
    *,
    sheet: ScoreSheet | None = None,
    sign: bool = True,
    year: int | None = None,
) -> ScoringRound:
    sheet = sheet or small_sheet()
    pledge, scoring_round = draft_pledge(
        sheet=sheet, term=term, year=year or term.year, actor="test"
    )
    if sign:
        pledges.open_for_signing(pledge=pledge, actor="test")
        for membership in term.memberships.select_related("unit"):
            pledges.sign_pledge(
                pledge=pledge,
                unit=membership.unit,
                signer_name="Nguyễn Văn A",
                signer_position="Chánh án",
                actor="test",
            )
    scoring_round.refresh_from_db()
    return scoring_round


def criterion(scoring_round: ScoringRound, code: str) -> Criterion:
    return Criterion.objects.get(sheet=scoring_round.sheet, code=code)


def add_stat(
    unit: Unit, start: dt.date, end: dt.date, case_type: str = "criminal", **counts: int
) -> CourtStatistic:
    values = {"received": 100, "resolved": 90, **counts}
    return CourtStatistic.objects.create(
        unit=unit, period_start=start, period_end=end, case_type=case_type, **values
    )


def workbook(rows: list[list[object]] | list[list[Any]], headers: list[str] | None = None) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Thống kê")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for col, header in enumerate(headers or STATISTICS.headers):
        sheet.write_string(0, col, header)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, col, dt.datetime.combine(value, dt.time()), day)
            elif isinstance(value, int | float):
                sheet.write_number(r, col, value)
            elif value is not None:
                sheet.write_string(r, col, value)
    book.close()
    return buffer.getvalue()
