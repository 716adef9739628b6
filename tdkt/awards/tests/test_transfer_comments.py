"""Other units' comments (IND-05): import (good file, bad file naming row and column, nothing
written, update by key, the command), the person's inputs page (gates, add, edit, delete, bad
input, htmx, query budget) and the person's timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tdkt.awards.io.inputs import run_inputs_import
from tdkt.awards.models import TransferComment
from tdkt.awards.rules import Status
from tdkt.awards.tests import factories as af
from tdkt.core.errors import InputError
from tdkt.core.models import AuditEvent
from tdkt.org.models import Employment, Unit
from tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date
HTMX = {"HTTP_HX_REQUEST": "true"}
HEADER = (
    "Mã cán bộ,Họ và tên,Mã đơn vị,Năm thi đua,Trường hợp,Mã đơn vị cũ hoặc nơi biệt phái,"
    "Ngày nhận xét,Nội dung nhận xét,Số văn bản,Mã đơn vị kế thừa cho ý kiến,"
    "Lý do đơn vị kế thừa cho ý kiến\n"
)


def _move(person, new, day, kind="transfer"):
    if kind == "transfer":
        person.employments.update(end=day - dt.timedelta(days=1))
    Employment.objects.create(
        person=person,
        unit=new,
        position="Thư ký Tòa án",
        kind=kind,
        start=day,
        end=D(2025, 6, 30) if kind == "secondment" else None,
    )


@pytest.fixture
def an(world):
    """Nghệ An since 2015, transferred to Thanh Hóa on 01/04/2025."""
    person = f.make_person(
        "Nguyễn Văn An",
        world.nghe_an,
        code="CB001",
        start=D(2015, 1, 1),
        recruited_on=D(2015, 1, 1),
    )
    _move(person, world.thanh_hoa, D(2025, 4, 1))
    af.rate(person, 2025, "good")
    return person


@pytest.fixture
def binh(world):
    """Hải Dương since 2015 (merged into Hải Phòng on 01/07/2025), then Hải Phòng."""
    person = f.make_person("Trần Thị Bình", world.old_hai_duong, code="CB002", start=D(2015, 1, 1))
    _move(person, world.hai_phong, D(2025, 7, 1))
    return person


@pytest.fixture
def comment(an, world):
    return TransferComment.objects.create(
        unit=world.thanh_hoa,
        person=an,
        year=2025,
        kind="transfer",
        source_unit=world.nghe_an,
        given_on=D(2025, 4, 10),
        summary="Hoàn thành tốt nhiệm vụ.",
        reference="15/TA-VP",
    )


def _run(text, actor, *, scope=None, dry_run=False):
    return run_inputs_import(
        "transfer_comments",
        data=text.encode(),
        filename="nhan-xet.csv",
        actor=actor,
        writable_unit_ids=scope,
        dry_run=dry_run,
    )


# --- import ----------------------------------------------------------------------------------


def test_good_file_creates_then_updates_and_the_verdict_follows(an, binh, spc_office, run, world):
    assert run(2025, world.thanh_hoa)[(an.code, "advanced_worker")].status == Status.REVIEW
    text = HEADER + (
        "CB001,Nguyễn Văn An,PT-thanh_hoa,2025,Điều động,PT-nghe_an,10/04/2025,"
        '"Hoàn thành tốt nhiệm vụ, chấp hành nghiêm kỷ luật.",15/TA-VP,,\n'
        "CB002,Trần Thị Bình,PT-hai_phong,2025,điều động,PT63-hai_duong,15/09/2025,"
        "Hoàn thành nhiệm vụ.,,PT-hai_phong,Tòa án tỉnh Hải Dương đã kết thúc hoạt động\n"
    )
    report = _run(text, spc_office)
    assert (report.created, report.updated) == (2, 0)
    first = TransferComment.objects.get(person=an)
    assert (first.source_unit, first.unit, first.recorded_by) == (
        world.nghe_an,
        world.thanh_hoa,
        spc_office,
    )
    second = TransferComment.objects.get(person=binh)
    assert second.successor == world.hai_phong and second.giving_unit == world.hai_phong
    assert AuditEvent.objects.filter(code="awards.transfer_comment.created").count() == 2
    assert run(2025, world.thanh_hoa)[(an.code, "advanced_worker")].status == Status.PASS
    again = _run(text.replace("15/TA-VP", "16/TA-VP"), spc_office)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert TransferComment.objects.get(person=an).reference == "16/TA-VP"
    assert AuditEvent.objects.filter(code="awards.transfer_comment.updated").count() == 1


def test_a_department_is_kept_as_its_court(an, spc_office, world):
    department = f.make_unit("Văn phòng", Unit.Level.DEPARTMENT, parent=world.nghe_an, code="NA-VP")
    text = HEADER + "CB001,,PT-thanh_hoa,2025,Điều động,NA-VP,10/04/2025,Tốt.,,,\n"
    _run(text, spc_office)
    assert TransferComment.objects.get().source_unit == world.nghe_an != department


def test_bad_file_names_rows_and_columns_and_writes_nothing(an, binh, spc_office, world):
    text = HEADER + (
        # 2: not a court of the person in 2025 (Thanh Hóa is where they went, not a secondment)
        "CB001,,PT-thanh_hoa,2025,Biệt phái,PT-thanh_hoa,10/04/2025,Tốt.,,,\n"
        # 3: a successor for a court that still exists, and no reason
        "CB001,,PT-thanh_hoa,2025,Điều động,PT-nghe_an,10/04/2025,Tốt.,,PT-hai_phong,\n"
        # 4: given by the successor before Hải Dương ended
        "CB002,,PT-hai_phong,2025,Điều động,PT63-hai_duong,01/06/2025,Tốt.,,PT-hai_phong,Lý do\n"
        # 5: a reason without a successor; an unknown kind; a bad date; no summary
        "CB002,,PT-hai_phong,2024,Luân phiên,PT63-hai_duong,31/02/2025,,,,Lý do\n"
        # 6: an unknown unit code
        "CB002,,PT-hai_phong,2025,Điều động,KHONG-CO,01/09/2025,Tốt.,,,\n"
        # 7: a reason without a successor (2024: Hải Dương was her court)
        "CB002,,PT-hai_phong,2024,Điều động,PT63-hai_duong,01/09/2024,Tốt.,,,Vì sáp nhập\n"
        # 8: the same record as row 4
        "CB002,,PT-hai_phong,2025,Điều động,PT63-hai_duong,01/09/2025,Tốt.,,,\n"
    )
    with pytest.raises(InputError) as caught:
        _run(text, spc_office)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert (2, "Mã đơn vị cũ hoặc nơi biệt phái") in found
    assert (3, "Mã đơn vị kế thừa cho ý kiến") in found
    assert (3, "Lý do đơn vị kế thừa cho ý kiến") in found
    assert (4, "Mã đơn vị kế thừa cho ý kiến") in found
    assert {(5, "Trường hợp"), (5, "Ngày nhận xét"), (5, "Nội dung nhận xét")} <= found
    assert (6, "Mã đơn vị cũ hoặc nơi biệt phái") in found
    assert (7, "Lý do đơn vị kế thừa cho ý kiến") in found
    assert (8, "Mã cán bộ") in found
    with translation.override("vi"):
        messages = "\n".join(e.message for e in caught.value.errors)
    assert "Dòng 2, cột “Mã đơn vị cũ hoặc nơi biệt phái”" in messages
    assert "vẫn còn hoạt động" in messages and "“KHONG-CO”" in messages
    assert not TransferComment.objects.exists()
    assert not AuditEvent.objects.filter(code__startswith="awards.transfer_comment").exists()


def test_rows_outside_the_writers_scope_are_refused(an, member_court_officer, world):
    text = HEADER + "CB001,,PT-thanh_hoa,2025,Điều động,PT-nghe_an,10/04/2025,Tốt.,,,\n"
    with pytest.raises(InputError) as caught:
        _run(text, member_court_officer, scope={world.nghe_an.pk})
    assert caught.value.errors[0].column == "Mã đơn vị"
    assert not TransferComment.objects.exists()


def test_import_queries_do_not_grow_with_rows(world, spc_office):
    people = []
    for i in range(20):
        person = f.make_person(f"Người {i}", world.nghe_an, start=D(2015, 1, 1))
        _move(person, world.thanh_hoa, D(2025, 4, 1))
        people.append(person)
    text = HEADER + "".join(
        f"{p.code},,PT-thanh_hoa,2025,Điều động,PT-nghe_an,10/04/2025,Tốt.,,,\n" for p in people
    )
    with CaptureQueriesContext(connection) as queries:
        _run(text, spc_office)
    assert TransferComment.objects.count() == 20
    assert len(queries) <= 18


def test_command(an, tmp_path: Path, capsys):
    path = tmp_path / "nhan-xet.csv"
    path.write_text(
        HEADER + "CB001,,PT-thanh_hoa,2025,Điều động,PT-nghe_an,10/04/2025,Tốt.,,,\n",
        encoding="utf-8",
    )
    call_command("import_awards_inputs", "transfer_comments", str(path), "--dry-run")
    assert not TransferComment.objects.exists()
    call_command("import_awards_inputs", "transfer_comments", str(path))
    assert TransferComment.objects.get().recorded_by is None  # the command has no user
    path.write_text(
        HEADER + "CB001,,PT-thanh_hoa,2025,Điều động,PT-nghe_an,10/13/2025,Tốt.,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_awards_inputs", "transfer_comments", str(path))
    err = capsys.readouterr().err
    assert "Dòng 2" in err and "Ngày nhận xét" in err


# --- the person's inputs page ----------------------------------------------------------------


def _urls(an, comment):
    return [
        reverse("awards:inputs-person-new", args=[an.pk, "transfer_comments"]),
        reverse("awards:inputs-edit", args=["transfer_comments", comment.pk]),
    ]


def test_anonymous_is_sent_to_login(client, an, comment):
    for url in _urls(an, comment):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    delete = reverse("awards:inputs-delete", args=["transfer_comments", comment.pk])
    response = client.post(delete)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert TransferComment.objects.exists()


def test_outsider_and_another_courts_officer_get_404(
    client, an, comment, outsider, member_court_officer, world
):
    delete = reverse("awards:inputs-delete", args=["transfer_comments", comment.pk])
    client.force_login(outsider)
    for url in _urls(an, comment):
        assert client.get(url).status_code == 404, url
    assert client.post(delete).status_code == 404
    # Nghệ An's officer reaches the person (their former court) but not Thanh Hóa's record
    other = f.make_person("Người Khác", world.thanh_hoa)
    client.force_login(member_court_officer)
    assert (
        client.get(
            reverse("awards:inputs-edit", args=["transfer_comments", comment.pk])
        ).status_code
        == 404
    )
    assert client.post(delete).status_code == 404
    new = reverse("awards:inputs-person-new", args=[other.pk, "transfer_comments"])
    assert client.get(new).status_code == 404
    assert TransferComment.objects.exists()


def test_read_only_role_reads_and_gets_403_on_writes(client, an, comment, council_member):
    client.force_login(council_member)
    page = client.get(reverse("awards:inputs-person", args=[an.pk])).content.decode()
    assert "15/TA-VP" in page and "inputs/transfer_comments/" not in page
    for url in _urls(an, comment):
        assert client.get(url).status_code == 403, url
    delete = reverse("awards:inputs-delete", args=["transfer_comments", comment.pk])
    assert client.post(delete).status_code == 403
    assert TransferComment.objects.exists()


def test_wrong_method_and_kinds_that_cannot_be_deleted(client, an, comment, cluster_secretary):
    client.force_login(cluster_secretary)
    delete = reverse("awards:inputs-delete", args=["transfer_comments", comment.pk])
    assert client.get(delete).status_code == 405
    hold = af.hold(an, D(2025, 8, 1))
    assert client.post(reverse("awards:inputs-delete", args=["holds", hold.pk])).status_code == 404


def test_add_edit_and_delete_by_hand(client, an, cluster_secretary, world):
    client.force_login(cluster_secretary)
    url = reverse("awards:inputs-person-new", args=[an.pk, "transfer_comments"])
    form = client.get(url).content.decode()
    assert "Tòa án nhân dân tỉnh Nghệ An" in form and "Tòa án nhân dân tỉnh Hải Dương" not in form
    data = {
        "year": "2025",
        "kind": "transfer",
        "source_unit": world.nghe_an.pk,
        "given_on": "2025-04-10",
        "summary": "  Hoàn thành  tốt nhiệm vụ. ",
        "reference": "15/TA-VP",
    }
    assert client.post(url, data).status_code == 302
    comment = TransferComment.objects.get()
    assert comment.summary == "Hoàn thành tốt nhiệm vụ."
    assert (comment.unit, comment.recorded_by) == (world.thanh_hoa, cluster_secretary)
    event = AuditEvent.objects.get(code="awards.transfer_comment.created")
    assert event.actor == cluster_secretary and event.after["reference"] == "15/TA-VP"
    page = client.get(reverse("awards:inputs-person", args=[an.pk])).content.decode()
    assert "15/TA-VP" in page and "10/04/2025" in page
    assert client.post(url, data).status_code == 422  # the same comments twice
    edit = reverse("awards:inputs-edit", args=["transfer_comments", comment.pk])
    assert client.post(edit, {**data, "reference": "16/TA-VP"}).status_code == 302
    assert TransferComment.objects.get().reference == "16/TA-VP"
    assert (
        AuditEvent.objects.get(code="awards.transfer_comment.updated").before["reference"]
        == "15/TA-VP"
    )
    delete = reverse("awards:inputs-delete", args=["transfer_comments", comment.pk])
    response = client.post(delete, **HTMX)
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("awards:inputs-person", args=[an.pk])
    assert not TransferComment.objects.exists()
    deleted = AuditEvent.objects.get(code="awards.transfer_comment.deleted")
    assert deleted.before["reference"] == "16/TA-VP" and deleted.actor == cluster_secretary


def test_bad_input_shows_vietnamese_errors_and_writes_nothing(
    client, an, binh, cluster_secretary, successor_officer, world
):
    client.force_login(cluster_secretary)
    url = reverse("awards:inputs-person-new", args=[an.pk, "transfer_comments"])
    response = client.post(
        url,
        {
            "year": "2025",
            "kind": "secondment",
            "source_unit": world.nghe_an.pk,
            "given_on": "2025-04-10",
            "summary": "Tốt.",
            "successor_reason": "Không có đơn vị kế thừa",
        },
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Cần một Tòa án nơi người này công tác" in body
    assert "Chỉ ghi lý do khi đơn vị kế thừa cho ý kiến nhận xét" in body
    client.force_login(successor_officer)
    url = reverse("awards:inputs-person-new", args=[binh.pk, "transfer_comments"])
    data = {
        "year": "2025",
        "kind": "transfer",
        "source_unit": world.old_hai_duong.pk,
        "given_on": "2025-06-20",
        "summary": "Tốt.",
        "successor": world.hai_phong.pk,
    }
    response = client.post(url, data, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "invalid-feedback" in body  # htmx: the fragment
    assert "vẫn còn hoạt động" in body and "Cần ghi lý do" in body
    assert not TransferComment.objects.exists()
    good = {**data, "given_on": "2025-09-15", "successor_reason": "Đã sáp nhập"}
    response = client.post(url, good, **HTMX)
    assert response.status_code == 204
    assert TransferComment.objects.get().unit == world.hai_phong


@pytest.mark.parametrize("count", [3, 30])
def test_person_page_query_budget(
    client, an, cluster_secretary, count, django_assert_max_num_queries, world
):
    for year in range(2025 - count, 2025):
        TransferComment.objects.create(
            unit=world.thanh_hoa,
            person=an,
            year=year,
            kind="transfer",
            source_unit=world.nghe_an,
            given_on=D(year, 4, 10),
            summary="Tốt.",
            recorded_by=cluster_secretary,
        )
    client.force_login(cluster_secretary)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("awards:inputs-person", args=[an.pk]))
    assert page.content.decode().count("10/04/") >= count


# --- the person's timeline -------------------------------------------------------------------


def test_timeline_shows_the_moves_of_the_year_and_the_comments(
    client, an, comment, cluster_secretary, world
):
    client.force_login(cluster_secretary)
    url = reverse("awards:person-timeline", args=[an.pk]) + "?year=2025"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert 'id="moves"' in page
    assert "01/10/2024 – 31/03/2025" in page and "01/04/2025 – 30/09/2025" in page
    assert "6 tháng 0 ngày" in page
    assert "Ý kiến nhận xét của Tòa án nhân dân tỉnh Nghệ An ngày 10/04/2025" in page
    assert "Có ý kiến nhận xét của Tòa án nhân dân tỉnh Nghệ An" in page  # the verdict's reason
    quiet = f.make_person("Không Chuyển", world.thanh_hoa)
    page = client.get(reverse("awards:person-timeline", args=[quiet.pk]) + "?year=2025")
    assert 'id="moves"' not in page.content.decode()


# --- saved runs ------------------------------------------------------------------------------


def test_a_saved_run_keeps_the_moves_and_names_a_comment_recorded_since(
    an, world, cluster_secretary, client
):
    from tdkt.awards.models import StoredInputs
    from tdkt.awards.runs import compare_run, readable_inputs, save_run

    quiet = f.make_person("Không Chuyển", world.thanh_hoa, recruited_on=D(2015, 1, 1))
    run = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)
    saved = StoredInputs.objects.get(run=run, subject_kind="person", subject_id=an.pk).data
    assert [s[2] for s in saved["service"]["stints"]] == [
        "Tòa án nhân dân tỉnh Nghệ An",
        "Tòa án nhân dân tỉnh Thanh Hóa",
    ]
    assert saved["service"]["comments"] == []
    assert (
        "service"
        not in StoredInputs.objects.get(run=run, subject_kind="person", subject_id=quiet.pk).data
    )
    TransferComment.objects.create(
        unit=world.thanh_hoa,
        person=an,
        year=2025,
        kind="transfer",
        source_unit=world.nghe_an,
        given_on=D(2025, 4, 10),
        summary="Tốt.",
    )
    with translation.override("vi"):
        changes = [c for c in compare_run(run).changes if c.subject_id == an.pk]
        assert changes and changes[0].after == "pass"
        assert any("ý kiến nhận xét của đơn vị khác" in c for c in changes[0].causes)
        tables = {t.title: t.rows for t in readable_inputs("person", saved)}
    assert tables["Quá trình công tác trong năm"][0][0] == "Tòa án nhân dân tỉnh Nghệ An"
