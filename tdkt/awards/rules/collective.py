"""What the collective titles share: members counted with and without new staff (U-16), and
members' titles counted three-valued (held, eligible this round, or still open).

The rules read the members only through `UnitFacts.seen` (`Members`), which `gather` fills as
each part of the people has been evaluated: a national run then holds one part of the people
at a time, not every person until the units come."""

from __future__ import annotations

import datetime as dt

from tdkt.awards.models import DISCIPLINE_RANK, RATING_RANK
from tdkt.awards.rules.base import Check, Tri, share_outcome
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import held_or_meets
from tdkt.awards.rules.facts import Facts, Members, PersonFacts, UnitFacts

# The titles whose holders among the members a collective rule may count (`counted`).
MEMBER_TITLES = ("advanced_worker", "grassroots_emulation_fighter")
NAMES_SHOWN = 10  # members named in a reason; the rest are counted


def gather(seen: Members, people: list[PersonFacts], facts: Facts) -> None:
    """Add members, in member order, once this round's verdicts of theirs are in: whether they
    are new staff and hold or meet each of `MEMBER_TITLES` (one count per combination), are
    rated, and were warned."""
    year, start, end = facts.year, facts.start, facts.end
    cutoff = end - dt.timedelta(days=183)
    kinds = seen.kinds
    advanced, grassroots = MEMBER_TITLES
    warning = DISCIPLINE_RANK["warning"]
    count = 0
    for person in people:
        recruited = person.recruited_on
        key = (
            recruited is not None and recruited > cutoff,
            held_or_meets(person, advanced, year, year),
            held_or_meets(person, grassroots, year, year),
        )
        kinds[key] = kinds.get(key, 0) + 1
        count += 1
        found = person.ratings.get(year)
        if found is None:
            seen.unrated += 1
            if len(seen.unrated_names) < NAMES_SHOWN:
                seen.unrated_names.append(person.name)
        elif RATING_RANK.get(found[0] or "", 9) < 1:
            seen.below += 1
            if len(seen.below_names) < NAMES_SHOWN:
                seen.below_names.append(person.name)
        if person.disciplines and any(
            DISCIPLINE_RANK[level] >= warning and start <= decided <= end
            for level, decided, _end in person.disciplines
        ):
            seen.warned.append(person.name)
    seen.count += count


def member_sets(unit: UnitFacts) -> list[tuple[str, bool]]:
    """All members, and members without staff recruited less than 6 months before the end
    of the year (True: without them); one set when nobody is new."""
    if not any(new for new, *_titles in unit.seen.kinds):
        return [("", False)]
    return [("", False), ("without new staff", True)]


def counted(unit: UnitFacts, code: str, *, settled: bool = False) -> tuple[int, int, int]:
    """Members holding or meeting `code` surely, members for whom it is still open, and the
    members counted (without new staff when `settled`)."""
    index = MEMBER_TITLES.index(code) + 1  # ValueError for a title not gathered
    certain = unknown = total = 0
    for key, members in unit.seen.kinds.items():
        if settled and key[0]:
            continue
        total += members
        if key[index] is True:
            certain += members
        elif key[index] is None:
            unknown += members
    return certain, unknown, total


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
    for set_name, settled in member_sets(unit):
        certain, unknown, total = counted(unit, code, settled=settled)
        for reading in readings:
            results.append(  # noqa: PERF401  (two loops, one row each)
                (
                    set_name,
                    reading,
                    share_outcome(certain, unknown, total, reading),
                    certain,
                    unknown,
                    total,
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
    seen = unit.seen
    if seen.below:
        return check.cond(
            False,
            _("Every member must complete their tasks; not completed: %(names)s."),
            names=seen.below_names,
        )
    if seen.unrated:
        return check.cond(
            None,
            _("No rating recorded for %(count)s member(s): %(names)s."),
            count=seen.unrated,
            names=seen.unrated_names,
        )
    return check.cond(True, _("All %(count)s members completed their tasks."), count=seen.count)


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
