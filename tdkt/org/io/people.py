"""Importing people: staff codes, names, gender, birth and recruitment dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from tdkt.core.audit import record_events_bulk
from tdkt.core.errors import InputError, RowError
from tdkt.core.text import given_name, search_key
from tdkt.org.io.base import (
    Change,
    ImportReport,
    RowReader,
    apply_values,
    duplicates,
    take_snapshot,
)
from tdkt.org.io.columns import PEOPLE
from tdkt.org.io.reading import Table
from tdkt.org.io.values import GENDERS
from tdkt.org.models import Employment, Person


def _read_rows(table: Table) -> tuple[list[tuple[int, str, dict[str, Any]]], list[RowError]]:
    errors: list[RowError] = []
    rows: list[tuple[int, str, dict[str, Any]]] = []
    seen: dict[Any, int] = {}
    for number, cells in table.rows:
        reader = RowReader(table, number, cells, errors)
        code = reader.text("code", limit=40, required=True)
        if code:
            duplicates(reader, seen, code, column="code", code="duplicate")
        values: dict[str, Any] = {"full_name": reader.text("full_name", limit=200, required=True)}
        if reader.has("gender"):
            values["gender"] = reader.choice("gender", GENDERS)
        for name in ("birth_date", "recruited_on"):
            if reader.has(name):
                values[name] = reader.date(name)
        if reader.has("note"):
            values["note"] = reader.text("note", limit=10_000, legacy=False)
        if reader.ok:
            rows.append((number, code, values))
    return rows, errors


def import_people(
    table: Table,
    *,
    actor: Any,
    writable_unit_ids: set[int] | None,
    dry_run: bool = False,
    today: dt.date,
    note: str = "",
) -> ImportReport:
    """Create or update every person of `table`; InputError, and nothing written, on any problem.

    `writable_unit_ids` (None: every unit) limits which existing people may be changed: those
    employed in one of those units. Rows that change nothing need no permission.
    """
    del today  # people carry no validity; kept for the common signature
    with transaction.atomic():
        rows, errors = _read_rows(table)
        codes = [code for _, code, _ in rows]
        existing = {p.code: p for p in Person.objects.filter(code__in=codes)}
        report = ImportReport(
            kind=PEOPLE.kind, rows=len(table.rows), dry_run=dry_run, warnings=table.warnings
        )
        created: list[Person] = []
        updated: list[tuple[int, Person, dict[str, Any]]] = []
        labels: dict[int, str] = {}  # row → the person as stored, for messages
        changed_fields: set[str] = set()
        for number, code, values in rows:
            person = existing.get(code)
            if person is None:
                person = Person(code=code)
                apply_values(person, values)
                created.append(person)
                report.changes.append(Change(number, f"{code} — {person.full_name}", created=True))
                continue
            before = take_snapshot(person)
            labels[number] = f"{person.code} — {person.full_name}"
            fields = apply_values(person, values)
            if fields:
                updated.append((number, person, before))
                changed_fields.update(fields)
            else:
                report.unchanged += 1
        if writable_unit_ids is not None and updated:
            allowed = set(
                Employment.objects.filter(
                    person__in=[p.pk for _, p, _ in updated], unit_id__in=writable_unit_ids
                ).values_list("person_id", flat=True)
            )
            cells_of = dict(table.rows)
            for number, person, _before in updated:
                if person.pk not in allowed:
                    reader = RowReader(table, number, cells_of[number], errors)
                    reader.error("person_permission", "code", value=labels[number])
        if errors:
            errors.sort(key=lambda e: e.row or 0)
            raise InputError(errors)
        for number, _person, _before in updated:
            report.changes.append(Change(number, labels[number], created=False))
        report.changes.sort(key=lambda c: c.row)
        report.created, report.updated = len(created), len(updated)
        if dry_run or not (created or updated):
            return report

        for person in [*created, *(p for _, p, _ in updated)]:
            person.given_name = given_name(person.full_name)
            person.search_key = search_key(f"{person.full_name} {person.code}")
        if created:
            Person.objects.bulk_create(created)
            record_events_bulk(
                "org.person.created",
                actor=actor,
                targets=[(p, None, take_snapshot(p)) for p in created],
                note=note,
            )
        if updated:
            Person.objects.bulk_update(
                [p for _, p, _ in updated], [*sorted(changed_fields), "given_name", "search_key"]
            )
            record_events_bulk(
                "org.person.updated",
                actor=actor,
                targets=[(p, before, take_snapshot(p)) for _, p, before in updated],
                note=note,
            )
    return report
