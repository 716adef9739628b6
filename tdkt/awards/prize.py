"""Prize money (RULES.md §7): multiplier × the base salary in force on the day the decision is
signed, rounded up to the next 10 000 đồng; for titles of the same qualifying period only the
highest is paid (PRIZE-03), forms are each paid (PRIZE-04, PRIZE-05).

The functions take the parameter rows as data, so the proposal and decision work can call them
with the rows it loaded once (`load_prize_params`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from tdkt.awards.models import Parameter
from tdkt.awards.rules.facts import Param

STEP = 10_000


@dataclass(frozen=True)
class Prize:
    code: str
    subject: str  # "individual" or "collective"
    decision_date: dt.date
    amount_vnd: int | None  # None: a row is missing for the date
    multiplier: Decimal | None
    base_salary: int | None
    legal_basis: str
    firm: bool  # every row used is confirmed; else the amount needs review (U-11)
    problem: str = ""


ParamTable = dict[tuple[str, str], list[Param]]


def load_prize_params() -> ParamTable:
    table: ParamTable = {}
    rows = Parameter.objects.filter(key__in=["base_salary"]) | Parameter.objects.filter(
        key__startswith="multiplier."
    )
    for key, scope, value, start, end, basis, confidence, by, on in rows.values_list(
        "key",
        "scope",
        "value",
        "valid_from",
        "valid_to",
        "legal_basis",
        "confidence",
        "confirmed_by",
        "confirmed_on",
    ):
        firm = confidence == "C" or bool(by and on)
        table.setdefault((key, scope), []).append(Param(value, basis, firm, start, end))
    return table


def _on(table: ParamTable, key: str, scope: str, day: dt.date) -> Param | None:
    for row in table.get((key, scope), ()):
        if row.valid_from <= day and (row.valid_to is None or day <= row.valid_to):
            return row
    return None


def round_up(amount: Decimal) -> int:
    """Up to the next 10 000 đồng, exactly (Decimal, never float)."""
    steps = (amount / STEP).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * STEP


def prize_amount(table: ParamTable, *, code: str, subject: str, decision_date: dt.date) -> Prize:
    salary = _on(table, "base_salary", "", decision_date)
    multiplier = _on(table, f"multiplier.{code}", subject, decision_date)
    if salary is None or multiplier is None:
        missing = "base_salary" if salary is None else f"multiplier.{code} ({subject})"
        return Prize(
            code,
            subject,
            decision_date,
            None,
            None,
            None,
            "",
            False,
            problem=f"{missing}: no row in force on {decision_date:%d/%m/%Y} (U-10, U-11)",
        )
    factor = Decimal(multiplier.value)
    base = int(salary.value)
    return Prize(
        code=code,
        subject=subject,
        decision_date=decision_date,
        amount_vnd=round_up(factor * base),
        multiplier=factor,
        base_salary=base,
        legal_basis=f"{multiplier.legal_basis}; {salary.legal_basis}",
        firm=salary.firm and multiplier.firm,
    )


@dataclass(frozen=True)
class Conferred:
    """One title or form conferred on one subject, as the payment step sees it."""

    code: str
    is_title: bool
    year: int  # the last year of its qualifying period
    period_years: int
    rank: int


def payable(items: Sequence[Conferred]) -> list[Conferred]:
    """Which of one subject's awards are paid: among titles of the same qualifying period
    (same years covered), only the highest; every form (PRIZE-03 to PRIZE-05)."""
    best: dict[tuple[int, int], Conferred] = {}
    paid: list[Conferred] = []
    for item in items:
        if not item.is_title:
            paid.append(item)
            continue
        period = (item.year, item.period_years)
        if period not in best or item.rank > best[period].rank:
            best[period] = item
    return [*best.values(), *paid]


def total_vnd(prizes: Iterable[Prize]) -> int | None:
    amounts = [p.amount_vnd for p in prizes]
    if any(a is None for a in amounts):
        return None
    return sum(a for a in amounts if a is not None)
