"""Revoking an award and reviewing the awards that counted it (RULES.md GEN-11, Law ch. VII).

- `revoke_award` revokes one award in one transaction: the award is marked revoked (what the
  engine reads), a `Revocation` keeps the ground, the revoking decision and the prize money to
  recover, its own open reviews close, and every later award that counted it, directly or
  through another award, is flagged "cần xem xét lại" (`ReviewFlag`), never revoked.
- `resolve_review` is a named user's decision on a flagged award: kept (with a reason; what was
  flagged only through it is released too) or revoked too, which cascades again.
- `revoke_imported` does the same for the awards a history import marks revoked: set-based,
  one pass for the whole file.

Each step is audited: `awards.record.revoked`, `awards.review.flagged`, `awards.review.resolved`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tdkt.awards.cascade import Found, Node, dependents
from tdkt.awards.models import AwardRecord, CommendationForm, EmulationTitle
from tdkt.awards.models_revocation import ReviewFlag, Revocation
from tdkt.awards.prize import Conferred, ParamTable, load_prize_params, payable, prize_amount
from tdkt.core.audit import record_event, record_events_bulk, snapshot
from tdkt.core.errors import WorkflowError
from tdkt.core.text import clean_text
from tdkt.documents.vietnamese import vnd

_AWARD_FIELDS = ("revoked", "revoked_on")
_RELATED = ("title", "form", "person", "recipient_unit")


@dataclass(frozen=True)
class Recovery:
    """The prize money to recover for a revoked award, and how it was found."""

    amount_vnd: int | None  # None: it cannot be computed (see `basis`)
    basis: str


def _label(actor: Any) -> str:
    if getattr(actor, "is_authenticated", False):
        return str(actor.get_full_name() or actor.get_username())[:200]
    return str(actor or "")[:200]


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _catalogue() -> dict[str, tuple[bool, int, int, str]]:
    """code → (is a title, qualifying period in years, rank, name)."""
    return {
        code: (model is EmulationTitle, period, rank, name)
        for model in (EmulationTitle, CommendationForm)
        for code, period, rank, name in model.objects.values_list(
            "code", "period_years", "rank", "name"
        )
    }


def recoveries(awards: Iterable[tuple[AwardRecord, str]]) -> dict[int, Recovery]:
    """The money to recover for each (award, code): the prize of the award's title or form on
    its decision date (`prize.prize_amount`), or nothing when, among the subject's titles of the
    same period, another was the one paid (PRIZE-03, `prize.payable`). Three queries for any
    number of awards. Texts are Vietnamese: they are stored with the revocation."""
    items = list(awards)
    if not items:
        return {}
    table: ParamTable = load_prize_params()
    catalogue = _catalogue()
    people = {a.person_id for a, _c in items if a.person_id is not None}
    units = {a.recipient_unit_id for a, _c in items if a.person_id is None}
    years = {a.year for a, _c in items}
    ours = {a.pk for a, _c in items}
    titles: dict[tuple[str, int | None, int], set[str]] = defaultdict(set)
    for person_id, unit_id, year, code in (
        AwardRecord.objects.filter(year__in=years, title__isnull=False)
        .filter(Q(person_id__in=people) | Q(recipient_unit_id__in=units))
        .filter(Q(revoked=False) | Q(pk__in=ours))
        .values_list("person_id", "recipient_unit_id", "year", "title__code")
    ):
        key = ("p", person_id, year) if person_id is not None else ("u", unit_id, year)
        titles[key].add(code)
    found: dict[int, Recovery] = {}
    with translation.override("vi"):
        for award, code in items:
            found[award.pk] = _recovery(award, code, table, catalogue, titles)
    return found


def _recovery(
    award: AwardRecord,
    code: str,
    table: ParamTable,
    catalogue: dict[str, tuple[bool, int, int, str]],
    titles: dict[tuple[str, int | None, int], set[str]],
) -> Recovery:
    is_title, period, _rank, _name = catalogue.get(code, (False, 1, 0, code))
    if is_title:
        key = (
            ("p", award.person_id, award.year)
            if award.person_id is not None
            else ("u", award.recipient_unit_id, award.year)
        )
        held = [
            Conferred(c, True, award.year, catalogue[c][1], catalogue[c][2])
            for c in sorted(titles.get(key, set()) | {code})
            if c in catalogue
        ]
        paid = {c.code for c in payable(held)}
        if code not in paid:
            other = next(
                (catalogue[c.code][3] for c in held if c.code in paid and c.period_years == period),
                "",
            )
            return Recovery(
                0,
                _(
                    "Only the highest title of the same period is paid (PRIZE-03): %(other)s was "
                    "paid for %(year)s, not this one; nothing to recover."
                )
                % {"other": other, "year": award.year},
            )
    if award.decision_date is None:
        return Recovery(
            None, _("The award's decision date is not recorded: the amount cannot be computed.")
        )
    subject = "individual" if award.person_id is not None else "collective"
    prize = prize_amount(table, code=code, subject=subject, decision_date=award.decision_date)
    if prize.amount_vnd is None:
        return Recovery(
            None,
            _(
                "No multiplier or base salary is in force on %(date)s (U-10, U-11): the amount "
                "cannot be computed."
            )
            % {"date": f"{award.decision_date:%d/%m/%Y}"},
        )
    basis = _(
        "%(multiplier)s × the base salary of %(salary)s đồng on %(date)s, rounded up to the next "
        "10.000 đồng (%(basis)s)."
    ) % {
        "multiplier": str(prize.multiplier).replace(".", ","),
        "salary": vnd(prize.base_salary or 0),
        "date": f"{award.decision_date:%d/%m/%Y}",
        "basis": prize.legal_basis,
    }
    if not prize.firm:
        basis += " " + _("A value used is not confirmed: the amount needs review (U-11).")
    return Recovery(prize.amount_vnd, basis[:500])


def recovery_for(award: AwardRecord) -> Recovery:
    return recoveries([(award, award.distinction.code)])[award.pk]


# --- revoking --------------------------------------------------------------------------------


def date_problem(award: AwardRecord, day: dt.date, today: dt.date) -> str:
    """Why `day` cannot be the date of a decision revoking `award`; "" when it can."""
    if award.decision_date is not None and day < award.decision_date:
        return _("Expected a date not before the award's own decision (%(date)s).") % {
            "date": f"{award.decision_date:%d/%m/%Y}"
        }
    if day > today:
        return _("Expected a date not after today (%(date)s).") % {"date": f"{today:%d/%m/%Y}"}
    return ""


@transaction.atomic
def revoke_award(
    *,
    award: AwardRecord,
    ground: str,
    decision_number: str,
    decision_date: dt.date,
    issuer: str,
    note: str,
    actor: Any,
    resolution: str = "",
    today: dt.date | None = None,
) -> Revocation:
    """Revoke `award` by the revoking decision given; flag what counted it. WorkflowError when
    it is already revoked (a conditional update decides a race)."""
    if ground not in Revocation.Ground.values:
        raise WorkflowError(_("Choose the ground for the revocation (Law ch. VII)."))
    problem = date_problem(award, decision_date, today or timezone.localdate())
    if problem:
        raise WorkflowError(problem)
    before = snapshot(award, _AWARD_FIELDS)
    if not AwardRecord.objects.filter(pk=award.pk, revoked=False).update(
        revoked=True, revoked_on=decision_date
    ):
        raise WorkflowError(_("This award is already revoked."))
    award.revoked, award.revoked_on = True, decision_date
    recovery = recovery_for(award)
    revocation = Revocation(
        unit_id=award.unit_id,
        award=award,
        ground=ground,
        decision_number=clean_text(decision_number),
        decision_date=decision_date,
        issuer=clean_text(issuer),
        note=clean_text(note),
        recovery_vnd=recovery.amount_vnd,
        recovery_basis=recovery.basis,
        source=Revocation.Source.MANUAL,
        recorded_by=_user(actor),
        recorded_label=_label(actor),
    )
    revocation.full_clean()
    revocation.save()
    record_event(
        "awards.record.revoked",
        actor=actor,
        target=award,
        before=before,
        after=snapshot(award, _AWARD_FIELDS),
    )
    record_event(
        "awards.revocation.created",
        actor=actor,
        target=revocation,
        after=snapshot(revocation, Revocation.AUDITED_FIELDS),
    )
    with translation.override("vi"):
        default = _("Revoked by decision %(number)s of %(date)s.") % {
            "number": revocation.decision_number,
            "date": f"{decision_date:%d/%m/%Y}",
        }
    _close_flags(award.review_flags.all(), ReviewFlag.Status.REVOKED, resolution or default, actor)
    flag_dependents([(revocation, Node.of(award))], actor=actor)
    return revocation


def revoke_imported(
    *, awards: Iterable[tuple[AwardRecord, str]], actor: Any, note: str = ""
) -> list[ReviewFlag]:
    """The awards a history import marked revoked ((award, code), already saved as revoked):
    a revocation row each (source "import"; the file gives no ground or decision), their open
    reviews closed, and the awards that counted them flagged. Set-based: a few queries for
    the whole file. Runs inside the import's transaction."""
    items = [(a, c) for a, c in awards]
    have = set(
        Revocation.objects.filter(award_id__in=[a.pk for a, _c in items]).values_list(
            "award_id", flat=True
        )
    )
    items = [(a, c) for a, c in items if a.pk not in have]
    if not items:
        return []
    money = recoveries(items)
    with translation.override("vi"):
        text = note or _("Marked revoked by a history import.")
    revocations = [
        Revocation(
            unit_id=award.unit_id,
            award=award,
            note=text,
            recovery_vnd=money[award.pk].amount_vnd,
            recovery_basis=money[award.pk].basis,
            source=Revocation.Source.IMPORT,
            recorded_by=_user(actor),
            recorded_label=_label(actor),
        )
        for award, _c in items
    ]
    Revocation.objects.bulk_create(revocations)
    # the award's own change (revoked: no → yes) is audited by the import as an update
    record_events_bulk(
        "awards.revocation.created",
        actor=actor,
        targets=[(r, None, snapshot(r, Revocation.AUDITED_FIELDS)) for r in revocations],
        note=note,
    )
    _close_flags(
        ReviewFlag.objects.filter(award_id__in=[a.pk for a, _c in items]),
        ReviewFlag.Status.REVOKED,
        text,
        actor,
        note=note,
    )
    nodes = [
        (revocation, Node(a.pk, a.unit_id, a.person_id, a.recipient_unit_id, code, a.year))
        for (a, code), revocation in zip(items, revocations, strict=True)
    ]
    return flag_dependents(nodes, actor=actor, note=note)


