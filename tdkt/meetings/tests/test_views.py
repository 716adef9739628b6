"""Every meetings page: happy path, anonymous, outsider, read-only role, wrong method, bad input
and htmx variant; the voter's page end to end."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.meetings import services
from tdkt.meetings.models import AgendaItem, Ballot, CastBallot, Meeting, PaperCount, VoterSlot
from tdkt.meetings.tests.factories import DAY, make_ballot, make_cluster, make_conference

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def opened(conference, world):
    ballot = make_ballot(conference, candidates=[world.thanh_hoa])
    codes = services.open_ballot(ballot=ballot, actor="test")
    return ballot, codes


@pytest.fixture
def closed(opened):
    ballot, codes = opened
    pk = ballot.candidates.get().pk
    for issued in codes:
        services.cast_ballot(code=issued.code, choices={pk: "agree"})
    return services.close_ballot(ballot=ballot, actor="test")


def _read_urls(meeting, ballot):
    return [
        reverse("meetings:home"),
        reverse("meetings:meeting-detail", args=[meeting.pk]),
        reverse("meetings:meeting-minutes", args=[meeting.pk]),
        reverse("meetings:ballot-detail", args=[ballot.pk]),
        reverse("meetings:ballot-tally", args=[ballot.pk]),
        reverse("meetings:ballot-projector", args=[ballot.pk]),
        reverse("meetings:ballot-minutes", args=[ballot.pk]),
    ]


def _write_urls(meeting, ballot):
    member = meeting.members.first()
    slot = VoterSlot.objects.filter(ballot=ballot)[0]
    return [
        reverse("meetings:agenda-add", args=[meeting.pk]),
        reverse("meetings:member-add", args=[meeting.pk]),
        reverse("meetings:ballot-create", args=[meeting.pk]),
        reverse("meetings:member-checkin", args=[member.pk]),
        reverse("meetings:candidate-add", args=[ballot.pk]),
        reverse("meetings:ballot-open", args=[ballot.pk]),
        reverse("meetings:paper-count", args=[ballot.pk]),
        reverse("meetings:opinion-record", args=[ballot.pk]),
        reverse("meetings:ballot-close", args=[ballot.pk]),
        reverse("meetings:ballot-second-round", args=[ballot.pk]),
        reverse("meetings:resolution-record", args=[ballot.pk]),
        reverse("meetings:code-reissue", args=[slot.pk]),
        reverse("meetings:meeting-minutes-issue", args=[meeting.pk]),
        reverse("meetings:meeting-close", args=[meeting.pk]),
        reverse("meetings:ballot-minutes-issue", args=[ballot.pk]),
        reverse("meetings:candidate-remove", args=[ballot.candidates.first().pk]),
        reverse("meetings:candidates-from-ranking", args=[ballot.pk]),
    ]


def test_anonymous_is_sent_to_login(client, conference, closed):
    edit = reverse("meetings:meeting-edit", args=[conference.pk])
    for url in [*_read_urls(conference, closed), reverse("meetings:meeting-create"), edit]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("core:login"))
    for url in _write_urls(conference, closed):
        assert client.post(url).status_code == 302, url


def test_outsider_can_neither_see_nor_cast(client, conference, opened, outsider):
    ballot, _codes = opened
    client.force_login(outsider)
    edit = reverse("meetings:meeting-edit", args=[conference.pk])
    for url in [*_read_urls(conference, ballot), reverse("meetings:meeting-create"), edit]:
        assert client.get(url).status_code == 404, url
    for url in [*_write_urls(conference, ballot), edit]:
        assert client.post(url).status_code == 404, url
    assert not CastBallot.objects.exists()


@pytest.mark.parametrize("logged_in", [False, True])
def test_without_a_valid_code_nobody_sees_or_casts(client, opened, outsider, logged_in):
    """The voter's page needs no account; without a valid code it shows and stores nothing."""
    ballot, codes = opened
    if logged_in:
        client.force_login(outsider)
    pk = ballot.candidates.get().pk
    assert client.get(reverse("meetings:vote")).status_code == 200
    good = codes[0].code
    near = good[:-1] + ("3" if good[-1] != "3" else "4")  # one character off a valid code
    for code in ("ABCDE-FGHJK", "", near):
        response = client.post(
            reverse("meetings:vote"), {"code": code, "cast": "1", f"c_{pk}": "agree"}
        )
        assert response.status_code == 422
        text = response.content.decode()
        assert ballot.title not in text
        assert "Thanh Hóa" not in text
    assert not CastBallot.objects.exists()
    assert not VoterSlot.objects.filter(spent=True).exists()


