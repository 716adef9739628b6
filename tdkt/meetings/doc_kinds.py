"""The minutes of meetings as documents in the national format (documents' registry).

`BallotCountMinutes` (biên bản kiểm phiếu) carries every figure of a closed ballot's count
(RULES.md §6: members, present, issued, returned, not returned, valid, invalid, written opinions,
per candidate the votes and the threshold with its base, who is honoured, the second round or the
decision, the final hash). `MeetingConferenceMinutes` (biên bản hội nghị) reuses documents'
`ConferenceMinutesContent` and layout. Both contents are built from `queries.vote_count_minutes`
and `queries.meeting_minutes`, so the print views, the .docx and the .pdf say the same thing.
"""

# ruff: noqa: RUF009  (text(), lines(), signer() … return dataclasses.field(); ruff cannot see it)

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tdkt.documents.content import (
    AdministrativeContent,
    Issuer,
    Signature,
    lines,
    number,
    signer,
    table,
    text,
)
from tdkt.documents.doc_kinds import ConferenceMinutes, ConferenceMinutesContent
from tdkt.documents.docx_layout import TEXT_WIDTH_MM, DocxLayout
from tdkt.documents.registry import DocumentKind, register
from tdkt.meetings.models import Ballot, Meeting, Member
from tdkt.meetings.queries import MeetingMinutes, VoteCountMinutes
from tdkt.org.models import Unit

TALLY_KIND = "meetings.vote_count_minutes"
CONFERENCE_KIND = "meetings.conference_minutes"


@dataclass(kw_only=True)
class CountRow:
    name: str = text(_("candidate"))
    votes: int = number(_("votes in favour"))
    against: str = text(_("votes against"))
    ratio: str = text(_("share and threshold"))
    outcome: str = text(_("result"))


@dataclass(kw_only=True)
class BallotCountContent(AdministrativeContent):
    """Biên bản kiểm phiếu of one round of a secret ballot."""

    summary: str = text(_("summary"), default="Kiểm phiếu bỏ phiếu kín")
    opening: str = text(_("time and place"), lines=2)
    committee: list[str] = lines(_("vote-counting committee"), help_text=_("One member a line."))
    rule: str = text(_("threshold and its base"), lines=2)
    members_total: int = number(_("members"))
    members_present: int = number(_("members present"))
    ballots_issued: int = number(_("ballots issued"))
    ballots_electronic: int = number(_("of which electronic"))
    ballots_paper: int = number(_("of which paper"))
    ballots_returned: int = number(_("ballots returned"))
    ballots_not_returned: int = number(_("ballots not returned"))
    ballots_valid: int = number(_("valid ballots"))
    ballots_invalid: int = number(_("invalid ballots"))
    written_opinions: list[str] = lines(_("written opinions of absent members"))
    rows: list[CountRow] = table(_("result"))
    against_note: str = text(_("note on votes against"))
    conclusion: list[str] = lines(_("conclusion"), help_text=_("One paragraph a line."))
    final_hash: str = text(_("final hash of the count"))
    head: Signature = signer(_("head of the vote-counting committee"))
    member: Signature = signer(_("secretary of the vote-counting committee"))


@register
class BallotCountMinutes(DocumentKind):
    code = TALLY_KIND
    label = _("Vote-count minutes of a ballot")
    doc_type = "BB"
    title = "BIÊN BẢN KIỂM PHIẾU"
    content_class = BallotCountContent
    html_template = "meetings/docs/vote_count_minutes.html"

    def build_template(self, layout: DocxLayout) -> None:
        layout.header()
        layout.heading("BIÊN BẢN KIỂM PHIẾU", "{{ summary }}")
        layout.para("{{ opening }}", indent=True)
        layout.para("1. Ban kiểm phiếu gồm: {{ committee|join(' ') }}", indent=True)
        layout.para("2. Nguyên tắc: {{ rule }}", indent=True)
        layout.para("3. Kết quả kiểm phiếu:", bold=True)
        for line in FIGURES:
            layout.para(line, indent=True, after=2)
        layout.loop("line", "written_opinions", "{{ line }}", indent=True)
        layout.grid(
            ["STT", "Đơn vị, cá nhân", "Phiếu đồng ý", "Phiếu không đồng ý", "Tỷ lệ", "Kết quả"],
            "rows",
            [
                "{{ loop.index }}",
                "{{ row.name }}",
                "{{ row.votes }}",
                "{{ row.against }}",
                "{{ row.ratio }}",
                "{{ row.outcome }}",
            ],
            widths=[10, 52, 17, 21, 42, TEXT_WIDTH_MM - 142],
            aligns=["center", "left", "center", "center", "center", "center"],
        )
        layout.para("{{ against_note }}", italic=True, size=12)
        layout.para("4. Kết luận:", bold=True, after=2)
        layout.loop("line", "conclusion", "{{ line }}", indent=True)
        layout.para("Mã băm kết quả kiểm phiếu: {{ final_hash }}", size=10)
        layout.two_signatures("member", "head")


