"""IND-01 Lao động tiên tiến (LĐTT). One function serves every version: the minimum service
length changes by date (10 months until 2023, 6 from 2024) and is read as a parameter."""

from __future__ import annotations

from tdkt.awards.rules.base import Check
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import (
    discipline_clause,
    hold_clause,
    rating_at_least,
    service_clause,
)
from tdkt.awards.rules.facts import Entry, Facts, PersonFacts
from tdkt.awards.rules.moves import moves_clause

SUBJECT = "person"
ORDER = 10

# Recorded awards this rule counts (GEN-11 cascade, `tdkt/awards/cascade.py`): code → the years
# read, as offsets from the year under review. None: an award of this title rests on no other.
COUNTS: dict[str, tuple[int, ...]] = {}
COURT = "Thông tư 01/2024/TT-TANDTC"


def evaluate(check: Check, facts: Facts, person: PersonFacts, entry: Entry) -> None:
    if person.holds and hold_clause(check, person.holds, facts.as_of):
        return
    rating_at_least(check, person.ratings, facts.year, "good")
    if person.is_judge:
        rate = person.ratings.get(facts.year, ("", None))[1]
        if rate is None:
            check.cond(
                None,
                _(
                    "Judge: the share of judgements annulled or amended for subjective reasons "
                    "is not recorded."
                ),
                COURT,
            )
        elif rate == 0:
            check.cond(
                True, _("Judge: no judgement annulled or amended for subjective reasons."), COURT
            )
        else:
            limit = facts.param("judge_subjective_rate_max", facts.as_of)
            if limit is None:
                check.cond(
                    None,
                    _(
                        "Judge: %(rate)s %% annulled or amended for subjective reasons, and "
                        "the Supreme Court's ratio for the year is not configured (U-28)."
                    ),
                    COURT,
                    rate=rate,
                )
            else:
                ok = rate <= float(limit.value) if limit.firm else None
                check.cond(
                    ok,
                    _(
                        "Judge: %(rate)s %% annulled or amended for subjective reasons; the "
                        "ratio allowed is %(limit)s %%."
                    ),
                    limit.legal_basis,
                    rate=rate,
                    limit=limit.value,
                )
        check.still(_("the council attests that the judge respects the judges' ethics code"), COURT)
    service_clause(check, facts, person)
    if person.service is not None:  # a transfer or secondment in the year (IND-05)
        moves_clause(check, facts, person)
    discipline_clause(check, facts, person)
    check.still(_("the council attests that the registered emulation targets were reached"), COURT)
    check.still(
        _("the council attests policy compliance, active study and a healthy lifestyle"), COURT
    )
    check.still(_("vote by the share set in the unit's regulation (U-29)"), "RULES.md §6.1")


REGIMES = {"2018": evaluate, "2024": evaluate, "2025": evaluate}