def test_read_only_member_court_sees_but_cannot_run(
    client, conference, closed, member_court_officer
):
    client.force_login(member_court_officer)
    for url in _read_urls(conference, closed):
        assert client.get(url).status_code == 200, url
    for url in _write_urls(conference, closed):
        assert client.post(url).status_code == 403, url
    assert client.get(reverse("meetings:ballot-papers", args=[closed.pk])).status_code == 403
    edit = reverse("meetings:meeting-edit", args=[conference.pk])
    assert client.get(edit).status_code == 403
    assert client.get(reverse("meetings:meeting-create")).status_code == 200  # its own council


def test_wrong_method_is_405(client, conference, closed, cluster_secretary):
    client.force_login(cluster_secretary)
    for url in _read_urls(conference, closed):
        assert client.post(url).status_code == 405, url
    for url in _write_urls(conference, closed):
        assert client.get(url).status_code == 405, url
    assert client.delete(reverse("meetings:vote")).status_code == 405


def test_secretary_creates_a_conference_with_the_term_members(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    assert client.get(reverse("meetings:meeting-create")).status_code == 200
    response = client.post(
        reverse("meetings:meeting-create"),
        {
            "kind": "conference",
            "term": world.term.pk,
            "title": " Hội nghị  tổng kết ",
            "date": "2022-10-14",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.title == "Hội nghị tổng kết"
    assert set(meeting.members.values_list("unit_id", flat=True)) == {
        world.thanh_hoa.pk,
        world.nghe_an.pk,
    }


def test_bad_meeting_input_names_the_field_and_writes_nothing(client, world, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.post(
        reverse("meetings:meeting-create"),
        {"kind": "conference", "title": "X", "date": "14/13/2022"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Chọn nhiệm kỳ cụm của hội nghị." in text
    assert "Nhập một ngày hợp lệ." in text
    assert not Meeting.objects.exists()


def test_check_in_desk_shows_live_quorum_over_htmx(client, world, cluster_secretary):
    meeting = make_conference(world.term, present=0)
    client.force_login(cluster_secretary)
    member = meeting.members.order_by("pk")[0]
    response = client.post(
        reverse("meetings:member-checkin", args=[member.pk]),
        {"present": "1", "delegates": "Nguyễn Văn A"},
        **HTMX,
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith('<section id="checkin-desk"')
    assert "1/2" not in text and "1 trên 2 thành viên có mặt" in text
    member.refresh_from_db()
    assert member.present and member.delegates == "Nguyễn Văn A"
    poll = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]), **HTMX)
    assert poll.content.decode().lstrip().startswith('<section id="checkin-desk"')
    client.post(
        reverse("meetings:member-checkin", args=[meeting.members.order_by("-pk")[0].pk]),
        {"present": "1"},
    )
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert "Đủ số thành viên cần thiết." in page


def test_agenda_and_ballot_creation(client, conference, cluster_secretary):
    client.force_login(cluster_secretary)
    client.post(
        reverse("meetings:agenda-add", args=[conference.pk]), {"title": "Báo cáo tổng kết năm 2022"}
    )
    assert AgendaItem.objects.get().title == "Báo cáo tổng kết năm 2022"
    response = client.post(
        reverse("meetings:ballot-create", args=[conference.pk]),
        {
            "title": "Suy tôn Cờ thi đua của Chính phủ",
            "title_code": "government_emulation_flag",
            "kind": "approval",
            "max_choices": "1",
            "threshold": "",
            "base": "all",
            "breakdown_min_electorate": "10",
        },
    )
    ballot = Ballot.objects.get()
    assert response.status_code == 302
    assert (ballot.threshold, ballot.title_label) == ("2/3", "Cờ thi đua của Chính phủ")
    page = client.get(reverse("meetings:ballot-detail", args=[ballot.pk])).content.decode()
    assert "ít nhất 2 phiếu đồng ý" in page  # 2/3 of 2 units, shown before voting opens


def test_bad_ballot_input_is_refused(client, conference, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.post(
        reverse("meetings:ballot-create", args=[conference.pk]),
        {
            "title": "",
            "title_code": "nope",
            "kind": "approval",
            "max_choices": "0",
            "base": "all",
            "breakdown_min_electorate": "10",
        },
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "Trường này là bắt buộc." in text
    assert not Ballot.objects.exists()


def test_open_shows_codes_once_and_the_voter_casts(
    client, conference, world, cluster_secretary, council_member
):
    ballot = make_ballot(conference, candidates=[world.thanh_hoa])
    client.force_login(cluster_secretary)
    response = client.post(reverse("meetings:ballot-open", args=[ballot.pk]))
    text = response.content.decode()
    codes = [line.strip() for line in text.split('code-value">')[1:]]
    codes = [c.split("<")[0] for c in codes]
    assert len(codes) == 2
    assert all(
        services.hash_code(c) in set(VoterSlot.objects.values_list("code_hash", flat=True))
        for c in codes
    )
    client.logout()  # a delegation of another court votes with its code alone, no account
    assert client.get(reverse("meetings:vote")).status_code == 200
    step = client.post(reverse("meetings:vote"), {"code": codes[0]})
    assert "Tòa án nhân dân tỉnh Thanh Hóa" in step.content.decode()
    pk = ballot.candidates.get().pk
    done = client.post(
        reverse("meetings:vote"), {"code": codes[0], "cast": "1", f"c_{pk}": "agree"}
    )
    assert "Phiếu của bạn đã được ghi nhận." in done.content.decode()
    again = client.post(
        reverse("meetings:vote"), {"code": codes[0], "cast": "1", f"c_{pk}": "disagree"}
    )
    assert again.status_code == 422
    assert CastBallot.objects.count() == 1
    bad = client.post(reverse("meetings:vote"), {"code": ""})
    assert "Trường này là bắt buộc." in bad.content.decode()


def test_projector_shows_how_many_never_how(client, opened, member_court_officer):
    ballot, codes = opened
    pk = ballot.candidates.get().pk
    services.cast_ballot(code=codes[0].code, choices={pk: "agree"})
    client.force_login(member_court_officer)
    response = client.get(reverse("meetings:ballot-projector", args=[ballot.pk]), **HTMX)
    text = response.content.decode()
    assert text.lstrip().startswith('<section id="turnout"')
    assert "1 / 2" in text
    assert "đồng ý" not in text


def test_tally_page_minutes_and_recount(client, conference, closed, member_court_officer):
    client.force_login(member_court_officer)
    text = client.get(reverse("meetings:ballot-tally", args=[closed.pk])).content.decode()
    assert "2/2 đơn vị = 100,0 % ≥ 2/3" in text
    assert "Kiểm lại từ các phiếu đã lưu: cùng kết quả, cùng mã băm." in text
    assert closed.final_hash in text
    minutes = client.get(reverse("meetings:ballot-minutes", args=[closed.pk])).content.decode()
    for phrase in ("BIÊN BẢN KIỂM PHIẾU", "Số phiếu phát ra", "Số phiếu hợp lệ", closed.final_hash):
        assert phrase in minutes
    conf = client.get(reverse("meetings:meeting-minutes", args=[conference.pk])).content.decode()
    assert "Có mặt: 2 trên 2 thành viên." in conf
    fragment = client.get(
        reverse("meetings:ballot-tally", args=[closed.pk]), **HTMX
    ).content.decode()
    assert fragment.lstrip().startswith('<section id="tally-table"')


def test_minutes_before_close_are_not_found(client, opened, cluster_secretary):
    ballot, _codes = opened
    client.force_login(cluster_secretary)
    assert client.get(reverse("meetings:ballot-minutes", args=[ballot.pk])).status_code == 404


def test_paper_count_pages_and_mismatch(client, world, cluster_secretary):
    term = make_cluster(4, organiser=world.spc, number=2)
    from tdkt.org.models import RoleAssignment

    RoleAssignment.objects.create(
        user=cluster_secretary, role="cluster_secretary", cluster_term=term
    )
    meeting = make_conference(term)
    ballot = make_ballot(meeting)
    client.force_login(cluster_secretary)
    ids = list(meeting.members.order_by("pk").values_list("pk", flat=True))
    client.post(
        reverse("meetings:ballot-open", args=[ballot.pk]), {"paper": [str(ids[0]), str(ids[1])]}
    )
    assert (
        client.get(reverse("meetings:ballot-papers", args=[ballot.pk]))
        .content.decode()
        .count("PHIẾU BẦU")
        == 2
    )
    pk = ballot.candidates.get().pk
    url = reverse("meetings:paper-count", args=[ballot.pk])
    bad = client.post(
        url,
        {
            "teller": "A",
            "returned": "-1",
            "invalid": "0",
            f"agree_{pk}": "1",
            f"disagree_{pk}": "0",
        },
    )
    assert bad.status_code == 422 and not PaperCount.objects.exists()
    client.post(
        url,
        {"teller": "A", "returned": "2", "invalid": "0", f"agree_{pk}": "2", f"disagree_{pk}": "0"},
    )
    response = client.post(
        url,
        {"teller": "B", "returned": "2", "invalid": "0", f"agree_{pk}": "1", f"disagree_{pk}": "1"},
        follow=True,
    )
    assert "Số liệu của hai người kiểm phiếu khác nhau." in response.content.decode()
    assert not PaperCount.objects.filter(accepted=True).exists()
    too_many = client.post(
        url,
        {"teller": "B", "returned": "3", "invalid": "0", f"agree_{pk}": "1", f"disagree_{pk}": "1"},
    )
    assert too_many.status_code == 422
    client.post(
        url,
        {"teller": "B", "returned": "2", "invalid": "0", f"agree_{pk}": "2", f"disagree_{pk}": "0"},
    )
    assert PaperCount.objects.filter(accepted=True).count() == 2


def test_second_round_and_decision_pages(client, world, cluster_secretary):
    meeting = make_conference(world.term)
    ballot = make_ballot(meeting, candidates=[world.thanh_hoa])
    codes = services.open_ballot(ballot=ballot, actor="t")
    pk = ballot.candidates.get().pk
    for issued in codes:
        services.cast_ballot(code=issued.code, choices={pk: "disagree"})
    client.force_login(cluster_secretary)
    client.post(reverse("meetings:ballot-close", args=[ballot.pk]))
    response = client.post(reverse("meetings:ballot-second-round", args=[ballot.pk]))
    second = Ballot.objects.get(round=2)
    assert response.url == reverse("meetings:ballot-detail", args=[second.pk])
    services.open_ballot(ballot=second, actor="t")
    client.post(reverse("meetings:ballot-close", args=[second.pk]))
    page = client.get(reverse("meetings:ballot-tally", args=[second.pk])).content.decode()
    assert "Xung đột lợi ích" in page and "Tòa án nhân dân tỉnh Thanh Hóa" in page  # VOTE-09
    url = reverse("meetings:resolution-record", args=[second.pk])
    bad = client.post(url, {"decided_by": "", "reason": ""})
    assert bad.status_code == 422
    ok = client.post(
        url,
        {
            "decided_by": "TAND tỉnh Thanh Hóa và TAND tỉnh Nghệ An",
            "reason": "Thành tích nổi trội",
            "chosen": [second.candidates.get().pk],
        },
    )
    assert ok.status_code == 302
    page = client.get(reverse("meetings:ballot-tally", args=[second.pk])).content.decode()
    assert "Thành tích nổi trội" in page


@pytest.mark.parametrize("rows", [3, 30])
def test_query_budget_of_the_desk_and_the_tally(
    client, world, spc_office, django_assert_max_num_queries, rows
):
    term = make_cluster(rows, organiser=world.spc, number=3)
    meeting = make_conference(term)
    ballot = make_ballot(meeting)
    codes = services.open_ballot(ballot=ballot, actor="t")
    pk = ballot.candidates.get().pk
    for issued in codes:
        services.cast_ballot(code=issued.code, choices={pk: "agree"})
    services.close_ballot(ballot=ballot, actor="t")
    client.force_login(spc_office)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("meetings:ballot-tally", args=[ballot.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("meetings:meeting-minutes", args=[meeting.pk])).status_code == 200


def test_home_lists_meetings_of_the_user(client, conference, member_court_officer, world):
    services.create_meeting(
        actor="t", kind="council", unit=world.spc, title="Phiên họp khác", date=DAY
    )
    client.force_login(member_court_officer)
    text = client.get(reverse("meetings:home")).content.decode()
    assert conference.title in text
    assert "Phiên họp khác" not in text


def test_council_members_and_written_opinions(client, world, cluster_secretary, council_member):
    from tdkt.meetings.models import WrittenOpinion
    from tests import factories as f

    meeting = services.create_meeting(
        actor="t", kind="council", unit=world.thanh_hoa, title="Phiên họp Hội đồng", date=DAY
    )
    people = [f.make_person(f"Trần Văn Ủy Viên {i}", world.thanh_hoa) for i in range(3)]
    client.force_login(council_member)  # a council member reads, but does not run the session
    url = reverse("meetings:member-add", args=[meeting.pk])
    assert client.post(url, {"person": people[0].pk}).status_code == 403
    client.force_login(cluster_secretary)  # emulation officer of the unit
    for person in people:
        client.post(url, {"person": person.pk})
    bad = client.post(url, {"person": "999999"}, follow=True)
    assert "Chọn một người trong đơn vị." in bad.content.decode()
    members = list(meeting.members.order_by("pk"))
    assert len(members) == 3
    for member in members[:2]:
        services.set_presence(member=member, actor="t", present=True)
    ballot = make_ballot(meeting, candidates=[], threshold="80%")
    services.open_ballot(ballot=ballot, actor="t")
    page = client.get(reverse("meetings:ballot-detail", args=[ballot.pk])).content.decode()
    assert "Ý kiến bằng văn bản của thành viên vắng mặt" in page
    pk = ballot.candidates.get().pk
    opinion = reverse("meetings:opinion-record", args=[ballot.pk])
    present = client.post(opinion, {"member": members[0].pk, f"o_{pk}": "agree"}, follow=True)
    assert "Chỉ thành viên vắng mặt gửi ý kiến bằng văn bản." in present.content.decode()
    assert not WrittenOpinion.objects.exists()
    client.post(opinion, {"member": members[2].pk, f"o_{pk}": "agree"})
    assert WrittenOpinion.objects.get().agree is True
