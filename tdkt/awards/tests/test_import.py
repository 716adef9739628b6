"""Import of award history and ratings: aliases, NFC/NFD, sĩ/sỹ, unknown names mapped once,
row errors, nothing written unless clean; the offline check of `tdkt eligibility --input`."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tdkt.awards.io.history import UnmatchedNames, run_history_import
from tdkt.awards.io.names import NameIndex
from tdkt.awards.models import AwardRecord, NameMapping, PersonRating
from tdkt.core.errors import InputError
from tests import factories as f

pytestmark = pytest.mark.django_db
HEADER = (
    'Mã cán bộ,Họ và tên,Mã đơn vị,Năm thi đua,Xếp loại,"Danh hiệu, hình thức khen thưởng",'
    "Số quyết định,Ngày quyết định,Đã thu hồi\n"
)


@pytest.fixture
def an(world):
    return f.make_person("Nguyễn Văn An", world.thanh_hoa, code="CB001")


def _csv(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()


def test_aliases_variants_and_nfd(db) -> None:
    index = NameIndex.load()
    nfd = unicodedata.normalize("NFD", "Chiến sỹ thi đua cơ sở")
    for written in (
        "CSTĐCS",
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        nfd,
        "CSTĐ-CS",
        "chiến sỹ thi đua cơ sở",
    ):
        assert index.match(written).code == "grassroots_emulation_fighter", written  # type: ignore[union-attr]
    assert index.match("Bằng khen Thủ tướng").code == "pm_certificate_of_merit"  # type: ignore[union-attr]
    assert index.match("Cờ thi đua Chính phủ").code == "government_emulation_flag"  # type: ignore[union-attr]
    assert index.match("CSTĐ") is None  # ambiguous: the user maps it


def test_import_writes_ratings_and_awards(an, cluster_secretary) -> None:
    data = _csv(
        "CB001,Nguyễn Văn An,PT-thanh_hoa,2024,HTXSNV,Chiến sỹ thi đua cơ sở,12/QĐ-TA,20/11/2024,",
        "CB001,Nguyen Van An,PT-thanh_hoa,2024,,LĐTT,12/QĐ-TA,20/11/2024,",
        "CB001,,PT-thanh_hoa,2023,Hoàn thành tốt NV,,,,",
    )
    report = run_history_import(
        data=data, filename="ls.csv", actor=cluster_secretary, writable_unit_ids=None
    )
    assert report.created == 4
    assert PersonRating.objects.get(person=an, year=2024).rating == "excellent"
    assert AwardRecord.objects.filter(person=an, year=2024).count() == 2
    again = run_history_import(
        data=data, filename="ls.csv", actor=cluster_secretary, writable_unit_ids=None
    )
    assert again.created == 0 and again.unchanged == 3


def test_bad_rows_write_nothing(an, cluster_secretary) -> None:
    data = _csv(
        "CB001,Nguyễn Văn An,PT-thanh_hoa,2024,HTXSNV,CSTĐCS,,,",
        "CB999,Lê Văn X,PT-thanh_hoa,2024,HTTNV,,,,",
        "CB001,Nguyễn Văn An,XX,20x4,Giỏi,,,31/02/2024,",
    )
    with pytest.raises(InputError) as caught:
        run_history_import(
            data=data, filename="ls.csv", actor=cluster_secretary, writable_unit_ids=None
        )
    messages = [e.message for e in caught.value.errors]
    rows = {e.row for e in caught.value.errors}
    assert rows == {3, 4}
    assert any("CB999" in m for m in messages)
    assert any("Giỏi" in m for m in messages) and any("31/02/2024" in m for m in messages)
    assert not PersonRating.objects.exists() and not AwardRecord.objects.exists()


def test_permission_per_row(an, member_court_officer) -> None:
    from tdkt.org.access import unit_scope_ids

    data = _csv("CB001,Nguyễn Văn An,PT-thanh_hoa,2024,HTXSNV,,,,")
    with pytest.raises(InputError) as caught:
        run_history_import(
            data=data,
            filename="ls.csv",
            actor=member_court_officer,
            writable_unit_ids=unit_scope_ids(member_court_officer, write=True),
        )
    assert caught.value.errors[0].row == 2


def test_unknown_name_is_mapped_once(client, an, cluster_secretary) -> None:
    data = _csv(
        "CB001,Nguyễn Văn An,PT-thanh_hoa,2024,HTXSNV,CSTĐ,,,", "CB001,,PT-thanh_hoa,2023,,CSTĐ,,,"
    )
    with pytest.raises(UnmatchedNames) as caught:
        run_history_import(
            data=data, filename="ls.csv", actor=cluster_secretary, writable_unit_ids=None
        )
    assert caught.value.names == {"CSTĐ": [2, 3]}
    client.force_login(cluster_secretary)
    upload = io.BytesIO(data)
    upload.name = "ls.csv"
    response = client.post(reverse("awards:import-upload"), {"file": upload})
    assert b'id="mapping-form"' in response.content
    from tdkt.awards.models import EmulationTitle

    cstdcs = EmulationTitle.objects.get(code="grassroots_emulation_fighter")
    response = client.post(
        reverse("awards:import-map"), {"name_0": "CSTĐ", "target_0": f"title:{cstdcs.pk}"}
    )
    assert response.status_code == 302
    assert NameMapping.objects.get().title == cstdcs
    report = run_history_import(
        data=data, filename="ls.csv", actor=cluster_secretary, writable_unit_ids=None
    )
    assert report.created == 3


def test_import_page_gates(client, world, an, outsider, council_member, cluster_secretary) -> None:
    assert client.get(reverse("awards:import")).status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("awards:import")).status_code == 404
    client.force_login(council_member)
    assert client.get(reverse("awards:import")).status_code == 200
    upload = io.BytesIO(_csv("CB001,Nguyễn Văn An,PT-thanh_hoa,2024,HTXSNV,,,,"))
    upload.name = "ls.csv"
    assert client.post(reverse("awards:import-upload"), {"file": upload}).status_code == 403
    assert client.get(reverse("awards:import-upload")).status_code == 405
    client.force_login(cluster_secretary)
    upload = io.BytesIO(_csv("CB001,Nguyễn Văn An,PT-thanh_hoa,2024,HTXSNV,,,,"))
    upload.name = "ls.csv"
    response = client.post(
        reverse("awards:import-upload"), {"file": upload, "dry_run": "on"}, HTTP_HX_REQUEST="true"
    )
    assert response.content.lstrip().startswith(b'<section id="import-report"')
    assert not PersonRating.objects.exists()  # check only
    bad = io.BytesIO(b"\xff\xfe not a csv")
    bad.name = "ls.pdf"
    response = client.post(reverse("awards:import-upload"), {"file": bad})
    assert response.status_code == 200 and response.context["errors"]


def test_template_workbook(client, world, cluster_secretary) -> None:
    client.force_login(cluster_secretary)
    response = client.get(reverse("awards:import-template"))
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][0] == "Mã cán bộ" and rows[1][5] == "Chiến sĩ thi đua cơ sở"
    f.make_person("Nguyễn Văn An", world.thanh_hoa, code="CB00012")
    report = run_history_import(
        data=response.content,
        filename="t.xlsx",
        actor=cluster_secretary,
        writable_unit_ids=None,
        dry_run=True,
    )
    assert report.created == 4 and not AwardRecord.objects.exists()


def test_eligibility_command(tmp_path: Path, an, world) -> None:
    from tdkt.awards.tests import factories as af

    af.rate(an, 2025, "good")
    out = tmp_path / "v.csv"
    call_command("eligibility", "--year", "2025", "--scope", "PT-thanh_hoa", "--output", str(out))
    text = out.read_text(encoding="utf-8-sig")
    assert "CB001" in text and "advanced_worker" in text
    with pytest.raises(CommandError, match="XX"):
        call_command("eligibility", "--year", "2025", "--scope", "XX", "--output", str(out))
    with pytest.raises(CommandError, match=r"\.pdf"):
        call_command(
            "eligibility",
            "--year",
            "2025",
            "--scope",
            "sector",
            "--output",
            str(tmp_path / "v.pdf"),
        )


def test_eligibility_on_a_workbook_without_the_database(tmp_path: Path, db) -> None:
    source = tmp_path / "ls.csv"
    source.write_bytes(
        (
            'Mã cán bộ,Họ và tên,Mã đơn vị,Năm thi đua,Xếp loại,"Danh hiệu, hình thức khen thưởng",'
            "Ngày tuyển dụng\n"
            "CB1,Lê Văn A,TH-HS,2025,HTXSNV,,01/01/2015\n"
            "CB1,Lê Văn A,TH-HS,2024,HTTNV,CSTĐCS,\n"
            "CB1,Lê Văn A,TH-HS,2023,HTTNV,Chiến sỹ thi đua cơ sở,\n"
        ).encode()
    )
    out = tmp_path / "v.xlsx"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        call_command("eligibility", "--year", "2025", "--input", str(source), "--output", str(out))
    assert not queries.captured_queries
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(out.read_bytes()))
        .get_sheet_by_index(0)
        .to_python()
    )
    verdicts = {(r[0], r[2]): r[4] for r in rows[2:]}
    assert (
        verdicts[("CB1", "grassroots_emulation_fighter")] == "đủ điều kiện"
        or verdicts[("CB1", "grassroots_emulation_fighter")] == "eligible"
    )
    assert ("CB1", "sector_emulation_fighter") in verdicts
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Ma can bo,Nam thi dua\nCB1,abc\n")
    with pytest.raises(CommandError):
        call_command("eligibility", "--year", "2025", "--input", str(bad), "--output", str(out))


def test_import_command(tmp_path: Path, an, capsys) -> None:
    source = tmp_path / "ls.csv"
    source.write_bytes(_csv("CB001,Nguyễn Văn An,PT-thanh_hoa,2024,HTXSNV,CSTĐCS,,,"))
    call_command("import_awards_history", str(source), "--dry-run")
    assert not PersonRating.objects.exists()
    call_command("import_awards_history", str(source))
    assert PersonRating.objects.count() == 1 and AwardRecord.objects.count() == 1
    source.write_bytes(_csv("CB001,Nguyễn Văn An,PT-thanh_hoa,2024,HTXSNV,CSTĐ,,,"))
    with pytest.raises(CommandError):
        call_command("import_awards_history", str(source))
    assert "CSTĐ" in capsys.readouterr().err
