"""Every change to meetings and ballots: one transaction, one audit event, never a choice in it.

A cast is the one contested write: the code is spent by a conditional UPDATE whose row count
decides the race (SQLite ignores `select_for_update`), and the `Ballot` row is locked first so
the running hash and the count advance one cast at a time on PostgreSQL too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.awards.services import record_vote_result
from tdkt.core.audit import record_event, record_events_bulk, snapshot
from tdkt.core.errors import WorkflowError
from tdkt.core.text import clean_text
from tdkt.documents.models import GeneratedDocument
from tdkt.documents.registry import get_kind
from tdkt.documents.services import issue_document
from tdkt.meetings import chain
from tdkt.meetings.doc_kinds import (
    CONFERENCE_KIND,
    TALLY_KIND,
    conference_content,
    issuing_unit,
    vote_count_content,
)
from tdkt.meetings.models import (
    AgendaItem,
    Ballot,
    Candidate,
    CastBallot,
    Meeting,
    Member,
    PaperCount,
    Resolution,
    VoterSlot,
    WrittenOpinion,
)
from tdkt.meetings.queries import meeting_minutes, tally_ballot, vote_count_minutes
from tdkt.meetings.rules import ONE_DISTRICT_PER_PROVINCE, has_quorum
from tdkt.org.models import ClusterMembership, ClusterTerm, Person, Unit

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones
CODE_LENGTH = 10
DISTRICT_LEVELS = {Unit.Level.DISTRICT, Unit.Level.REGIONAL}


# ---------------------------------------------------------------- meetings, agenda, attendance


@transaction.atomic
def create_meeting(
    *,
    actor: Any,
    kind: str,
    title: str,
    date: dt.date,
    term: ClusterTerm | None = None,
    unit: Unit | None = None,
    place: str = "",
    chair: str = "",
    secretary_name: str = "",
) -> Meeting:
    """A conference takes its members from the term's membership on the meeting date (VOTE-07);
    a council session starts empty and its members are added by name."""
    meeting = Meeting(
        kind=kind,
        term=term if kind == Meeting.Kind.CONFERENCE else None,
        unit=unit if kind == Meeting.Kind.COUNCIL else None,
        title=clean_text(title),
        date=date,
        place=clean_text(place),
        chair=clean_text(chair),
        secretary_name=clean_text(secretary_name),
    )
    meeting.full_clean()
    meeting.save()
    if meeting.term is not None:
        memberships = (
            ClusterMembership.objects.filter(term=meeting.term)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=date))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date))
            .select_related("unit")
            .order_by("pk")
        )
        Member.objects.bulk_create(
            [Member(meeting=meeting, unit=m.unit, label=m.unit.name) for m in memberships]
        )
    record_event(
        "meetings.meeting.created",
        actor=actor,
        target=meeting,
        after=snapshot(meeting, Meeting.AUDITED_FIELDS),
    )
    return meeting


@transaction.atomic
def add_agenda_item(*, meeting: Meeting, actor: Any, title: str) -> AgendaItem:
    _require_open_meeting(meeting)
    last = meeting.agenda.order_by("-position").values_list("position", flat=True).first() or 0
    item = AgendaItem.objects.create(meeting=meeting, position=last + 1, title=clean_text(title))
    record_event("meetings.agenda.added", actor=actor, target=meeting, after={"agenda": item.title})
    return item


def _require_open_meeting(meeting: Meeting) -> None:
    if meeting.is_closed:
        raise WorkflowError(_("The meeting is closed and can no longer be changed."))


@transaction.atomic
def update_meeting(
    *,
    meeting: Meeting,
    actor: Any,
    title: str,
    date: dt.date,
    place: str = "",
    chair: str = "",
    secretary_name: str = "",
    agenda: list[str] | None = None,
) -> bool:
    """Changes what may change until the meeting is closed. The date is the day the members
    are taken from (VOTE-07), so it cannot move once a ballot has opened."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_open_meeting(locked)
    if date != locked.date and locked.ballots.exclude(status=Ballot.Status.DRAFT).exists():
        raise WorkflowError(_("The date cannot change once a ballot has opened."))
    before = snapshot(locked, Meeting.EDITABLE_FIELDS)
    before["agenda"] = list(locked.agenda.values_list("title", flat=True))
    locked.title, locked.date = clean_text(title), date
    locked.place, locked.chair = clean_text(place), clean_text(chair)
    locked.secretary_name = clean_text(secretary_name)
    locked.full_clean()
    after = snapshot(locked, Meeting.EDITABLE_FIELDS)
    after["agenda"] = before["agenda"] if agenda is None else [clean_text(a) for a in agenda]
    if before == after:
        return False
    locked.save(update_fields=list(Meeting.EDITABLE_FIELDS))
    if after["agenda"] != before["agenda"]:
        locked.agenda.all().delete()
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(meeting=locked, position=i, title=title)
                for i, title in enumerate(after["agenda"], 1)
            ]
        )
    changed = {k for k in after if after[k] != before[k]}
    record_event(
        "meetings.meeting.updated",
        actor=actor,
        target=locked,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    for name in Meeting.EDITABLE_FIELDS:
        setattr(meeting, name, getattr(locked, name))
    return True


@transaction.atomic
def close_meeting(*, meeting: Meeting, actor: Any) -> None:
    """Ends the meeting: nothing of it changes afterwards (its minutes can still be issued)."""
    if meeting.ballots.filter(status=Ballot.Status.OPEN).exists():
        raise WorkflowError(_("Close the open ballots before closing the meeting."))
    closed = timezone.now()
    if not Meeting.objects.filter(pk=meeting.pk, closed_at__isnull=True).update(closed_at=closed):
        raise WorkflowError(_("The meeting is already closed."))
    meeting.closed_at = closed
    record_event(
        "meetings.meeting.closed",
        actor=actor,
        target=meeting,
        before={"closed": False},
        after={"closed": True},
    )


@transaction.atomic
def add_council_member(*, meeting: Meeting, actor: Any, person: Person) -> Member:
    _require_open_meeting(meeting)
    if meeting.is_conference:
        raise WorkflowError(_("A conference takes its members from the cluster term."))
    if meeting.ballots.exclude(status=Ballot.Status.DRAFT).exists():
        raise WorkflowError(_("Members cannot change once a ballot has opened."))
    if meeting.members.filter(person=person).exists():
        raise WorkflowError(_("This person is already a member."))
    member = Member.objects.create(meeting=meeting, person=person, label=person.full_name)
    record_event(
        "meetings.member.added", actor=actor, target=meeting, after={"member": member.label}
    )
    return member


@transaction.atomic
def set_presence(
    *, member: Member, actor: Any, present: bool, delegates: str | None = None
) -> bool:
    _require_open_meeting(member.meeting)
    before = {"present": member.present, "delegates": member.delegates}
    member.present = present
    if delegates is not None:
        member.delegates = clean_text(delegates)
    after = {"present": member.present, "delegates": member.delegates}
    if before == after:
        return False
    member.save(update_fields=["present", "delegates"])
    record_event(
        "meetings.member.checked_in" if present else "meetings.member.checked_out",
        actor=actor,
        target=member,
        before=before,
        after=after,
    )
    return True


# ---------------------------------------------------------------- ballots and candidates


@transaction.atomic
def create_ballot(
    *,
    meeting: Meeting,
    actor: Any,
    title: str,
    title_code: str,
    title_label: str,
    threshold: str,
    base: str = Ballot.Base.ALL,
    kind: str = Ballot.Kind.APPROVAL,
    max_choices: int = 1,
    count_written_opinions: bool = True,
    breakdown_min_electorate: int = 10,
) -> Ballot:
    _require_open_meeting(meeting)
    ballot = Ballot(
        meeting=meeting,
        title=clean_text(title),
        title_code=clean_text(title_code),
        title_label=clean_text(title_label),
        threshold=threshold,
        base=base,
        kind=kind,
        max_choices=max_choices,
        count_written_opinions=count_written_opinions and not meeting.is_conference,
        breakdown_min_electorate=breakdown_min_electorate,
        accumulator=chain.empty(),
    )
    ballot.full_clean()
    ballot.save()
    record_event(
        "meetings.ballot.created",
        actor=actor,
        target=ballot,
        after=snapshot(ballot, Ballot.AUDITED_FIELDS),
    )
    return ballot


def _check_one_district_per_province(ballot: Ballot, unit: Unit) -> None:
    """Each province puts forward at most one district-level court for the flag (COL-04)."""
    if (
        ballot.title_code != ONE_DISTRICT_PER_PROVINCE
        or unit.level not in DISTRICT_LEVELS
        or unit.province_id is None
    ):
        return
    clash = (
        ballot.candidates.filter(
            unit__level__in=DISTRICT_LEVELS, unit__province_id=unit.province_id
        )
        .exclude(unit=unit)
        .first()
    )
    if clash is not None:
        raise WorkflowError(
            _(
                "%(unit)s cannot be added: %(other)s is already the district-level court of "
                "this province, and a province puts forward at most one."
            )
            % {"unit": unit.name, "other": clash.label}
        )


@transaction.atomic
def add_candidate(
    *, ballot: Ballot, actor: Any, unit: Unit | None = None, person: Person | None = None
) -> Candidate:
    if ballot.status != Ballot.Status.DRAFT:
        raise WorkflowError(_("Candidates can only be changed before voting opens."))
    if (unit is None) == (person is None):
        raise WorkflowError(_("Choose a unit or a person."))
    if unit is not None:
        _check_one_district_per_province(ballot, unit)
    label = unit.name if unit is not None else person.full_name  # type: ignore[union-attr]
    if ballot.candidates.filter(unit=unit, person=person).exists():
        raise WorkflowError(_("%(name)s is already a candidate.") % {"name": label})
    candidate = Candidate.objects.create(
        ballot=ballot,
        unit=unit,
        person=person,
        label=label,
        title_code=ballot.title_code,
        title_label=ballot.title_label,
        position=ballot.candidates.count() + 1,
    )
    record_event("meetings.candidate.added", actor=actor, target=ballot, after={"candidate": label})
    return candidate


@transaction.atomic
def remove_candidate(*, candidate: Candidate, actor: Any) -> None:
    """Takes a candidate off a ballot still being prepared; the others keep their order."""
    ballot = Ballot.objects.select_for_update().get(pk=candidate.ballot_id)
    if ballot.status != Ballot.Status.DRAFT:
        raise WorkflowError(_("Candidates can only be changed before voting opens."))
    label = candidate.label
    candidate.delete()
    remaining = list(ballot.candidates.order_by("position", "pk"))
    for position, other in enumerate(remaining, 1):
        other.position = position
    Candidate.objects.bulk_update(remaining, ["position"])
    record_event(
        "meetings.candidate.removed", actor=actor, target=ballot, before={"candidate": label}
    )


@transaction.atomic
def add_ranked_candidates(*, ballot: Ballot, actor: Any, units: list[Unit]) -> list[Candidate]:
    """Adds units chosen from the published ranking, in the ranking's order: a few queries
    whatever their number. Units already on the ballot are skipped."""
    locked = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if locked.status != Ballot.Status.DRAFT:
        raise WorkflowError(_("Candidates can only be changed before voting opens."))
    provinces: dict[int, Unit] = {}
    for unit in units:
        if unit.level not in DISTRICT_LEVELS:
            continue
        _check_one_district_per_province(locked, unit)
        if unit.province_id is None or locked.title_code != ONE_DISTRICT_PER_PROVINCE:
            continue
        other = provinces.setdefault(unit.province_id, unit)
        if other != unit:
            raise WorkflowError(
                _(
                    "%(unit)s cannot be added: %(other)s is already the district-level court of "
                    "this province, and a province puts forward at most one."
                )
                % {"unit": unit.name, "other": other.name}
            )
    present = set(locked.candidates.values_list("unit_id", flat=True))
    last = locked.candidates.order_by("-position").values_list("position", flat=True).first() or 0
    new = [
        Candidate(
            ballot=locked,
            unit=unit,
            label=unit.name,
            title_code=locked.title_code,
            title_label=locked.title_label,
            position=last + i,
        )
        for i, unit in enumerate((u for u in units if u.pk not in present), 1)
    ]
    Candidate.objects.bulk_create(new)
    record_events_bulk(
        "meetings.candidate.added",
        actor=actor,
        targets=[(locked, None, {"candidate": c.label}) for c in new],
    )
    return new


# ---------------------------------------------------------------- codes


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch in CODE_ALPHABET)


