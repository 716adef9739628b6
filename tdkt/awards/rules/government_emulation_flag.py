"""COL-04 Cờ thi đua của Chính phủ (TT 01/2024/TT-TANDTC Art. 19): the outstanding leader of
its court cluster, chosen from holders of the Cờ thi đua TAND."""

from __future__ import annotations

from tdkt.awards.rules.base import Check
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import held_or_meets, hold_clause, unit_existence_clause
from tdkt.awards.rules.facts import Entry, Facts, UnitFacts
from tdkt.awards.rules.sector_emulation_flag import cluster_vote

SUBJECT = "unit"
ORDER = 100

# Recorded awards this rule counts (GEN-11 cascade): code → years read, as offsets from the
# year under review: the Cờ thi đua TAND of the same year.
COUNTS: dict[str, tuple[int, ...]] = {"sector_emulation_flag": (0,)}


def evaluate(check: Check, facts: Facts, unit: UnitFacts, entry: Entry) -> None:
    if hold_clause(check, unit.holds, facts.as_of):
        return
    if not unit.cluster_size:
        check.cond(False, _("Not a member of an emulation cluster in %(year)s."), year=facts.year)
        return
    if unit_existence_clause(check, facts, unit) is False:
        return
    if unit.level == "regional_court":
        check.cond(
            None,
            _("Regional courts taking the district-level place is not confirmed (B, §11)."),
            "RULES.md COL-04, U-06",
        )
    flag = held_or_meets(unit, "sector_emulation_flag", facts.year, facts.year)
    if flag is False:
        check.cond(False, _("Not a holder of the Cờ thi đua TAND for %(year)s."), year=facts.year)
        return
    check.cond(
        None,
        _(
            "Cờ thi đua TAND for %(year)s held or possible; whether the nominee must hold it "
            "for the same year is not settled (U-20)."
        ),
        "RULES.md COL-04, U-20",
        year=facts.year,
    )
    cluster_vote(check, unit, check.citation)
    check.still(_("within the number of flags fixed by the Chánh án TANDTC for the year"))
    check.still(_("the council attests unity, clean organisations, thrift and anti-corruption"))
    check.still(_("vote ≥ 80 %% of all members of the court-sector council"))


REGIMES = {"2024": evaluate}
