"""Pre-printed certificate forms: the office places each field in millimetres.

A layout is written one field a line, "field x y width size [left|center|right] [bold] [italic]",
e.g. "recipient 60 92 180 22 center bold italic"; the sheet is A4 landscape (297 × 210 mm).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tdkt.core.errors import InputError, RowError

FIELDS = (
    "authority",
    "award",
    "recipient",
    "detail",
    "achievement",
    "decision_ref",
    "register_number",
    "date_line",
    "signer_title",
    "signer_name",
)
ALIGNS = ("left", "center", "right")
SHEET = (297, 210)

DEFAULT_LAYOUT = """\
authority 40 62 217 18 center bold
recipient 40 100 217 22 center bold italic
detail 40 114 217 16 center
achievement 50 126 197 16 center italic
decision_ref 25 180 110 13 left bold italic
register_number 25 187 110 13 left bold italic
date_line 165 150 110 14 center italic
signer_name 165 188 110 14 center bold"""


@dataclass(frozen=True)
class Placement:
    field: str
    x: float
    y: float
    width: float
    size: float
    align: str = "center"
    bold: bool = False
    italic: bool = False


def parse_layout(text: str) -> list[dict[str, Any]]:
    """The layout text as JSON-safe placements; `InputError` names every bad line."""
    errors: list[RowError] = []
    placements: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split()
        if not words:
            continue
        name, numbers, flags = words[0], words[1:5], {w.lower() for w in words[5:]}
        if name not in FIELDS:
            errors.append(
                RowError(
                    number,
                    _("field"),
                    _("Line %(row)d: unknown field “%(got)s”; use one of: %(fields)s.")
                    % {"row": number, "got": name, "fields": ", ".join(FIELDS)},
                    name,
                )
            )
            continue
        try:
            x, y, width, size = (float(n.replace(",", ".")) for n in numbers)
        except ValueError:
            numbers = []
        if len(numbers) != 4 or not (
            0 <= x < SHEET[0] and 0 <= y < SHEET[1] and width > 0 and 4 <= size <= 72
        ):
            errors.append(
                RowError(
                    number,
                    _("position"),
                    _(
                        "Line %(row)d: expected “field x y width size” in millimetres and "
                        "points on the 297 × 210 mm sheet, got “%(got)s”."
                    )
                    % {"row": number, "got": line.strip()},
                    line,
                )
            )
            continue
        unknown = flags - {*ALIGNS, "bold", "italic"}
        if unknown:
            errors.append(
                RowError(
                    number,
                    _("style"),
                    _(
                        "Line %(row)d: unknown style “%(got)s”; "
                        "use left, center, right, bold, italic."
                    )
                    % {"row": number, "got": " ".join(sorted(unknown))},
                    line,
                )
            )
            continue
        align = next((a for a in ALIGNS if a in flags), "center")
        placements.append(
            {
                "field": name,
                "x": x,
                "y": y,
                "width": width,
                "size": size,
                "align": align,
                "bold": "bold" in flags,
                "italic": "italic" in flags,
            }
        )
    if not placements and not errors:
        errors.append(RowError(None, _("position"), _("Place at least one field.")))
    if errors:
        raise InputError(errors)
    return placements


def layout_text(placements: list[dict[str, Any]]) -> str:
    lines = []
    for p in placements:
        flags = [p["align"]] + [f for f in ("bold", "italic") if p.get(f)]
        numbers = " ".join(f"{p[k]:g}" for k in ("x", "y", "width", "size"))
        lines.append(f"{p['field']} {numbers} {' '.join(flags)}")
    return "\n".join(lines)


def placed_fields(
    placements: list[dict[str, Any]], context: dict[str, Any]
) -> list[tuple[Placement, str]]:
    """Each placement with the text it prints, for the pre-printed PDF template."""
    values = dict(context)
    signer = context.get("signer")
    values["signer_title"] = str(getattr(signer, "title", "")).upper()
    values["signer_name"] = getattr(signer, "name", "")
    values["authority"] = str(context.get("authority", "")).upper()
    values["award"] = str(context.get("award", "")).upper()
    return [(Placement(**p), str(values.get(p["field"], ""))) for p in placements]
