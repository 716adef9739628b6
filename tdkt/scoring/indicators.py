"""Court indicators of an emulation year, summed from the imported statistics.

Periods inside the year are summed. A court formed by a merger during the year (01/07/2025)
also receives its predecessors' figures for the part of the year before the merger, per the
transitional rule of KH 716-KH-TANDTC (RULES.md COURT-06): one query for every unit asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum

from tdkt.org.models import LineageEvent, Organisation, Unit
from tdkt.org.queries import LineageIndex
from tdkt.scoring.formulas import rate
from tdkt.scoring.models import CaseType, CourtStatistic, Indicator

FIGURES = ("received", "resolved", "overdue", "annulled_amended", "online_trials", "mediated")
_CARRIED = {
    LineageEvent.Kind.MERGED_INTO,
    LineageEvent.Kind.CONTINUES,
    LineageEvent.Kind.RENAMED,
}
_RESOLUTION = {
    CaseType.CRIMINAL: Indicator.RESOLUTION_CRIMINAL,
    CaseType.CIVIL: Indicator.RESOLUTION_CIVIL,
    CaseType.FAMILY: Indicator.RESOLUTION_FAMILY,
    CaseType.BUSINESS: Indicator.RESOLUTION_BUSINESS,
    CaseType.LABOUR: Indicator.RESOLUTION_LABOUR,
    CaseType.ADMINISTRATIVE: Indicator.RESOLUTION_ADMIN,
}


@dataclass(frozen=True)
class Carried:
    """A predecessor whose figures before `until` count for the successor."""

    unit: Unit
    until: dt.date


@dataclass
class YearFigures:
    unit: Unit
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)
    carried: list[Carried] = field(default_factory=list)

    def total(self, figure: str, types: Iterable[str] | None = None) -> int:
        wanted = set(types) if types is not None else set(self.by_type)
        return sum(v.get(figure, 0) for t, v in self.by_type.items() if t in wanted)

    @property
    def has_data(self) -> bool:
        return bool(self.by_type)

    def rates(self) -> dict[str, Decimal | None]:
        result: dict[str, Decimal | None] = {
            Indicator.RESOLUTION_ALL: rate(self.total("resolved"), self.total("received"))
        }
        for case_type, indicator in _RESOLUTION.items():
            figures = self.by_type.get(case_type, {})
            result[indicator] = rate(figures.get("resolved", 0), figures.get("received", 0))
        result[Indicator.ANNULLED] = rate(self.total("annulled_amended"), self.total("resolved"))
        result[Indicator.OVERDUE] = rate(self.total("overdue"), self.total("received"))
        result[Indicator.ONLINE] = rate(self.total("online_trials"), self.total("resolved"))
        non_criminal = [t for t in CaseType.values if t != CaseType.CRIMINAL]
        result[Indicator.MEDIATION] = rate(
            self.total("mediated"), self.total("received", non_criminal)
        )
        return result


def year_figures(units: Iterable[Unit], year: int) -> dict[int, YearFigures]:
    """The figures of each unit for emulation year `year`, with carried predecessors."""
    start, end = Organisation.current().year_bounds(year)
    result = {u.pk: YearFigures(u) for u in units}
    if not result:
        return {}
    index = LineageIndex.load()
    own = Q(unit_id__in=list(result), period_start__gte=start, period_end__lte=end)
    condition = own
    owner: dict[int, int] = {pk: pk for pk in result}
    for pk, figures in result.items():
        for step in index.backward.get(pk, ()):
            event = step.event
            if (
                step.predecessor is None
                or event.kind not in _CARRIED
                or not start < event.effective_date <= end
                or step.predecessor.pk in result  # asked for itself: kept apart
            ):
                continue
            until = event.effective_date - dt.timedelta(days=1)
            figures.carried.append(Carried(step.predecessor, until))
            owner[step.predecessor.pk] = pk
            condition |= Q(
                unit_id=step.predecessor.pk, period_start__gte=start, period_end__lte=until
            )
    rows = (
        CourtStatistic.objects.filter(condition)
        .values("unit_id", "case_type")
        .annotate(**{f"sum_{f}": Sum(f) for f in FIGURES})
    )
    for row in rows:
        target = result[owner[row["unit_id"]]].by_type
        bucket = target.setdefault(row["case_type"], dict.fromkeys(FIGURES, 0))
        for f in FIGURES:
            bucket[f] += row[f"sum_{f}"] or 0
    return result
