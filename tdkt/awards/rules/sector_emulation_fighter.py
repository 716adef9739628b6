"""IND-03 Chiến sĩ thi đua Tòa án nhân dân (CSTĐ TAND): 3 consecutive CSTĐCS and an unused
initiative of sector scope."""

from __future__ import annotations

from tdkt.awards.rules.base import Check
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import chain_years, hold_clause, initiatives_clause
from tdkt.awards.rules.facts import Entry, Facts, PersonFacts

SUBJECT = "person"
ORDER = 30

# Recorded awards this rule counts (GEN-11 cascade): code → years read, as offsets from the
# year under review: CSTĐCS for Y-2, Y-1 and Y. Its own earlier awards are read too, but only
# as an obstacle (GEN-02): revoking one can never undo a later CSTĐ TAND, so it is not listed.
COUNTS: dict[str, tuple[int, ...]] = {"grassroots_emulation_fighter": (-2, -1, 0)}
VOTES = "Điều 29 Thông tư 01/2024/TT-TANDTC"


def evaluate(check: Check, facts: Facts, person: PersonFacts, entry: Entry) -> None:
    if person.holds and hold_clause(check, person.holds, facts.as_of):
        return
    year = facts.year
    years = [year - 2, year - 1, year]
    chain = chain_years(
        check,
        facts,
        person,
        "grassroots_emulation_fighter",
        "CSTĐCS",
        years,
        check.citation,
    )
    if chain is False:  # most people stop here; the rest of the reasons would not help them
        return
    initiatives_clause(
        check,
        person,
        min_scope="sector",
        years=range(year - 2, year + 1),
        needed=1,
        citation=check.citation,
    )
    earlier = sorted(
        (y for y in person.awards.get(entry.code, {}) if year - 2 <= y + 2 and y < year),
        reverse=True,
    )
    if earlier:
        check.cond(
            None,
            _(
                "An earlier CSTĐ TAND (%(years)s) used some of the years %(span)s; whether "
                "they may count again is not settled (GEN-02, U-19)."
            ),
            "RULES.md GEN-02, U-19",
            years=earlier,
            span=f"{year - 2}–{year}",
        )
    check.still(_("vote ≥ 90 %% of all staff at the staff meeting"), VOTES)
    check.still(_("vote ≥ 90 %% of all members of the grassroots council"), VOTES)
    check.still(_("vote ≥ 90 %% of all members of the court-sector council"), VOTES)


REGIMES = {"2024": evaluate, "2025": evaluate}