def hash_code(code: str) -> str:
    """Codes carry ~50 bits of randomness, so one SHA-256 is enough at rest (no slow hash)."""
    return hashlib.sha256(f"tdkt-ballot-code:{normalise_code(code)}".encode()).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


@dataclass(frozen=True)
class IssuedCode:
    member: Member
    code: str


@transaction.atomic
def open_ballot(
    *, ballot: Ballot, actor: Any, paper_member_ids: Iterable[int] = ()
) -> list[IssuedCode]:
    """Open voting: every member present gets one slot, a one-time code or a paper ballot.
    The codes are returned once, to be shown or printed; only their hashes are stored."""
    meeting = ballot.meeting
    members = list(meeting.members.order_by("pk"))
    present = [m for m in members if m.present]
    if not ballot.candidates.exists():
        raise WorkflowError(_("Add at least one candidate before opening the ballot."))
    if not has_quorum(len(present), len(members)):
        raise WorkflowError(
            _("No quorum: %(present)s of %(n)s members present, at least 2/3 are needed.")
            % {"present": len(present), "n": len(members)}
        )
    paper = set(paper_member_ids) & {m.pk for m in present}
    if len(paper) == 1:
        raise WorkflowError(
            _("A single paper ballot would reveal its vote: issue none or at least two.")
        )
    if not Ballot.objects.filter(pk=ballot.pk, status=Ballot.Status.DRAFT).update(
        status=Ballot.Status.OPEN
    ):
        raise WorkflowError(_("Only a ballot being prepared can be opened."))
    issued: list[IssuedCode] = []
    slots: list[VoterSlot] = []
    for member in present:
        if member.pk in paper:
            slots.append(VoterSlot(ballot=ballot, member=member, channel=VoterSlot.Channel.PAPER))
            continue
        code = new_code()
        issued.append(IssuedCode(member, code))
        slots.append(
            VoterSlot(
                ballot=ballot,
                member=member,
                channel=VoterSlot.Channel.ELECTRONIC,
                code_hash=hash_code(code),
            )
        )
    VoterSlot.objects.bulk_create(slots)
    ballot.refresh_from_db()
    record_event(
        "meetings.ballot.opened",
        actor=actor,
        target=ballot,
        before={"status": Ballot.Status.DRAFT},
        after={"status": ballot.status, "electronic": len(issued), "paper": len(paper)},
    )
    return issued


