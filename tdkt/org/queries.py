"""Reads across relations: the unit tree, lineage, cluster terms.

Lineage and the unit tree are small (a few thousand rows for the whole sector), so each query
loads its table once and walks it in memory instead of asking the database per step.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from tdkt.core.db import vi
from tdkt.org.models import ClusterMembership, ClusterTerm, LineageEvent, LineageLink, Unit


@dataclass
class UnitTree:
    """The parent → children map of every unit, loaded in one query."""

    children: dict[int, list[int]]

    @classmethod
    def load(cls) -> UnitTree:
        children: dict[int, list[int]] = defaultdict(list)
        for pk, parent_id in Unit.objects.values_list("pk", "parent_id"):
            if parent_id is not None:
                children[parent_id].append(pk)
        return cls(children)

    def descendant_ids(self, root_ids: Iterable[int]) -> set[int]:
        """The given units and every unit below them."""
        seen = set(root_ids)
        queue = deque(seen)
        while queue:
            for child in self.children.get(queue.popleft(), ()):
                if child not in seen:
                    seen.add(child)
                    queue.append(child)
        return seen


@dataclass(frozen=True)
class Step:
    """One edge walked in the lineage graph."""

    event: LineageEvent
    predecessor: Unit | None
    successor: Unit | None
    share_note: str = ""


@dataclass
class LineageIndex:
    """Every lineage link, loaded in one query, walkable both ways."""

    forward: dict[int, list[Step]] = field(default_factory=lambda: defaultdict(list))
    backward: dict[int, list[Step]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls) -> LineageIndex:
        index = cls()
        links = LineageLink.objects.select_related("event", "predecessor", "successor")
        for link in links:
            step = Step(link.event, link.predecessor, link.successor, link.share_note)
            if link.predecessor_id is not None:
                index.forward[link.predecessor_id].append(step)
            if link.successor_id is not None:
                index.backward[link.successor_id].append(step)
        return index

    def successors_on(self, unit: Unit, day: dt.date) -> list[Unit]:
        """What unit X had become on day D: the units in force on D that continue it.

        X itself if it is in force on D; an empty list if it was abolished without successor
        (or D is before X existed).
        """
        if unit.is_valid_on(day):
            return [unit]
        if unit.valid_from is not None and day < unit.valid_from:
            return []
        found: dict[int, Unit] = {}
        seen = {unit.pk}
        queue: deque[Unit] = deque([unit])
        while queue:
            current = queue.popleft()
            for step in self.forward.get(current.pk, ()):
                nxt = step.successor
                if nxt is None or step.event.effective_date > day or nxt.pk in seen:
                    continue
                seen.add(nxt.pk)
                if nxt.is_valid_on(day):
                    found[nxt.pk] = nxt
                else:
                    queue.append(nxt)
        return list(found.values())

    def predecessors(self, unit: Unit) -> list[Step]:
        """Every step back from Y to the units it continues, nearest first."""
        steps: list[Step] = []
        seen = {unit.pk}
        queue: deque[int] = deque([unit.pk])
        while queue:
            for step in self.backward.get(queue.popleft(), ()):
                steps.append(step)
                pred = step.predecessor
                if pred is not None and pred.pk not in seen:
                    seen.add(pred.pk)
                    queue.append(pred.pk)
        return steps

    def successors(self, unit: Unit) -> list[Step]:
        """Every step forward from X, nearest first."""
        steps: list[Step] = []
        seen = {unit.pk}
        queue: deque[int] = deque([unit.pk])
        while queue:
            for step in self.forward.get(queue.popleft(), ()):
                steps.append(step)
                succ = step.successor
                if succ is not None and succ.pk not in seen:
                    seen.add(succ.pk)
                    queue.append(succ.pk)
        return steps

    def predecessor_ids(self, unit_ids: Iterable[int]) -> set[int]:
        """The ids of every unit continued, directly or not, by any of `unit_ids`."""
        seen: set[int] = set()
        queue = deque(unit_ids)
        while queue:
            for step in self.backward.get(queue.popleft(), ()):
                pred = step.predecessor
                if pred is not None and pred.pk not in seen:
                    seen.add(pred.pk)
                    queue.append(pred.pk)
        return seen


def successors_on(unit: Unit, day: dt.date) -> list[Unit]:
    return LineageIndex.load().successors_on(unit, day)


def continued_units(unit: Unit) -> list[Unit]:
    """Which units does unit Y continue (all its predecessors, nearest first)."""
    result: dict[int, Unit] = {}
    for step in LineageIndex.load().predecessors(unit):
        if step.predecessor is not None:
            result.setdefault(step.predecessor.pk, step.predecessor)
    return list(result.values())


def members_of_term(term: ClusterTerm) -> QuerySet[ClusterMembership]:
    return (
        ClusterMembership.objects.filter(term=term)
        .select_related("unit", "unit__province")
        .annotate(sub_units=Count("unit__children"))
        .order_by(vi("unit__province__name"), vi("unit__name"))
    )


def terms_with_counts() -> QuerySet[ClusterTerm]:
    return (
        ClusterTerm.objects.select_related("cluster__organising_unit", "head_unit", "deputy_unit")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("-year", "cluster__organising_unit__level", "cluster__number")
    )


def children_of(unit: Unit) -> QuerySet[Unit]:
    return unit.children.select_related("province").order_by("valid_to", vi("name"))


def terms_of_unit(unit: Unit) -> QuerySet[ClusterTerm]:
    return (
        ClusterTerm.objects.filter(memberships__unit=unit)
        .select_related("cluster__organising_unit", "head_unit", "deputy_unit")
        .order_by("-year")
    )
