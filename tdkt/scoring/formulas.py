"""The arithmetic of scores: points from an indicator, peer aggregation, outliers, bands."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

CENT = Decimal("0.01")


def q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def indicator_points(
    *,
    max_points: Decimal,
    target: Decimal | None,
    actual: Decimal | None,
    points_per_percent: Decimal,
    lower_is_better: bool = False,
) -> Decimal | None:
    """Full points at or beyond the target, `points_per_percent` off per percentage point short,
    never below 0. None when there is no target or no figure to compare."""
    if target is None or actual is None:
        return None
    short = actual - target if lower_is_better else target - actual
    if short <= 0:
        return q(max_points)
    return q(max(Decimal(0), max_points - points_per_percent * short))


def rate(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole`, two decimals; None for an empty whole."""
    if whole <= 0:
        return None
    return q(Decimal(part) * 100 / Decimal(whole))


def aggregate_peers(values: Sequence[Decimal], *, trimmed: bool) -> Decimal | None:
    """The mean of the peer scores; trimmed drops one highest and one lowest (with ≥ 3)."""
    if not values:
        return None
    ordered = sorted(values)
    if trimmed and len(ordered) >= 3:
        ordered = ordered[1:-1]
    return q(sum(ordered, Decimal(0)) / len(ordered))


def outliers(values: Sequence[Decimal], *, distance: Decimal) -> list[bool]:
    """For each value: is it further than `distance` from the median of the others' scores?

    Needs at least three scores; with fewer, nothing is flagged.
    """
    if len(values) < 3:
        return [False] * len(values)
    median = Decimal(statistics.median(values))
    return [abs(v - median) > distance for v in values]


# Classification bands by final total as a share of the sheet's maximum (a design choice: the
# court sheets' bands are not in our sources, RULES.md COURT-04 "weights … unknown").
BANDS: tuple[tuple[Decimal, StrOrPromise], ...] = (
    (Decimal(95), _("excellent")),
    (Decimal(85), _("good")),
    (Decimal(70), _("fair")),
    (Decimal(0), _("needs improvement")),
)


def band(total: Decimal, maximum: Decimal) -> str:
    share = total * 100 / maximum if maximum > 0 else Decimal(0)
    for floor, label in BANDS:
        if share >= floor:
            return str(label)
    return str(BANDS[-1][1])
