"""Imports of units, people and employment: formats, spelling variants, every error kind,
all-or-nothing writes, idempotent re-imports, audit events and query budgets."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tdkt.core.errors import InputError, RowError
from tdkt.core.models import AuditEvent
from tdkt.org.io import ImportReport, run_import
from tdkt.org.io.values import CellInvalid, date
from tdkt.org.models import Employment, Person, Province, Unit
from tests import factories as f

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 3, 5)

UNIT_HEADERS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Cấp",
    "Đơn vị cấp trên",
    "Tỉnh/thành phố",
    "Hiệu lực từ",
    "Hiệu lực đến",
]
PEOPLE_HEADERS = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Ngày tuyển dụng"]
EMPLOYMENT_HEADERS = [
    "Mã cán bộ",
    "Mã đơn vị",
    "Chức vụ",
    "Thẩm phán",
    "Hình thức",
    "Từ ngày",
    "Đến ngày",
    "Ghi chú",
]


def xlsx(rows: Sequence[Sequence[Any]], sheet: str = "Trang tính 1") -> bytes:
    """A workbook whose first sheet holds `rows` (dates become Excel date cells)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    worksheet = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                worksheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
            elif value is not None:
                worksheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


def csv_bytes(
    rows: Sequence[Sequence[Any]],
    *,
    bom: bool = False,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (codecs.BOM_UTF8 + data) if bom else data


def do_import(
    kind: str,
    data: bytes,
    filename: str = "file.xlsx",
    *,
    actor: Any = "test",
    scope: set[int] | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """The import, in English so that messages and audit labels are the source strings."""
    with translation.override("en"):
        return run_import(
            kind,
            data=data,
            filename=filename,
            actor=actor,
            writable_unit_ids=scope,
            dry_run=dry_run,
            today=TODAY,
        )


def errors_of(kind: str, data: bytes, filename: str = "file.xlsx", **kw: Any) -> list[RowError]:
    with translation.override("en"), pytest.raises(InputError) as info:
        do_import(kind, data, filename, **kw)
    return info.value.errors


def counts() -> tuple[int, int, int, int]:
    return (
        Unit.objects.count(),
        Person.objects.count(),
        Employment.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def provinces(db):
    return {
        "hn": f.make_province("Hà Nội", code="t-hn", kind=Province.Kind.CITY),
        "th": f.make_province("Thanh Hóa", code="t-th"),
        "hcm": f.make_province("Hồ Chí Minh", code="t-hcm", kind=Province.Kind.CITY),
        "nb_old": f.make_province("Ninh Bình", code="t-nb-63", valid_to=dt.date(2025, 6, 30)),
        "nb_new": f.make_province("Ninh Bình", code="t-nb-34", valid_from=dt.date(2025, 7, 1)),
    }


@pytest.fixture
def spc(db):
    return Unit.objects.create(
        code="TANDTC", name="Tòa án nhân dân tối cao", level=Unit.Level.SUPREME
    )


# --- formats -------------------------------------------------------------------------------


def test_units_import_from_xlsx_with_parents_in_any_order(spc, provinces):
    data = xlsx(
        [
            UNIT_HEADERS,
            [
                "KV1-HN",
                "Tòa án nhân dân khu vực 1 – Hà Nội",
                "khu vực",
                "TAND-HN",
                "TP. Hà Nội",
                dt.date(2025, 7, 1),
                None,
            ],
            [
                "TAND-HN",
                "Tòa án nhân dân thành phố Hà Nội",
                "cấp tỉnh",
                "TANDTC",
                "thành phố Hà Nội",
                None,
                None,
            ],
            [
                "TAND-TH",
                "Tòa án nhân dân tỉnh Thanh Hóa",
                "TAND cấp tỉnh",
                "TANDTC",
                "tỉnh Thanh Hoá",
                None,
                None,
            ],
            [
                "HUYEN-NS",
                "Tòa án nhân dân huyện Nga Sơn",
                "cấp huyện",
                "TAND-TH",
                "t-th",
                None,
                "30/06/2025",
            ],
            ["P-TDKT", "Phòng Thi đua – Khen thưởng", "Phòng/Ban", "TANDTC", "", None, None],
        ]
    )
    report = do_import("units", data)
    assert (report.created, report.updated, report.unchanged) == (5, 0, 0)
    kv1 = Unit.objects.select_related("parent", "province").get(code="KV1-HN")
    assert kv1.parent is not None
    assert kv1.parent.code == "TAND-HN"
    assert kv1.parent.parent == spc
    assert kv1.level == Unit.Level.REGIONAL
    assert kv1.province == provinces["hn"]
    assert kv1.valid_from == dt.date(2025, 7, 1)
    assert kv1.search_key == "toa an nhan dan khu vuc 1 - ha noi kv1-hn"
    assert Unit.objects.get(code="TAND-TH").province == provinces["th"]
    assert Unit.objects.get(code="HUYEN-NS").valid_to == dt.date(2025, 6, 30)
    assert Unit.objects.get(code="P-TDKT").level == Unit.Level.DEPARTMENT
    assert AuditEvent.objects.filter(code="org.unit.created").count() == 5
    event = AuditEvent.objects.get(code="org.unit.created", target_id=str(kv1.pk))
    assert event.actor_label == "test"
    assert event.after["parent"] == "Tòa án nhân dân thành phố Hà Nội"
    assert "file.xlsx" in event.note


def test_units_import_from_csv_with_and_without_bom(spc):
    rows = [UNIT_HEADERS[:4], ["TAND-HN", "Tòa án nhân dân thành phố Hà Nội", "cấp tỉnh", "TANDTC"]]
    assert do_import("units", csv_bytes(rows, bom=True), "donvi.csv").created == 1
    rows[1][1] = "Tòa án nhân dân Thành phố Hà Nội"
    report = do_import("units", csv_bytes(rows, delimiter=";"), "donvi.csv")
    assert report.updated == 1
    assert Unit.objects.get(code="TAND-HN").name == "Tòa án nhân dân Thành phố Hà Nội"


def test_people_import_from_xls():
    """people.xls was written once with xlwt: an Excel date cell, a text date, a numeric code."""
    data = (FIXTURES / "people.xls").read_bytes()
    report = do_import("people", data, "people.xls")
    assert report.created == 2
    hoa = Person.objects.get(code="XLS001")
    assert (hoa.full_name, hoa.given_name, hoa.gender) == (
        "Nguyễn Thị Hoà",
        "Hoà",
        Person.Gender.FEMALE,
    )
    assert (hoa.birth_date, hoa.recruited_on, hoa.note) == (
        dt.date(1980, 10, 14),
        dt.date(2006, 3, 5),
        "Thư ký",
    )
    duc = Person.objects.get(code="1234")
    assert (duc.birth_date, duc.recruited_on) == (dt.date(1975, 2, 28), dt.date(2001, 9, 1))
    assert duc.search_key == "le van duc 1234"


def test_employment_import_creates_and_updates_periods(world):
    an = f.make_person("Nguyễn Văn An", world.thanh_hoa, code="CB1", start=dt.date(2020, 1, 1))
    f.make_person("Phạm Minh Đức", world.nghe_an, code="CB2")
    data = xlsx(
        [
            EMPLOYMENT_HEADERS,
            ["CB1", "PT-thanh_hoa", "Thư ký Tòa án", "", "", dt.date(2020, 1, 1), "30/09/2022", ""],
            ["CB1", "PT-nghe_an", "Thẩm phán", "x", "điều động", "1/10/2022", None, "QĐ 12/QĐ-TA"],
            ["CB2", "PT-thanh_hoa", "Phó Chánh án", "Có", "Biệt phái", "2023-01-15", "", ""],
        ]
    )
    report = do_import("employment", data)
    assert (report.created, report.updated, report.unchanged) == (2, 1, 0)
    old = an.employments.get(unit=world.thanh_hoa)
    assert old.end == dt.date(2022, 9, 30)
    new = an.employments.get(unit=world.nghe_an)
    assert (new.position, new.is_judge, new.kind, new.note) == (
        "Thẩm phán",
        True,
        Employment.Kind.TRANSFER,
        "QĐ 12/QĐ-TA",
    )
    assert (
        Employment.objects.get(person__code="CB2", unit=world.thanh_hoa).kind
        == Employment.Kind.SECONDMENT
    )
    assert AuditEvent.objects.filter(code="org.employment.created").count() == 2
    assert (
        AuditEvent.objects.filter(code="org.person.employment_added", target_id=str(an.pk)).count()
        == 1
    )
    update = AuditEvent.objects.get(code="org.employment.updated")
    assert update.before["end"] is None
    assert update.after["end"] == "2022-09-30"


# --- Vietnamese text and variants ----------------------------------------------------------


def test_nfd_and_lookalikes_are_stored_clean():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    data = xlsx([PEOPLE_HEADERS[:2], ["CB9", f"  {nfd}\u00a0\u200b "], ["CB10", "Ðặng Văn Bình"]])
    do_import("people", data)
    person = Person.objects.get(code="CB9")
    assert person.full_name == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.given_name == "Ánh"
    assert Person.objects.get(code="CB10").full_name == "Đặng Văn Bình"


def test_header_variants_are_recognised_and_unknown_columns_reported(spc, provinces):
    headers = [
        "Ma don vi",
        "TÊN ĐV",
        "cap",
        "Mã ĐV cấp trên",
        "Tỉnh / Thành phố",
        "Hiệu lực từ (dd/mm/yyyy)",
        "Số thứ tự",
    ]
    data = xlsx(
        [
            headers,
            [
                "TAND-HCM",
                "Tòa án nhân dân Thành phố Hồ Chí Minh",
                "TAND tỉnh",
                "TANDTC",
                "TP.HCM",
                "",
                "1",
            ],
        ]
    )
    with translation.override("en"):
        report = do_import("units", data)
    unit = Unit.objects.get(code="TAND-HCM")
    assert unit.province == provinces["hcm"]
    assert unit.parent == spc
    assert report.warnings == ["Column “Số thứ tự” is not part of this format and was ignored."]


def test_people_headers_with_tone_variants_and_header_below_a_blank_row():
    data = xlsx(
        [
            [],
            ["Mã CB", "Họ tên", "Giới", "Ngày, tháng, năm sinh"],
            ["CB5", "Trần Văn Hoà", "nam", "ngày 05 tháng 3 năm 1990"],
        ]
    )
    do_import("people", data)
    person = Person.objects.get(code="CB5")
    assert (person.gender, person.birth_date) == (Person.Gender.MALE, dt.date(1990, 3, 5))


def test_province_by_name_uses_validity_to_choose_between_namesakes(spc, provinces):
    data = xlsx(
        [
            UNIT_HEADERS,
            [
                "OLD-NB",
                "Tòa án nhân dân tỉnh Ninh Bình (cũ)",
                "cấp tỉnh",
                "TANDTC",
                "tỉnh Ninh Bình",
                None,
                dt.date(2025, 6, 30),
            ],
            [
                "NEW-NB",
                "Tòa án nhân dân tỉnh Ninh Bình",
                "cấp tỉnh",
                "TANDTC",
                "Ninh Binh",
                dt.date(2025, 7, 1),
                None,
            ],
        ]
    )
    do_import("units", data)
    assert Unit.objects.get(code="OLD-NB").province == provinces["nb_old"]
    assert Unit.objects.get(code="NEW-NB").province == provinces["nb_new"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("14/10/2022", dt.date(2022, 10, 14)),
        ("5/3/2026", dt.date(2026, 3, 5)),
        ("2022-10-14", dt.date(2022, 10, 14)),
        ("14-10-2022", dt.date(2022, 10, 14)),
        ("14.10.2022", dt.date(2022, 10, 14)),
        ("ngày 05 tháng 3 năm 2026", dt.date(2026, 3, 5)),
        (dt.date(2022, 10, 14), dt.date(2022, 10, 14)),
        (dt.datetime(2022, 10, 14, 8, 30, tzinfo=dt.UTC), dt.date(2022, 10, 14)),
        ("", None),
    ],
)
def test_dates_in_every_accepted_spelling(value, expected):
    assert date(value) == expected


@pytest.mark.parametrize(
    "value", ["31/02/1980", "14/10/22", "2022/13/01", "44848", "mười bốn", "14/10/1800"]
)
def test_bad_dates_are_refused(value):
    with pytest.raises(CellInvalid):
        date(value)


# --- every error kind names the row and the column -----------------------------------------


def _units(*rows):
    return xlsx([UNIT_HEADERS, *rows])


@pytest.mark.parametrize(
    ("rows", "row", "column", "text"),
    [
        ([["", "Tòa án X", "cấp tỉnh", "TANDTC"]], 2, "Mã đơn vị", "a value is required"),
        ([["X1", "", "cấp tỉnh", "TANDTC"]], 2, "Tên đơn vị", "a value is required"),
        (
            [["X1", "Tòa án X", "cấp xã", "TANDTC"]],
            2,
            "Cấp",
            "expected one of “Tòa án nhân dân tối cao”",
        ),
        (
            [["X1", "Tòa án X", "cấp tỉnh", "KHONG-CO"]],
            2,
            "Đơn vị cấp trên",
            "no unit has the code “KHONG-CO”",
        ),
        ([["X1", "Tòa án X", "cấp tỉnh", "X1"]], 2, "Đơn vị cấp trên", "cannot be its own parent"),
        (
            [["X1", "Tòa án X", "cấp tỉnh", "TANDTC", "Atlantis"]],
            2,
            "Tỉnh/thành phố",
            "expected a province code or name, got “Atlantis”",
        ),
        (
            [["X1", "Tòa án X", "cấp tỉnh", "TANDTC", "", "31/02/2020"]],
            2,
            "Hiệu lực từ",
            "expected a date as dd/mm/yyyy, got “31/02/2020”",
        ),
        (
            [["X1", "Tòa án X", "cấp tỉnh", "TANDTC", "", "01/07/2025", "30/06/2025"]],
            2,
            "Hiệu lực đến",
            "expected a date not before “Hiệu lực từ” (01/07/2025), got “30/06/2025”",
        ),
        (
            [["X1", "Tòa án X", "cấp tỉnh"], ["X1", "Tòa án Y", "cấp tỉnh"]],
            3,
            "Mã đơn vị",
            "“X1” already appears in row 2",
        ),
        (
            [["X1", "Tòa án " + "X" * 200, "cấp tỉnh"]],
            2,
            "Tên đơn vị",
            "expected at most 200 characters",
        ),
        ([["X1", "Tßa ¸n nh©n d©n", "cấp tỉnh"]], 2, "Tên đơn vị", "old 8-bit font"),
        (
            [["X1", "Tòa án X", "cấp tỉnh", "X2"], ["X2", "Tòa án Y", "cấp tỉnh", "X1"]],
            2,
            "Đơn vị cấp trên",
            "would place the unit under itself",
        ),
    ],
)
def test_unit_errors_name_row_and_column(spc, provinces, rows, row, column, text):
    errors = errors_of("units", _units(*rows))
    assert any(e.row == row and e.column == column and text in e.message for e in errors), errors
    error = next(e for e in errors if e.row == row and e.column == column)
    assert error.message.startswith(f"Row {row}, column “{column}”")


def test_a_province_name_matching_two_provinces_in_force_asks_for_the_code(spc, provinces):
    f.make_province("Thanh Hoá", code="t-th-2")
    errors = errors_of("units", _units(["X1", "Tòa án X", "cấp tỉnh", "TANDTC", "Thanh Hóa"]))
    assert [(e.row, e.column) for e in errors] == [(2, "Tỉnh/thành phố")]
    assert (
        "“Thanh Hóa” matches several provinces (t-th, t-th-2); use the province code"
        in errors[0].message
    )


def test_a_cycle_through_the_registry_is_refused(spc):
    child = Unit.objects.create(
        code="C1", name="Tòa án con", level=Unit.Level.PROVINCIAL, parent=spc
    )
    errors = errors_of(
        "units", _units(["TANDTC", "Tòa án nhân dân tối cao", "tối cao", child.code])
    )
    assert [(e.row, e.column) for e in errors] == [(2, "Đơn vị cấp trên")]


@pytest.mark.parametrize(
    ("rows", "row", "column", "text"),
    [
        (
            [["CB1", "Nguyễn Văn A", "Nam", "31/02/1980"]],
            2,
            "Ngày sinh",
            "expected a date as dd/mm/yyyy, got “31/02/1980”",
        ),
        (
            [["CB1", "Nguyễn Văn A", "Không rõ", ""]],
            2,
            "Giới tính",
            "expected one of “Nam”, “Nữ”, got “Không rõ”",
        ),
        ([["CB1", "", "Nam", ""]], 2, "Họ và tên", "a value is required"),
        (
            [["CB1", "A", "", ""], ["CB2", "B", "", ""], ["CB1", "C", "", ""]],
            4,
            "Mã cán bộ",
            "already appears in row 2",
        ),
    ],
)
def test_people_errors_name_row_and_column(rows, row, column, text):
    errors = errors_of("people", xlsx([PEOPLE_HEADERS[:4], *rows]))
    assert any(e.row == row and e.column == column and text in e.message for e in errors), errors


def test_the_example_message_of_the_style_guide():
    errors = errors_of(
        "people",
        xlsx(
            [
                PEOPLE_HEADERS[:4],
                *[[f"CB{i}", "A", "", ""] for i in range(12)],
                ["CB99", "B", "Nam", "31/02/1980"],
            ]
        ),
    )
    assert [e.message for e in errors] == [
        "Row 14, column “Ngày sinh”: expected a date as dd/mm/yyyy, got “31/02/1980”."
    ]


@pytest.mark.parametrize(
    ("row", "column", "text"),
    [
        (
            ["CB404", "PT-thanh_hoa", "Thư ký", "", "", "01/01/2020"],
            "Mã cán bộ",
            "no person has the staff code “CB404”",
        ),
        (
            ["CB1", "KHONG-CO", "Thư ký", "", "", "01/01/2020"],
            "Mã đơn vị",
            "no unit has the code “KHONG-CO”",
        ),
        (["CB1", "PT-thanh_hoa", "", "", "", "01/01/2020"], "Chức vụ", "a value is required"),
        (
            ["CB1", "PT-thanh_hoa", "Thư ký", "có lẽ", "", "01/01/2020"],
            "Thẩm phán",
            "expected one of “Có”, “Không”",
        ),
        (
            ["CB1", "PT-thanh_hoa", "Thư ký", "", "luân chuyển", "01/01/2020"],
            "Hình thức",
            "“bổ nhiệm”, “điều động”, “biệt phái”",
        ),
        (["CB1", "PT-thanh_hoa", "Thư ký", "", "", ""], "Từ ngày", "a value is required"),
        (
            ["CB1", "PT-thanh_hoa", "Thư ký", "", "", "01/01/2020", "31/12/2019"],
            "Đến ngày",
            "not before “Từ ngày” (01/01/2020)",
        ),
        (
            ["CB1", "PT-nghe_an", "Thư ký", "", "", "01/01/2020"],
            "Mã đơn vị",
            "no permission for the unit “PT-nghe_an",
        ),
    ],
)
def test_employment_errors_name_row_and_column(world, row, column, text):
    f.make_person("Nguyễn Văn An", world.thanh_hoa, code="CB1")
    scope = {world.thanh_hoa.pk, world.district.pk}
    errors = errors_of("employment", xlsx([EMPLOYMENT_HEADERS, row]), scope=scope)
    assert [(e.row, e.column) for e in errors] == [(2, column)]
    assert text in errors[0].message


def test_same_period_twice_in_a_file(world):
    f.make_person("Nguyễn Văn An", world.thanh_hoa, code="CB1")
    row = ["CB1", "PT-thanh_hoa", "Thư ký", "", "", "01/01/2021"]
    errors = errors_of("employment", xlsx([EMPLOYMENT_HEADERS, row, row]))
    assert [(e.row, e.column) for e in errors] == [(3, "Mã cán bộ")]
    assert "already appear in row 2" in errors[0].message


def test_changing_a_person_outside_scope_is_refused_but_unchanged_rows_pass(world):
    f.make_person("Nguyễn Văn An", world.thanh_hoa, code="CB1")
    f.make_person("Phạm Minh Đức", world.nghe_an, code="CB2")
    scope = {world.thanh_hoa.pk}
    data = xlsx([PEOPLE_HEADERS[:2], ["CB1", "Nguyễn Văn An"], ["CB2", "Phạm Minh Đức"]])
    assert do_import("people", data, scope=scope).unchanged == 2
    data = xlsx([PEOPLE_HEADERS[:2], ["CB1", "Nguyễn Văn Ân"], ["CB2", "Phạm Minh Đức Anh"]])
    errors = errors_of("people", data, scope=scope)
    assert [(e.row, e.column) for e in errors] == [(3, "Mã cán bộ")]
    assert "no permission to change the person “CB2 — Phạm Minh Đức”" in errors[0].message


def test_file_level_errors():
    assert (
        "required column “Họ và tên” is missing"
        in errors_of("people", xlsx([["Mã cán bộ"], ["CB1"]]))[0].message
    )
    duplicate = errors_of("people", xlsx([["Mã cán bộ", "Họ và tên", "Họ tên"], ["CB1", "A", "A"]]))
    assert [(e.row, e.column) for e in duplicate] == [(1, "Họ tên")]
    assert "row 1 must hold the column headers" in errors_of("people", xlsx([]))[0].message
    assert "no data rows" in errors_of("people", xlsx([PEOPLE_HEADERS]))[0].message
    assert (
        "Expected a .xlsx, .xls or .csv file" in errors_of("people", b"x", "people.txt")[0].message
    )
    assert (
        "is not a .xlsx file"
        in errors_of("people", b"Ma can bo,Ho va ten\n", "people.xlsx")[0].message
    )
    assert (
        "is not a .csv file" in errors_of("people", xlsx([PEOPLE_HEADERS]), "people.csv")[0].message
    )
    assert "could not be read" in errors_of("people", b"PK\x03\x04broken", "people.xlsx")[0].message


def test_csv_in_another_encoding_is_refused_with_the_line():
    rows = [["Ma can bo", "Ho va ten"], ["CB1", "Nguyen Van A"], ["CB2", "Lê Hà"]]
    message = errors_of("people", csv_bytes(rows, encoding="cp1258"), "people.csv")[0].message
    assert message.startswith("Line 3 of the file is not UTF-8 text")
    assert "CSV UTF-8" in message
    utf16 = codecs.BOM_UTF16_LE + "Mã cán bộ,Họ và tên\n".encode("utf-16-le")
    assert "UTF-16" in errors_of("people", utf16, "people.csv")[0].message


def test_every_bad_row_is_reported_at_once(spc):
    data = _units(
        ["X1", "Tòa án X", "cấp xã", "TANDTC"],
        ["X2", "Tòa án Y", "cấp tỉnh", "TANDTC", "", "31/02/2020"],
        ["X3", "", "cấp tỉnh", "NOPE"],
    )
    errors = errors_of("units", data)
    assert [(e.row, e.column) for e in errors] == [
        (2, "Cấp"),
        (3, "Hiệu lực từ"),
        (4, "Tên đơn vị"),
        (4, "Đơn vị cấp trên"),
    ]


# --- all or nothing, idempotence, audit ----------------------------------------------------


def test_nothing_is_written_when_one_row_is_bad(world):
    f.make_person("Nguyễn Văn An", world.thanh_hoa, code="CB1")
    before = counts()
    units = _units(
        ["N1", "Tòa án mới", "cấp tỉnh", "TANDTC"], ["N2", "Tòa án mới 2", "cấp tỉnh", "NOPE"]
    )
    errors_of("units", units)
    people = xlsx(
        [PEOPLE_HEADERS[:4], ["CB1", "Nguyễn Văn Ân", "", ""], ["CB2", "B", "", "32/01/1990"]]
    )
    errors_of("people", people)
    employment = xlsx(
        [
            EMPLOYMENT_HEADERS,
            ["CB1", "PT-thanh_hoa", "Thư ký", "", "", "01/01/2020", "01/01/2021"],
            ["CB1", "NOPE", "A", "", "", "01/01/2022"],
        ]
    )
    errors_of("employment", employment)
    assert counts() == before
    assert Person.objects.get(code="CB1").full_name == "Nguyễn Văn An"
    assert Employment.objects.get(person__code="CB1").end is None


def test_dry_run_reports_and_writes_nothing(spc):
    before = counts()
    report = do_import("units", _units(["N1", "Tòa án mới", "cấp tỉnh", "TANDTC"]), dry_run=True)
    assert (report.dry_run, report.created) == (True, 1)
    assert counts() == before


def test_reimport_is_idempotent_and_updates_are_audited(spc, provinces):
    data = _units(
        ["TAND-HN", "Tòa án nhân dân thành phố Hà Nội", "cấp tỉnh", "TANDTC", "Hà Nội", "", ""],
        [
            "KV1-HN",
            "Tòa án nhân dân khu vực 1 – Hà Nội",
            "khu vực",
            "TAND-HN",
            "Hà Nội",
            "01/07/2025",
            "",
        ],
    )
    do_import("units", data)
    events = AuditEvent.objects.count()
    report = do_import("units", data)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert AuditEvent.objects.count() == events

    changed = _units(
        [
            "KV1-HN",
            "Tòa án nhân dân khu vực 1 - Hà Nội",
            "khu vực",
            "TANDTC",
            "Hà Nội",
            "01/07/2025",
            "",
        ]
    )
    report = do_import("units", changed)
    assert (report.created, report.updated) == (0, 1)
    event = AuditEvent.objects.get(code="org.unit.updated")
    assert event.before["parent"] == "Tòa án nhân dân thành phố Hà Nội"
    assert event.after["parent"] == "Tòa án nhân dân tối cao"
    assert event.after["name"] == "Tòa án nhân dân khu vực 1 - Hà Nội"
    unit = Unit.objects.get(code="KV1-HN")
    assert unit.parent == spc
    assert unit.search_key == "toa an nhan dan khu vuc 1 - ha noi kv1-hn"


def test_an_existing_unit_may_move_under_a_unit_created_by_the_same_file(spc):
    old = Unit.objects.create(
        code="HUYEN-A", name="Tòa án nhân dân huyện A", level=Unit.Level.DISTRICT, parent=spc
    )
    data = _units(
        ["HUYEN-A", "Tòa án nhân dân huyện A", "cấp huyện", "TINH-MOI"],
        ["TINH-MOI", "Tòa án nhân dân tỉnh Mới", "cấp tỉnh", "TANDTC"],
    )
    report = do_import("units", data)
    assert (report.created, report.updated) == (1, 1)
    old.refresh_from_db()
    assert old.parent is not None
    assert old.parent.code == "TINH-MOI"
    event = AuditEvent.objects.get(code="org.unit.updated", target_id=str(old.pk))
    assert event.after["parent"] == "Tòa án nhân dân tỉnh Mới"


def test_people_reimport_updates_by_code_and_keeps_absent_columns(world):
    person = f.make_person(
        "Nguyễn Văn An", world.thanh_hoa, code="CB1", birth_date=dt.date(1980, 1, 1)
    )
    data = xlsx([PEOPLE_HEADERS[:3], ["CB1", "Nguyễn Văn Ân", "Nam"]])
    report = do_import("people", data)
    assert report.updated == 1
    person.refresh_from_db()
    assert (person.full_name, person.given_name, person.gender, person.birth_date) == (
        "Nguyễn Văn Ân",
        "Ân",
        Person.Gender.MALE,
        dt.date(1980, 1, 1),
    )
    assert person.search_key == "nguyen van an cb1"
    event = AuditEvent.objects.get(code="org.person.updated")
    assert event.before["full_name"] == "Nguyễn Văn An"
    assert do_import("people", data).unchanged == 1
    assert AuditEvent.objects.filter(code="org.person.updated").count() == 1


def test_employment_reimport_is_idempotent(world):
    f.make_person("Nguyễn Văn An", world.thanh_hoa, code="CB1")
    data = xlsx(
        [EMPLOYMENT_HEADERS, ["CB1", "PT-nghe_an", "Thẩm phán", "Có", "", "01/10/2022", "", ""]]
    )
    assert do_import("employment", data).created == 1
    events = AuditEvent.objects.count()
    assert do_import("employment", data).unchanged == 1
    assert AuditEvent.objects.count() == events


# --- query budget --------------------------------------------------------------------------


def _queries(kind: str, data: bytes, **kw: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        do_import(kind, data, **kw)
    return len(ctx.captured_queries)


def _files(world, n: int, offset: int):
    units = [UNIT_HEADERS] + [
        [
            f"U{offset + i}",
            f"Tòa án số {offset + i}",
            "khu vực",
            "PT-thanh_hoa",
            "",
            "01/07/2025",
            "",
        ]
        for i in range(n)
    ]
    people = [PEOPLE_HEADERS] + [
        [f"P{offset + i}", f"Nguyễn Văn {offset + i}", "Nam", "1/1/1980", ""] for i in range(n)
    ]
    employment = [EMPLOYMENT_HEADERS] + [
        [f"P{offset + i}", "PT-thanh_hoa", "Thư ký", "", "", "1/1/2020", "", ""] for i in range(n)
    ]
    return xlsx(units), xlsx(people), xlsx(employment)


def test_query_count_does_not_grow_with_rows(world, django_assert_max_num_queries):
    for model in (Unit, Person, Employment):
        ContentType.objects.get_for_model(model)  # a warm cache, as in a running server
    scope = {world.thanh_hoa.pk}
    small, large = _files(world, 3, 0), _files(world, 30, 100)
    for index, kind in enumerate(("units", "people", "employment")):
        kind_scope = scope if kind != "units" else None
        budget = _queries(kind, small[index], scope=kind_scope)
        assert budget <= 8, kind  # a handful per file: read, check, insert, audit
        with django_assert_max_num_queries(budget):
            assert do_import(kind, large[index], scope=kind_scope).created == 30
    # updates of existing rows: every row changes
    people_small = xlsx([PEOPLE_HEADERS[:2]] + [[f"P{i}", f"Trần Văn {i}"] for i in range(3)])
    people_large = xlsx(
        [PEOPLE_HEADERS[:2]] + [[f"P{100 + i}", f"Trần Văn {i}"] for i in range(30)]
    )
    budget = _queries("people", people_small, scope=scope)
    with django_assert_max_num_queries(budget):
        assert do_import("people", people_large, scope=scope).updated == 30


# --- management commands -------------------------------------------------------------------


def test_import_command_dry_run_then_real(tmp_path, spc, capsys):
    path = tmp_path / "units.xlsx"
    path.write_bytes(_units(["N1", "Tòa án mới", "cấp tỉnh", "TANDTC"]))
    with translation.override("en"):
        call_command("import_units", str(path), "--dry-run")
        assert not Unit.objects.filter(code="N1").exists()
        call_command("import_units", str(path))
    assert Unit.objects.filter(code="N1").exists()
    out = capsys.readouterr().out
    assert "Check only, nothing written" in out
    assert "1 rows: 1 new, 0 changed, 0 unchanged." in out
    assert AuditEvent.objects.get(code="org.unit.created").actor_label == "tdkt import-units"


def test_import_command_fails_with_every_error(tmp_path, world, capsys):
    user = f.make_user("nhapdulieu")
    path = tmp_path / "people.csv"
    path.write_bytes(
        csv_bytes([PEOPLE_HEADERS[:4], ["CB1", "A", "X", ""], ["CB2", "B", "", "31/02/1980"]])
    )
    with translation.override("en"), pytest.raises(CommandError, match="the file has 2 problems"):
        call_command("import_people", str(path), "--actor", user.username)
    err = capsys.readouterr().err
    assert "Row 2, column “Giới tính”" in err
    assert "Row 3, column “Ngày sinh”" in err
    assert not Person.objects.filter(code__in=["CB1", "CB2"]).exists()


def test_import_command_names_its_actor(tmp_path, world):
    user = f.make_user("nhapdulieu", first_name="Lan", last_name="Nguyễn Thị")
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([PEOPLE_HEADERS[:2], ["CB1", "Nguyễn Văn A"]]))
    call_command("import_people", str(path), "--actor", "nhapdulieu")
    assert AuditEvent.objects.get(code="org.person.created").actor == user
    with pytest.raises(CommandError):
        call_command("import_people", str(path), "--actor", "nobody")
    with pytest.raises(CommandError):
        call_command("import_employment", str(tmp_path / "missing.xlsx"))


def test_a_validity_date_is_checked_against_the_registry(spc):
    Unit.objects.create(
        code="HUYEN-B",
        name="Tòa án huyện B",
        level=Unit.Level.DISTRICT,
        valid_to=dt.date(2025, 6, 30),
    )
    data = xlsx(
        [
            [*UNIT_HEADERS[:3], "Hiệu lực từ"],
            ["HUYEN-B", "Tòa án huyện B", "cấp huyện", "01/07/2025"],
        ]
    )
    errors = errors_of("units", data)
    assert [e.message for e in errors] == [
        "Row 2, column “Hiệu lực từ”: expected a date not after “Hiệu lực đến” in the registry "
        "(30/06/2025), got “01/07/2025”."
    ]
