"""FORM-02 Bằng khen của Chánh án TANDTC. Routes checkable from records: C (2 consecutive
CSTĐCS) and D (2 years HTXSNV with 2 initiatives); for collectives 2 consecutive years of HTXSNV
or TTLĐXS. The court text is unconfirmed, so a route that holds gives needs_review."""

from __future__ import annotations

from tdkt.awards.rules.base import Check, tri_and, tri_or
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import (
    held_or_meets,
    hold_clause,
    unit_existence_clause,
    unit_held,
)
from tdkt.awards.rules.facts import Entry, Facts, PersonFacts, UnitFacts

SUBJECT = "both"
ORDER = 50

# Recorded awards this rule counts (GEN-11 cascade): code → years read, as offsets from the
# year under review. Route C reads CSTĐCS for Y-1 and Y; a collective's route reads TTLĐXS for
# Y-1 and Y through `unit_held`, which follows lineage: a successor that did not exist in a
# year counts its predecessors' award for that year (ORG-02).
COUNTS: dict[str, tuple[int, ...]] = {
    "grassroots_emulation_fighter": (-1, 0),
    "excellent_collective": (-1, 0),
}
COUNTS_FOLLOW_LINEAGE = True
UNCONFIRMED = "RULES.md FORM-02 (Điều 23 Thông tư 01/2024/TT-TANDTC chưa có toàn văn)"


def _person(check: Check, facts: Facts, person: PersonFacts) -> None:
    year = facts.year
    code = "grassroots_emulation_fighter"
    # (has(Y-1) ∧ (has ∨ meets)(Y)) ∨ (HTXSNV in Y-1 and Y ∧ 2 unused initiatives), short-cut
    route_c = held_or_meets(person, code, year, year) if person.has(code, year - 1) else False
    route_d = (
        len(person.initiatives) >= 2
        and all(person.ratings.get(y, ("", None))[0] == "excellent" for y in (year - 1, year))
        and sum(i.year in (year - 1, year) and i.claimed_by is None for i in person.initiatives)
        >= 2
    )
    routes = True if route_d else route_c
    if routes is False:
        check.cond(
            False,
            _(
                "No route holds on the records: CSTĐCS %(prev)s and %(year)s are not both held "
                "(route C), and HTXSNV in both years with 2 unused initiatives is not met "
                "(route D). Routes A and B need an outstanding achievement the council "
                "attests."
            ),
            prev=year - 1,
            year=year,
        )
        return
    check.cond(
        None,
        _(
            "Route %(route)s holds on the records, but the court text of the routes is not "
            "confirmed (FORM-02)."
        ),
        UNCONFIRMED,
        route="C" if route_c else "D" if route_d else "C?",
    )


def _unit(check: Check, facts: Facts, unit: UnitFacts) -> None:
    if unit_existence_clause(check, facts, unit) is False:
        return
    year = facts.year
    outcomes = []
    for y in (year - 1, year):
        rating = unit.ratings.get(y, ("", ""))[0]
        held, why = unit_held(facts, unit, "excellent_collective", y)
        outcomes.append(tri_or([rating == "excellent", held]))
        if why:
            check.note(_("%(year)s: %(why)s"), "RULES.md ORG-02", year=y, why=why)
    both = tri_and(outcomes)
    if both is False:
        check.cond(
            False,
            _("Needs HTXSNV or TTLĐXS in both %(prev)s and %(year)s."),
            prev=year - 1,
            year=year,
        )
        return
    check.cond(
        None,
        _(
            "HTXSNV or TTLĐXS in %(prev)s and %(year)s; the criteria follow a provincial text "
            "and are not confirmed for courts (FORM-02)."
        ),
        UNCONFIRMED,
        prev=year - 1,
        year=year,
    )
    check.still(_("the council attests grassroots democracy and thrift"))


def evaluate(check: Check, facts: Facts, subject: PersonFacts | UnitFacts, entry: Entry) -> None:
    if subject.holds and hold_clause(check, subject.holds, facts.as_of):
        return
    if isinstance(subject, PersonFacts):
        _person(check, facts, subject)
    else:
        _unit(check, facts, subject)


REGIMES = {"2024": evaluate}
