"""The formula at its boundaries, peer aggregation, outliers and bands."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.utils import translation

from tdkt.scoring.formulas import aggregate_peers, band, indicator_points, outliers, rate


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (D("88"), D("10.00")),  # exactly at the target: full points
        (D("99.5"), D("10.00")),  # above: never more than the maximum
        (D("87.99"), D("9.99")),  # 0.01 % short
        (D("87"), D("9.00")),  # 1 % short: k = 1 point off
        (D("83.5"), D("5.50")),
        (D("78"), D("0.00")),  # 10 % short reaches 0 exactly
        (D("50"), D("0.00")),  # floor 0
    ],
)
def test_higher_is_better(actual, expected):
    assert indicator_points(max_points=D(10), target=D(88), actual=actual, points_per_percent=D(1)) == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [(D("1.5"), D("10.00")), (D("0"), D("10.00")), (D("2"), D("9.00")), (D("6.5"), D("0.00")), (D("9"), D("0.00"))],
)
def test_lower_is_better(actual, expected):
    assert (
        indicator_points(max_points=D(10), target=D("1.5"), actual=actual, points_per_percent=D(2), lower_is_better=True)
        == expected
    )


def test_no_figure_or_no_target_gives_none():
    assert indicator_points(max_points=D(10), target=None, actual=D(90), points_per_percent=D(1)) is None
    assert indicator_points(max_points=D(10), target=D(88), actual=None, points_per_percent=D(1)) is None


def test_rate_of_an_empty_whole_is_none():
    assert rate(5, 0) is None
    assert rate(1, 3) == D("33.33")


def test_trimmed_mean_drops_one_highest_and_one_lowest():
    values = [D(2), D(7), D(8), D(9)]
    assert aggregate_peers(values, trimmed=False) == D("6.50")
    assert aggregate_peers(values, trimmed=True) == D("7.50")
    assert aggregate_peers([D(2), D(8)], trimmed=True) == D("5.00")  # fewer than three: plain mean
    assert aggregate_peers([], trimmed=True) is None


def test_outliers_against_the_median():
    assert outliers([D(8), D(8), D(7), D(2)], distance=D(3)) == [False, False, False, True]
    assert outliers([D(8), D(2)], distance=D(3)) == [False, False]  # too few to judge
    assert outliers([D(8), D(5), D(11)], distance=D(3)) == [False, False, False]  # exactly 3 off: kept


def test_bands_at_their_floors():
    with translation.override("en"):
        assert band(D(95), D(100)) == "excellent"
        assert band(D("94.99"), D(100)) == "good"
        assert band(D(85), D(100)) == "good"
        assert band(D("69.99"), D(100)) == "needs improvement"
        assert band(D(10), D(0)) == "needs improvement"
