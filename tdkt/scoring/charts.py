"""Charts drawn on the server as SVG, so pages and reports share them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext

from tdkt.scoring.queries import BoardRow

_COLOURS = {"self": "#9db4cc", "peer": "#f0ad4e", "final": "#1f4e79"}


@dataclass(frozen=True)
class ChartRow:
    """One member of the chart: what a page's scoreboard and a stored report both give."""

    rank: int
    name: str
    self_total: Decimal
    peer_total: Decimal
    final_total: Decimal


def chart_rows(rows: Iterable[BoardRow]) -> list[ChartRow]:
    return [ChartRow(r.rank, r.unit.name, r.self_total, r.peer_total, r.final_total) for r in rows]


def ranking_svg(rows: Sequence[ChartRow], *, max_total: Decimal, title: str) -> str:
    """Horizontal bars per member: self, peer and final totals, longest scale = sheet maximum."""
    bar, gap, label_width, width = 8, 10, 300, 760
    plot = width - label_width - 60
    scale_max = max([max_total, *(r.self_total for r in rows), *(r.final_total for r in rows)])
    scale = float(scale_max) or 1.0
    height = 40 + len(rows) * (3 * bar + gap) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    legend = (
        ("self", gettext("self-score")),
        ("peer", gettext("peer score")),
        ("final", gettext("final score")),
    )
    label_of = dict(legend)
    y = 30
    for row in rows:
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 2 * bar}" text-anchor="end">'
            f"{row.rank}. {escape(row.name)}</text>"
        )
        for index, (kind, value) in enumerate(
            (("self", row.self_total), ("peer", row.peer_total), ("final", row.final_total))
        ):
            length = max(0.0, float(value)) / scale * plot
            top = y + index * bar
            tip = f"{escape(label_of[kind])}: {formats.number_format(value, 2)}"
            parts.append(
                f'<rect x="{label_width}" y="{top}" width="{length:.1f}" height="{bar - 1}" '
                f'fill="{_COLOURS[kind]}"><title>{tip}</title></rect>'
            )
        end = label_width + float(max(row.final_total, Decimal(0))) / scale * plot + 4
        shown = formats.number_format(row.final_total, 2)
        parts.append(f'<text x="{end:.1f}" y="{y + 3 * bar - 1}">{shown}</text>')
        y += 3 * bar + gap
    legend_y = height - 12
    for index, (kind, label) in enumerate(legend):
        x = label_width + index * 140
        parts.append(
            f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{_COLOURS[kind]}"/>'
        )
        parts.append(f'<text x="{x + 14}" y="{legend_y}">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
