"""IND-05 for the people who moved in the year: the months at each court (GEN-07: leave that
counts as work is never taken off); after a transfer with 6 months or more at the former court,
its comments; during a secondment, the host court's comments (the sending court assesses); when
the court no longer exists, its successor's comments with the reason (RULES.md §11.4). Only
people with `ServiceFacts` get here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from tdkt.awards.rules.base import Check, Tri, tri_and
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import months_later
from tdkt.awards.rules.employment import CommentFact, Stint
from tdkt.awards.rules.facts import Facts, PersonFacts

MOVES = "Thông tư 01/2024/TT-TANDTC; IND-05"
SUCCESSOR_COMMENTS = "Thông tư 01/2024/TT-TANDTC; IND-05; RULES.md §11.4 (Open)"

Period = tuple[dt.date, dt.date]
_DAY = dt.timedelta(days=1)
COMMENT_MONTHS = 6  # IND-05: the former unit's comments from 6 months of the year there
SAME_UNIT = ("continues", "renamed", "converted")  # lineage kinds that keep the identity


def months_and_days(periods: Iterable[Period]) -> tuple[int, int]:
    """Whole months and days of inclusive periods: 01/10/2024 – 31/03/2025 is 6 months,
    01/10/2024 – 30/03/2025 5 months 30 days. Several periods are added, 30 days making a
    month (B: the rules say nothing of broken periods)."""
    months = days = count = 0
    for first, last in periods:
        after = last + _DAY
        whole = (after.year - first.year) * 12 + after.month - first.month
        while whole > 0 and months_later(first, whole) > after:
            whole -= 1
        months += whole
        days += (after - months_later(first, whole)).days
        count += 1
    if count > 1:
        months, days = months + days // 30, days % 30
    return months, days


def _merged(periods: list[Period]) -> list[Period]:
    out: list[Period] = []
    for first, last in sorted(periods):
        if out and first <= out[-1][1] + _DAY:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _minus(periods: list[Period], holes: list[Period]) -> list[Period]:
    """`periods` without the days of `holes` (time seconded away is not time at home)."""
    for hole_start, hole_end in holes:
        kept: list[Period] = []
        for first, last in periods:
            if hole_end < first or last < hole_start:
                kept.append((first, last))
                continue
            if first < hole_start:
                kept.append((first, hole_start - _DAY))
            if hole_end < last:
                kept.append((hole_end + _DAY, last))
        periods = kept
    return periods


def _shown_periods(periods: list[Period]) -> list[str]:
    return [f"{a:%d/%m/%Y} – {b:%d/%m/%Y}" for a, b in periods]


def _by_court(stints: list[Stint]) -> dict[int, list[Stint]]:
    groups: dict[int, list[Stint]] = {}
    for stint in stints:
        groups.setdefault(stint.court_id, []).append(stint)
    return groups


def _successors(facts: Facts, unit_id: int, kinds: tuple[str, ...] = ()) -> dict[int, Any]:
    """The units that continue `unit_id` by lineage, directly or not (id → unit); only through
    steps of `kinds` when given."""
    found: dict[int, Any] = {}
    queue = [unit_id]
    while queue:
        for step in facts.lineage.forward.get(queue.pop(), ()):
            unit = step.successor
            if unit is None or unit.pk in found or (kinds and step.event.kind not in kinds):
                continue
            found[unit.pk] = unit
            queue.append(unit.pk)
    return found


def moves_clause(check: Check, facts: Facts, person: PersonFacts) -> Tri:
    """IND-05 for a person who moved in the year: the months at each court; the former court's
    comments after a transfer with 6 months or more there; the host court's comments during a
    secondment (the sending court assesses). A court that no longer exists may be replaced by
    its successor's comments, given with a reason (RULES.md §11.4)."""
    service = person.service
    if service is None:
        return True
    stints = service.stints
    away = [s for s in stints if s.secondment]
    if len(stints) < 2 and not away:
        return True  # one employment: nothing moved (the facts exist for the service evidence)
    homes = [s for s in stints if not s.secondment]
    holes = _merged([(s.start, s.end) for s in away])
    if not homes:
        return check.cond(
            None,
            _(
                "Only a secondment to %(unit)s is recorded for the year: the sending unit, which "
                "assesses, is not recorded."
            ),
            MOVES,
            unit=away[0].name,
        )
    assessing = homes[-1]
    result: Tri = True
    for court_id, group in _by_court(homes).items():
        periods = _minus(_merged([(s.start, s.end) for s in group]), holes)
        months, days = months_and_days(periods)
        shown = _shown_periods(periods)
        stay = {"unit": group[0].name, "months": months, "days": days, "periods": shown}
        if court_id == assessing.court_id:
            check.note(
                _(
                    "Assessed by %(unit)s: %(months)s months %(days)s days of the year there "
                    "(%(periods)s)."
                ),
                MOVES,
                **stay,
            )
            continue
        if assessing.court_id in _successors(facts, court_id, SAME_UNIT):
            check.note(
                _("%(old)s continues as %(new)s: the same unit, so no comments are needed."),
                MOVES,
                old=group[0].name,
                new=assessing.name,
            )
            continue
        if months < COMMENT_MONTHS:
            check.cond(
                True,
                _(
                    "Transferred from %(unit)s after %(months)s months %(days)s days of the year "
                    "there (%(periods)s), under 6 months: its comments are not required."
                ),
                MOVES,
                **stay,
            )
            continue
        outcome = _comments(
            check, facts, service.comments, "transfer", group[0], months, days, shown, ""
        )
        result = tri_and([result, outcome])
    for group in _by_court(away).values():
        periods = _merged([(s.start, s.end) for s in group])
        months, days = months_and_days(periods)
        outcome = _comments(
            check,
            facts,
            service.comments,
            "secondment",
            group[0],
            months,
            days,
            _shown_periods(periods),
            assessing.name,
        )
        result = tri_and([result, outcome])
    return result


