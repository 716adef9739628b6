"""Importing employment: who held which position in which unit, from when to when.

A period is identified by person, unit and first day: a row matching an existing period
updates it, any other row adds a period. Nothing is closed automatically; the file says
"Đến ngày" for every period that ended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from tdkt.core.audit import record_events_bulk
from tdkt.core.errors import InputError, RowError
from tdkt.org.io.base import (
    Change,
    ImportReport,
    RowReader,
    apply_values,
    duplicates,
    take_snapshot,
)
from tdkt.org.io.columns import EMPLOYMENT
from tdkt.org.io.reading import Table
from tdkt.org.io.values import JUDGE, KINDS, cell_text
from tdkt.org.models import Employment, Person, Unit


@dataclass
class _Row:
    number: int
    person: Person
    unit: Unit
    start: dt.date
    values: dict[str, Any]


def _read_rows(
    table: Table,
    people: dict[str, Person],
    units: dict[str, Unit],
    writable_unit_ids: set[int] | None,
) -> tuple[list[_Row], list[RowError]]:
    errors: list[RowError] = []
    rows: list[_Row] = []
    seen: dict[Any, int] = {}
    for number, cells in table.rows:
        reader = RowReader(table, number, cells, errors)
        person_code = reader.text("person", limit=40, required=True)
        person = people.get(person_code)
        if person_code and person is None:
            reader.error("unknown_person", "person")
        unit_code = reader.text("unit", limit=40, required=True)
        unit = units.get(unit_code)
        if unit_code and unit is None:
            reader.error("unknown_unit", "unit")
        elif (
            unit is not None and writable_unit_ids is not None and unit.pk not in writable_unit_ids
        ):
            reader.error("unit_permission", "unit", value=f"{unit.code} — {unit.name}")
        values: dict[str, Any] = {"position": reader.text("position", limit=150, required=True)}
        for name, choices in (("is_judge", JUDGE), ("kind", KINDS)):
            if reader.has(name):
                values[name] = reader.choice(name, choices)
        start = reader.date("start", required=True)
        end = reader.date("end")
        reader.date_order("start", start, "end", end)
        if reader.has("end"):
            values["end"] = end
        if reader.has("note"):
            values["note"] = reader.text("note", limit=10_000, legacy=False)
        if person is not None and unit is not None and start is not None:
            duplicates(
                reader,
                seen,
                (person.pk, unit.pk, start),
                column="person",
                code="duplicate_employment",
            )
        if reader.ok and person is not None and unit is not None and start is not None:
            rows.append(_Row(number, person, unit, start, values))
    return rows, errors


def import_employment(
    table: Table,
    *,
    actor: Any,
    writable_unit_ids: set[int] | None,
    dry_run: bool = False,
    today: dt.date,
    note: str = "",
) -> ImportReport:
    """Create or update every period of `table`; InputError, and nothing written, on any problem.

    Every unit named must be in `writable_unit_ids` (None: every unit).
    """
    del today  # periods carry their own dates; kept for the common signature
    with transaction.atomic():
        person_codes = {cell_text(cells.get("person")) for _, cells in table.rows}
        unit_codes = {cell_text(cells.get("unit")) for _, cells in table.rows}
        people = {p.code: p for p in Person.objects.filter(code__in=person_codes - {""})}
        units = {u.code: u for u in Unit.objects.filter(code__in=unit_codes - {""})}
        rows, errors = _read_rows(table, people, units, writable_unit_ids)
        if errors:
            raise InputError(errors)
        report = ImportReport(
            kind=EMPLOYMENT.kind, rows=len(table.rows), dry_run=dry_run, warnings=table.warnings
        )
        existing = {
            (e.person_id, e.unit_id, e.start): e
            for e in Employment.objects.filter(
                person__in=[p.pk for p in people.values()]
            ).select_related("person", "unit")
        }
        created: list[Employment] = []
        updated: list[tuple[Employment, dict[str, Any]]] = []
        changed_fields: set[str] = set()
        for row in rows:
            employment = existing.get((row.person.pk, row.unit.pk, row.start))
            label = f"{row.person.code} — {row.person.full_name}, {row.unit.code}"
            if employment is None:
                employment = Employment(person=row.person, unit=row.unit, start=row.start)
                apply_values(employment, {k: v for k, v in row.values.items() if v is not None})
                created.append(employment)
                report.changes.append(Change(row.number, label, created=True))
                continue
            before = take_snapshot(employment)
            fields = apply_values(employment, row.values)
            if fields:
                updated.append((employment, before))
                changed_fields.update(fields)
                report.changes.append(Change(row.number, label, created=False))
            else:
                report.unchanged += 1
        report.created, report.updated = len(created), len(updated)
        if dry_run or not (created or updated):
            return report

        if created:
            Employment.objects.bulk_create(created)
            record_events_bulk(
                "org.employment.created",
                actor=actor,
                targets=[(e, None, take_snapshot(e)) for e in created],
                note=note,
            )
            employment_label, from_label = gettext("employment"), gettext("from")
            record_events_bulk(
                "org.person.employment_added",
                actor=actor,
                targets=[
                    (e.person, None, {employment_label: str(e), from_label: e.start.isoformat()})
                    for e in created
                ],
                note=note,
            )
        if updated:
            Employment.objects.bulk_update([e for e, _ in updated], sorted(changed_fields))
            record_events_bulk(
                "org.employment.updated",
                actor=actor,
                targets=[(e, before, take_snapshot(e)) for e, before in updated],
                note=note,
            )
    return report
