"""Adding and removing score-sheet lines in the UI while no pledge uses the sheet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.core.models import AuditEvent
from tdkt.scoring.models import Criterion
from tdkt.scoring.sheets import draft_pledge

from .factories import small_sheet

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _line(**changes):
    data = {
        "code": "1.2",
        "parent": "",
        "kind": "criterion",
        "name": "Tỷ lệ hòa giải thành",
        "max_points": "4",
        "method": "manual",
        "indicator": "",
        "target": "",
        "points_per_percent": "1",
    }
    return {**data, **changes}


def _codes(sheet):
    return list(sheet.criteria.order_by("position", "pk").values_list("code", flat=True))


def test_spc_adds_a_line_under_a_group_in_its_place(client, spc_office):
    sheet = small_sheet()
    group = Criterion.objects.get(sheet=sheet, code="1")
    client.force_login(spc_office)
    url = reverse("scoring:criterion-add", args=[sheet.pk])
    page = client.get(f"{url}?under={group.pk}")
    assert page.status_code == 200 and "Thêm dòng" in page.content.decode()
    response = client.post(url, _line(parent=group.pk, max_points="4,5"))
    assert response.status_code == 302
    added = Criterion.objects.get(sheet=sheet, code="1.2")
    assert added.parent == group and str(added.max_points) == "4.50"
    assert _codes(sheet) == ["1", "1.1", "1.2", "2", "2.1", "2.2", "T1", "TR1"]
    event = AuditEvent.objects.get(code="scoring.criterion.added")
    assert event.after["code"] == "1.2" and event.after["parent"] == "1"
    detail = client.get(reverse("scoring:sheet-detail", args=[sheet.pk])).content.decode()
    assert "Tỷ lệ hòa giải thành" in detail and "Thêm dòng vào bảng điểm" in detail


def test_a_top_level_line_goes_at_the_end(client, spc_office):
    sheet = small_sheet()
    client.force_login(spc_office)
    url = reverse("scoring:criterion-add", args=[sheet.pk])
    response = client.post(url, _line(code="3", kind="group", name="Công tác khác", max_points="0"))
    assert response.status_code == 302
    assert _codes(sheet)[-1] == "3"


def test_bad_lines_are_vietnamese_field_errors_and_nothing_written(client, spc_office):
    sheet = small_sheet()
    client.force_login(spc_office)
    url = reverse("scoring:criterion-add", args=[sheet.pk])
    for data, message in (
        (_line(max_points="nhiều"), "Nhập một số"),
        (_line(code="1.1"), "Mã này đã có trong bảng điểm"),
        (_line(method="indicator"), "Chọn chỉ tiêu dùng để tính điểm"),
        (
            _line(
                kind="group", method="indicator", indicator="resolution_rate_criminal", target="90"
            ),
            "Nhóm chỉ cộng điểm các dòng bên dưới",
        ),
        (_line(name=""), "Trường này là bắt buộc"),
    ):
        response = client.post(url, data)
        assert response.status_code == 422, data
        assert message in response.content.decode(), message
    assert sheet.criteria.count() == 7
    assert not AuditEvent.objects.filter(code="scoring.criterion.added").exists()


def test_spc_removes_a_line_and_the_history_keeps_it(client, spc_office):
    sheet = small_sheet()
    line = Criterion.objects.get(sheet=sheet, code="2.2")
    client.force_login(spc_office)
    response = client.post(reverse("scoring:criterion-remove", args=[line.pk]), **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        'id="sheet-criteria"' in body and "<html" not in body and "Thi đua, khen thưởng" not in body
    )
    assert not Criterion.objects.filter(pk=line.pk).exists()
    event = AuditEvent.objects.get(code="scoring.criterion.removed")
    assert event.before["code"] == "2.2" and event.before["parent"] == "2"
    detail = client.get(reverse("scoring:sheet-detail", args=[sheet.pk])).content.decode()
    assert "Đã xóa dòng khỏi bảng điểm" in detail


def test_a_line_with_lines_below_is_not_removed(client, spc_office):
    sheet = small_sheet()
    group = Criterion.objects.get(sheet=sheet, code="2")
    client.force_login(spc_office)
    response = client.post(reverse("scoring:criterion-remove", args=[group.pk]), follow=True)
    assert "Hãy xóa các dòng bên dưới trước" in response.content.decode()
    assert sheet.criteria.count() == 7
    assert not AuditEvent.objects.filter(code="scoring.criterion.removed").exists()


def test_a_sheet_used_by_a_pledge_refuses_both(client, spc_office, world):
    sheet = small_sheet()
    draft_pledge(sheet=sheet, term=world.term, year=2022, actor="t")
    line = Criterion.objects.get(sheet=sheet, code="2.2")
    client.force_login(spc_office)
    response = client.post(reverse("scoring:criterion-add", args=[sheet.pk]), _line())
    assert response.status_code == 422
    assert "Bảng này đã dùng cho một giao ước" in response.content.decode()
    response = client.post(reverse("scoring:criterion-remove", args=[line.pk]), **HTMX)
    assert "Bảng này đã dùng cho một giao ước" in response.content.decode()
    assert sheet.criteria.count() == 7
    assert not AuditEvent.objects.filter(code__startswith="scoring.criterion.").exists()
    detail = client.get(reverse("scoring:sheet-detail", args=[sheet.pk])).content.decode()
    assert reverse("scoring:criterion-add", args=[sheet.pk]) not in detail
