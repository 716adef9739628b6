"""The council's outcomes applied to verdicts after the engine ran (RULES.md §0.2.7).

The engine lists what only the meeting can settle as "còn cần": attestations ("the council
attests …") and votes ("vote ≥ 80 % of all members of the grassroots council"). Once a council
session has voted on a subject (`CouncilVoteResult`) and recorded its attestations
(`MeetingAttestation`):

- a vote that passed, and an attestation given, leave "còn cần" and become a reason that holds,
  naming the session, the count and the citation of the item;
- a vote that failed, or an attestation missing or refused after the meeting, turns the verdict
  to `fail` with that reason and the citation.

The engine and its rules stay untouched: this runs on their verdicts, with two queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext_noop as _

from tdkt.awards.models import CouncilVoteResult, MeetingAttestation
from tdkt.awards.rules import Status, Verdict
from tdkt.awards.rules.base import Reason
from tdkt.org.models import Unit

VOTES = "RULES.md §6.1"
ATTESTS = "the council attests"
SECTOR_COUNCIL = "court-sector council"
GRASSROOTS_COUNCIL = "grassroots council"

Key = tuple[str, int, str]  # ("person" | "unit", subject id, title or form code)
SUBJECT_FILTER_MAX = 5000  # subjects named in the query; more: the year's rows, kept in Python

VOTE_PASSED = _(
    "Council vote of %(date)s passed: %(agree)s of %(base)s members in favour, "
    "%(needed)s needed (%(threshold)s)."
)
VOTE_FAILED = _(
    "Council vote of %(date)s failed: %(agree)s of %(base)s members in favour, "
    "%(needed)s needed (%(threshold)s)."
)
ATTESTED = _("Attested by the council on %(date)s: %(criterion)s.")
NOT_ATTESTED = _("Not attested by the council on %(date)s: %(criterion)s.")
OUTCOMES = frozenset({VOTE_PASSED, VOTE_FAILED, ATTESTED, NOT_ATTESTED})


class _Text:
    """A "còn cần" item quoted inside another reason, translated when shown."""

    __slots__ = ("reason",)

    def __init__(self, reason: Reason) -> None:
        self.reason = reason

    def __str__(self) -> str:
        return self.reason.text


def is_attestation(reason: Reason) -> bool:
    return reason.message.startswith(ATTESTS)


def is_council_vote(reason: Reason, council_level: str) -> bool:
    """Which vote item a council's ballot settles: the court-sector council is the Supreme
    Court's (Hội đồng TĐKT TAND); every other unit's council is a grassroots council."""
    if not reason.message.startswith("vote "):
        return False
    wanted = SECTOR_COUNCIL if council_level == Unit.Level.SUPREME else GRASSROOTS_COUNCIL
    return wanted in reason.message


def is_outcome(message: str) -> bool:
    """A reason this module added: a council vote or attestation recorded after the engine."""
    return message in OUTCOMES


def attestations_due(verdict: Verdict) -> list[Reason]:
    """The attested(x) criteria the verdict asks the meeting for."""
    return [r for r in verdict.remaining if is_attestation(r)]


def _key(verdict: Verdict) -> Key:
    return (verdict.subject_kind, verdict.subject_id, verdict.code)


def _row_key(person_id: int | None, unit_id: int | None, code: str) -> Key:
    return ("person", person_id, code) if person_id else ("unit", int(unit_id or 0), code)


def _outcomes(
    verdicts: list[Verdict], year: int
) -> tuple[dict[Key, list[CouncilVoteResult]], dict[Key, dict[str, MeetingAttestation]]]:
    codes = {v.code for v in verdicts}
    people = {v.subject_id for v in verdicts if v.subject_kind == "person"}
    units = {v.subject_id for v in verdicts if v.subject_kind == "unit"}
    results: dict[Key, list[CouncilVoteResult]] = defaultdict(list)
    attestations: dict[Key, dict[str, MeetingAttestation]] = defaultdict(dict)
    if not verdicts:
        return results, attestations
    # Few rows per year and unit; the subject filter keeps a unit's read small. A sector's
    # hundred thousand ids would make the query itself the cost: read the year's rows instead
    # and keep those of the verdicts' subjects (`_apply_one` looks them up by key).
    subjects = (
        Q(person_id__in=people) | Q(recipient_unit_id__in=units)
        if len(people) + len(units) <= SUBJECT_FILTER_MAX
        else Q()
    )
    votes = (
        CouncilVoteResult.objects.filter(subjects, year=year, code__in=codes)
        .select_related("unit")
        .order_by("meeting_date", "pk")
    )
    for vote in votes:
        results[_row_key(vote.person_id, vote.recipient_unit_id, vote.code)].append(vote)
    for given in MeetingAttestation.objects.filter(subjects, year=year, code__in=codes):
        key = _row_key(given.person_id, given.recipient_unit_id, given.code)
        attestations[key][given.criterion] = given
    return results, attestations


def _vote_reason(result: CouncilVoteResult, item: Reason | None) -> Reason:
    params = {
        "date": result.meeting_date,
        "agree": result.agree,
        "base": result.base,
        "needed": result.needed,
        "threshold": result.threshold.replace("%", " %"),
    }
    citation = item.citation if item is not None else VOTES
    message = VOTE_PASSED if result.passes else VOTE_FAILED
    return Reason(message, params, citation, result.passes)


def _apply_one(
    verdict: Verdict,
    results: list[CouncilVoteResult],
    attested: dict[str, MeetingAttestation],
) -> None:
    failed = False
    settled: list[Reason] = []  # passed or failed: no longer "còn cần" either way
    added: list[Reason] = []
    for result in results:
        items = [r for r in verdict.remaining if is_council_vote(r, result.unit.level)]
        if not items:
            added.append(_vote_reason(result, None))
        for item in items:
            added.append(_vote_reason(result, item))
            settled.append(item)
        failed = failed or not result.passes
    meeting_date: dt.date | None = results[-1].meeting_date if results else None
    if attested and meeting_date is None:
        meeting_date = max(a.meeting_date for a in attested.values())
    if meeting_date is not None:  # the meeting is recorded: every attestation is now due
        for item in attestations_due(verdict):
            row = attested.get(item.message)
            ok = row is not None and row.attested
            day = row.meeting_date if row is not None else meeting_date
            message = ATTESTED if ok else NOT_ATTESTED
            added.append(
                Reason(message, {"date": day, "criterion": _Text(item)}, item.citation, ok)
            )
            settled.append(item)
            failed = failed or not ok
    if not added:
        return
    verdict.remaining = [r for r in verdict.remaining if r not in settled]
    verdict.reasons = [*verdict.reasons, *added]
    if failed and verdict.status != Status.DEFERRED:
        verdict.status = Status.FAIL


def apply_council_outcomes(verdicts: Iterable[Verdict], *, year: int) -> list[Verdict]:
    """Apply the recorded council outcomes of `year` to the verdicts, in place; returns them."""
    verdicts = list(verdicts)
    results, attestations = _outcomes(verdicts, year)
    if not results and not attestations:
        return verdicts
    for verdict in verdicts:
        key = _key(verdict)
        if key in results or key in attestations:
            _apply_one(verdict, results.get(key, []), attestations.get(key, {}))
    return verdicts
