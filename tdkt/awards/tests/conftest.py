"""Fixtures of the awards tests: the engine run on a small court."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tdkt.awards.rules import Verdict, evaluate
from tdkt.awards.rules.facts import load_facts
from tdkt.org.models import Unit


@pytest.fixture
def court(world):
    return world.thanh_hoa


@pytest.fixture
def run() -> Callable[..., dict[tuple[str, str], Verdict]]:
    """`run(year, unit)` → verdicts by (subject code, title code)."""

    def _run(
        year: int, unit: Unit | None = None, *, as_of: dt.date | None = None
    ) -> dict[tuple[str, str], Verdict]:
        facts = load_facts(year=year, unit_ids=None if unit is None else {unit.pk}, as_of=as_of)
        return {(v.subject_code, v.code): v for v in evaluate(facts)}

    return _run


@pytest.fixture
def reference(db: None):
    """The catalogue, rules and parameters, for tests that build facts in memory."""
    from tdkt.awards.rules.facts import Facts, load_reference_facts

    facts = Facts(
        year=2025, as_of=dt.date(2025, 10, 1), start=dt.date(2024, 10, 1), end=dt.date(2025, 9, 30)
    )
    load_reference_facts(facts)
    return facts
