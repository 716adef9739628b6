"""Changes to commendation data: one transaction, one audit event with before and after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q

from tdkt.awards.models import (
    CatalogueEntry,
    CommendationForm,
    CouncilVoteResult,
    EmulationTitle,
    MeetingAttestation,
    Parameter,
    RuleVersion,
    StaffAccount,
    VerdictOverride,
)
from tdkt.core.audit import record_event, record_events_bulk, snapshot
from tdkt.core.text import clean_text
from tdkt.org.models import Organisation, Person, Unit

_TEXT = {"short_name", "name", "legal_basis", "note"}


@transaction.atomic
def update_entry(*, entry: CatalogueEntry, actor: Any, **changes: Any) -> bool:
    """Edit a title or form of the catalogue; False when nothing changed."""
    before = snapshot(entry, entry.AUDITED_FIELDS)
    for name, value in changes.items():
        if name in _TEXT and isinstance(value, str):
            value = clean_text(value)
        elif name == "aliases" and isinstance(value, str):
            value = "\n".join(clean_text(line) for line in value.splitlines() if clean_text(line))
        setattr(entry, name, value)
    entry.full_clean()
    after = snapshot(entry, entry.AUDITED_FIELDS)
    if before == after:
        return False
    entry.save()
    code = "awards.title.updated" if isinstance(entry, EmulationTitle) else "awards.form.updated"
    record_event(code, actor=actor, target=entry, before=before, after=after)
    return True


@transaction.atomic
def link_staff_account(*, user: Any, person: Person, actor: Any) -> StaffAccount:
    account, created = StaffAccount.objects.get_or_create(user=user, defaults={"person": person})
    if created:
        record_event(
            "awards.staff_account.linked",
            actor=actor,
            target=account,
            after={"user": user.get_username(), "person": str(person)},
        )
    return account


_CONFIRMED = ("confirmed_by", "confirmed_on", "confirmation_source")


@transaction.atomic
def confirm_version(
    *, version: RuleVersion | Parameter, actor: Any, source: str, today: dt.date
) -> None:
    """A named administrator confirms a rule version or parameter below C, having read the
    official text (GEN-00): who, when and the source are kept and audited."""
    before = snapshot(version, _CONFIRMED)
    version.confirmed_by = (actor.get_full_name() or actor.get_username())[:200]
    version.confirmed_on = today
    version.confirmation_source = clean_text(source)[:300]
    version.save(update_fields=list(_CONFIRMED))
    kind = "rule_version" if isinstance(version, RuleVersion) else "parameter"
    record_event(
        f"awards.{kind}.confirmed",
        actor=actor,
        target=version,
        before=before,
        after=snapshot(version, _CONFIRMED),
    )


@transaction.atomic
def record_override(
    *,
    subject: Person | Unit,
    owner: Unit,
    code: str,
    year: int,
    status: str,
    reason: str,
    reference: str,
    actor: Any,
) -> VerdictOverride:
    """Replace the computed verdict of `subject` for `code` and `year` by a named user's decision
    with its reason (RULES.md §0.2.5); the computed verdict stays visible."""
    target: dict[str, Person | Unit] = (
        {"person": subject} if isinstance(subject, Person) else {"recipient_unit": subject}
    )
    found = VerdictOverride.objects.filter(code=code, year=year, **target).first()
    before = snapshot(found, VerdictOverride.AUDITED_FIELDS) if found else None
    decision = found or VerdictOverride(code=code, year=year, unit=owner, **target)
    decision.status = status
    decision.reason = clean_text(reason)
    decision.reference = clean_text(reference)
    decision.decided_by = actor
    decision.full_clean()
    decision.save()
    record_event(
        "awards.verdict.overridden",
        actor=actor,
        target=decision,
        before=before,
        after=snapshot(decision, VerdictOverride.AUDITED_FIELDS),
    )
    return decision


def reviewed_year(meeting_date: dt.date) -> int:
    """The emulation year a council session reviews: the year that ended before it (CYCLE.md:
    the unit awards are voted in October – December, after the court year closes on 30/09)."""
    return Organisation.current().year_of(meeting_date) - 1


def in_catalogue(code: str) -> bool:
    return (
        EmulationTitle.objects.filter(code=code).exists()
        or CommendationForm.objects.filter(code=code).exists()
    )


@transaction.atomic
def record_vote_result(
    *,
    actor: Any,
    council_unit_id: int | None,
    title_code: str,
    meeting_date: dt.date,
    ballot_id: int,
    round: int,
    threshold: str,
    base: int,
    needed: int,
    final_hash: str,
    candidates: Iterable[Mapping[str, Any]],
) -> int:
    """Store the council's outcome per candidate: agree count, base, pass or fail, the ballot
    and its final hash. Called by `meetings.services.close_ballot`; only the totals of the
    locked result travel (each candidate's `unit_id`, `person_id`, `agree`, `passes`), never a
    ballot or a voter. Idempotent: the same result twice changes nothing and audits nothing.
    A cluster conference (no council unit) or a code outside the catalogue records nothing.
    Returns the number of results written."""
    if council_unit_id is None or not in_catalogue(title_code):
        return 0
    year = reviewed_year(meeting_date)
    rows = [
        (c.get("person_id"), c.get("unit_id"), int(c["agree"]), bool(c["passes"]))
        for c in candidates
    ]
    found = {
        (r.person_id, r.recipient_unit_id): r
        for r in CouncilVoteResult.objects.filter(
            unit_id=council_unit_id, code=title_code, year=year
        ).filter(
            Q(person_id__in=[p for p, _u, _a, _ok in rows if p])
            | Q(recipient_unit_id__in=[u for p, u, _a, _ok in rows if not p])
        )
    }
    events: list[tuple[CouncilVoteResult, dict[str, Any] | None, dict[str, Any]]] = []
    for person_id, unit_id, agree, passes in rows:
        key = (person_id, None if person_id else unit_id)
        result = found.get(key) or CouncilVoteResult(
            unit_id=council_unit_id,
            person_id=person_id,
            recipient_unit_id=None if person_id else unit_id,
            code=title_code,
            year=year,
        )
        before = snapshot(result, CouncilVoteResult.AUDITED_FIELDS) if result.pk else None
        result.agree, result.base, result.needed = agree, base, needed
        result.threshold, result.passes = threshold, passes
        result.ballot_id, result.round, result.final_hash = ballot_id, round, final_hash
        result.meeting_date = meeting_date
        after = snapshot(result, CouncilVoteResult.AUDITED_FIELDS)
        if before == after:
            continue
        result.full_clean(validate_constraints=False)
        result.save()
        events.append((result, before, after))
    record_events_bulk("awards.vote_result.recorded", actor=actor, targets=events)
    return len(events)


@transaction.atomic
def record_attestations(
    *,
    subject: Person | Unit,
    council_unit: Unit,
    code: str,
    year: int,
    meeting_date: dt.date,
    criteria: Mapping[str, bool],
    actor: Any,
) -> int:
    """What the council attested for `subject`, one row per criterion (the English message of
    the verdict's "còn cần" item); the rows of other criteria stay. Returns rows changed."""
    target: dict[str, Person | Unit] = (
        {"person": subject} if isinstance(subject, Person) else {"recipient_unit": subject}
    )
    found = {
        a.criterion: a
        for a in MeetingAttestation.objects.filter(
            code=code, year=year, criterion__in=list(criteria), **target
        )
    }
    before = {c: a.attested for c, a in found.items()}
    after = dict(before)
    for criterion, attested in criteria.items():
        row = found.get(criterion)
        if row is not None and row.attested == attested and row.meeting_date == meeting_date:
            continue
        row = row or MeetingAttestation(code=code, year=year, criterion=criterion, **target)
        row.unit = council_unit
        row.attested = attested
        row.meeting_date = meeting_date
        row.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
        row.save()
        after[criterion] = attested
    if before == after:
        return 0
    record_event(
        "awards.attestation.recorded",
        actor=actor,
        target=subject,
        before={"code": code, "year": year, "attested": before},
        after={"code": code, "year": year, "attested": after, "meeting_date": str(meeting_date)},
    )
    return sum(1 for c in after if before.get(c) != after[c])
