"""Checks of other units' comments (IND-05) that the form and the import share.

The former or host unit is a court (or one of its departments) where the person worked during
the emulation year, outside a secondment for a transfer's comments, on a secondment for the
host's. A successor may give the comments only once that court no longer existed on the day
(the 2025 restructuring, RULES.md §11.4), must continue it by lineage, and says why; without a
successor there is no such reason. Loaded for many people at once: one query for their
employment, one for the lineage."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

from tdkt.awards.models import TransferComment
from tdkt.org.models import Employment, Organisation, Unit
from tdkt.org.queries import LineageIndex

# The problems a comment can have, by code: form messages (the import prefixes row and column).
PROBLEMS: dict[str, str] = {
    "not_their_unit": gettext_noop(
        "Expected a court where this person worked during the emulation year (a transfer) or "
        "was seconded to during it (a secondment)."
    ),
    "not_successor": gettext_noop("Expected a unit that continues “%(unit)s” by lineage."),
    "still_existed": gettext_noop(
        "A successor gives the comments only once “%(unit)s” no longer exists: it was still in "
        "force on the day the comments were given."
    ),
    "reason_needed": gettext_noop("Give the reason the successor gives the comments."),
    "reason_without_successor": gettext_noop(
        "A reason is given only when a successor gives the comments."
    ),
}


@dataclass(frozen=True)
class _Job:
    court_id: int
    unit_id: int
    secondment: bool
    start: dt.date
    end: dt.date | None


def court_of(unit: Unit) -> int:
    """A department's court; a court is its own."""
    if unit.level == Unit.Level.DEPARTMENT and unit.parent_id is not None:
        return unit.parent_id
    return unit.pk


@dataclass
class CommentChecks:
    jobs: dict[int, list[_Job]] = field(default_factory=dict)
    lineage: LineageIndex = field(default_factory=LineageIndex)
    org: Organisation | None = None

    @classmethod
    def load(cls, person_ids: Iterable[int]) -> CommentChecks:
        jobs: dict[int, list[_Job]] = defaultdict(list)
        for person_id, unit_id, level, parent_id, kind, start, end in Employment.objects.filter(
            person_id__in=list(person_ids)
        ).values_list(
            "person_id", "unit_id", "unit__level", "unit__parent_id", "kind", "start", "end"
        ):
            department = level == Unit.Level.DEPARTMENT and parent_id is not None
            jobs[person_id].append(
                _Job(
                    parent_id if department and parent_id is not None else unit_id,
                    unit_id,
                    kind == Employment.Kind.SECONDMENT,
                    start,
                    end,
                )
            )
        return cls(dict(jobs), LineageIndex.load(), Organisation.current())

    def courts(self, person_id: int, year: int | None = None) -> set[int]:
        """The courts of the person's employment (in `year` when given)."""
        return {j.court_id for j in self._in_year(person_id, year)}

    def _in_year(self, person_id: int, year: int | None) -> list[_Job]:
        found = self.jobs.get(person_id, [])
        if year is None or self.org is None:
            return found
        start, end = self.org.year_bounds(year)
        return [j for j in found if j.start <= end and (j.end is None or start <= j.end)]

    def successors(self, unit_ids: Iterable[int]) -> set[int]:
        found: set[int] = set()
        queue = list(unit_ids)
        while queue:
            for step in self.lineage.forward.get(queue.pop(), ()):
                successor = step.successor
                if successor is not None and successor.pk not in found:
                    found.add(successor.pk)
                    queue.append(successor.pk)
        return found

    def problems(
        self,
        *,
        person_id: int,
        year: int,
        kind: str,
        source: Unit,
        successor: Unit | None,
        reason: str,
        given_on: dt.date | None,
    ) -> list[tuple[str, str, dict[str, str]]]:
        """(field, problem code, parameters) for each problem; empty when the comment holds."""
        found: list[tuple[str, str, dict[str, str]]] = []
        away = kind == TransferComment.Kind.SECONDMENT
        court = court_of(source)
        if not any(
            j.court_id == court and j.secondment == away for j in self._in_year(person_id, year)
        ):
            found.append(("source_unit", "not_their_unit", {}))
        if successor is None:
            if reason:
                found.append(("successor_reason", "reason_without_successor", {}))
            return found
        if successor.pk not in self.successors({court, source.pk}):
            found.append(("successor", "not_successor", {"unit": source.name}))
        gone = source.valid_to is not None and (given_on is None or source.valid_to < given_on)
        if not gone:
            found.append(("successor", "still_existed", {"unit": source.name}))
        if not reason:
            found.append(("successor_reason", "reason_needed", {}))
        return found
