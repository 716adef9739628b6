"""COL-03 Cờ thi đua Tòa án nhân dân: chosen from TTLĐXS units leading their cluster (the old
court rule, B for TT 01/2024)."""

from __future__ import annotations

from tdkt.awards.rules.base import Check
from tdkt.awards.rules.base import mark as _
from tdkt.awards.rules.common import held_or_meets, hold_clause, unit_existence_clause
from tdkt.awards.rules.facts import Entry, Facts, UnitFacts

SUBJECT = "unit"
ORDER = 90

# Recorded awards this rule counts (GEN-11 cascade): code → years read, as offsets from the
# year under review: `(has ∨ meets)(TTLĐXS, Y)`.
COUNTS: dict[str, tuple[int, ...]] = {"excellent_collective": (0,)}
VOTES = "Điều 29 Thông tư 01/2024/TT-TANDTC"


def cluster_vote(check: Check, unit: UnitFacts, citation: str) -> None:
    votes = -(-2 * unit.cluster_size // 3)  # the least k with 3k ≥ 2n
    check.still(
        _(
            "voted the leading unit by at least %(votes)s of the %(size)s units of the cluster "
            "(2/3)"
        ),
        citation,
        votes=votes,
        size=unit.cluster_size,
    )


def evaluate(check: Check, facts: Facts, unit: UnitFacts, entry: Entry) -> None:
    if hold_clause(check, unit.holds, facts.as_of):
        return
    if not unit.cluster_size:
        check.cond(False, _("Not a member of an emulation cluster in %(year)s."), year=facts.year)
        return
    if unit_existence_clause(check, facts, unit) is False:
        return
    held = held_or_meets(unit, "excellent_collective", facts.year, facts.year)
    check.cond(
        held,
        {
            True: _("TTLĐXS for %(year)s: held or eligible."),
            False: _("TTLĐXS for %(year)s: neither held nor eligible."),
            None: _("TTLĐXS for %(year)s: eligibility still needs review."),
        }[held],
        year=facts.year,
    )
    cluster_vote(check, unit, "Điều 17 Thông tư 04/2016/TT-TANDTC (B)")
    check.still(
        _(
            "the council attests: targets exceeded, a model to share, unity, organisations "
            "rated excellent, thrift and anti-corruption"
        )
    )
    check.still(
        _("vote ≥ 80 %% of all members of the grassroots council and of the court-sector council"),
        VOTES,
    )


REGIMES = {"2024": evaluate}