def flag_dependents(
    revoked: list[tuple[Revocation, Node]], *, actor: Any, note: str = ""
) -> list[ReviewFlag]:
    """Flag every award in force that counted one of `revoked` (`cascade.dependents`)."""
    causes = {node.pk: revocation for revocation, node in revoked}
    found: list[Found] = dependents([node for _r, node in revoked])
    if not found:
        return []
    flags = [
        ReviewFlag(
            unit_id=f.award.owner_id,
            award_id=f.award.pk,
            cause=causes[f.origin.pk],
            via_id=f.via.pk if f.via is not None else None,
        )
        for f in found
    ]
    ReviewFlag.objects.bulk_create(flags)
    # what the texts of the flags read: their awards in one query (the causes are at hand)
    shown = AwardRecord.objects.select_related(*_RELATED).in_bulk(
        {f.award.pk for f in found} | {f.via.pk for f in found if f.via is not None}
    )
    for flag in flags:
        flag.award = shown[flag.award_id]
        flag.via = shown[flag.via_id] if flag.via_id is not None else None
    record_events_bulk(
        "awards.review.flagged",
        actor=actor,
        targets=[(flag, None, snapshot(flag, _FLAG_FIELDS)) for flag in flags],
        note=note,
    )
    return flags


_FLAG_FIELDS = ("status", "cause", "via")
_RESOLVED_FIELDS = ("status", "resolution")


