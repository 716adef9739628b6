"""FORM-01 Giấy khen: rated HTTNV or better, and an achievement the council attests."""

from __future__ import annotations

from tdkt.awards.rules.base import Check
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import hold_clause, rating_at_least, unit_existence_clause
from tdkt.awards.rules.facts import Entry, Facts, PersonFacts, UnitFacts

SUBJECT = "both"
ORDER = 45

# Recorded awards this rule counts (GEN-11 cascade): none.
COUNTS: dict[str, tuple[int, ...]] = {}


def evaluate(check: Check, facts: Facts, subject: PersonFacts | UnitFacts, entry: Entry) -> None:
    if subject.holds and hold_clause(check, subject.holds, facts.as_of):
        return
    if isinstance(subject, UnitFacts) and unit_existence_clause(check, facts, subject) is False:
        return
    rating_at_least(check, subject.ratings, facts.year, "good")
    check.still(
        _("the council attests an achievement recognised in emulation or in the unit's field")
    )
    if isinstance(subject, UnitFacts):
        check.still(_("the council attests internal unity"))


REGIMES = {"2024": evaluate}
