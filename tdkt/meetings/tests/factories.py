"""Builders for the meetings tests: real service calls over the root factories."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tdkt.meetings import services
from tdkt.meetings.models import Ballot, Meeting
from tdkt.org.models import ClusterTerm, Person, Unit
from tests import factories as f

DAY = dt.date(2022, 10, 14)


def make_cluster(n: int, *, organiser: Unit | None = None, number: int = 7) -> ClusterTerm:
    organiser = organiser or f.make_unit("Tòa án nhân dân tối cao", Unit.Level.SUPREME)
    units = [f.make_unit(f"Tòa án nhân dân tỉnh Số {i:02d}", parent=organiser) for i in range(n)]
    return f.make_term(units, organiser=organiser, number=number, head_unit=units[0])


def make_conference(
    term: ClusterTerm, *, present: int | None = None, actor: Any = "test"
) -> Meeting:
    meeting = services.create_meeting(
        actor=actor,
        kind=Meeting.Kind.CONFERENCE,
        term=term,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022",
        date=DAY,
        place="Thanh Hóa",
    )
    members = list(meeting.members.order_by("pk"))
    for m in members[: len(members) if present is None else present]:
        services.set_presence(member=m, actor=actor, present=True)
    return meeting


def make_council(n: int, *, present: int | None = None, actor: Any = "test") -> Meeting:
    unit = f.make_unit("Tòa án nhân dân tỉnh Hội Đồng")
    meeting = services.create_meeting(
        actor=actor, kind=Meeting.Kind.COUNCIL, unit=unit, title="Phiên họp Hội đồng", date=DAY
    )
    for i in range(n):
        person = Person.objects.create(
            code=f"HD{unit.pk}-{i}", full_name=f"Nguyễn Văn Thành Viên {i}"
        )
        member = services.add_council_member(meeting=meeting, actor=actor, person=person)
        if present is None or i < present:
            services.set_presence(member=member, actor=actor, present=True)
    return meeting


def make_ballot(
    meeting: Meeting,
    *,
    candidates: list[Unit] | None = None,
    threshold: str | None = None,
    kind: str = Ballot.Kind.APPROVAL,
    max_choices: int = 1,
    actor: Any = "test",
    **kw: Any,
) -> Ballot:
    ballot = services.create_ballot(
        meeting=meeting,
        actor=actor,
        title="Bỏ phiếu suy tôn Cờ thi đua của Chính phủ",
        title_code="government_emulation_flag",
        title_label="Cờ thi đua của Chính phủ",
        threshold=threshold or ("2/3" if meeting.is_conference else "80%"),
        kind=kind,
        max_choices=max_choices,
        **kw,
    )
    if candidates is None:
        first = meeting.members.order_by("pk").first()
        candidates = [first.unit] if first and first.unit else []
    for unit in candidates:
        services.add_candidate(ballot=ballot, actor=actor, unit=unit)
    if not candidates:
        for m in meeting.members.order_by("pk")[:1]:
            services.add_candidate(ballot=ballot, actor=actor, person=m.person)
    return ballot


def cast_all(codes: list[services.IssuedCode], ballot: Ballot, agree: int) -> None:
    """The first `agree` codes agree with every candidate, the rest disagree."""
    ids = list(ballot.candidates.values_list("pk", flat=True))
    for i, issued in enumerate(codes):
        vote = "agree" if i < agree else "disagree"
        services.cast_ballot(code=issued.code, choices=dict.fromkeys(ids, vote))
