"""Editing a meeting until it is closed, removing draft candidates, candidates from the published
ranking, and the throttle of wrong voting codes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse

from tdkt.core.models import AuditEvent
from tdkt.meetings import services
from tdkt.meetings.models import AgendaItem, Candidate, CastBallot, Meeting
from tdkt.meetings.tests.factories import make_ballot
from tdkt.scoring import services as scoring
from tdkt.scoring.tests.factories import criterion, make_round

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
EDIT = {
    "title": "Hội nghị tổng kết năm 2022 (sửa)",
    "date": "2022-10-15",
    "place": "Hội trường TAND tỉnh Thanh Hóa",
    "chair": "Nguyễn Văn Chủ",
    "secretary_name": "Lê Thị Thư",
    "agenda": "Khai mạc\n  Bỏ phiếu suy tôn  \n\nBế mạc",
}


def test_secretary_edits_title_date_place_and_agenda(client, conference, cluster_secretary):
    services.add_agenda_item(meeting=conference, actor="test", title="Cũ")
    client.force_login(cluster_secretary)
    url = reverse("meetings:meeting-edit", args=[conference.pk])
    page = client.get(url).content.decode()
    assert "Sửa thông tin cuộc họp" in page and "Cũ" in page
    response = client.post(url, EDIT)
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.title == "Hội nghị tổng kết năm 2022 (sửa)"
    assert conference.date == dt.date(2022, 10, 15)
    assert list(conference.agenda.values_list("title", flat=True)) == [
        "Khai mạc",
        "Bỏ phiếu suy tôn",
        "Bế mạc",
    ]
    event = AuditEvent.objects.get(code="meetings.meeting.updated")
    assert event.actor == cluster_secretary
    assert event.before["agenda"] == ["Cũ"] and event.after["agenda"][0] == "Khai mạc"
    assert event.before["date"] == "2022-10-14"
    assert "kind" not in event.after  # only what changed


def test_bad_edit_names_the_field_and_writes_nothing(client, conference, cluster_secretary):
    client.force_login(cluster_secretary)
    url = reverse("meetings:meeting-edit", args=[conference.pk])
    response = client.post(url, {**EDIT, "title": "", "date": "15/13/2022"}, **HTMX)
    assert response.status_code == 422
    text = response.content.decode()
    assert text.lstrip().startswith('<form method="post" class="col-lg-8" id="edit-form"')
    assert "Trường này là bắt buộc." in text
    assert "Nhập một ngày hợp lệ." in text
    conference.refresh_from_db()
    assert conference.title.startswith("Hội nghị tổng kết công tác")
    assert not AuditEvent.objects.filter(code="meetings.meeting.updated").exists()


def test_date_is_fixed_once_a_ballot_opened_and_nothing_changes_after_close(
    client, world, conference, cluster_secretary
):
    ballot = make_ballot(conference, candidates=[world.thanh_hoa])
    services.open_ballot(ballot=ballot, actor="test")
    client.force_login(cluster_secretary)
    url = reverse("meetings:meeting-edit", args=[conference.pk])
    response = client.post(url, EDIT)
    assert response.status_code == 422
    assert "Không thể đổi ngày khi đã mở bỏ phiếu." in response.content.decode()
    assert client.post(reverse("meetings:meeting-close", args=[conference.pk])).status_code == 302
    conference.refresh_from_db()
    assert not conference.is_closed  # an open ballot keeps the meeting open
    services.close_ballot(ballot=ballot, actor="test")
    assert client.post(url, {**EDIT, "date": "2022-10-14"}).status_code == 302
    client.post(reverse("meetings:meeting-close", args=[conference.pk]))
    conference.refresh_from_db()
    assert conference.is_closed
    assert AuditEvent.objects.filter(code="meetings.meeting.closed").count() == 1
    assert client.get(url).status_code == 403
    page = client.get(reverse("meetings:meeting-detail", args=[conference.pk])).content.decode()
    assert "Cuộc họp đã kết thúc lúc" in page
    assert reverse("meetings:agenda-add", args=[conference.pk]) not in page
    client.post(reverse("meetings:agenda-add", args=[conference.pk]), {"title": "Muộn"})
    assert not AgendaItem.objects.filter(title="Muộn").exists()
    member = conference.members.first()
    client.post(reverse("meetings:member-checkin", args=[member.pk]), {"present": "0"})
    member.refresh_from_db()
    assert member.present


def test_wrong_method_on_the_new_pages(client, conference, cluster_secretary):
    client.force_login(cluster_secretary)
    assert client.delete(reverse("meetings:meeting-edit", args=[conference.pk])).status_code == 405
    for name in ("meeting-close", "meeting-minutes-issue"):
        assert client.get(reverse(f"meetings:{name}", args=[conference.pk])).status_code == 405


def test_draft_candidate_is_removed_with_its_audit(client, world, conference, cluster_secretary):
    ballot = make_ballot(conference, candidates=[world.thanh_hoa, world.nghe_an])
    first, second = ballot.candidates.order_by("position")
    client.force_login(cluster_secretary)
    response = client.post(reverse("meetings:candidate-remove", args=[first.pk]), **HTMX)
    assert response.status_code == 200
    text = response.content.decode()
    assert text.lstrip().startswith('<section id="candidates">')
    assert "Nghệ An" in text and "Thanh Hóa" not in text
    second.refresh_from_db()
    assert second.position == 1
    event = AuditEvent.objects.get(code="meetings.candidate.removed")
    assert event.before == {"candidate": "Tòa án nhân dân tỉnh Thanh Hóa"}
    services.open_ballot(ballot=ballot, actor="test")
    refused = client.post(reverse("meetings:candidate-remove", args=[second.pk]))
    assert refused.status_code == 302
    assert Candidate.objects.filter(pk=second.pk).exists()
    assert (
        "Chỉ thay đổi danh sách bầu trước khi mở bỏ phiếu."
        in client.get(refused.url).content.decode()
    )


def _flag_ballot(meeting):
    return services.create_ballot(
        meeting=meeting,
        actor="test",
        title="Suy tôn Cờ thi đua của Chính phủ",
        title_code="government_emulation_flag",
        title_label="Cờ thi đua của Chính phủ",
        threshold="2/3",
    )


def test_ranking_not_published_is_said(client, world, conference, cluster_secretary):
    ballot = _flag_ballot(conference)
    make_round(world.term)  # open, not published
    client.force_login(cluster_secretary)
    page = client.get(reverse("meetings:ballot-detail", args=[ballot.pk])).content.decode()
    assert "Cụm chưa công bố kết quả xếp hạng" in page


def test_candidates_from_the_published_ranking_in_rank_order(
    client, world, conference, cluster_secretary
):
    scoring_round = make_round(world.term)
    scoring.set_final_score(
        scoring_round=scoring_round,
        subject=world.nghe_an,
        criterion=criterion(scoring_round, "2.1"),
        points=Decimal(8),
        reason="Đã xác minh",
        actor="test",
    )
    scoring.publish_round(scoring_round=scoring_round, actor="test")
    ballot = _flag_ballot(conference)
    client.force_login(cluster_secretary)
    page = client.get(reverse("meetings:ballot-detail", args=[ballot.pk])).content.decode()
    ranking = page.split('id="ranking"')[1]
    assert ranking.index("Nghệ An") < ranking.index("Thanh Hóa")
    response = client.post(
        reverse("meetings:candidates-from-ranking", args=[ballot.pk]),
        {"unit": [str(world.thanh_hoa.pk), str(world.nghe_an.pk)]},
    )
    assert response.status_code == 302
    assert list(ballot.candidates.values_list("label", flat=True)) == [
        "Tòa án nhân dân tỉnh Nghệ An",
        "Tòa án nhân dân tỉnh Thanh Hóa",
    ]
    none = client.post(reverse("meetings:candidates-from-ranking", args=[ballot.pk]), {})
    assert "Hãy đánh dấu ít nhất một đơn vị" in client.get(none.url).content.decode()
    assert ballot.candidates.count() == 2


@override_settings(MEETINGS_VOTE_THROTTLE=(3, 5, 600))
def test_wrong_codes_are_throttled_per_address(client, world, conference):
    ballot = make_ballot(conference, candidates=[world.thanh_hoa])
    codes = services.open_ballot(ballot=ballot, actor="test")
    url = reverse("meetings:vote")
    for _i in range(3):
        assert client.post(url, {"code": "ZZZZZ-ZZZZZ"}).status_code == 422
    blocked = client.post(url, {"code": codes[0].code})  # even a good code, from this address
    assert blocked.status_code == 429
    text = blocked.content.decode()
    assert "Đã nhập sai mã quá nhiều lần" in text
    assert ballot.title not in text
    other = client.post(url, {"code": codes[0].code}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200 and ballot.title in other.content.decode()


@override_settings(MEETINGS_VOTE_THROTTLE=(100, 4, 600))
def test_wrong_codes_are_throttled_per_open_ballot_and_spent_codes_do_not_count(
    client, world, conference
):
    ballot = make_ballot(conference, candidates=[world.thanh_hoa])
    codes = services.open_ballot(ballot=ballot, actor="test")
    pk = ballot.candidates.get().pk
    url = reverse("meetings:vote")
    assert (
        client.post(url, {"code": codes[0].code, "cast": "1", f"c_{pk}": "agree"}).status_code
        == 200
    )
    for _i in range(5):  # a spent code is no guess
        assert client.post(url, {"code": codes[0].code}).status_code == 422
    for i in range(4):
        client.post(url, {"code": "ZZZZZ-ZZZZZ"}, REMOTE_ADDR=f"10.0.1.{i}")
    blocked = client.post(url, {"code": codes[1].code, "cast": "1", f"c_{pk}": "agree"})
    assert blocked.status_code == 429
    assert CastBallot.objects.count() == 1
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("rows", [3, 30])
def test_adding_ranked_candidates_is_set_based(world, django_assert_max_num_queries, rows):
    from tdkt.meetings.tests.factories import make_cluster, make_conference

    term = make_cluster(rows, organiser=world.spc, number=rows)
    meeting = make_conference(term)
    ballot = _flag_ballot(meeting)
    units = [m.unit for m in meeting.members.order_by("-pk") if m.unit is not None]
    services.add_candidate(ballot=ballot, actor="test", unit=units[1])
    with django_assert_max_num_queries(8):
        added = services.add_ranked_candidates(ballot=ballot, actor="test", units=units)
    assert len(added) == rows - 1  # the one already on the ballot is skipped
    labels = list(ballot.candidates.values_list("label", flat=True))
    assert labels[0] == units[1].name and labels[1:] == [u.name for u in units if u != units[1]]
    assert AuditEvent.objects.filter(code="meetings.candidate.added").count() == rows
