"""The vote-count minutes and the conference minutes as documents: issued from the tally page
and the meeting page, every figure in the .docx and the .pdf, listed there, signed twice."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.documents.models import GeneratedDocument
from tdkt.documents.tests.conftest import docx_text, pdf_text
from tdkt.meetings import services
from tdkt.meetings.doc_kinds import CONFERENCE_KIND, TALLY_KIND
from tdkt.meetings.tests.factories import make_ballot, make_cluster, make_conference
from tdkt.org.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def vote(world):
    """A 14-unit cluster run by the world's secretary: 13 present, 11 electronic ballots and
    2 paper ballots; the candidate gets 10 of 14 (passes), the second 9 (does not)."""
    term = make_cluster(14, organiser=world.spc, number=3)
    meeting = make_conference(term, present=13)
    meeting.chair = "Nguyễn Văn Chủ"
    meeting.secretary_name = "Lê Thị Thư"
    meeting.save()
    services.add_agenda_item(meeting=meeting, actor="test", title="Bỏ phiếu suy tôn Cờ thi đua")
    units = [m.unit for m in meeting.members.order_by("pk")[:2] if m.unit is not None]
    ballot = make_ballot(meeting, candidates=units)
    paper = list(
        meeting.members.filter(present=True).order_by("-pk").values_list("pk", flat=True)[:2]
    )
    codes = services.open_ballot(ballot=ballot, actor="test", paper_member_ids=paper)
    a, b = ballot.candidates.order_by("position")
    for i, issued in enumerate(codes):
        services.cast_ballot(
            code=issued.code,
            choices={
                a.pk: "agree" if i < 8 else "disagree",
                b.pk: "agree" if i < 7 else "disagree",
            },
        )
    for teller in ("Nguyễn Thị Lan", "Trần Văn Hùng"):
        services.enter_paper_count(
            ballot=ballot,
            actor="test",
            teller=teller,
            returned=2,
            invalid=0,
            counts={a.pk: (2, 0), b.pk: (2, 0)},
        )
    services.close_ballot(ballot=ballot, actor="test")
    ballot.refresh_from_db()
    return term, meeting, ballot


@pytest.fixture
def secretary(vote):
    term, _meeting, _ballot = vote
    user = f.make_user("thuky3", first_name="Hà", last_name="Lê Thị Thu")
    f.grant(user, Role.CLUSTER_SECRETARY, cluster_term=term)
    f.grant(user, Role.EMULATION_OFFICER, unit=term.head_unit)
    return user


def _file(document, fmt):
    field = {"docx": document.docx, "pdf": document.pdf}[fmt]
    with field.open("rb") as handle:
        return handle.read()


TALLY_TEXT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỤM THI ĐUA SỐ 3",
    "BIÊN BẢN KIỂM PHIẾU",
    "Số: 01/BB-TA",
    "Bỏ phiếu suy tôn Cờ thi đua của Chính phủ",
    "Ông (bà) Trần Đức Thắng, Trưởng ban",
    "Ông (bà) Phạm Thị Mai, thành viên",
    "Ông (bà) Đỗ Văn Khoa, Thư ký",
    "Mỗi đơn vị thành viên một phiếu",
    "ít nhất 10 phiếu đồng ý",
    "Tổng số thành viên: 14; số thành viên có mặt: 13",
    "Số phiếu phát ra: 13 (11 phiếu điện tử, 2 phiếu giấy)",
    "Số phiếu thu về: 13; số phiếu không thu về: 0",
    "Số phiếu hợp lệ: 13; số phiếu không hợp lệ: 0",
    "10/14 đơn vị = 71,4 % ≥ 2/3",
    "9/14 đơn vị = 64,3 % < 2/3",
    "Không đạt",
    "Cần bỏ phiếu vòng hai",
    "TRƯỞNG BAN KIỂM PHIẾU",
    "Trần Đức Thắng",
    "Đỗ Văn Khoa",
]


def test_secretary_issues_the_vote_count_minutes(client, vote, secretary):
    _term, _meeting, ballot = vote
    client.force_login(secretary)
    page = client.get(reverse("meetings:ballot-tally", args=[ballot.pk])).content.decode()
    assert "Phát hành .docx/.pdf" in page
    response = client.post(
        reverse("meetings:ballot-minutes-issue", args=[ballot.pk]),
        {
            "head": "Trần Đức Thắng",
            "secretary": "Đỗ Văn Khoa",
            "committee": "Phạm Thị Mai\n\n",
        },
    )
    assert response.status_code == 302
    document = GeneratedDocument.objects.get(kind=TALLY_KIND)
    assert document.target_id == str(ballot.pk)
    docx, pdf = docx_text(_file(document, "docx")), pdf_text(_file(document, "pdf"))
    for needle in [*TALLY_TEXT, ballot.final_hash]:
        assert needle in docx, (needle, "docx")
        assert needle in pdf.replace("- ", "-") or needle in pdf, (needle, "pdf")
    page = client.get(reverse("meetings:ballot-tally", args=[ballot.pk])).content.decode()
    assert reverse("documents:document-detail", args=[document.pk]) in page


def test_bad_committee_input_names_the_field_and_issues_nothing(client, vote, secretary):
    _term, _meeting, ballot = vote
    client.force_login(secretary)
    url = reverse("meetings:ballot-minutes-issue", args=[ballot.pk])
    response = client.post(url, {"head": "", "secretary": "Đỗ Văn Khoa"}, **HTMX)
    assert response.status_code == 422
    text = response.content.decode()
    assert text.lstrip().startswith('<section class="card mb-3" id="minutes-panel"')
    assert "Trường này là bắt buộc." in text
    assert not GeneratedDocument.objects.exists()
    ok = client.post(url, {"head": "Trần Đức Thắng", "secretary": "Đỗ Văn Khoa"}, **HTMX)
    assert ok.status_code == 200
    assert "01/BB-TA" in ok.content.decode()


def test_minutes_of_an_open_ballot_are_refused(client, world, cluster_secretary, conference):
    ballot = make_ballot(conference, candidates=[world.thanh_hoa])
    services.open_ballot(ballot=ballot, actor="test")
    client.force_login(cluster_secretary)
    response = client.post(
        reverse("meetings:ballot-minutes-issue", args=[ballot.pk]),
        {"head": "Trần Đức Thắng", "secretary": "Đỗ Văn Khoa"},
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Biên bản được phát hành khi cuộc bỏ phiếu đã kết thúc." in page
    issued = client.post(reverse("meetings:meeting-minutes-issue", args=[conference.pk]))
    assert issued.status_code == 302
    page = client.get(issued.url).content.decode()
    assert "Hãy kết thúc các cuộc bỏ phiếu đang mở trước khi phát hành biên bản." in page
    assert not GeneratedDocument.objects.exists()


CONFERENCE_TEXT = [
    "BIÊN BẢN",
    "Số: 02/BB-TA",
    "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022",
    "I. THÀNH PHẦN THAM DỰ",
    "Có mặt 13/14 đơn vị thành viên; đủ số thành viên cần thiết",
    "- Vắng mặt (1): Tòa án nhân dân tỉnh Số 13.",
    "1. Bỏ phiếu suy tôn Cờ thi đua",
    "Số phiếu phát ra 13 (11 điện tử, 2 giấy); thu về 13; không thu về 0; hợp lệ 13",
    "10/14 đơn vị = 71,4 % ≥ 2/3, đạt",
    "III. KẾT LUẬN",
    "THƯ KÝ",
    "Lê Thị Thư",
    "Nguyễn Văn Chủ",
]


def test_secretary_issues_the_conference_minutes_and_both_sign(client, vote, secretary, pki):
    _term, meeting, ballot = vote
    client.force_login(secretary)
    client.post(
        reverse("meetings:ballot-minutes-issue", args=[ballot.pk]),
        {"head": "Trần Đức Thắng", "secretary": "Đỗ Văn Khoa"},
    )
    response = client.post(reverse("meetings:meeting-minutes-issue", args=[meeting.pk]))
    assert response.status_code == 302
    document = GeneratedDocument.objects.get(kind=CONFERENCE_KIND)
    docx, pdf = docx_text(_file(document, "docx")), pdf_text(_file(document, "pdf"))
    for needle in CONFERENCE_TEXT:
        assert needle in docx, (needle, "docx")
        assert needle in pdf, (needle, "pdf")
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert reverse("documents:document-detail", args=[document.pk]) in page
    # The counting committee's head and secretary sign the tally minutes on the document page.
    tally = GeneratedDocument.objects.get(kind=TALLY_KIND)
    other = f.make_user("thuky3b", first_name="Khoa", last_name="Đỗ Văn")
    f.grant(other, Role.EMULATION_OFFICER, unit=meeting.term.head_unit)
    for user, role in ((secretary, "Trưởng ban kiểm phiếu"), (other, "Thư ký")):
        client.force_login(user)
        signed = client.post(reverse("documents:document-sign", args=[tally.pk]), {"role": role})
        assert signed.status_code == 302
    tally.refresh_from_db()
    assert tally.signature_count == 2


@pytest.fixture
def pki(tmp_path, settings):
    from tdkt.documents.pki import make_pki

    passphrase = b"mat-khau-thu"
    made = make_pki(tmp_path, signers=["Lê Thị Thu Hà"], passphrase=passphrase)
    settings.DOCUMENTS_SIGNING_P12 = str(made.signers[0])
    settings.DOCUMENTS_SIGNING_PASSPHRASE = passphrase.decode()
    settings.DOCUMENTS_TRUST_ROOTS = str(made.root)
    return made.root, made.signers
