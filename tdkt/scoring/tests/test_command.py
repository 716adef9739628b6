from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tdkt.scoring.models import CourtStatistic

from .factories import workbook

pytestmark = pytest.mark.django_db


def test_import_court_stats_command(world, tmp_path):
    good = tmp_path / "thong-ke.xlsx"
    row = ["PT-nghe_an", dt.date(2021, 10, 1), dt.date(2021, 10, 31), "HS", 10, 9]
    good.write_bytes(workbook([row]))
    out = StringIO()
    call_command("import_court_stats", str(good), "--dry-run", stdout=out)
    assert not CourtStatistic.objects.exists()
    call_command("import_court_stats", str(good), stdout=out)
    assert CourtStatistic.objects.count() == 1
    bad = tmp_path / "loi.xlsx"
    bad.write_bytes(workbook([["KHONG-CO", *row[1:]]]))
    with pytest.raises(CommandError):
        call_command("import_court_stats", str(bad), stderr=StringIO())
    with pytest.raises(CommandError):
        call_command("import_court_stats", str(tmp_path / "none.xlsx"))
