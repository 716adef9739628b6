"""Import of the engine's other inputs: each kind's good file, bad files naming row and column,
nothing written, NFC/NFD and aliases, the command, and the verdicts an imported record changes
(IE-3, GEN-06, GEN-03)."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from tdkt.awards.io.inputs import UnmatchedTitles, run_inputs_import
from tdkt.awards.io.inputs_columns import FORMATS
from tdkt.awards.io.inputs_template import inputs_template
from tdkt.awards.models import (
    ChainOverride,
    Discipline,
    EmulationTitle,
    Hold,
    Initiative,
    Leave,
    UnitRating,
)
from tdkt.awards.rules import Status
from tdkt.awards.tests import factories as af
from tdkt.core.errors import InputError
from tdkt.core.models import AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date
LDTT, CSTDCS, CSTD_TAND = (
    "advanced_worker",
    "grassroots_emulation_fighter",
    "sector_emulation_fighter",
)


@pytest.fixture
def an(world):
    return f.make_person(
        "Nguyễn Văn An",
        world.thanh_hoa,
        code="CB001",
        recruited_on=D(2015, 1, 1),
        start=D(2015, 1, 1),
    )


def _run(kind, text, actor, *, dry_run=False, scope=None):
    return run_inputs_import(
        kind,
        data=text.encode(),
        filename=f"{kind}.csv",
        actor=actor,
        writable_unit_ids=scope,
        dry_run=dry_run,
    )


def _messages(caught) -> str:
    return "\n".join(e.message for e in caught.value.errors)


def test_discipline_file_nfd_and_aliases(an, cluster_secretary):
    text = (
        "Mã CB,Họ tên,Mã đơn vị,Hình thức kỷ luật,Ngày QĐ,Hết hạn kỷ luật,Ghi chú\n"
        + unicodedata.normalize("NFD", "CB001,Nguyễn Văn An,PT-thanh_hoa,khiển trách,")
        + "15/03/2024,14/03/2025,Số 12/QĐ-TA\n"
    )
    report = _run("discipline", text, cluster_secretary)
    assert report.created == 1
    record = Discipline.objects.get(person=an)
    assert (record.level, record.period_end) == ("reprimand", D(2025, 3, 14))
    assert record.unit == an.employments.get().unit
    event = AuditEvent.objects.get(code="awards.discipline.created")
    assert event.actor == cluster_secretary and event.after["level"] == "reprimand"
    again = _run("discipline", text.replace("Số 12", "Số 13"), cluster_secretary)
    assert (again.created, again.updated) == (0, 1)
    assert Discipline.objects.get().note == "Số 13/QĐ-TA"
    assert AuditEvent.objects.filter(code="awards.discipline.updated").count() == 1


def test_bad_discipline_file_names_rows_and_columns_writes_nothing(an, cluster_secretary):
    text = (
        "Mã cán bộ,Họ và tên,Mã đơn vị,Hình thức kỷ luật,Ngày quyết định,"
        "Ngày hết thời hạn kỷ luật\n"
        "CB001,Nguyễn Văn An,PT-thanh_hoa,Khiển trách,15/03/2024,14/03/2025\n"
        "CB001,Nguyễn Văn An,PT-thanh_hoa,Phê bình,15/03/2024,14/03/2023\n"
        "CB999,,PT-thanh_hoa,Cảnh cáo,31/02/2024,01/03/2025\n"
        "CB001,Lê Văn Sai,XX,Cảnh cáo,01/01/2024,01/01/2025\n"
    )
    with pytest.raises(InputError) as caught:
        _run("discipline", text, cluster_secretary)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert (3, "Hình thức kỷ luật") in found
    assert (3, "Ngày hết thời hạn kỷ luật") in found
    assert (4, "Ngày quyết định") in found
    assert (5, "Họ và tên") in found and (5, "Mã đơn vị") in found
    text_of = _messages(caught)
    assert "“Phê bình”" in text_of and "“31/02/2024”" in text_of and "“XX”" in text_of
    assert not Discipline.objects.exists()
    assert not AuditEvent.objects.filter(code__startswith="awards.discipline").exists()


def test_rows_outside_the_writers_scope_are_refused(an, member_court_officer, world):
    text = (
        "Mã cán bộ,Mã đơn vị,Loại nghỉ,Từ ngày,Đến ngày\n"
        "CB001,PT-thanh_hoa,Nghỉ thai sản,01/02/2025,31/07/2025\n"
    )
    with pytest.raises(InputError) as caught:
        _run("leave", text, member_court_officer, scope={world.nghe_an.pk})
    assert caught.value.errors[0].column == "Mã đơn vị"
    assert not Leave.objects.exists()


def test_leave_and_dry_run(an, cluster_secretary):
    text = (
        "Mã cán bộ,Mã đơn vị,Loại nghỉ,Từ ngày,Đến ngày\n"
        "CB001,PT-thanh_hoa,thai sản,01/02/2025,31/07/2025\n"
    )
    report = _run("leave", text, cluster_secretary, dry_run=True)
    assert report.dry_run and report.created == 1
    assert not Leave.objects.exists()
    _run("leave", text, cluster_secretary)
    assert Leave.objects.get().kind == "maternity"


def test_duplicate_rows_are_named(an, cluster_secretary):
    text = (
        "Mã cán bộ,Mã đơn vị,Loại nghỉ,Từ ngày,Đến ngày\n"
        "CB001,PT-thanh_hoa,thai sản,01/02/2025,31/07/2025\n"
        "CB001,PT-thanh_hoa,Nghỉ thai sản,01/02/2025,30/07/2025\n"
    )
    with pytest.raises(InputError) as caught:
        _run("leave", text, cluster_secretary)
    assert caught.value.errors[0].row == 3 and "2" in caught.value.errors[0].message


def test_holds_of_people_and_collectives(an, cluster_secretary, world):
    text = (
        "Mã cán bộ,Mã tập thể,Mã đơn vị,Lý do tạm hoãn,Từ ngày,Đến ngày,Văn bản\n"
        "CB001,,PT-thanh_hoa,Thanh tra,01/09/2025,,QĐ 5/QĐ-TTr\n"
        ",DT-391,PT-thanh_hoa,Đang giải quyết khiếu nại tố cáo,01/08/2025,15/09/2025,\n"
        "CB001,DT-391,PT-thanh_hoa,Điều tra,01/08/2025,,\n"
        ",,PT-thanh_hoa,Điều tra,01/08/2025,,\n"
    )
    with pytest.raises(InputError) as caught:
        _run("holds", text, cluster_secretary)
    assert [(e.row, e.column) for e in caught.value.errors] == [
        (4, "Mã cán bộ"),
        (5, "Mã cán bộ"),
    ]
    assert not Hold.objects.exists()
    good = "\n".join(text.splitlines()[:3]) + "\n"
    assert _run("holds", good, cluster_secretary).created == 2
    assert Hold.objects.get(person=an).kind == "inspection"
    assert Hold.objects.get(recipient_unit=world.district).closed_on == D(2025, 9, 15)


def test_unit_ratings(world, cluster_secretary):
    text = (
        "Mã đơn vị,Năm thi đua,Xếp loại,Nguồn xếp loại\n"
        "PT-thanh_hoa,2025,HTXSNV,Cấp trên\n"
        "DT-391,2025,Hoàn thành tốt nhiệm vụ,\n"
        "PT-nghe_an,20x5,Giỏi,Hội nghị\n"
    )
    with pytest.raises(InputError) as caught:
        _run("unit_ratings", text, cluster_secretary)
    assert {(e.row, e.column) for e in caught.value.errors} == {
        (4, "Năm thi đua"),
        (4, "Xếp loại"),
        (4, "Nguồn xếp loại"),
    }
    good = "\n".join(text.splitlines()[:3]) + "\n"
    assert _run("unit_ratings", good, cluster_secretary).created == 2
    rating = UnitRating.objects.get(unit=world.thanh_hoa)
    assert (rating.rating, rating.source) == ("excellent", "superior")


def test_chain_overrides(world, spc_office):
    text = (
        "Mã đơn vị,Danh hiệu,Năm thi đua,Được tính là đạt,Lý do,Văn bản căn cứ\n"
        "PT-hai_phong,Tập thể lao động xuất sắc,2024,Có,Tiền thân sáp nhập toàn bộ,CV 45\n"
    )
    assert _run("chain", text, spc_office).created == 1
    decision = ChainOverride.objects.get()
    assert decision.held and decision.decided_by == spc_office
    assert decision.title.code == "excellent_collective"
    bad = text.replace("Tập thể lao động xuất sắc", "Bằng khen của Chánh án TANDTC").replace(
        "Có", "Chắc"
    )
    with pytest.raises(InputError) as caught:
        _run("chain", bad, spc_office)
    assert {e.column for e in caught.value.errors} == {"Danh hiệu", "Được tính là đạt"}
    unknown = text.replace("Tập thể lao động xuất sắc", "Cờ gì đó")
    with pytest.raises(UnmatchedTitles) as listed:
        _run("chain", unknown, spc_office)
    assert listed.value.names == {"Cờ gì đó": [2]}


def test_initiative_used_by_an_award(an, cluster_secretary):
    used = af.award(an, CSTDCS, 2025)
    text = (
        'Mã cán bộ,Mã đơn vị,Loại,Tên sáng kiến,Phạm vi,Năm thi đua,"Đã dùng cho danh hiệu, '
        'hình thức",Năm của danh hiệu đã dùng\n'
    )
    good = text + "CB001,PT-thanh_hoa,SK,Số hóa hồ sơ,Toàn ngành,2025,CSTĐCS,2025\n"
    assert _run("initiatives", good, cluster_secretary).created == 1
    initiative = Initiative.objects.get()
    assert (initiative.scope, initiative.claimed_by) == ("sector", used)
    bad = text + "CB001,PT-thanh_hoa,SK,Khác,Toàn ngành,2025,LĐTT,2024\n"
    with pytest.raises(InputError) as caught:
        _run("initiatives", bad, cluster_secretary)
    assert caught.value.errors[0].column == "Đã dùng cho danh hiệu, hình thức"
    assert "2024" in caught.value.errors[0].message
    assert Initiative.objects.count() == 1


def test_imported_discipline_makes_ie3_need_review(an, cluster_secretary, run, world):
    for year in (2025, 2026):
        af.rate(an, year, "excellent")
    assert run(2025, world.thanh_hoa)[(an.code, LDTT)].status == Status.PASS
    text = (
        "Mã cán bộ,Mã đơn vị,Hình thức kỷ luật,Ngày quyết định,Ngày hết thời hạn kỷ luật\n"
        "CB001,PT-thanh_hoa,Khiển trách,15/03/2024,14/03/2025\n"
    )
    _run("discipline", text, cluster_secretary)
    assert run(2025, world.thanh_hoa)[(an.code, LDTT)].status == Status.REVIEW
    assert run(2026, world.thanh_hoa)[(an.code, LDTT)].status == Status.PASS


def test_imported_hold_defers_gen06(an, cluster_secretary, run, world):
    af.rate(an, 2025, "excellent")
    text = (
        "Mã cán bộ,Mã đơn vị,Lý do tạm hoãn,Từ ngày,Văn bản\n"
        "CB001,PT-thanh_hoa,Đang điều tra,01/08/2025,QĐ 12/QĐ-TA\n"
    )
    _run("holds", text, cluster_secretary)
    verdict = run(2025, world.thanh_hoa)[(an.code, LDTT)]
    assert verdict.status == Status.DEFERRED and "QĐ 12/QĐ-TA" in verdict.reason_texts[0]
    closing = text.replace("Từ ngày,Văn bản", "Từ ngày,Văn bản,Đến ngày").replace(
        "QĐ 12/QĐ-TA\n", "QĐ 12/QĐ-TA,15/09/2025\n"
    )
    assert _run("holds", closing, cluster_secretary).updated == 1
    assert run(2025, world.thanh_hoa)[(an.code, LDTT)].status == Status.PASS


def test_imported_initiative_counts_once_gen03(an, cluster_secretary, run, world):
    af.award(an, CSTDCS, 2023)
    af.award(an, CSTDCS, 2024)
    af.award(an, CSTDCS, 2025)
    af.rate(an, 2025, "good")
    header = (
        'Mã cán bộ,Mã đơn vị,Tên sáng kiến,Phạm vi,Năm thi đua,"Đã dùng cho danh hiệu, hình '
        'thức",Năm của danh hiệu đã dùng\n'
    )
    _run(
        "initiatives",
        header + "CB001,PT-thanh_hoa,Số hóa hồ sơ,Toàn ngành,2025,,\n",
        cluster_secretary,
    )
    assert run(2025, world.thanh_hoa)[(an.code, CSTD_TAND)].status == Status.PASS
    claimed = header + "CB001,PT-thanh_hoa,Số hóa hồ sơ,Toàn ngành,2025,CSTĐCS,2025\n"
    assert _run("initiatives", claimed, cluster_secretary).updated == 1
    verdict = run(2025, world.thanh_hoa)[(an.code, CSTD_TAND)]
    assert verdict.status == Status.FAIL
    assert any("Số hóa hồ sơ" in t for t in verdict.reason_texts)


@pytest.mark.parametrize("count", [3, 30])
def test_query_budget(world, cluster_secretary, count):
    people = [f.make_person(f"Cán bộ {i}", world.thanh_hoa, code=f"Q{i:03}") for i in range(count)]
    text = "Mã cán bộ,Mã đơn vị,Loại nghỉ,Từ ngày,Đến ngày\n" + "".join(
        f"{p.code},PT-thanh_hoa,thai sản,01/02/2025,31/07/2025\n" for p in people
    )
    with CaptureQueriesContext(connection) as queries:
        _run("leave", text, cluster_secretary)
    assert Leave.objects.count() == count
    assert len(queries) <= 16


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_template_workbook_reads_back(kind):
    book = CalamineWorkbook.from_filelike(io.BytesIO(inputs_template(kind)))
    assert book.sheet_names[0] == FORMATS[kind].sheet
    rows = book.get_sheet_by_index(0).to_python()
    assert [str(c) for c in rows[0]] == FORMATS[kind].headers


def test_command(an, tmp_path: Path, capsys):
    path = tmp_path / "kyluat.csv"
    path.write_text(
        "Mã cán bộ,Mã đơn vị,Hình thức kỷ luật,Ngày quyết định,Ngày hết thời hạn kỷ luật\n"
        "CB001,PT-thanh_hoa,Cảnh cáo,01/01/2025,31/12/2025\n",
        encoding="utf-8",
    )
    call_command("import_awards_inputs", "discipline", str(path), "--dry-run")
    assert not Discipline.objects.exists()
    call_command("import_awards_inputs", "discipline", str(path))
    assert Discipline.objects.get().level == "warning"
    assert "1" in capsys.readouterr().out
    path.write_text(
        "Mã cán bộ,Mã đơn vị,Hình thức kỷ luật,Ngày quyết định,Ngày hết thời hạn kỷ luật\n"
        "CB001,PT-thanh_hoa,Cảnh cáo,01/13/2025,31/12/2025\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_awards_inputs", "discipline", str(path))
    err = capsys.readouterr().err
    assert ("Dòng 2" in err or "Row 2" in err) and "Ngày quyết định" in err
    assert EmulationTitle.objects.exists()