@transaction.atomic
def reissue_code(*, slot: VoterSlot, actor: Any) -> str:
    """A delegation that lost its code gets a new one; the old one stops working."""
    code = new_code()
    updated = VoterSlot.objects.filter(
        pk=slot.pk,
        spent=False,
        channel=VoterSlot.Channel.ELECTRONIC,
        ballot__status=Ballot.Status.OPEN,
    ).update(code_hash=hash_code(code))
    if not updated:
        raise WorkflowError(_("This code has been used or the ballot is not open."))
    record_event("meetings.code.reissued", actor=actor, target=slot.ballot, note=slot.member.label)
    return code


# ---------------------------------------------------------------- casting


def ballot_for_code(code: str) -> Ballot | None:
    """The open ballot an unspent code belongs to, or None."""
    slot = (
        VoterSlot.objects.filter(code_hash=hash_code(code), spent=False)
        .select_related("ballot")
        .first()
    )
    return slot.ballot if slot is not None and slot.ballot.is_open else None


def code_is_known(code: str) -> bool:
    """Whether the code was ever issued (spent or not): a wrong code is one that was not."""
    return VoterSlot.objects.filter(code_hash=hash_code(code)).exists()


def canonical_content(ballot: Ballot, choices: Mapping[int, str]) -> str:
    """{"a": agreed ids, "d": disagreed ids}, sorted; a candidate left out is a blank."""
    ids = set(ballot.candidates.values_list("pk", flat=True))
    unknown = set(choices) - ids
    if unknown:
        raise WorkflowError(_("The ballot names a candidate that is not on it."))
    agree = sorted(c for c, v in choices.items() if v == "agree")
    disagree = sorted(c for c, v in choices.items() if v == "disagree")
    if ballot.kind == Ballot.Kind.CHOOSE:
        if disagree:
            raise WorkflowError(_("Choose candidates; there is no disagree on this ballot."))
        if len(agree) > ballot.max_choices:
            raise WorkflowError(_("Choose at most %(n)s candidates.") % {"n": ballot.max_choices})
    return json.dumps({"a": agree, "d": disagree}, separators=(",", ":"))


