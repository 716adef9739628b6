"""Thresholds at their exact boundaries, in integers (VOTE-02, VOTE-04, VOTE-07)."""

from __future__ import annotations

import pytest

from tdkt.meetings.rules import has_quorum, meets, needed


@pytest.mark.parametrize(
    ("threshold", "base", "need"),
    [
        ("2/3", 14, 10),
        ("80%", 21, 17),
        ("90%", 21, 19),
        ("2/3", 6, 4),
        ("80%", 11, 9),
        ("80%", 25, 20),
    ],
)
def test_needed_is_the_exact_boundary(threshold, base, need):
    assert needed(threshold, base) == need
    assert meets(threshold, need, base)
    assert not meets(threshold, need - 1, base)


def test_worked_examples_of_rules_md():
    # VE-1: 11 members, 9 agree → CSTĐCS (80 %) passes, CSTĐ TAND (90 %) fails.
    assert meets("80%", 9, 11)
    assert not meets("90%", 9, 11)
    # VE-2: 7 of 11 present is no quorum; 8 is.
    assert not has_quorum(7, 11)
    assert has_quorum(8, 11)
    # VE-4: 19 of 25 staff fails 80 %.
    assert not meets("80%", 19, 25)


def test_nothing_passes_on_an_empty_base():
    assert not meets("2/3", 0, 0)
    assert not has_quorum(0, 0)
