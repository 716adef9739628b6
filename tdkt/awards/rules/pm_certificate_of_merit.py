"""FORM-03 Bằng khen của Thủ tướng Chính phủ, route b for individuals: a merit-type Bằng khen
of the Chánh án, 5 years rated HTTNV or better, 3 CSTĐCS in them. Collective criteria are
unknown (needs_review)."""

from __future__ import annotations

from tdkt.awards.models import RATING_RANK
from tdkt.awards.rules.base import Check
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import GEN05, held_or_meets, hold_clause
from tdkt.awards.rules.facts import HISTORY_YEARS, Entry, Facts, PersonFacts, UnitFacts

SUBJECT = "both"
ORDER = 60

# Recorded awards this rule counts (GEN-11 cascade): code → years read, as offsets from the
# year under review: CSTĐCS in the 5-year window, and a Bằng khen of the Chánh án of any year
# the run reads (HISTORY_YEARS back).
COUNTS: dict[str, tuple[int, ...]] = {
    "grassroots_emulation_fighter": (-4, -3, -2, -1, 0),
    "sector_certificate_of_merit": tuple(range(-HISTORY_YEARS, 1)),
}


def _person(check: Check, facts: Facts, person: PersonFacts) -> None:
    by_year = person.awards.get("sector_certificate_of_merit")
    if not by_year:  # most people: nothing else to look at
        check.cond(False, _("Route b needs a Bằng khen of the Chánh án TANDTC; none is held."))
        return
    year = facts.year
    window = list(range(year - 4, year + 1))
    window_start = facts.bounds(year - 4)[0]
    certificates = list(by_year.values())
    merit = [a for a in certificates if a.commendation_type == "merit"]
    if not merit:
        if certificates:
            check.cond(
                False,
                _(
                    "The only Bằng khen of the Chánh án held are not merit-based (%(years)s): "
                    "campaign and ad-hoc awards do not count towards a merit award."
                ),
                GEN05,
                years=sorted(a.year for a in certificates),
            )
        else:
            check.cond(False, _("Route b needs a Bằng khen of the Chánh án TANDTC; none is held."))
        return
    missing = [
        y
        for y in window
        if RATING_RANK.get(person.ratings.get(y, ("", None))[0], -1) < RATING_RANK["good"]
    ]
    if missing:
        check.cond(
            False,
            _("Needs HTTNV or better in every year %(span)s; not met in %(years)s."),
            span=f"{window[0]}–{window[-1]}",
            years=missing,
        )
        return
    check.cond(
        True,
        _("Rated HTTNV or better in every year %(span)s."),
        span=f"{window[0]}–{window[-1]}",
    )
    held = [y for y in window if held_or_meets(person, "grassroots_emulation_fighter", y, year)]
    check.cond(
        len(held) >= 3,
        _("Needs 3 CSTĐCS in %(span)s: held %(years)s."),
        span=f"{window[0]}–{window[-1]}",
        years=held,
    )
    before = [a for a in merit if a.decision_date is not None and a.decision_date < window_start]
    if before:
        check.cond(
            True,
            _("Bằng khen of the Chánh án (merit, %(year)s) precedes the 5-year window."),
            year=max(a.year for a in before),
        )
    else:
        check.cond(
            None,
            _(
                "The Bằng khen of the Chánh án (%(years)s) falls inside the 5-year window: "
                "whether the 5 years must follow it is not settled (U-18)."
            ),
            "RULES.md FORM-03, U-18",
            years=sorted(a.year for a in merit),
        )


def evaluate(check: Check, facts: Facts, subject: PersonFacts | UnitFacts, entry: Entry) -> None:
    if subject.holds and hold_clause(check, subject.holds, facts.as_of):
        return
    if isinstance(subject, PersonFacts):
        _person(check, facts, subject)
    else:
        check.cond(None, _("The collective criteria of Art. 73 are not known (FORM-03)."))
    check.still(
        _("the council attests an outstanding, exemplary achievement where route a is used")
    )


REGIMES = {"2024": evaluate}
