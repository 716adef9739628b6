"""Statistics import: clean files stored set-based, bad files named row by row and nothing
written; periods summed to the year; merged courts combine their predecessors' figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from tdkt.core.errors import InputError
from tdkt.core.models import AuditEvent
from tdkt.org.models import LineageEvent, LineageLink, Organisation
from tdkt.scoring.indicators import year_figures
from tdkt.scoring.models import CourtStatistic, Indicator, StatisticImport
from tdkt.scoring.statistics_io import import_statistics, template_workbook
from tests import factories as f

from .factories import add_stat, workbook

pytestmark = pytest.mark.django_db
START, END = dt.date(2021, 10, 1), dt.date(2021, 10, 31)


def _row(code, case="Hình sự", received=10, resolved=9, start=START, end=END, *rest) -> list[Any]:
    return [code, start, end, case, received, resolved, *(rest or (0, 0, 1, 0))]


def test_clean_file_is_stored_and_audited(world):
    rows = [
        _row("PT-nghe_an"),
        _row("PT-nghe_an", "DS", 20, 15),
        _row("PT-thanh_hoa", "hôn nhân gia đình"),
    ]
    report = import_statistics(data=workbook(rows), filename="thang10.xlsx", actor="t")
    assert (report.rows, report.units, report.periods, report.replaced) == (3, 2, 1, 0)
    assert CourtStatistic.objects.count() == 3
    civil = CourtStatistic.objects.get(unit=world.nghe_an, case_type="civil")
    assert (civil.received, civil.resolved, civil.online_trials) == (20, 15, 1)
    batch = StatisticImport.objects.get()
    assert civil.source == batch
    assert (
        AuditEvent.objects.filter(
            code="scoring.statistics.imported", target_id=str(batch.pk)
        ).count()
        == 1
    )
    # importing the same period again replaces that unit's figures for it
    report = import_statistics(
        data=workbook([_row("PT-nghe_an", received=30)]), filename="lai.xlsx", actor="t"
    )
    assert report.replaced == 2
    assert CourtStatistic.objects.filter(unit=world.nghe_an).get().received == 30


def test_every_bad_row_is_named_and_nothing_written(world):
    rows = [
        _row("PT-nghe_an"),
        _row("KHONG-CO"),
        _row("PT-nghe_an", "Hình sự"),  # duplicate of row 2
        _row("PT-thanh_hoa", "Quân sự"),
        _row("PT-thanh_hoa", "DS", "12,5"),
        _row("PT-thanh_hoa", "HC", 5, 9),
        _row("PT-thanh_hoa", "LĐ", 5, 1, START, dt.date(2021, 9, 1)),
        _row("PT-thanh_hoa", "KDTM", 5, 1, "31/02/2022"),
    ]
    with translation.override("vi"), pytest.raises(InputError) as caught:
        import_statistics(data=workbook(rows), filename="loi.xlsx", actor="t")
    messages = [e.message for e in caught.value.errors]
    assert [e.row for e in caught.value.errors] == [3, 4, 5, 6, 7, 8, 9]
    assert "Dòng 6, cột “Thụ lý”" in messages[3] and "“12,5”" in messages[3]
    assert "Dòng 3, cột “Mã đơn vị”" in messages[0]
    assert not CourtStatistic.objects.exists()
    assert not StatisticImport.objects.exists()


def test_missing_column_and_wrong_file(world):
    with pytest.raises(InputError) as caught:
        import_statistics(
            data=workbook([["PT-nghe_an"]], headers=["Mã đơn vị"]), filename="a.xlsx", actor="t"
        )
    assert len(caught.value.errors) == 5  # Từ ngày, Đến ngày, Loại án, Thụ lý, Đã giải quyết
    with pytest.raises(InputError):
        import_statistics(data=b"not a workbook", filename="a.xlsx", actor="t")
    with pytest.raises(InputError):
        import_statistics(data=b"a,b\n1,2\n", filename="a.csv", actor="t")


def test_import_is_limited_to_the_writable_units(world):
    with pytest.raises(InputError) as caught:
        import_statistics(
            data=workbook([_row("PT-thanh_hoa")]),
            filename="a.xlsx",
            actor="t",
            writable_unit_ids={world.nghe_an.pk},
        )
    assert caught.value.errors[0].row == 2


def test_template_round_trips(world):
    from tdkt.scoring.statistics_io import read_statistics

    with pytest.raises(InputError) as caught:  # the sample unit code is not in this registry
        read_statistics(template_workbook(), "mau.xlsx", writable_unit_ids=None)
    assert [e.row for e in caught.value.errors] == [2]


def test_clean_import_runs_in_a_handful_of_queries(world, django_assert_max_num_queries):
    for count in (3, 30):
        rows = [
            _row(
                "PT-nghe_an",
                "Hình sự",
                10,
                5,
                START + dt.timedelta(days=i),
                END + dt.timedelta(days=i),
            )
            for i in range(count)
        ]
        with django_assert_max_num_queries(12 + count):  # one replace per period, then one insert
            import_statistics(data=workbook(rows), filename="a.xlsx", actor="t")


def test_periods_sum_to_the_emulation_year(world):
    Organisation.current()
    add_stat(
        world.nghe_an,
        dt.date(2021, 10, 1),
        dt.date(2021, 12, 31),
        received=40,
        resolved=30,
        annulled_amended=1,
    )
    add_stat(world.nghe_an, dt.date(2022, 1, 1), dt.date(2022, 9, 30), received=60, resolved=60)
    add_stat(
        world.nghe_an, dt.date(2021, 7, 1), dt.date(2021, 9, 30), received=999, resolved=0
    )  # 2021
    figures = year_figures([world.nghe_an], 2022)[world.nghe_an.pk]
    rates = figures.rates()
    assert figures.total("received") == 100
    assert rates[Indicator.RESOLUTION_CRIMINAL] == Decimal("90.00")
    assert rates[Indicator.ANNULLED] == Decimal("1.11")
    assert rates[Indicator.RESOLUTION_CIVIL] is None


def test_merged_court_combines_its_predecessors_before_the_merger(world):
    """TAND tỉnh Hải Dương merged into TAND TP Hải Phòng on 01/07/2025 (world fixture); the old
    Hải Phòng court is added as a second predecessor (COURT-06)."""
    old_hp = f.make_unit(
        "Tòa án nhân dân thành phố Hải Phòng (cũ)",
        parent=world.spc,
        code="PT63-hai_phong",
        valid_to=dt.date(2025, 6, 30),
    )
    event = LineageEvent.objects.get(kind=LineageEvent.Kind.MERGED_INTO)
    LineageLink.objects.create(event=event, predecessor=old_hp, successor=world.hai_phong)
    add_stat(
        world.old_hai_duong, dt.date(2024, 10, 1), dt.date(2025, 6, 30), received=100, resolved=90
    )
    add_stat(old_hp, dt.date(2024, 10, 1), dt.date(2025, 6, 30), received=200, resolved=150)
    add_stat(
        world.old_hai_duong, dt.date(2025, 7, 1), dt.date(2025, 9, 30), received=7, resolved=7
    )  # after its end: ignored
    add_stat(world.hai_phong, dt.date(2025, 7, 1), dt.date(2025, 9, 30), received=100, resolved=100)
    figures = year_figures([world.hai_phong], 2025)[world.hai_phong.pk]
    assert figures.total("received") == 400
    assert figures.total("resolved") == 340
    assert figures.rates()[Indicator.RESOLUTION_CRIMINAL] == Decimal("85.00")
    assert {c.unit.code for c in figures.carried} == {"PT63-hai_duong", "PT63-hai_phong"}
    assert {c.until for c in figures.carried} == {dt.date(2025, 6, 30)}
    # in 2026 the predecessors no longer count
    assert year_figures([world.hai_phong], 2026)[world.hai_phong.pk].carried == []
