"""Importing units: codes, names, levels, parents, provinces and validity dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from tdkt.core.audit import record_events_bulk
from tdkt.core.errors import InputError, RowError
from tdkt.core.text import search_key
from tdkt.org.io.base import (
    Change,
    ImportReport,
    RowReader,
    apply_values,
    duplicates,
    take_snapshot,
)
from tdkt.org.io.columns import UNITS
from tdkt.org.io.reading import Table
from tdkt.org.io.values import LEVELS, CellInvalid, ProvinceIndex, cell_text
from tdkt.org.models import Unit

_FIELDS = ("name", "level", "parent", "province", "valid_from", "valid_to", "note")


@dataclass
class _Row:
    number: int
    code: str
    values: dict[str, Any]
    parent_code: str | None  # None: the column is absent


def _read_rows(
    table: Table, units: dict[str, Unit], provinces: ProvinceIndex, today: dt.date
) -> tuple[list[_Row], list[RowError]]:
    errors: list[RowError] = []
    rows: list[_Row] = []
    seen: dict[Any, int] = {}
    file_codes = {cell_text(cells.get("code")) for _, cells in table.rows}
    for number, cells in table.rows:
        reader = RowReader(table, number, cells, errors)
        code = reader.text("code", limit=40, required=True)
        if code:
            duplicates(reader, seen, code, column="code", code="duplicate")
        values: dict[str, Any] = {"name": reader.text("name", limit=200, required=True)}
        if reader.present("level", required=True):
            values["level"] = reader.choice("level", LEVELS)
        valid_from = reader.date("valid_from")
        valid_to = reader.date("valid_to")
        reader.date_order("valid_from", valid_from, "valid_to", valid_to)
        values.update(
            (name, value)
            for name, value in (("valid_from", valid_from), ("valid_to", valid_to))
            if reader.has(name)
        )
        if reader.has("note"):
            values["note"] = reader.text("note", limit=10_000, legacy=False)
        if reader.has("province"):
            try:
                values["province"] = provinces.parse(
                    cells.get("province"), on=valid_from or valid_to or today
                )
            except CellInvalid as exc:
                reader.error(exc.code, "province", **exc.extra)
        parent_code: str | None = None
        if reader.has("parent"):
            parent_code = reader.text("parent", limit=40)
            if parent_code and parent_code == code:
                reader.error("self_parent", "parent")
            elif parent_code and parent_code not in units and parent_code not in file_codes:
                reader.error("unknown_parent", "parent")
        if reader.ok:
            rows.append(_Row(number, code, values, parent_code))
    return rows, errors


def _check_cycles(
    table: Table, rows: list[_Row], units: dict[str, Unit], errors: list[RowError]
) -> None:
    """No unit may end up under itself once the file's parents are applied."""
    parent_of = {code: unit.parent.code if unit.parent else "" for code, unit in units.items()}
    for row in rows:
        if row.parent_code is not None:
            parent_of[row.code] = row.parent_code
        else:
            parent_of.setdefault(row.code, "")
    cells_of = dict(table.rows)
    for row in rows:
        current, steps = row.parent_code or "", 0
        while current and steps <= len(parent_of):
            if current == row.code:
                RowReader(table, row.number, cells_of[row.number], errors).error(
                    "parent_cycle", "parent"
                )
                break
            current, steps = parent_of.get(current, ""), steps + 1


def _check_dates_with_registry(table: Table, row: _Row, unit: Unit, errors: list[RowError]) -> None:
    """With only one of the validity columns in the file, the other comes from the registry."""
    start, end = unit.valid_from, unit.valid_to
    if start is None or end is None or end >= start:
        return
    reader = RowReader(table, row.number, dict(table.rows)[row.number], errors)
    if table.has("valid_to"):
        reader.date_order("valid_from", start, "valid_to", end)
    else:
        reader.error(
            "date_after_end", "valid_from", other=reader.header("valid_to"), end=f"{end:%d/%m/%Y}"
        )


def import_units(
    table: Table, *, actor: Any, dry_run: bool = False, today: dt.date, note: str = ""
) -> ImportReport:
    """Create or update every unit of `table`; InputError, and nothing written, on any problem."""
    with transaction.atomic():
        units = {u.code: u for u in Unit.objects.select_related("parent", "province")}
        rows, errors = _read_rows(table, units, ProvinceIndex.load(), today)
        _check_cycles(table, rows, units, errors)
        if errors:
            errors.sort(key=lambda e: e.row or 0)
            raise InputError(errors)
        report = ImportReport(
            kind=UNITS.kind, rows=len(table.rows), dry_run=dry_run, warnings=table.warnings
        )

        created: list[Unit] = []
        updated: list[tuple[Unit, dict[str, Any]]] = []
        changed_fields: set[str] = set()
        by_code = dict(units)
        for row in rows:
            unit = by_code.get(row.code)
            if unit is None:
                unit = Unit(code=row.code)
                by_code[row.code] = unit
                created.append(unit)
                report.changes.append(
                    Change(row.number, f"{row.code} — {row.values['name']}", created=True)
                )
        for row in rows:
            unit = by_code[row.code]
            values = dict(row.values)
            if row.parent_code is not None:
                values["parent"] = by_code[row.parent_code] if row.parent_code else None
            if unit.pk is None:
                apply_values(unit, values)
                continue
            before = take_snapshot(unit)
            fields = apply_values(unit, values)
            _check_dates_with_registry(table, row, unit, errors)
            if fields:
                updated.append((unit, before))
                changed_fields.update(fields)
                report.changes.append(
                    Change(row.number, f"{row.code} — {unit.name}", created=False)
                )
            else:
                report.unchanged += 1
        if errors:
            raise InputError(errors)
        report.created, report.updated = len(created), len(updated)
        if dry_run or not (created or updated):
            return report

        # New parents first: a new unit whose parent is also new gets its parent once both exist.
        pending = {
            u.code: u.parent for u in created if u.parent is not None and u.parent.pk is None
        }
        for unit in created:
            if unit.code in pending:
                unit.parent = None
            unit.search_key = search_key(f"{unit.name} {unit.code}")
        Unit.objects.bulk_create(created)
        for unit in created:
            if unit.code in pending:
                unit.parent = pending[unit.code]
        if pending:
            Unit.objects.bulk_update([u for u in created if u.code in pending], ["parent"])
        if updated:
            for unit, _before in updated:
                unit.search_key = search_key(f"{unit.name} {unit.code}")
            Unit.objects.bulk_update(
                [u for u, _ in updated], [*sorted(changed_fields), "search_key"]
            )
            record_events_bulk(
                "org.unit.updated",
                actor=actor,
                targets=[(u, before, take_snapshot(u)) for u, before in updated],
                note=note,
            )
        if created:
            record_events_bulk(
                "org.unit.created",
                actor=actor,
                targets=[(u, None, take_snapshot(u)) for u in created],
                note=note,
            )
    return report
