"""Prize money: the worked examples PE-1 … PE-6 (RULES.md §7)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.awards.prize import Conferred, load_prize_params, payable, prize_amount, round_up

D = dt.date


@pytest.fixture
def table(db):
    return load_prize_params()


@pytest.mark.parametrize(
    ("code", "subject", "day", "amount"),
    [
        ("advanced_worker", "individual", D(2025, 11, 20), 710_000),  # PE-1, not 702 000
        ("advanced_collective", "collective", D(2025, 11, 20), 1_880_000),  # PE-2
        ("grassroots_emulation_fighter", "individual", D(2025, 11, 20), 2_340_000),
        ("sector_emulation_fighter", "individual", D(2025, 11, 20), 7_020_000),
        ("sector_emulation_flag", "collective", D(2025, 11, 20), 18_720_000),
        ("commendation_certificate", "collective", D(2024, 7, 2), 1_410_000),  # PE-6
    ],
)
def test_worked_amounts(table, code, subject, day, amount):
    assert prize_amount(table, code=code, subject=subject, decision_date=day).amount_vnd == amount


def test_pe6_base_salary_by_decision_date(table):
    before = prize_amount(
        table, code="commendation_certificate", subject="collective", decision_date=D(2024, 6, 28)
    )
    assert before.amount_vnd == 1_080_000
    assert before.firm is False  # the 1 800 000 amount is B
    assert "98/2023" in before.legal_basis


def test_decree_change_cites_each_decree(table):
    code, subject = "advanced_worker", "individual"
    old = prize_amount(table, code=code, subject=subject, decision_date=D(2025, 6, 30))
    new = prize_amount(table, code=code, subject=subject, decision_date=D(2025, 7, 1))
    assert old.amount_vnd == new.amount_vnd == 710_000
    assert "98/2023" in old.legal_basis and "152/2025" in new.legal_basis


def test_missing_multiplier_gives_no_amount(table):
    prize = prize_amount(
        table, code="advanced_worker", subject="collective", decision_date=D(2025, 1, 1)
    )
    assert prize.amount_vnd is None and prize.problem


def test_same_period_highest_only() -> None:
    ldtt = Conferred("advanced_worker", True, 2025, 1, 10)
    cstdcs = Conferred("grassroots_emulation_fighter", True, 2025, 1, 20)
    cstd_tand = Conferred("sector_emulation_fighter", True, 2025, 3, 30)
    bk = Conferred("sector_certificate_of_merit", False, 2025, 1, 20)
    assert payable([ldtt, cstdcs]) == [cstdcs]  # PE-3
    assert set(payable([cstd_tand, cstdcs])) == {cstd_tand, cstdcs}  # PE-4
    ttldxs = Conferred("excellent_collective", True, 2025, 1, 20)
    flag = Conferred("sector_emulation_flag", True, 2025, 1, 30)
    assert payable([ttldxs, flag]) == [flag]  # PE-5
    assert set(payable([cstdcs, bk])) == {cstdcs, bk}  # PRIZE-05


@given(st.integers(min_value=1, max_value=10_000), st.integers(min_value=1, max_value=5_000_000))
def test_round_up_is_exact(m100: int, base: int) -> None:
    amount = round_up(Decimal(m100) / 100 * base)
    assert amount % 10_000 == 0
    assert amount * 100 >= m100 * base > (amount - 10_000) * 100
