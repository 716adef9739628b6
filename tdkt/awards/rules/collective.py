"""What the collective titles share: members counted with and without new staff (U-16), and
members' titles counted three-valued (held, eligible this round, or still open)."""

from __future__ import annotations

import datetime as dt

from tdkt.awards.models import RATING_RANK
from tdkt.awards.rules.base import Check, Tri, share_outcome
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import held_or_meets
from tdkt.awards.rules.facts import Facts, PersonFacts, UnitFacts


def member_sets(facts: Facts, unit: UnitFacts) -> list[tuple[str, list[PersonFacts]]]:
    """All members, and members without staff recruited less than 6 months before the end
    of the year; one set when nobody is new."""
    members = [facts.people[pk] for pk in unit.members if pk in facts.people]
    cutoff = facts.end - dt.timedelta(days=183)
    settled = [p for p in members if p.recruited_on is None or p.recruited_on <= cutoff]
    if len(settled) == len(members):
        return [("", members)]
    return [("", members), ("without new staff", settled)]


def counted(people: list[PersonFacts], code: str, facts: Facts) -> tuple[int, int]:
    certain = unknown = 0
    for person in people:
        outcome = held_or_meets(person, code, facts.year, facts.year)
        if outcome is True:
            certain += 1
        elif outcome is None:
            unknown += 1
    return certain, unknown


def share_clause(
    check: Check,
    facts: Facts,
    unit: UnitFacts,
    *,
    code: str,
    label: str,
    readings: list[str],
    citation: str,
) -> Tri:
    """Evaluate every reading on every member set; agreement gives the shared result (§0.2.3)."""
    if not unit.members:
        return check.cond(
            None, _("No member of the unit is recorded for %(year)s."), citation, year=facts.year
        )
    results: list[tuple[str, str, Tri, int, int, int]] = []
    for set_name, people in member_sets(facts, unit):
        certain, unknown = counted(people, code, facts)
        for reading in readings:
            results.append(  # noqa: PERF401  (two loops, one row each)
                (
                    set_name,
                    reading,
                    share_outcome(certain, unknown, len(people), reading),
                    certain,
                    unknown,
                    len(people),
                )
            )
    outcomes = {r[2] for r in results}
    shown = "; ".join(
        f"{READING_TEXT[reading]}{' — ' + SET_TEXT[set_name] if set_name else ''}: "
        f"{certain}{f' (+{unknown}?)' if unknown else ''}/{total} "
        f"→ {'đạt' if outcome else 'không đạt' if outcome is False else 'chưa rõ'}"
        for set_name, reading, outcome, certain, unknown, total in results
    )
    outcome: Tri = outcomes.pop() if len(outcomes) == 1 else None
    message = (
        _("Share of members holding %(title)s: %(detail)s.")
        if outcome is not None or len({r[2] for r in results} - {None}) < 2
        else _("Share of members holding %(title)s: the readings disagree (%(detail)s).")
    )
    check.cond(outcome, message, citation, title=label, detail=shown)
    return outcome


READING_TEXT = {"gt50": "> 50 %", "ge70": "≥ 70 %", "ge80": "≥ 80 %", "ge90": "≥ 90 %"}
SET_TEXT = {"without new staff": "không tính người mới tuyển dưới 6 tháng"}


def all_members_completed(check: Check, facts: Facts, unit: UnitFacts) -> Tri:
    members = [facts.people[pk] for pk in unit.members if pk in facts.people]
    below = [p.name for p in members if RATING_RANK.get(facts_rating(p, facts.year) or "", 9) < 1]
    missing = [p.name for p in members if facts_rating(p, facts.year) is None]
    if below:
        return check.cond(
            False,
            _("Every member must complete their tasks; not completed: %(names)s."),
            names=below[:10],
        )
    if missing:
        return check.cond(
            None,
            _("No rating recorded for %(count)s member(s): %(names)s."),
            count=len(missing),
            names=missing[:10],
        )
    return check.cond(True, _("All %(count)s members completed their tasks."), count=len(members))


def facts_rating(person: PersonFacts, year: int) -> str | None:
    found = person.ratings.get(year)
    return found[0] if found else None


def unit_rating_clause(check: Check, unit: UnitFacts, year: int, minimum: str) -> Tri:
    found = unit.ratings.get(year)
    if found is None:
        return check.cond(None, _("No rating of the unit is recorded for %(year)s."), year=year)
    rating = found[0]
    ok = RATING_RANK[rating] >= RATING_RANK[minimum]
    check.cond(
        ok,
        _("The unit is rated %(rating)s for %(year)s (at least %(minimum)s needed).")
        if ok
        else _("The unit is rated %(rating)s for %(year)s; at least %(minimum)s is needed."),
        rating=rating,
        year=year,
        minimum=minimum,
    )
    return ok


__all__ = ["PersonFacts", "all_members_completed", "share_clause", "unit_rating_clause"]