@transaction.atomic
def cast_ballot(*, code: str, choices: Mapping[int, str]) -> str:
    """Spend the code and store the ballot, both or neither; return the receipt (leaf hash).

    No actor and no audit event: the register row says only that a member has voted."""
    slot = VoterSlot.objects.filter(code_hash=hash_code(code)).only("ballot_id").first()
    if slot is None:
        raise WorkflowError(_("This code is not valid."))
    # Check the choices before taking the lock: candidates cannot change once voting is open.
    form = Ballot.objects.only("kind", "max_choices").get(pk=slot.ballot_id)
    content = canonical_content(form, choices)
    ballot = Ballot.objects.select_for_update().get(pk=slot.ballot_id)
    if not ballot.is_open:
        raise WorkflowError(_("This ballot is not open for voting."))
    spent = VoterSlot.objects.filter(
        ballot=ballot,
        code_hash=hash_code(code),
        spent=False,
        channel=VoterSlot.Channel.ELECTRONIC,
    ).update(spent=True)
    if spent != 1:
        raise WorkflowError(_("This code has already been used."))
    stored = CastBallot(ballot=ballot, content=content)
    stored.leaf = chain.leaf_hash(str(stored.id), content)
    stored.save(force_insert=True)
    Ballot.objects.filter(pk=ballot.pk).update(
        accumulator=chain.add(ballot.accumulator, stored.leaf), cast_count=F("cast_count") + 1
    )
    return stored.leaf


