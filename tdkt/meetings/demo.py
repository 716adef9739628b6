"""Demo data: the 2022 year-end conference of Cụm thi đua số 1 with its completed flag ballot,
and this year's conference of the cluster's latest term, ready to run.

The seed report (14/10/2022, TAND tỉnh Thanh Hóa head unit) says the members voted to honour a
provincial-level and a district-level court for the Government Emulation Flag, but not which:
the two candidates and the votes below are illustrative (B).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.utils import timezone

from tdkt.meetings import services
from tdkt.meetings.models import Ballot, Meeting
from tdkt.org.models import ClusterTerm, Unit

DAY_2022 = dt.date(2022, 10, 14)
TITLE_2022 = "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022 – Cụm thi đua số 1"
AGENDA = (
    "Báo cáo tổng kết công tác thi đua, khen thưởng năm {year} của đơn vị trưởng cụm",
    "Tham luận, ý kiến của các đơn vị thành viên",
    "Phát biểu chỉ đạo của lãnh đạo Tòa án nhân dân tối cao",
    "Ký kết giao ước thi đua năm {next}",
    "Bỏ phiếu suy tôn Cờ thi đua của Chính phủ",
    "Bầu đơn vị trưởng cụm, phó cụm năm {next}",
)
GUESTS_2022 = (
    "Đồng chí Nguyễn Văn Du, Ủy viên Ban Cán sự Đảng, Phó Chánh án TAND tối cao; đồng chí "
    "Nguyễn Ngọc Tiến, Ủy viên Ban Thường vụ, Trưởng ban Nội chính Tỉnh ủy, Trưởng Ban Pháp chế "
    "HĐND tỉnh Thanh Hóa; đồng chí Nguyễn Quang Hải, Tỉnh ủy viên, Phó Chủ tịch HĐND tỉnh "
    "Thanh Hóa."
)
PROVINCIAL_2022 = "PT-quang_ninh"
DISTRICT_2022 = "DT-401"  # Tòa án nhân dân huyện Nga Sơn, Thanh Hóa
PAPER_2022 = ("PT-ha_tinh", "PT63-ninh_binh")
# Electronic ballots of the 12 other units: (provincial, district) choices, illustrative.
ELECTRONIC_2022 = [("agree", "agree")] * 10 + [("agree", "disagree"), ("disagree", "disagree")]


def _flag_ballot(meeting: Meeting, actor: str, candidates: list[Unit]) -> Ballot:
    ballot = services.create_ballot(
        meeting=meeting,
        actor=actor,
        title=f"Bỏ phiếu suy tôn Cờ thi đua của Chính phủ năm {meeting.term.year}",  # type: ignore[union-attr]
        title_code="government_emulation_flag",
        title_label="Cờ thi đua của Chính phủ",
        threshold="2/3",
    )
    for unit in candidates:
        services.add_candidate(ballot=ballot, actor=actor, unit=unit)
    return ballot


def _conference(term: ClusterTerm, day: dt.date, title: str, actor: str) -> Meeting:
    meeting = services.create_meeting(
        actor=actor,
        kind=Meeting.Kind.CONFERENCE,
        term=term,
        title=title,
        date=day,
        place=term.head_unit.province.name if term.head_unit and term.head_unit.province else "",
        chair=f"Lãnh đạo {term.head_unit.name} (đơn vị trưởng cụm)" if term.head_unit else "",
        secretary_name="Lê Thị Thu Hà",
    )
    for line in AGENDA:
        services.add_agenda_item(
            meeting=meeting, actor=actor, title=line.format(year=term.year, next=term.year + 1)
        )
    return meeting


def _load_2022(actor: str, counts: Counter[str]) -> None:
    term = ClusterTerm.objects.filter(
        cluster__organising_unit__code="TANDTC", cluster__number=1, year=2022
    ).first()
    if term is None or Meeting.objects.filter(term=term, date=DAY_2022).exists():
        return
    meeting = _conference(term, DAY_2022, TITLE_2022, actor)
    Meeting.objects.filter(pk=meeting.pk).update(
        guests=GUESTS_2022,
        note="Kết quả bỏ phiếu là dữ liệu minh họa: nguồn không nêu đơn vị được suy tôn (B).",
    )
    for member in meeting.members.select_related("unit"):
        services.set_presence(member=member, actor=actor, present=True, delegates="Lãnh đạo đơn vị")
    units = Unit.objects.in_bulk([PROVINCIAL_2022, DISTRICT_2022], field_name="code")
    ballot = _flag_ballot(meeting, actor, [units[PROVINCIAL_2022], units[DISTRICT_2022]])
    paper = list(meeting.members.filter(unit__code__in=PAPER_2022).values_list("pk", flat=True))
    codes = services.open_ballot(ballot=ballot, actor=actor, paper_member_ids=paper)
    provincial, district = ballot.candidates.order_by("position")
    for issued, (a, b) in zip(codes, ELECTRONIC_2022, strict=True):
        services.cast_ballot(code=issued.code, choices={provincial.pk: a, district.pk: b})
    for teller in ("Nguyễn Thị Lan", "Trần Văn Hùng"):
        services.enter_paper_count(
            ballot=ballot,
            actor=actor,
            teller=teller,
            returned=2,
            invalid=0,
            counts={provincial.pk: (2, 0), district.pk: (2, 0)},
        )
    services.close_ballot(ballot=ballot, actor=actor)
    counts["meetings"] += 1
    counts["ballots"] += 1


def _load_current(actor: str, counts: Counter[str]) -> None:
    term = (
        ClusterTerm.objects.filter(cluster__organising_unit__code="TANDTC", cluster__number=1)
        .order_by("-year")
        .first()
    )
    if term is None or term.year == 2022 or Meeting.objects.filter(term=term).exists():
        return
    day = timezone.localdate()
    title = f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {term.year} – {term.name}"
    meeting = _conference(term, day, title, actor)
    members = [m.unit_id for m in meeting.members.all()]
    regional = (
        Unit.objects.filter(parent_id__in=members, level=Unit.Level.REGIONAL)
        .valid_on(day)
        .order_by("code")
        .first()
    )
    candidates = [u for u in [term.deputy_unit, regional] if u is not None]
    if candidates:
        _flag_ballot(meeting, actor, candidates)
        counts["ballots"] += 1
    counts["meetings"] += 1


@transaction.atomic
def load_demo(*, actor_label: str = "tdkt demo") -> Counter[str]:
    counts: Counter[str] = Counter()
    _load_2022(actor_label, counts)
    _load_current(actor_label, counts)
    return counts
