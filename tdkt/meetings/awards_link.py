"""From verdicts to a council ballot, and the attestations recorded at the session.

`meetings` sits below `awards` in the layer order, so it may read the verdicts: the unit's
emulation officer picks eligible subjects from the verdict table and sends them as candidates
to a draft ballot of a council session of that unit, with the title's code, label and the
threshold of RULES.md §6.1 (`rules.COUNCIL_TITLES`). When the ballot closes,
`services.close_ballot` reports the totals to `awards.services.record_vote_result`; the
attestations the verdicts asked for are recorded here per subject
(`awards.services.record_attestations`), and `awards.votes` applies both to the verdicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.awards.models import MeetingAttestation
from tdkt.awards.queries import verdicts_for
from tdkt.awards.rules import Status, Verdict
from tdkt.awards.rules.base import Reason
from tdkt.awards.services import in_catalogue, record_attestations, reviewed_year
from tdkt.awards.votes import apply_council_outcomes, attestations_due
from tdkt.core.audit import record_event, register_event_labels
from tdkt.core.errors import WorkflowError
from tdkt.meetings import services
from tdkt.meetings.models import Ballot, Candidate, Meeting
from tdkt.meetings.rules import COUNCIL_TITLES, TitleRule
from tdkt.org.models import Person, Unit

SENDABLE = (Status.PASS, Status.REVIEW)

register_event_labels(
    {"meetings.ballot.candidates_sent": gettext_lazy("Candidates sent from the verdict table")}
)


def council_rule(code: str) -> TitleRule | None:
    return next((t for t in COUNCIL_TITLES if t.code == code), None)


def subject_key(verdict: Verdict) -> str:
    return f"{verdict.subject_kind}:{verdict.subject_id}"


def sendable_verdicts(*, unit: Unit, year: int, code: str) -> list[Verdict]:
    """The subjects of the unit that may go to the council for `code`: đủ điều kiện, or cần
    xem xét (sent with a note), after the outcomes already recorded."""
    verdicts = [v for v in verdicts_for(year=year, unit_ids={unit.pk}) if v.code == code]
    apply_council_outcomes(verdicts, year=year)
    return [v for v in verdicts if v.status in SENDABLE]


def sessions_for(unit: Unit, year: int) -> list[Meeting]:
    """The unit's council sessions that review `year` (held after it closed)."""
    sessions = Meeting.objects.filter(kind=Meeting.Kind.COUNCIL, unit=unit).order_by("-date")
    return [m for m in sessions if reviewed_year(m.date) == year]


@dataclass(frozen=True)
class Sent:
    ballot: Ballot
    added: list[str]
    skipped: list[str]


def _subjects(keys: Iterable[str]) -> tuple[dict[int, Person], dict[int, Unit]]:
    people = {int(k[7:]) for k in keys if k.startswith("person:")}
    units = {int(k[5:]) for k in keys if k.startswith("unit:")}
    return Person.objects.in_bulk(people), Unit.objects.in_bulk(units)


