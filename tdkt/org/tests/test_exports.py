"""Exports and import templates: the import's columns, only what the user may see, and an
exported file imports again without changes."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from tdkt.core.models import AuditEvent
from tdkt.org.exports import GUIDE_SHEET, export_workbook, template_workbook
from tdkt.org.io import FORMATS
from tdkt.org.models import Employment, Unit
from tdkt.org.tests.test_imports import do_import
from tests import factories as f

pytestmark = pytest.mark.django_db


def sheets(data: bytes) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


@pytest.fixture
def staff(world):
    an = f.make_person(
        "Nguyễn Văn An",
        world.thanh_hoa,
        code="CB1",
        gender="male",
        birth_date=dt.date(1980, 10, 14),
    )
    Employment.objects.create(
        person=an,
        unit=world.nghe_an,
        position="Thẩm phán",
        is_judge=True,
        kind=Employment.Kind.SECONDMENT,
        start=dt.date(2023, 1, 1),
        end=dt.date(2023, 12, 31),
    )
    f.make_person("Phạm Minh Đức", world.nghe_an, code="CB2")
    return an


@pytest.mark.parametrize("kind", ["units", "people", "employment"])
def test_template_has_headers_a_sample_row_and_a_guide(kind):
    spec = FORMATS[kind]
    book = sheets(template_workbook(kind))
    assert list(book) == [spec.sheet, GUIDE_SHEET]
    data = book[spec.sheet]
    assert data[0] == spec.headers
    assert len(data) == 2
    guide_headers = [row[0] for row in book[GUIDE_SHEET][3:]]
    assert guide_headers == spec.headers


def test_people_template_sample_row_is_a_valid_import():
    report = do_import("people", template_workbook("people"))
    assert report.created == 1


def test_units_export_has_every_unit_and_imports_again_unchanged(world, spc_office):
    book = sheets(export_workbook("units", user=spc_office))
    rows = book["Đơn vị"]
    assert rows[0] == FORMATS["units"].headers
    assert rows[1][:4] == ["TANDTC", "Tòa án nhân dân tối cao", "Tòa án nhân dân tối cao", ""]
    by_code = {r[0]: r for r in rows[1:]}
    assert set(by_code) == set(Unit.objects.values_list("code", flat=True))
    assert by_code["DT-391"][2:4] == ["cấp huyện", "PT-thanh_hoa"]
    assert by_code["DT-391"][6] == dt.date(2025, 6, 30)
    events = AuditEvent.objects.count()
    report = do_import("units", export_workbook("units", user=spc_office))
    assert (report.created, report.updated, report.unchanged) == (0, 0, Unit.objects.count())
    assert AuditEvent.objects.count() == events


def test_people_and_employment_exports_show_only_visible_people(
    world, staff, cluster_secretary, spc_office
):
    people = sheets(export_workbook("people", user=cluster_secretary))["Cán bộ"]
    assert [r[:4] for r in people[1:]] == [["CB1", "Nguyễn Văn An", "Nam", dt.date(1980, 10, 14)]]
    jobs = sheets(export_workbook("employment", user=cluster_secretary))["Quá trình công tác"]
    assert [r[:7] for r in jobs[1:]] == [
        ["CB1", "PT-thanh_hoa", "Thư ký Tòa án", "Không", "bổ nhiệm", dt.date(2020, 1, 1), ""],
        [
            "CB1",
            "PT-nghe_an",
            "Thẩm phán",
            "Có",
            "biệt phái",
            dt.date(2023, 1, 1),
            dt.date(2023, 12, 31),
        ],
    ]
    everyone = sheets(export_workbook("people", user=spc_office))["Cán bộ"]
    assert sorted(r[0] for r in everyone[1:]) == ["CB1", "CB2"]


def test_people_and_employment_exports_import_again_unchanged(world, staff, spc_office):
    events = AuditEvent.objects.count()
    assert do_import("people", export_workbook("people", user=spc_office)).unchanged == 2
    assert do_import("employment", export_workbook("employment", user=spc_office)).unchanged == 3
    assert AuditEvent.objects.count() == events


def test_outsider_exports_nothing(world, staff, outsider):
    assert sheets(export_workbook("people", user=outsider))["Cán bộ"] == [FORMATS["people"].headers]


def test_export_commands_write_workbooks(tmp_path, world, staff):
    for kind in ("units", "people", "employment"):
        path = tmp_path / f"{kind}.xlsx"
        call_command(f"export_{kind}", "--output", str(path))
        assert sheets(path.read_bytes())[FORMATS[kind].sheet][0] == FORMATS[kind].headers
    mine = tmp_path / "mine.xlsx"
    f.make_user("outsider")
    call_command("export_people", "--output", str(mine), "--actor", "outsider")
    assert sheets(mine.read_bytes())["Cán bộ"] == [FORMATS["people"].headers]