# ---------------------------------------------------------------- paper and written opinions


@dataclass(frozen=True)
class PaperOutcome:
    entry: PaperCount
    accepted: bool
    mismatch: bool


def _check_paper(
    ballot: Ballot, returned: int, invalid: int, counts: Mapping[int, tuple[int, int]]
) -> None:
    issued = ballot.slots.filter(channel=VoterSlot.Channel.PAPER).count()
    if returned > issued:
        raise WorkflowError(
            _("%(returned)s paper ballots returned, but only %(issued)s were issued.")
            % {"returned": returned, "issued": issued}
        )
    if invalid > returned:
        raise WorkflowError(_("There cannot be more invalid ballots than returned ones."))
    valid = returned - invalid
    candidates = dict(ballot.candidates.values_list("pk", "label"))
    if set(counts) != set(candidates):
        raise WorkflowError(_("Enter a count for every candidate."))
    total = 0
    for pk, (agree, disagree) in counts.items():
        total += agree
        if agree + disagree > valid:
            raise WorkflowError(
                _("%(name)s: %(count)s votes on %(valid)s valid ballots.")
                % {"name": candidates[pk], "count": agree + disagree, "valid": valid}
            )
    if ballot.kind == Ballot.Kind.CHOOSE and total > ballot.max_choices * valid:
        raise WorkflowError(_("More choices counted than the valid ballots allow."))