def _with_labels(flags: Any) -> Any:
    """Flags with what their text (`str`) and the audit labels read, in one query."""
    return flags.select_related(
        *(f"award__{r}" for r in _RELATED),
        *(f"cause__award__{r}" for r in _RELATED),
        "via__title",
        "via__form",
        "via__person",
        "via__recipient_unit",
    ).order_by("pk")


def _close_flags(
    flags: Any, status: str, reason: str, actor: Any, *, note: str = ""
) -> list[ReviewFlag]:
    """Close the open flags among `flags` (a queryset) with a decision, audited."""
    found = list(_with_labels(flags.filter(status=ReviewFlag.Status.OPEN)))
    if not found:
        return []
    closed = ReviewFlag.objects.filter(
        pk__in=[f.pk for f in found], status=ReviewFlag.Status.OPEN
    ).update(
        status=status,
        resolution=reason,
        resolved_by=_user(actor),
        resolved_label=_label(actor),
        resolved_at=timezone.now(),
    )
    if closed != len(found):  # another decision came first (a conditional update, STYLE §2)
        raise WorkflowError(_("The review was decided meanwhile; reload the page."))
    before = {f.pk: snapshot(f, _RESOLVED_FIELDS) for f in found}
    for flag in found:
        flag.status, flag.resolution = status, reason
    record_events_bulk(
        "awards.review.resolved",
        actor=actor,
        targets=[(f, before[f.pk], snapshot(f, _RESOLVED_FIELDS)) for f in found],
        note=note,
    )
    return found


