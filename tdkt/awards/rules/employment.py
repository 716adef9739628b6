"""The employment moves of a year that IND-05 needs, read set-based beside the other facts:
who moved (more than one employment in the year, or a secondment) or has no recruitment date,
their employment, and the year's comments of other units (`TransferComment`). Everyone else gets
no `ServiceFacts`, so the rules spend one attribute test on them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet

from tdkt.awards.models import TransferComment
from tdkt.org.models import Employment, Person, Unit

if TYPE_CHECKING:
    from tdkt.awards.rules.facts import Facts


@dataclass(frozen=True, slots=True)
class Stint:
    """One employment inside the year, clipped to it (IND-05)."""

    unit_id: int  # the employment's unit: a court or one of its departments
    court_id: int  # the court it belongs to: what a transfer moves between
    name: str  # the court's name
    ended: dt.date | None  # the court's last day in force; None while it exists
    secondment: bool
    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class CommentFact:
    """Comments of the former or host unit (`TransferComment`)."""

    kind: str  # "transfer" or "secondment"
    source_id: int
    successor_id: int | None
    successor: str  # the successor's name, "" when the unit itself gave them
    reason: str  # why the successor gives them
    given_on: dt.date
    reference: str


@dataclass(slots=True)
class ServiceFacts:
    """The employment of a person with more than one employment in the year, a secondment or
    no recruitment date, and the comments of other units for the year; None for everyone else
    (the common case costs one attribute test)."""

    stints: list[Stint]
    first_start: dt.date  # the earliest employment on record (service since at least then)
    comments: list[CommentFact] = field(default_factory=list)
    # the latest employment in the year that is not a secondment: the person's unit (None: a
    # secondment only, the unit stays the latest employment's)
    unit_id: int | None = None


def load_service_facts(
    facts: Facts, scoped: QuerySet[Employment] | None, direct_members: dict[int, set[int]]
) -> dict[int, ServiceFacts]:
    """IND-05: the employment of the people who moved in the year (more than one employment in
    it, or a secondment) or have no recruitment date, and the year's comments of other units,
    by person id (`facts._load` gives them to each part's people, whose unit becomes
    `ServiceFacts.unit_id`). Two queries; `scoped` is the scope's employment queryset (None:
    the whole sector). Read before the people: it changes who is a member of which unit.

    A person's unit becomes their latest employment in the year that is not a secondment, in
    whatever unit: the new unit assesses after a transfer, the sending unit during a
    secondment. The seconded stay members of the sending unit's collective, not the host's."""
    start, end = facts.start, facts.end
    jobs = Employment.objects.filter(start__lte=end)
    in_year = jobs.exclude(end__lt=start)
    pool = in_year if scoped is None else in_year.filter(person_id__in=scoped.values("person_id"))
    # A move leaves two employments that begin or end inside the year (or a secondment): only
    # those rows are grouped, a few in a hundred (employments held all year are the rest).
    inside = Q(start__gt=start) | Q(end__lt=end) | Q(kind=Employment.Kind.SECONDMENT)
    moved = (
        pool.filter(inside)
        .order_by()
        .values("person_id")
        .annotate(rows=Count("pk"), away=Count("pk", filter=Q(kind=Employment.Kind.SECONDMENT)))
        .filter(Q(rows__gt=1) | Q(away__gt=0))
        .values("person_id")
    )
    unrecorded = Person.objects.filter(recruited_on__isnull=True)
    if scoped is not None:
        unrecorded = unrecorded.filter(pk__in=scoped.values("person_id"))
    rows = jobs.filter(Q(person_id__in=moved) | Q(person_id__in=unrecorded.values("pk")))
    found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows.order_by("start", "pk").values_list(
        "person_id",
        "unit_id",
        "kind",
        "start",
        "end",
        "unit__level",
        "unit__parent_id",
        "unit__name",
        "unit__valid_to",
        "unit__parent__name",
        "unit__parent__valid_to",
    ):
        found[row[0]].append(row[1:])  # someone without employment in the year has no stint
    services: dict[int, ServiceFacts] = {}
    for person_id, history in found.items():
        stints = []
        for unit_id, kind, first, last, level, parent_id, name, ended, p_name, p_ended in history:
            if last is not None and last < start:
                continue
            department = level == Unit.Level.DEPARTMENT and parent_id is not None
            stints.append(
                Stint(
                    unit_id,
                    parent_id if department else unit_id,
                    p_name if department else name,
                    p_ended if department else ended,
                    kind == Employment.Kind.SECONDMENT,
                    max(first, start),
                    end if last is None else min(last, end),
                )
            )
        service = services[person_id] = ServiceFacts(stints, history[0][2])
        homes = [s for s in stints if not s.secondment]
        if homes:
            service.unit_id = homes[-1].unit_id
            home_units = {s.unit_id for s in homes}
            for stint in stints:
                if stint.secondment and stint.unit_id not in home_units:
                    direct_members.get(stint.unit_id, set()).discard(person_id)
    if not found:
        return services
    comments = TransferComment.objects.filter(year=facts.year)
    if scoped is not None:
        comments = comments.filter(person_id__in=scoped.values("person_id"))
    for (
        person_id,
        kind,
        source_id,
        successor_id,
        successor,
        reason,
        given_on,
        reference,
    ) in comments.values_list(
        "person_id",
        "kind",
        "source_unit_id",
        "successor_id",
        "successor__name",
        "successor_reason",
        "given_on",
        "reference",
    ):
        mover = services.get(person_id)
        if mover is not None:
            mover.comments.append(
                CommentFact(
                    kind, source_id, successor_id, successor or "", reason, given_on, reference
                )
            )
    return services
