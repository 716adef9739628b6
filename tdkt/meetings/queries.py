"""Reads across meetings and ballots: the count (recount) of a ballot from its stored rows, and
the content of the vote-count minutes and the conference minutes.

`vote_count_minutes(ballot)` and `meeting_minutes(meeting)` return plain typed objects with every
figure the rules require; the print views render them, and the documents app can render the
same objects in the national format as a document kind.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from tdkt.meetings import chain
from tdkt.meetings.models import (
    THRESHOLD_RATIO,
    Ballot,
    CastBallot,
    Meeting,
    Member,
    PaperCount,
    VoterSlot,
    WrittenOpinion,
)
from tdkt.meetings.rules import has_quorum, meets, needed


@dataclass
class CandidateResult:
    id: int
    label: str
    title_code: str
    title_label: str
    unit_id: int | None
    person_id: int | None
    agree_electronic: int = 0
    disagree_electronic: int = 0
    agree_paper: int = 0
    disagree_paper: int = 0
    agree_written: int = 0
    disagree_written: int = 0
    agree: int = 0
    disagree: int = 0
    passes: bool = False
    percent: str = ""


@dataclass
class Tally:
    """Every figure of a count. Computed from the stored ballots, so it is also the recount."""

    ballot_id: int
    round: int
    threshold: str
    base_kind: str
    members: int
    present: int
    base: int
    quorum: bool
    needed: int
    issued_electronic: int
    issued_paper: int
    returned_electronic: int
    returned_paper: int
    invalid_paper: int
    written_opinions: int
    candidates: list[CandidateResult] = field(default_factory=list)
    accumulator: str = ""
    final_hash: str = ""

    @property
    def issued(self) -> int:
        return self.issued_electronic + self.issued_paper

    @property
    def returned(self) -> int:
        return self.returned_electronic + self.returned_paper

    @property
    def not_returned(self) -> int:
        return self.issued - self.returned

    @property
    def invalid(self) -> int:
        return self.invalid_paper

    @property
    def valid(self) -> int:
        return self.returned - self.invalid

    @property
    def reconciles(self) -> bool:
        """issued = returned + not returned; returned = valid + invalid (VOTE-10)."""
        return (
            self.issued == self.returned + self.not_returned
            and self.returned == self.valid + self.invalid
            and self.not_returned >= 0
            and self.valid >= 0
        )

    @property
    def threshold_text(self) -> str:
        return self.threshold.replace("%", " %")

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("accumulator")
        return data


def _percent(agree: int, base: int) -> str:
    if base == 0:
        return "0"
    tenths = (agree * 1000 * 2 + base) // (base * 2)  # rounded half up, integer only
    return f"{tenths // 10}.{tenths % 10}"


def _paper_counts(ballot: Ballot) -> PaperCount | None:
    return ballot.paper_counts.filter(accepted=True).order_by("pk").first()


def tally_ballot(ballot: Ballot) -> Tally:
    """Count the ballot from its stored rows: electronic ballots, the accepted paper count and
    written opinions. A handful of queries whatever the number of ballots."""
    member_counts = Member.objects.filter(meeting_id=ballot.meeting_id).aggregate(
        n=Count("pk"), present=Count("pk", filter=Q(present=True))
    )
    n, present = member_counts["n"], member_counts["present"]
    slots = VoterSlot.objects.filter(ballot=ballot).aggregate(
        electronic=Count("pk", filter=Q(channel=VoterSlot.Channel.ELECTRONIC)),
        paper=Count("pk", filter=Q(channel=VoterSlot.Channel.PAPER)),
    )
    base = n if ballot.base == Ballot.Base.ALL else present
    results = {
        c.pk: CandidateResult(
            id=c.pk,
            label=c.label,
            title_code=c.title_code,
            title_label=c.title_label,
            unit_id=c.unit_id,
            person_id=c.person_id,
        )
        for c in ballot.candidates.all()
    }
    leaves: list[str] = []
    returned_electronic = 0
    stored = CastBallot.objects.filter(ballot=ballot).values_list("id", "content")
    for ballot_id, content in stored:
        returned_electronic += 1
        leaves.append(chain.leaf_hash(str(ballot_id), content))  # recomputed, never trusted
        data = json.loads(content)
        for pk in data["a"]:
            results[pk].agree_electronic += 1
        for pk in data["d"]:
            results[pk].disagree_electronic += 1
    paper = _paper_counts(ballot)
    if paper is not None:
        for key, (agree, disagree) in paper.counts.items():
            results[int(key)].agree_paper = agree
            results[int(key)].disagree_paper = disagree
    opinions: list[str] = []
    written_members: set[int] = set()
    if ballot.count_written_opinions:
        for member_id, candidate_id, agree in WrittenOpinion.objects.filter(
            ballot=ballot
        ).values_list("member_id", "candidate_id", "agree"):
            written_members.add(member_id)
            opinions.append(f"{member_id}:{candidate_id}:{int(agree)}")
            if agree:
                results[candidate_id].agree_written += 1
            else:
                results[candidate_id].disagree_written += 1
    quorum = has_quorum(present, n)
    for r in results.values():
        r.agree = r.agree_electronic + r.agree_paper + r.agree_written
        r.disagree = r.disagree_electronic + r.disagree_paper + r.disagree_written
        r.passes = quorum and meets(ballot.threshold, r.agree, base)
        r.percent = _percent(r.agree, base)
    accumulator = chain.of(leaves)
    extra = json.dumps(
        {
            "paper": {"returned": paper.returned, "invalid": paper.invalid, "counts": paper.counts}
            if paper
            else None,
            "opinions": sorted(opinions),
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return Tally(
        ballot_id=ballot.pk,
        round=ballot.round,
        threshold=ballot.threshold,
        base_kind=ballot.base,
        members=n,
        present=present,
        base=base,
        quorum=quorum,
        needed=needed(ballot.threshold, base),
        issued_electronic=slots["electronic"],
        issued_paper=slots["paper"],
        returned_electronic=returned_electronic,
        returned_paper=paper.returned if paper else 0,
        invalid_paper=paper.invalid if paper else 0,
        written_opinions=len(written_members),
        candidates=list(results.values()),
        accumulator=accumulator,
        final_hash=chain.final_hash(accumulator, extra),
    )


@dataclass(frozen=True)
class Recount:
    matches: bool
    final_hash: str
    locked_hash: str


def recount(ballot: Ballot) -> Recount:
    """Count again from the stored ballots and compare with the result locked at close."""
    tally = tally_ballot(ballot)
    return Recount(
        matches=tally.as_dict() == ballot.result and tally.final_hash == ballot.final_hash,
        final_hash=tally.final_hash,
        locked_hash=ballot.final_hash,
    )


def ratio_text(tally: Tally, result: CandidateResult, *, units: bool) -> str:
    """ "11/14 units = 78.6 % ≥ 2/3" — the sentence the tally page and the minutes print."""
    p, q = THRESHOLD_RATIO[tally.threshold]
    sign = "≥" if q * result.agree >= p * tally.base else "<"
    share = "2/3" if tally.threshold == "2/3" else tally.threshold_text
    if units:
        template = _("%(agree)s/%(base)s units = %(percent)s %% %(sign)s %(share)s")
    else:
        template = _("%(agree)s/%(base)s members = %(percent)s %% %(sign)s %(share)s")
    return template % {
        "agree": result.agree,
        "base": tally.base,
        "percent": number_format(Decimal(result.percent), 1),
        "sign": sign,
        "share": share,
    }


@dataclass
class CandidateLine:
    result: CandidateResult
    ratio: str


@dataclass
class VoteCountMinutes:
    """Biên bản kiểm phiếu: the content, independent of how it is printed."""

    meeting: Meeting
    ballot: Ballot
    tally: Tally
    lines: list[CandidateLine]
    show_breakdown: bool
    honoured: list[CandidateResult]
    needs_second_round: bool
    resolution: Any


def show_breakdown(ballot: Ballot, tally: Tally) -> bool:
    """Per-option counts (disagree, paper, electronic) only from the configured electorate
    size: a small body's unanimous result would reveal every ballot (RULES.md §6.2)."""
    return tally.members >= ballot.breakdown_min_electorate