# --- reviewing -------------------------------------------------------------------------------


@transaction.atomic
def keep_award(*, award: AwardRecord, reason: str, actor: Any) -> int:
    """A named user keeps a flagged award, with a reason: its open reviews close, and so do the
    reviews of awards flagged only through it (same revocation). Returns reviews closed."""
    reason = clean_text(reason)
    if not reason:
        raise WorkflowError(_("Give the reason for the decision."))
    flags = _close_flags(award.review_flags.all(), ReviewFlag.Status.KEPT, reason, actor)
    if not flags:
        raise WorkflowError(_("This award has no open review."))
    with translation.override("vi"):
        released = _("Kept: the award it rests on (%(award)s) was kept after review.") % {
            "award": str(award)
        }
    pairs = {(award.pk, f.cause_id) for f in flags}
    count = len(flags)
    while pairs:  # what was flagged only through a kept award, onwards, per revocation
        candidates = ReviewFlag.objects.filter(
            via_id__in={a for a, _c in pairs}, cause_id__in={c for _a, c in pairs}
        )
        ids = [
            pk
            for pk, via, cause in candidates.filter(status=ReviewFlag.Status.OPEN).values_list(
                "pk", "via_id", "cause_id"
            )
            if (via, cause) in pairs
        ]
        closed = _close_flags(
            ReviewFlag.objects.filter(pk__in=ids), ReviewFlag.Status.KEPT, released, actor
        )
        count += len(closed)
        pairs = {(f.award_id, f.cause_id) for f in closed}
    return count


@transaction.atomic
def revoke_flagged(
    *,
    award: AwardRecord,
    reason: str,
    ground: str,
    decision_number: str,
    decision_date: dt.date,
    issuer: str,
    actor: Any,
    today: dt.date | None = None,
) -> Revocation:
    """A named user revokes a flagged award too: `revoke_award`, which closes its reviews with
    the reason and flags what counted it in turn."""
    if not award.review_flags.filter(status=ReviewFlag.Status.OPEN).exists():
        raise WorkflowError(_("This award has no open review."))
    reason = clean_text(reason)
    return revoke_award(
        award=award,
        ground=ground,
        decision_number=decision_number,
        decision_date=decision_date,
        issuer=issuer,
        note=reason,
        actor=actor,
        resolution=reason,
        today=today,
    )