FIGURES = (
    "- Tổng số thành viên: {{ members_total }}; số thành viên có mặt: {{ members_present }};",
    "- Số phiếu phát ra: {{ ballots_issued }} ({{ ballots_electronic }} phiếu điện tử, "
    "{{ ballots_paper }} phiếu giấy);",
    "- Số phiếu thu về: {{ ballots_returned }}; số phiếu không thu về: {{ ballots_not_returned }};",
    "- Số phiếu hợp lệ: {{ ballots_valid }}; số phiếu không hợp lệ: {{ ballots_invalid }}.",
)


@register
class MeetingConferenceMinutes(ConferenceMinutes):
    """Biên bản hội nghị of a meeting: same content and layout as documents' own kind."""

    code = CONFERENCE_KIND
    label = _("Minutes of a conference or council session")


# ---------------------------------------------------------------- content from the meetings


def issuing_unit(meeting: Meeting) -> Unit:
    """The unit whose register numbers the minutes: the council's unit, or the cluster's head
    unit (which hosts the conference), else the cluster's organising unit."""
    if meeting.unit is not None:
        return meeting.unit
    term = meeting.term
    if term is None:  # excluded by the meeting_scope_matches_kind constraint
        raise ValueError("a meeting has a unit or a cluster term")
    return term.head_unit or term.cluster.organising_unit


def issuer_for(meeting: Meeting) -> Issuer:
    unit = issuing_unit(meeting)
    place = unit.province.name if unit.province_id else meeting.place  # type: ignore[union-attr]
    if meeting.term is not None:
        parent = meeting.term.cluster.organising_unit.name
        name = f"Cụm thi đua số {meeting.term.cluster.number}"
    else:
        parent = unit.parent.name if unit.parent_id else ""  # type: ignore[union-attr]
        name = f"Hội đồng Thi đua - Khen thưởng {unit.name}"
    return Issuer(parent_name=parent, name=name, code="TA", place=place)


def _opening(meeting: Meeting) -> str:
    place = f", tại {meeting.place}" if meeting.place else ""
    return (
        f"Hôm nay, ngày {meeting.date:%d/%m/%Y}{place}, {meeting.title}"
        f" tiến hành kiểm phiếu bỏ phiếu kín như sau:"
    )


def _rule(m: VoteCountMinutes, *, title: bool = True) -> str:
    t, b = m.tally, m.ballot
    if m.meeting.is_conference:
        base = "tổng số đơn vị thành viên" if b.base == Ballot.Base.ALL else "số đơn vị có mặt"
        voter = "Mỗi đơn vị thành viên một phiếu. "
    else:
        base = "tổng số thành viên" if b.base == Ballot.Base.ALL else "số thành viên có mặt"
        voter = ""
    form = (
        f"Chọn tối đa {b.max_choices} trong số các ứng cử viên. "
        if b.kind == Ballot.Kind.CHOOSE
        else "Đồng ý hoặc không đồng ý với từng ứng cử viên. "
    )
    heading = f"{b.title_label}, vòng {b.round}. " if title else ""
    return (
        f"{heading}{voter}{form}Đạt khi có từ {t.threshold_text} "
        f"{base} ({t.base}) đồng ý trở lên, tức ít nhất {t.needed} phiếu đồng ý."
    )


def _conclusion(m: VoteCountMinutes) -> list[str]:
    honoured = "; ".join(r.label for r in m.honoured) or "không có"
    out = [f"Đơn vị, cá nhân đạt số phiếu theo quy định ({m.ballot.title_label}): {honoured}."]
    if not m.tally.quorum:
        out.append("Số thành viên có mặt chưa đủ 2/3 tổng số thành viên: kết quả không có giá trị.")
    if m.needs_second_round:
        out.append("Cần bỏ phiếu vòng hai đối với các ứng cử viên chưa đạt số phiếu quy định.")
    if m.resolution is not None:
        chosen = "; ".join(c.label for c in m.resolution.chosen.all()) or "không có"
        line = (
            f"Sau hai vòng bỏ phiếu, {m.resolution.decided_by} quyết định: {chosen}. "
            f"Lý do: {m.resolution.reason}"
        )
        if m.resolution.recusal:
            line += f" Không tham gia quyết định: {m.resolution.recusal}"
        out.append(line)
    return out


