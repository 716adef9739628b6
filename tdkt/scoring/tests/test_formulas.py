"""The formula at its boundaries, peer aggregation, outliers and bands."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from tdkt.scoring.formulas import aggregate_peers, band, indicator_points, outliers, rate


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (Decimal("88"), Decimal("10.00")),  # exactly at the target: full points
        (Decimal("99.5"), Decimal("10.00")),  # above: never more than the maximum
        (Decimal("87.99"), Decimal("9.99")),  # 0.01 % short
        (Decimal("87"), Decimal("9.00")),  # 1 % short: k = 1 point off
        (Decimal("83.5"), Decimal("5.50")),
        (Decimal("78"), Decimal("0.00")),  # 10 % short reaches 0 exactly
        (Decimal("50"), Decimal("0.00")),  # floor 0
    ],
)
def test_higher_is_better(actual, expected):
    assert (
        indicator_points(
            max_points=Decimal(10), target=Decimal(88), actual=actual, points_per_percent=Decimal(1)
        )
        == expected
    )


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (Decimal("1.5"), Decimal("10.00")),
        (Decimal("0"), Decimal("10.00")),
        (Decimal("2"), Decimal("9.00")),
        (Decimal("6.5"), Decimal("0.00")),
        (Decimal("9"), Decimal("0.00")),
    ],
)
def test_lower_is_better(actual, expected):
    assert (
        indicator_points(
            max_points=Decimal(10),
            target=Decimal("1.5"),
            actual=actual,
            points_per_percent=Decimal(2),
            lower_is_better=True,
        )
        == expected
    )


def test_no_figure_or_no_target_gives_none():
    assert (
        indicator_points(
            max_points=Decimal(10), target=None, actual=Decimal(90), points_per_percent=Decimal(1)
        )
        is None
    )
    assert (
        indicator_points(
            max_points=Decimal(10), target=Decimal(88), actual=None, points_per_percent=Decimal(1)
        )
        is None
    )


def test_rate_of_an_empty_whole_is_none():
    assert rate(5, 0) is None
    assert rate(1, 3) == Decimal("33.33")


def test_trimmed_mean_drops_one_highest_and_one_lowest():
    values = [Decimal(2), Decimal(7), Decimal(8), Decimal(9)]
    assert aggregate_peers(values, trimmed=False) == Decimal("6.50")
    assert aggregate_peers(values, trimmed=True) == Decimal("7.50")
    assert aggregate_peers([Decimal(2), Decimal(8)], trimmed=True) == Decimal(
        "5.00"
    )  # fewer than three: plain mean
    assert aggregate_peers([], trimmed=True) is None


def test_outliers_against_the_median():
    assert outliers([Decimal(8), Decimal(8), Decimal(7), Decimal(2)], distance=Decimal(3)) == [
        False,
        False,
        False,
        True,
    ]
    assert outliers([Decimal(8), Decimal(2)], distance=Decimal(3)) == [
        False,
        False,
    ]  # too few to judge
    assert outliers([Decimal(8), Decimal(5), Decimal(11)], distance=Decimal(3)) == [
        False,
        False,
        False,
    ]  # exactly 3 off: kept


def test_bands_at_their_floors():
    with translation.override("en"):
        assert band(Decimal(95), Decimal(100)) == "excellent"
        assert band(Decimal("94.99"), Decimal(100)) == "good"
        assert band(Decimal(85), Decimal(100)) == "good"
        assert band(Decimal("69.99"), Decimal(100)) == "needs improvement"
        assert band(Decimal(10), Decimal(0)) == "needs improvement"


@pytest.mark.django_db
def test_groups_add_up_the_criteria_below_them():
    from tdkt.scoring.queries import tree
    from tdkt.scoring.tests.factories import seeded_sheet

    sheet = seeded_sheet()
    rows = {
        c.code: (depth, points)
        for c, depth, points in tree(list(sheet.criteria.order_by("position")))
    }
    assert rows["1.1"] == (1, Decimal(36))
    assert rows["1"] == (0, Decimal(60))
    assert rows["1.1.1"] == (2, Decimal(10))
    assert rows["T1"] == (0, Decimal(5))
    top = sum(points for code, (depth, points) in rows.items() if depth == 0 and code[0].isdigit())
    assert top == Decimal(100)