def _comments(
    check: Check,
    facts: Facts,
    comments: list[CommentFact],
    kind: str,
    court: Stint,
    months: int,
    days: int,
    periods: list[str],
    home: str,
) -> Tri:
    """exists(comment from `court`) for `kind`, or from its successor with a reason once the
    court no longer exists; the reason names the court, the months and what is missing."""
    shared = {"unit": court.name, "months": months, "days": days, "periods": periods}
    if home:
        shared["home"] = home
    found = [
        c for c in comments if c.kind == kind and c.source_id in (court.court_id, court.unit_id)
    ]
    own = next((c for c in found if c.successor_id is None), None)
    if own is not None:
        message = (
            _(
                "Comments of %(unit)s dated %(given)s%(reference)s are on file: %(months)s months "
                "%(days)s days of the year there (%(periods)s)."
            )
            if kind == "transfer"
            else _(
                "Seconded to %(unit)s (%(periods)s, %(months)s months %(days)s days of the "
                "year): comments of the host unit dated %(given)s%(reference)s are on file; "
                "%(home)s, the sending unit, assesses."
            )
        )
        return check.cond(True, message, MOVES, **shared, **_given(own))
    successors = _successors(facts, court.court_id)
    valid = [
        c
        for c in found
        if c.successor_id in successors
        and c.reason
        and court.ended is not None
        and court.ended < c.given_on
    ]
    if valid:  # given by a successor, the court having ceased
        comment = valid[0]
        message = (
            _(
                "%(unit)s no longer exists (last day %(ended)s): comments given by its "
                "successor %(successor)s on %(given)s%(reference)s, because: %(reason)s. "
                "%(months)s months %(days)s days of the year were spent at %(unit)s "
                "(%(periods)s)."
            )
            if kind == "transfer"
            else _(
                "Seconded to %(unit)s (%(periods)s, %(months)s months %(days)s days of the "
                "year), which no longer exists (last day %(ended)s): comments given by its "
                "successor %(successor)s on %(given)s%(reference)s, because: %(reason)s; "
                "%(home)s, the sending unit, assesses."
            )
        )
        return check.cond(
            True,
            message,
            SUCCESSOR_COMMENTS,
            **shared,
            **_given(comment),
            ended=court.ended,
            successor=comment.successor,
            reason=comment.reason,
        )
    if found:  # a successor's comments that do not count (the court existed, say)
        return check.cond(
            None,
            _(
                "Comments about %(unit)s were given by %(successor)s, which may give them only "
                "as the successor of a unit that no longer existed then, with the reason: "
                "the comments of %(unit)s are still needed."
            ),
            SUCCESSOR_COMMENTS,
            unit=court.name,
            successor=found[0].successor,
        )
    if court.ended is not None and court.ended < facts.as_of:
        message = (
            _(
                "Transferred from %(unit)s after %(months)s months %(days)s days of the year "
                "there (%(periods)s); it no longer exists (last day %(ended)s): the comments of "
                "its successor's leadership (%(successors)s), with the reason they give them, "
                "are required and not recorded."
            )
            if kind == "transfer"
            else _(
                "Seconded to %(unit)s (%(periods)s, %(months)s months %(days)s days of the "
                "year), which no longer exists (last day %(ended)s): %(home)s, the sending "
                "unit, assesses with the comments of the successor's leadership "
                "(%(successors)s) and the reason they give them, which are not recorded."
            )
        )
        return check.cond(
            None,
            message,
            SUCCESSOR_COMMENTS,
            **shared,
            ended=court.ended,
            successors=[u.name for u in successors.values() if u.is_valid_on(facts.as_of)]
            or [u.name for u in successors.values()],
        )
    message = (
        _(
            "Transferred from %(unit)s after %(months)s months %(days)s days of the year there "
            "(%(periods)s), 6 months or more: the comments of %(unit)s are required and not "
            "recorded."
        )
        if kind == "transfer"
        else _(
            "Seconded to %(unit)s (%(periods)s, %(months)s months %(days)s days of the year): "
            "%(home)s, the sending unit, assesses with the comments of the host unit, which "
            "are not recorded."
        )
    )
    return check.cond(None, message, MOVES, **shared)


def _given(comment: CommentFact) -> dict[str, Any]:
    reference = f" ({comment.reference})" if comment.reference else ""
    return {"given": comment.given_on, "reference": reference}
