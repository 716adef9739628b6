"""COL-01 Tập thể lao động tiên tiến (TTLĐTT): rated HTTNV or better and a share of members
with LĐTT, whose court value has two readings (> 50 %, ≥ 70 %)."""

from __future__ import annotations

from tdkt.awards.rules.base import Check
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.collective import share_clause, unit_rating_clause
from tdkt.awards.rules.common import hold_clause, unit_existence_clause
from tdkt.awards.rules.facts import Entry, Facts, UnitFacts

SUBJECT = "unit"
ORDER = 70

# Recorded awards this rule counts (GEN-11 cascade): none of the unit's own; its members' LĐTT
# of the year (the share), as offsets from the year under review.
COUNTS: dict[str, tuple[int, ...]] = {}
MEMBER_COUNTS: dict[str, tuple[int, ...]] = {"advanced_worker": (0,)}


def evaluate(check: Check, facts: Facts, unit: UnitFacts, entry: Entry) -> None:
    if hold_clause(check, unit.holds, facts.as_of):
        return
    if unit_existence_clause(check, facts, unit) is False:
        return
    unit_rating_clause(check, unit, facts.year, "good")
    param = facts.param("ttldtt_min_ldtt_share", facts.as_of)
    if param is None:
        check.cond(None, _("No LĐTT share is configured for the date (GEN-00)."), "GEN-00")
    else:
        share_clause(
            check,
            facts,
            unit,
            code="advanced_worker",
            label="LĐTT",
            readings=param.value.split("|"),
            citation=param.legal_basis,
        )
    warned = unit.seen.warned
    if warned:
        check.cond(
            None,
            _(
                "Members disciplined at cảnh cáo or above in the year (%(names)s): the bar "
                "follows a provincial text and is not confirmed for courts (B)."
            ),
            "RULES.md COL-01",
            names=warned,
        )
    check.still(_("the council attests the unit's part in the emulation movement"))


REGIMES = {"2024": evaluate}
