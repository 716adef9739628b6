"""IND-04 Chiến sĩ thi đua toàn quốc: two consecutive CSTĐ TAND periods (the reading is B) and
an unused initiative of national scope."""

from __future__ import annotations

from tdkt.awards.rules.base import Check
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import held_or_meets, hold_clause, initiatives_clause
from tdkt.awards.rules.facts import Entry, Facts, PersonFacts

SUBJECT = "person"
ORDER = 40

# Recorded awards this rule counts (GEN-11 cascade): code → years read, as offsets from the
# year under review: the CSTĐ TAND periods ending Y-3 and Y.
COUNTS: dict[str, tuple[int, ...]] = {"sector_emulation_fighter": (-3, 0)}
VOTES = "Điều 29 Thông tư 01/2024/TT-TANDTC"


def evaluate(check: Check, facts: Facts, person: PersonFacts, entry: Entry) -> None:
    if person.holds and hold_clause(check, person.holds, facts.as_of):
        return
    year = facts.year
    if (
        not person.has("sector_emulation_fighter", year - 3)
        or held_or_meets(person, "sector_emulation_fighter", year, year) is False
    ):
        check.cond(
            False,
            _("Needs CSTĐ TAND for the periods ending %(first)s and %(second)s: held %(held)s."),
            first=year - 3,
            second=year,
            held=sorted(person.awards.get("sector_emulation_fighter", {})),
        )
        return
    check.cond(
        None,
        _(
            "CSTĐ TAND for the periods ending %(first)s and %(second)s; reading “2 "
            "consecutive” as two back-to-back 3-year periods is not confirmed (B, U-19)."
        ),
        "RULES.md IND-04, U-19",
        first=year - 3,
        second=year,
    )
    initiatives_clause(
        check,
        person,
        min_scope="national",
        years=range(year - 5, year + 1),
        needed=1,
        citation=check.citation,
    )
    check.still(_("vote ≥ 90 %% at every level"), VOTES)
    check.still(
        _("dossier to the Ministry of Home Affairs by 31/12/%(next)s (B)"),
        "Điều 32 Nghị định 98/2023/NĐ-CP",
        next=year + 1,
    )


REGIMES = {"2024": evaluate}