@transaction.atomic
def enter_paper_count(
    *,
    ballot: Ballot,
    actor: Any,
    teller: str,
    returned: int,
    invalid: int,
    counts: Mapping[int, tuple[int, int]],
) -> PaperOutcome:
    """One teller's count. Two entries by different tellers that match are accepted together;
    entries that differ are both kept unaccepted, and the tellers count again."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if not ballot.is_open:
        raise WorkflowError(_("Paper counts are entered while the ballot is open."))
    if ballot.paper_counts.filter(accepted=True).exists():
        raise WorkflowError(_("The paper count has already been accepted."))
    _check_paper(ballot, returned, invalid, counts)
    teller = clean_text(teller)
    stored = {str(pk): [a, d] for pk, (a, d) in sorted(counts.items())}
    entry = PaperCount.objects.create(
        ballot=ballot,
        teller=teller,
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
        returned=returned,
        invalid=invalid,
        counts=stored,
    )
    other = (
        ballot.paper_counts.filter(accepted=False)
        .exclude(pk=entry.pk)
        .exclude(teller=teller)
        .order_by("-pk")
        .first()
    )
    accepted = mismatch = False
    if other is not None:
        if (other.returned, other.invalid, other.counts) == (returned, invalid, stored):
            PaperCount.objects.filter(pk__in=[entry.pk, other.pk]).update(accepted=True)
            accepted = True
        else:
            mismatch = True
    # The event holds the totals only: per-candidate paper counts stay out of the audit trail.
    record_event(
        "meetings.paper.entered",
        actor=actor,
        target=ballot,
        after={"teller": teller, "returned": returned, "invalid": invalid, "accepted": accepted},
    )
    entry.refresh_from_db()
    return PaperOutcome(entry, accepted, mismatch)


@transaction.atomic
def record_written_opinion(
    *, ballot: Ballot, member: Member, actor: Any, opinions: Mapping[int, bool]
) -> None:
    """An absent council member's signed opinion, counted with the ballots (VOTE-03)."""
    if ballot.meeting.is_conference:
        raise WorkflowError(_("Written opinions are recorded for council sessions."))
    if ballot.is_closed:
        raise WorkflowError(_("The ballot is closed."))
    if member.present or member.meeting_id != ballot.meeting_id:
        raise WorkflowError(_("Only an absent member gives a written opinion."))
    ids = set(ballot.candidates.values_list("pk", flat=True))
    if set(opinions) - ids:
        raise WorkflowError(_("The opinion names a candidate that is not on the ballot."))
    WrittenOpinion.objects.filter(ballot=ballot, member=member).delete()
    WrittenOpinion.objects.bulk_create(
        [
            WrittenOpinion(ballot=ballot, member=member, candidate_id=pk, agree=agree)
            for pk, agree in opinions.items()
        ]
    )
    record_event(
        "meetings.opinion.recorded",
        actor=actor,
        target=ballot,
        after={"member": member.label, "candidates": len(opinions)},  # never the opinions
    )


# ---------------------------------------------------------------- closing, rounds, decisions


def _reshuffle(ballot: Ballot) -> None:
    """Rewrite the stored ballots in random order and touch every register row, so neither the
    physical row order nor PostgreSQL's per-row transaction id (xmin) keeps the casting order."""
    rows = list(CastBallot.objects.filter(ballot=ballot).values_list("id", "content", "leaf"))
    random.SystemRandom().shuffle(rows)
    CastBallot.objects.filter(ballot=ballot).delete()
    CastBallot.objects.bulk_create(
        [CastBallot(id=i, ballot=ballot, content=c, leaf=leaf) for i, c, leaf in rows],
        batch_size=500,
    )
    VoterSlot.objects.filter(ballot=ballot).update(spent=F("spent"))


