"""Every change to the organisation registry, people and roles: one transaction, one audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdkt.core.audit import record_event, snapshot
from tdkt.core.errors import WorkflowError
from tdkt.core.text import clean_text
from tdkt.org.models import (
    ClusterMembership,
    ClusterTerm,
    Employment,
    LineageEvent,
    LineageLink,
    Person,
    RoleAssignment,
    Unit,
)

_TEXT_FIELDS = {"code", "name", "full_name", "position", "note", "source", "share_note"}


def _clean(changes: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: clean_text(v) if k in _TEXT_FIELDS and isinstance(v, str) else v
        for k, v in changes.items()
    }


def _update(obj: Model, *, actor: Any, code: str, changes: Mapping[str, Any]) -> bool:
    fields: tuple[str, ...] = obj.AUDITED_FIELDS  # type: ignore[attr-defined]
    before = snapshot(obj, fields)
    for name, value in _clean(changes).items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    after = snapshot(obj, fields)
    if before == after:
        return False
    record_event(code, actor=actor, target=obj, before=before, after=after)
    return True


def _create(model: type[Model], *, actor: Any, code: str, values: Mapping[str, Any]) -> Any:
    obj = model(**_clean(values))
    obj.full_clean()
    obj.save()
    record_event(code, actor=actor, target=obj, after=snapshot(obj, obj.AUDITED_FIELDS))  # type: ignore[attr-defined]
    return obj


@transaction.atomic
def create_unit(*, actor: Any, **values: Any) -> Unit:
    unit: Unit = _create(Unit, actor=actor, code="org.unit.created", values=values)
    return unit


@transaction.atomic
def update_unit(*, unit: Unit, actor: Any, **changes: Any) -> bool:
    if "parent" in changes and changes["parent"] is not None:
        ancestor: Unit | None = changes["parent"]
        while ancestor is not None:
            if ancestor.pk == unit.pk:
                raise WorkflowError(_("A unit cannot be placed under itself or its own sub-unit."))
            ancestor = ancestor.parent
    return _update(unit, actor=actor, code="org.unit.updated", changes=changes)


@transaction.atomic
def record_lineage(
    *,
    actor: Any,
    kind: str,
    effective_date: dt.date,
    predecessors: Iterable[Unit],
    successors: Iterable[Unit],
    legal_basis: str = "",
    confidence: str = "C",
    note: str = "",
    close_predecessors: bool = True,
) -> LineageEvent:
    """Record predecessors → successors on `effective_date`.

    The predecessors' last day becomes the day before (unless the kind keeps them alive, such as a
    split where the old unit continues, or `close_predecessors` is false).
    """
    preds, succs = list(predecessors), list(successors)
    if not preds and not succs:
        raise WorkflowError(_("A lineage event needs at least one predecessor or successor."))
    event = LineageEvent.objects.create(
        kind=kind,
        effective_date=effective_date,
        legal_basis=clean_text(legal_basis),
        confidence=confidence,
        note=clean_text(note),
    )
    links = [LineageLink(event=event, predecessor=p, successor=s) for p in preds for s in succs]
    links += [LineageLink(event=event, predecessor=p) for p in preds if not succs]
    links += [LineageLink(event=event, successor=s) for s in succs if not preds]
    LineageLink.objects.bulk_create(links)
    last_day = effective_date - dt.timedelta(days=1)
    for pred in preds:
        if close_predecessors and kind != LineageEvent.Kind.CONTINUES and pred not in succs:
            _update(pred, actor=actor, code="org.unit.closed", changes={"valid_to": last_day})
    for succ in succs:
        if (
            kind in {LineageEvent.Kind.CREATED, LineageEvent.Kind.MERGED_INTO}
            and succ.valid_from is None
        ):
            _update(
                succ, actor=actor, code="org.unit.opened", changes={"valid_from": effective_date}
            )
    record_event(
        "org.lineage.recorded",
        actor=actor,
        target=event,
        after={
            "kind": event.kind,
            "effective_date": effective_date.isoformat(),
            gettext_noop("predecessors"): [str(p) for p in preds],
            gettext_noop("successors"): [str(s) for s in succs],
            "legal_basis": event.legal_basis,
        },
    )
    return event


@transaction.atomic
def update_cluster_term(*, term: ClusterTerm, actor: Any, **changes: Any) -> bool:
    member_ids = set(term.memberships.values_list("unit_id", flat=True))
    for key in ("head_unit", "deputy_unit", "next_head_unit", "next_deputy_unit"):
        unit = changes.get(key)
        if unit is not None and unit.pk not in member_ids:
            raise WorkflowError(
                _("%(unit)s is not a member of this cluster in %(year)s.")
                % {"unit": unit, "year": term.year}
            )
    if (changes.get("head_unit") or term.head_unit) and (
        changes.get("head_unit") or term.head_unit
    ) == (changes.get("deputy_unit") or term.deputy_unit):
        raise WorkflowError(_("The head unit and the deputy head unit must be different units."))
    return _update(term, actor=actor, code="org.cluster_term.updated", changes=changes)


@transaction.atomic
def set_term_members(*, term: ClusterTerm, actor: Any, units: Iterable[Unit]) -> None:
    wanted = {u.pk: u for u in units}
    current = {m.unit_id: m for m in term.memberships.select_related("unit")}
    removed = [m for pk, m in current.items() if pk not in wanted]
    for officer in (
        term.head_unit_id,
        term.deputy_unit_id,
        term.next_head_unit_id,
        term.next_deputy_unit_id,
    ):
        if officer is not None and officer not in wanted:
            raise WorkflowError(
                _("The head and deputy head units must stay members of the cluster.")
            )
    before = sorted(str(m.unit) for m in current.values())
    ClusterMembership.objects.filter(pk__in=[m.pk for m in removed]).delete()
    ClusterMembership.objects.bulk_create(
        [ClusterMembership(term=term, unit=u) for pk, u in wanted.items() if pk not in current]
    )
    after = sorted(str(u) for u in wanted.values())
    if before != after:
        label = gettext_noop("members")
        record_event(
            "org.cluster_term.members_changed",
            actor=actor,
            target=term,
            before={label: before},
            after={label: after},
        )


@transaction.atomic
def create_person(*, actor: Any, **values: Any) -> Person:
    person: Person = _create(Person, actor=actor, code="org.person.created", values=values)
    return person


@transaction.atomic
def update_person(*, person: Person, actor: Any, **changes: Any) -> bool:
    return _update(person, actor=actor, code="org.person.updated", changes=changes)


@transaction.atomic
def add_employment(
    *, person: Person, actor: Any, close_previous: bool = False, **values: Any
) -> Employment:
    """Add a period of employment. With `close_previous`, the open period ends the day before
    (a transfer); a secondment leaves the home unit's period open."""
    start: dt.date = values["start"]
    if close_previous:
        for previous in person.employments.filter(end__isnull=True, start__lt=start):
            _update(
                previous,
                actor=actor,
                code="org.employment.updated",
                changes={"end": start - dt.timedelta(days=1)},
            )
    employment: Employment = _create(
        Employment, actor=actor, code="org.employment.created", values={"person": person, **values}
    )
    record_event(
        "org.person.employment_added",
        actor=actor,
        target=person,
        after={
            gettext_noop("employment"): str(employment),
            gettext_noop("from"): start.isoformat(),
        },
    )
    return employment


@transaction.atomic
def update_employment(*, employment: Employment, actor: Any, **changes: Any) -> bool:
    changed = _update(employment, actor=actor, code="org.employment.updated", changes=changes)
    return changed


@transaction.atomic
def grant_role(*, actor: Any, user: Any, role: str, **scope: Any) -> RoleAssignment:
    assignment = RoleAssignment(user=user, role=role, **scope)
    assignment.full_clean()
    assignment.save()
    record_event(
        "org.role.granted",
        actor=actor,
        target=assignment,
        after={gettext_noop("user"): user.get_username(), "role": assignment.role},
    )
    return assignment
