"""Changes to commendation data: one transaction, one audit event with before and after."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from tdkt.awards.models import (
    CatalogueEntry,
    EmulationTitle,
    Parameter,
    RuleVersion,
    StaffAccount,
    VerdictOverride,
)
from tdkt.core.audit import record_event, snapshot
from tdkt.core.text import clean_text
from tdkt.org.models import Person, Unit

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