@transaction.atomic
def close_ballot(*, ballot: Ballot, actor: Any) -> Ballot:
    """Close voting, count, lock the result and its final hash."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if not ballot.is_open:
        raise WorkflowError(_("Only an open ballot can be closed."))
    has_paper = ballot.slots.filter(channel=VoterSlot.Channel.PAPER).exists()
    if has_paper and not ballot.paper_counts.filter(accepted=True).exists():
        raise WorkflowError(
            _("Two tellers' matching paper counts are needed before the ballot closes.")
        )
    tally = tally_ballot(ballot)
    if tally.accumulator != ballot.accumulator:
        raise WorkflowError(_("The stored ballots do not match the running hash."))
    _reshuffle(ballot)
    Ballot.objects.filter(pk=ballot.pk).update(
        status=Ballot.Status.CLOSED, final_hash=tally.final_hash, result=tally.as_dict()
    )
    ballot.refresh_from_db()
    record_event(
        "meetings.ballot.closed",
        actor=actor,
        target=ballot,
        before={"status": Ballot.Status.OPEN},
        after={
            "status": ballot.status,
            "final_hash": ballot.final_hash,
            "returned": tally.returned,
            "valid": tally.valid,
        },
    )
    # The council's outcome per candidate goes to awards: totals only, never a ballot.
    record_vote_result(
        actor=actor,
        council_unit_id=ballot.meeting.unit_id,
        title_code=ballot.title_code,
        meeting_date=ballot.meeting.date,
        ballot_id=ballot.pk,
        round=ballot.round,
        threshold=ballot.threshold,
        base=tally.base,
        needed=tally.needed,
        final_hash=ballot.final_hash,
        candidates=[
            {"unit_id": c.unit_id, "person_id": c.person_id, "agree": c.agree, "passes": c.passes}
            for c in tally.candidates
        ],
    )
    return ballot


@transaction.atomic
def start_second_round(*, ballot: Ballot, actor: Any) -> Ballot:
    """Round 2 puts again every candidate that did not pass (VOTE-05, VOTE-06 "all")."""
    ballot = Ballot.objects.select_related("meeting").get(pk=ballot.pk)
    if not ballot.is_closed or ballot.round != 1:
        raise WorkflowError(_("A second round follows a closed first round."))
    if Ballot.objects.filter(previous=ballot).exists():
        raise WorkflowError(_("The second round has already been created."))
    failed = [c for c in ballot.result.get("candidates", []) if not c["passes"]]
    if not failed:
        raise WorkflowError(_("Every candidate passed; no second round is needed."))
    second = create_ballot(
        meeting=ballot.meeting,
        actor=actor,
        title=ballot.title,
        title_code=ballot.title_code,
        title_label=ballot.title_label,
        threshold=ballot.threshold,
        base=ballot.base,
        kind=ballot.kind,
        max_choices=ballot.max_choices,
        count_written_opinions=ballot.count_written_opinions,
        breakdown_min_electorate=ballot.breakdown_min_electorate,
    )
    Ballot.objects.filter(pk=second.pk).update(round=2, previous=ballot)
    source = {c.pk: c for c in ballot.candidates.all()}
    Candidate.objects.bulk_create(
        [
            Candidate(
                ballot=second,
                unit_id=source[c["id"]].unit_id,
                person_id=source[c["id"]].person_id,
                label=source[c["id"]].label,
                title_code=second.title_code,
                title_label=second.title_label,
                position=i,
            )
            for i, c in enumerate(failed, start=1)
        ]
    )
    second.refresh_from_db()
    return second


@transaction.atomic
def record_resolution(
    *,
    ballot: Ballot,
    actor: Any,
    decided_by: str,
    reason: str,
    chosen: Iterable[Candidate] = (),
    recusal: str = "",
) -> Resolution:
    """After two rounds without a result, the head and deputy (flags) or the competent person
    decide, and the reasons are recorded (VOTE-05, VOTE-09)."""
    ballot = Ballot.objects.get(pk=ballot.pk)
    if not ballot.is_closed or ballot.round != 2:
        raise WorkflowError(_("A decision is recorded after a closed second round."))
    if Resolution.objects.filter(ballot=ballot).exists():
        raise WorkflowError(_("The decision has already been recorded."))
    chosen = list(chosen)
    if any(c.ballot_id != ballot.pk for c in chosen):
        raise WorkflowError(_("Choose among this ballot's candidates."))
    resolution = Resolution.objects.create(
        ballot=ballot,
        decided_by=clean_text(decided_by),
        reason=clean_text(reason),
        recusal=clean_text(recusal),
    )
    resolution.chosen.set(chosen)
    record_event(
        "meetings.resolution.recorded",
        actor=actor,
        target=ballot,
        after={
            "decided_by": resolution.decided_by,
            "chosen": [c.label for c in chosen],
            "reason": resolution.reason,
        },
    )
    return resolution


# ---------------------------------------------------------------- minutes as documents


def issue_vote_count_minutes(
    *, ballot: Ballot, actor: Any, head: str, secretary: str, committee: list[str]
) -> GeneratedDocument:
    """Biên bản kiểm phiếu of a closed ballot as a numbered .docx and .pdf (documents)."""
    if not ballot.is_closed:
        raise WorkflowError(_("The minutes are issued once the ballot is closed."))
    content = vote_count_content(
        vote_count_minutes(ballot),
        head=clean_text(head),
        secretary=clean_text(secretary),
        committee=[clean_text(name) for name in committee if clean_text(name)],
    )
    return issue_document(
        kind=get_kind(TALLY_KIND),
        content=content,
        unit=issuing_unit(ballot.meeting),
        actor=actor,
        target=ballot,
    )


def issue_conference_minutes(*, meeting: Meeting, actor: Any) -> GeneratedDocument:
    """Biên bản hội nghị of a meeting, with every closed ballot's count."""
    if meeting.ballots.filter(status=Ballot.Status.OPEN).exists():
        raise WorkflowError(_("Close the open ballots before issuing the minutes."))
    return issue_document(
        kind=get_kind(CONFERENCE_KIND),
        content=conference_content(meeting_minutes(meeting)),
        unit=issuing_unit(meeting),
        actor=actor,
        target=meeting,
    )