@transaction.atomic
def send_candidates(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    code: str,
    subjects: list[str],
    meeting: Meeting | None = None,
    new_date: dt.date | None = None,
    new_title: str = "",
    note: str = "",
) -> Sent:
    """Put the chosen subjects on the draft ballot for `code` of a council session of `unit`
    (the one given, or a new one), creating the ballot with the title's threshold of all
    members (RULES.md §6.1, VOTE-01) if the session has none being prepared."""
    rule = council_rule(code)
    if rule is None or not in_catalogue(code):
        raise WorkflowError(_("This title is not voted by the council."))
    if meeting is None:
        if new_date is None:
            raise WorkflowError(_("Choose a council session or give the date of a new one."))
        meeting = services.create_meeting(
            actor=actor,
            kind=Meeting.Kind.COUNCIL,
            unit=unit,
            title=new_title
            or _("Emulation and commendation council session %(year)s") % {"year": year},
            date=new_date,
        )
    if meeting.unit_id != unit.pk or meeting.is_conference:
        raise WorkflowError(_("Choose a council session of this unit."))
    if reviewed_year(meeting.date) != year:
        raise WorkflowError(
            _("A council session on %(date)s reviews the year %(other)s, not %(year)s.")
            % {
                "date": f"{meeting.date:%d/%m/%Y}",
                "other": reviewed_year(meeting.date),
                "year": year,
            }
        )
    ballot = (
        meeting.ballots.filter(title_code=code, status=Ballot.Status.DRAFT, round=1)
        .order_by("pk")
        .first()
    )
    label = str(rule.label)
    if ballot is None:
        ballot = services.create_ballot(
            meeting=meeting,
            actor=actor,
            title=_("Secret ballot for %(title)s, year %(year)s") % {"title": label, "year": year},
            title_code=code,
            title_label=label,
            threshold=rule.threshold,
            base=rule.base,
        )
    people, units = _subjects(subjects)
    on_ballot = set(ballot.candidates.values_list("person_id", "unit_id"))
    added: list[str] = []
    skipped: list[str] = []
    for key in subjects:
        kind, _sep, raw = key.partition(":")
        person = people.get(int(raw)) if kind == "person" else None
        sub_unit = units.get(int(raw)) if kind == "unit" else None
        if person is None and sub_unit is None:
            raise WorkflowError(_("A chosen subject no longer exists."))
        name = person.full_name if person is not None else sub_unit.name  # type: ignore[union-attr]
        if (person.pk if person else None, sub_unit.pk if sub_unit else None) in on_ballot:
            skipped.append(name)
            continue
        services.add_candidate(ballot=ballot, actor=actor, unit=sub_unit, person=person)
        added.append(name)
    record_event(
        "meetings.ballot.candidates_sent",
        actor=actor,
        target=ballot,
        after={"year": year, "title_code": code, "candidates": added, "note": note},
    )
    return Sent(ballot, added, skipped)


@dataclass
class AttestationRow:
    """One subject and title of a session, with the attested(x) criteria its verdict asks for."""

    key: str
    name: str
    code: str
    title: str
    criteria: list[Reason] = field(default_factory=list)
    attested: set[str] = field(default_factory=set)
    recorded: bool = False

    @property
    def form_id(self) -> str:
        return f"attest-{self.key.replace(':', '-')}-{self.code}"


def attestation_rows(meeting: Meeting) -> list[AttestationRow]:
    """For every candidate of the session's ballots, each title of the reviewed year whose
    verdict (eligible or needing review) asks the council to attest something — the ballot's
    title and the lower ones it rests on (a CSTĐCS candidate's LĐTT) — with what is recorded."""
    if meeting.unit is None:
        return []
    year = reviewed_year(meeting.date)
    wanted = {
        f"person:{p}" if p else f"unit:{u}": label
        for p, u, label in Candidate.objects.filter(ballot__meeting=meeting)
        .order_by("ballot_id", "position", "pk")
        .values_list("person_id", "unit_id", "label")
    }
    if not wanted:
        return []
    verdicts = [
        v
        for v in verdicts_for(year=year, unit_ids={meeting.unit.pk})
        if subject_key(v) in wanted and v.status in SENDABLE and attestations_due(v)
    ]
    codes = {v.code for v in verdicts}
    recorded = MeetingAttestation.objects.filter(year=year, code__in=codes).values_list(
        "person_id", "recipient_unit_id", "code", "criterion", "attested"
    )
    given: dict[tuple[str, str], dict[str, bool]] = {}
    for p, u, code, criterion, attested in recorded:
        given.setdefault((f"person:{p}" if p else f"unit:{u}", code), {})[criterion] = attested
    order = list(wanted)
    verdicts.sort(key=lambda v: order.index(subject_key(v)))
    rows = []
    for verdict in verdicts:
        key = subject_key(verdict)
        done = given.get((key, verdict.code), {})
        rows.append(
            AttestationRow(
                key=key,
                name=wanted[key],
                code=verdict.code,
                title=verdict.name,
                criteria=attestations_due(verdict),
                attested={c for c, ok in done.items() if ok},
                recorded=bool(done),
            )
        )
    return rows


def save_attestations(
    *, meeting: Meeting, actor: Any, row: AttestationRow, checked: set[str]
) -> int:
    kind, _sep, raw = row.key.partition(":")
    subject: Person | Unit = (
        Person.objects.get(pk=int(raw)) if kind == "person" else Unit.objects.get(pk=int(raw))
    )
    return record_attestations(
        subject=subject,
        council_unit=meeting.unit,  # type: ignore[arg-type]
        code=row.code,
        year=reviewed_year(meeting.date),
        meeting_date=meeting.date,
        criteria={c.message: c.message in checked for c in row.criteria},
        actor=actor,
    )
