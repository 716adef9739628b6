"""IND-02 Chiến sĩ thi đua cơ sở (CSTĐCS): from 2024 LĐTT plus one route (HTXSNV, an
initiative, accepted research); until 2023 LĐTT plus a required initiative and the 15 % cap."""

from __future__ import annotations

from tdkt.awards.rules.base import Check
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import held_or_meets, hold_clause, initiatives_clause
from tdkt.awards.rules.facts import Entry, Facts, PersonFacts
from tdkt.awards.rules.moves import moves_clause

SUBJECT = "person"
ORDER = 20

# Recorded awards this rule counts (GEN-11 cascade): code → years read, as offsets from the
# year under review. `(has ∨ meets)(LĐTT, Y)`: a CSTĐCS rests on the LĐTT of its own year.
COUNTS: dict[str, tuple[int, ...]] = {"advanced_worker": (0,)}
VOTES = "Điều 29 Thông tư 01/2024/TT-TANDTC"


def _advanced_worker(check: Check, facts: Facts, person: PersonFacts) -> None:
    held = held_or_meets(person, "advanced_worker", facts.year, facts.year)
    if held:
        message = _("LĐTT for %(year)s: held or eligible.")
    elif held is False:
        message = _("LĐTT for %(year)s: neither held nor eligible.")
    else:
        message = _("LĐTT for %(year)s: eligibility still needs review.")
    check.cond(held, message, year=facts.year)
    if person.service is not None:  # a transfer or secondment in the year (IND-05)
        moves_clause(check, facts, person)


def current(check: Check, facts: Facts, person: PersonFacts, entry: Entry) -> None:
    if person.holds and hold_clause(check, person.holds, facts.as_of):
        return
    _advanced_worker(check, facts, person)
    year = facts.year
    rating = person.ratings.get(year)
    excellent = None if rating is None else rating[0] == "excellent"
    route_a = excellent
    if route_a:  # route b is not needed (nor its reasons): most people with a route stop here
        check.cond(True, _("Route a: rated HTXSNV for %(year)s."), year=year)
        _votes(check)
        return
    # Without initiatives route b is False and leaves no reason: no sub-check to build.
    sub = Check(check.citation) if person.initiatives else None
    route_b = (
        initiatives_clause(
            sub,
            person,
            min_scope="grassroots",
            years=range(year, year + 1),
            needed=1,
            citation=check.citation,
        )
        if sub is not None
        else False
    )
    if route_b and sub is not None:
        check.reasons.extend(sub.reasons)
        check.outcomes.append(True)
    else:  # route b does not hold: the routes are route a's (False or unknown)
        check.cond(
            route_a,
            _(
                "None of the routes holds: rated %(rating)s for %(year)s, and no unused "
                "initiative or accepted research recognised in the year."
            ),
            rating=rating[0] if rating else "—",
            year=year,
        )
        if sub is not None:
            check.reasons.extend(r for r in sub.reasons if r.outcome is True)
    _votes(check)


def _votes(check: Check) -> None:
    check.still(_("vote ≥ 80 %% of all staff at the staff meeting"), VOTES)
    check.still(_("vote ≥ 80 %% of all members of the grassroots council"), VOTES)


def until_2023(check: Check, facts: Facts, person: PersonFacts, entry: Entry) -> None:
    if person.holds and hold_clause(check, person.holds, facts.as_of):
        return
    _advanced_worker(check, facts, person)
    initiatives_clause(
        check,
        person,
        min_scope="grassroots",
        years=range(facts.year, facts.year + 1),
        needed=1,
        citation=check.citation,
    )
    check.still(_("the unit's CSTĐCS stay within 15 %% of its LĐTT"), check.citation)
    check.still(_("vote ≥ 80 %% of all members of the grassroots council"), check.citation)


REGIMES = {"2018": until_2023, "2024": current, "2025": current}
