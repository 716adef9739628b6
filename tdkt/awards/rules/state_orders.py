"""FORM-04 Huân chương and other state-level forms: criteria not obtained, never encoded. Every
verdict is needs_review with a summary of the evidence."""

from __future__ import annotations

from tdkt.awards.rules.base import Check
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import hold_clause
from tdkt.awards.rules.facts import Entry, Facts, UnitFacts

SUBJECT = "unit"
ORDER = 110

# Recorded awards this rule counts (GEN-11 cascade): none. The Bằng khen of the Prime Minister
# is only listed as evidence; the verdict is always needs_review.
COUNTS: dict[str, tuple[int, ...]] = {}


def evaluate(check: Check, facts: Facts, unit: UnitFacts, entry: Entry) -> None:
    if hold_clause(check, unit.holds, facts.as_of):
        return
    excellent = sorted(y for y, (rating, _src) in unit.ratings.items() if rating == "excellent")
    check.cond(
        None,
        _(
            "The criteria are not encoded (FORM-04); evidence: Bằng khen of the Prime Minister "
            "%(pm)s, HTXSNV in %(years)s."
        ),
        "RULES.md FORM-04",
        pm=sorted(unit.awards.get("pm_certificate_of_merit", {})),
        years=excellent,
    )


REGIMES = {"2024": evaluate}