def vote_count_content(
    m: VoteCountMinutes,
    *,
    head: str,
    secretary: str,
    committee: list[str],
    issued_on: dt.date | None = None,
) -> BallotCountContent:
    """The content of the vote-count minutes of a closed ballot."""
    t = m.tally
    rows = [
        CountRow(
            name=line.result.label,
            votes=line.result.agree,
            against=str(line.result.disagree) if m.show_breakdown else "—",
            ratio=line.ratio,
            outcome="Đạt" if line.result.passes else "Không đạt",
        )
        for line in m.lines
    ]
    opinions = (
        [f"- Số thành viên vắng mặt có ý kiến bằng văn bản: {t.written_opinions}."]
        if m.ballot.count_written_opinions
        else []
    )
    note = (
        ""
        if m.show_breakdown
        else f"Số phiếu không đồng ý không công bố vì tập thể có dưới "
        f"{m.ballot.breakdown_min_electorate} thành viên, để không suy ra được lá phiếu."
    )
    return BallotCountContent(
        issuer=issuer_for(m.meeting),
        issued_on=issued_on or m.meeting.date,
        summary=m.ballot.title,
        opening=_opening(m.meeting),
        committee=[
            f"Ông (bà) {head}, Trưởng ban;",
            *[f"Ông (bà) {name}, thành viên;" for name in committee],
            f"Ông (bà) {secretary}, Thư ký.",
        ],
        rule=_rule(m),
        members_total=t.members,
        members_present=t.present,
        ballots_issued=t.issued,
        ballots_electronic=t.issued_electronic,
        ballots_paper=t.issued_paper,
        ballots_returned=t.returned,
        ballots_not_returned=t.not_returned,
        ballots_valid=t.valid,
        ballots_invalid=t.invalid,
        written_opinions=opinions,
        rows=rows,
        against_note=note,
        conclusion=_conclusion(m),
        final_hash=m.ballot.final_hash,
        head=Signature(title="Trưởng ban kiểm phiếu", name=head),
        member=Signature(title="Thư ký", name=secretary),
        recipients=["- Các đơn vị thành viên;", "- Lưu: VT, TĐKT."],
    )


def conference_content(
    minutes: MeetingMinutes, *, issued_on: dt.date | None = None
) -> ConferenceMinutesContent:
    """The content of the minutes of a meeting, with every closed ballot's count."""
    meeting = minutes.meeting
    members = minutes.members
    body = "đơn vị thành viên" if meeting.is_conference else "thành viên"

    def named(member: Member) -> str:
        return member.label + (f" ({member.delegates})" if member.delegates else "")

    present = [named(m) for m in members if m.present]
    absent = [named(m) for m in members if not m.present]
    attendance = [
        f"Có mặt {minutes.present}/{len(members)} {body}; "
        + ("đủ" if minutes.quorum else "không đủ")
        + " số thành viên cần thiết (ít nhất 2/3).",
        f"- Có mặt ({len(present)}): " + ("; ".join(present) or "không có") + ".",
    ]
    if absent:
        attendance.append(f"- Vắng mặt ({len(absent)}): " + "; ".join(absent) + ".")
    if meeting.guests:
        attendance.append(f"Khách mời: {meeting.guests}")
    if meeting.chair:
        attendance.append(f"Chủ trì: {meeting.chair}.")
    if meeting.secretary_name:
        attendance.append(f"Thư ký: {meeting.secretary_name}.")
    proceedings = [f"{i}. {item}" for i, item in enumerate(minutes.agenda, 1)] or [
        "Hội nghị không có nội dung ghi trong chương trình."
    ]
    conclusions: list[str] = []
    for m in minutes.ballots:
        t = m.tally
        proceedings.append(
            f"Kết quả {m.ballot.title} (vòng {m.ballot.round}): {_rule(m, title=False)} "
            f"Số phiếu phát ra {t.issued} ({t.issued_electronic} điện tử, {t.issued_paper} giấy); "
            f"thu về {t.returned}; không thu về {t.not_returned}; hợp lệ {t.valid}; "
            f"không hợp lệ {t.invalid}."
        )
        for line in m.lines:
            verdict = "đạt" if line.result.passes else "không đạt"
            proceedings.append(f"- {line.result.label}: {line.ratio}, {verdict}.")
        conclusions.extend(_conclusion(m))
    return ConferenceMinutesContent(
        issuer=issuer_for(meeting),
        issued_on=issued_on or meeting.date,
        summary=meeting.title,
        opening=(
            f"Vào ngày {meeting.date:%d/%m/%Y}"
            + (f", tại {meeting.place}" if meeting.place else "")
            + f", {meeting.title} được tổ chức với thành phần và nội dung như sau:"
        ),
        attendance=attendance,
        proceedings=proceedings,
        conclusion=" ".join(conclusions) or "Hội nghị không tiến hành bỏ phiếu.",
        closing="Biên bản được lập xong và thông qua tại hội nghị.",
        secretary=Signature(title="Thư ký", name=meeting.secretary_name),
        chair=Signature(title="Chủ trì", name=meeting.chair),
        recipients=["- Các đơn vị thành viên;", "- Lưu: VT, TĐKT."],
    )