def tally_for_display(ballot: Ballot) -> Tally:
    """The locked result once closed, a live count before."""
    if ballot.is_closed and ballot.result:
        data = dict(ballot.result)
        candidates = [CandidateResult(**c) for c in data.pop("candidates")]
        return Tally(**data, candidates=candidates)
    return tally_ballot(ballot)


def vote_count_minutes(ballot: Ballot) -> VoteCountMinutes:
    tally = tally_for_display(ballot)
    units = ballot.meeting.is_conference
    lines = [CandidateLine(r, ratio_text(tally, r, units=units)) for r in tally.candidates]
    honoured = [r for r in tally.candidates if r.passes]
    if ballot.kind == Ballot.Kind.CHOOSE:
        honoured = sorted(honoured, key=lambda r: -r.agree)[: ballot.max_choices]
    return VoteCountMinutes(
        meeting=ballot.meeting,
        ballot=ballot,
        tally=tally,
        lines=lines,
        show_breakdown=show_breakdown(ballot, tally),
        honoured=honoured,
        needs_second_round=ballot.is_closed
        and ballot.round == 1
        and any(not r.passes for r in tally.candidates),
        resolution=getattr(ballot, "resolution", None) if ballot.is_closed else None,
    )


@dataclass
class MeetingMinutes:
    """Biên bản hội nghị: attendance, quorum, agenda and every ballot's count."""

    meeting: Meeting
    members: list[Member]
    present: int
    quorum: bool
    agenda: list[str]
    ballots: list[VoteCountMinutes]


def meeting_minutes(meeting: Meeting) -> MeetingMinutes:
    members = list(meeting.members.select_related("unit", "person").order_by("pk"))
    present = sum(1 for m in members if m.present)
    ballots = [
        vote_count_minutes(b)
        for b in meeting.ballots.filter(status=Ballot.Status.CLOSED)
        .select_related("meeting", "resolution")
        .order_by("pk")
    ]
    return MeetingMinutes(
        meeting=meeting,
        members=members,
        present=present,
        quorum=has_quorum(present, len(members)),
        agenda=list(meeting.agenda.values_list("title", flat=True)),
        ballots=ballots,
    )


def attendance(meeting: Meeting) -> dict[str, Any]:
    members = meeting.members.aggregate(n=Count("pk"), present=Count("pk", filter=Q(present=True)))
    n, present = members["n"], members["present"]
    return {
        "n": n,
        "present": present,
        "quorum": has_quorum(present, n),
        "quorum_needed": -(-2 * n // 3),
    }


def turnout(ballot: Ballot) -> dict[str, int]:
    """How many have voted — never how — for the projector."""
    counts = VoterSlot.objects.filter(ballot=ballot).aggregate(
        issued=Count("pk"),
        electronic=Count("pk", filter=Q(channel=VoterSlot.Channel.ELECTRONIC)),
        voted=Count("pk", filter=Q(spent=True)),
    )
    return counts


def meetings_with_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.select_related("term", "unit").annotate(
        member_count=Count("members", distinct=True),
        ballot_count=Count("ballots", distinct=True),
    )
