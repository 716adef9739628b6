"""COL-02 Tập thể lao động xuất sắc (TTLĐXS): HTXSNV, every member completed, ≥ 70 % LĐTT,
at least one CSTĐCS."""

from __future__ import annotations

from tdkt.awards.rules.base import Check
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.collective import (
    all_members_completed,
    counted,
    share_clause,
    unit_rating_clause,
)
from tdkt.awards.rules.common import hold_clause, unit_existence_clause
from tdkt.awards.rules.facts import Entry, Facts, UnitFacts

SUBJECT = "unit"
ORDER = 80

# Recorded awards this rule counts (GEN-11 cascade): none of the unit's own; its members' LĐTT
# (the share) and CSTĐCS (at least one) of the year, as offsets from the year under review.
COUNTS: dict[str, tuple[int, ...]] = {}
MEMBER_COUNTS: dict[str, tuple[int, ...]] = {
    "advanced_worker": (0,),
    "grassroots_emulation_fighter": (0,),
}


def evaluate(check: Check, facts: Facts, unit: UnitFacts, entry: Entry) -> None:
    if hold_clause(check, unit.holds, facts.as_of):
        return
    if unit_existence_clause(check, facts, unit) is False:
        return
    if unit_rating_clause(check, unit, facts.year, "excellent") is False:
        return
    source = unit.ratings.get(facts.year, ("", "unknown"))[1]
    if not source:
        check.cond(
            None,
            _(
                "Where the unit's HTXSNV comes from (score band, superior, Party organisation) "
                "is not recorded (U-17)."
            ),
            "RULES.md COL-02, U-17",
        )
    all_members_completed(check, facts, unit)
    param = facts.param("ttldxs_min_ldtt_share", facts.as_of)
    readings = param.value.split("|") if param else ["ge70"]
    share_clause(
        check,
        facts,
        unit,
        code="advanced_worker",
        label="LĐTT",
        readings=readings,
        citation=param.legal_basis if param else check.citation,
    )
    certain, unknown, _total = counted(unit, "grassroots_emulation_fighter")
    check.cond(
        True if certain else (None if unknown else False),
        _("At least one member with CSTĐCS: %(count)s held or eligible, %(open)s still open."),
        count=certain,
        open=unknown,
    )
    check.still(_("the council attests active and effective emulation"))
    check.still(_("the council attests internal unity and compliance with policy"))


REGIMES = {"2024": evaluate}
