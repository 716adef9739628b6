"""What the three imports share: the report, checking a row's cells, and applying changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

from tdkt.core.audit import snapshot
from tdkt.core.errors import RowError
from tdkt.org.io.messages import row_error
from tdkt.org.io.reading import Table
from tdkt.org.io.values import Cell, CellInvalid, Choices, cell_text, date, text

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


@dataclass
class Change:
    row: int
    label: str
    created: bool


@dataclass
class ImportReport:
    """The outcome of an import that passed its checks (with `dry_run`, of the check alone)."""

    kind: str
    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated


class RowReader:
    """The cells of one row, parsed column by column; each problem is added to `errors`."""

    def __init__(self, table: Table, number: int, cells: dict[str, Cell], errors: list[RowError]):
        self.table = table
        self.number = number
        self.cells = cells
        self.errors = errors
        self.ok = True

    def has(self, name: str) -> bool:
        return self.table.has(name)

    def header(self, name: str) -> str:
        return self.table.headers.get(name) or self.table.spec.column(name).header

    def raw(self, name: str) -> str:
        return cell_text(self.cells.get(name))

    def error(self, code: str, name: str, value: object = None, **extra: Any) -> None:
        self.ok = False
        shown = self.raw(name) if value is None else value
        self.errors.append(
            row_error(code, row=self.number, column=self.header(name), value=shown, **extra)
        )

    def present(self, name: str, *, required: bool = False) -> bool:
        """False (and an error when required) if the column is absent or the cell empty."""
        if not self.has(name) or self.raw(name) == "":
            if required and self.has(name):
                self.error("required", name)
            return False
        return True

    def text(self, name: str, *, limit: int, required: bool = False, legacy: bool = True) -> str:
        if not self.present(name, required=required):
            return ""
        try:
            return text(self.cells.get(name), limit=limit, legacy_check=legacy)
        except CellInvalid as exc:
            self.error(exc.code, name, **exc.extra)
            return ""

    def date(self, name: str, *, required: bool = False) -> dt.date | None:
        if not self.present(name, required=required):
            return None
        try:
            return date(self.cells.get(name))
        except CellInvalid as exc:
            self.error(exc.code, name, **exc.extra)
            return None

    def choice(self, name: str, choices: Choices[T]) -> T | None:
        if not self.has(name):
            return None
        try:
            return choices.parse(self.cells.get(name))
        except CellInvalid as exc:
            self.error(exc.code, name, **exc.extra)
            return None

    def date_order(
        self, start_name: str, start: dt.date | None, end_name: str, end: dt.date | None
    ) -> None:
        if start is not None and end is not None and end < start:
            self.error(
                "date_order",
                end_name,
                other=self.header(start_name),
                start=start.strftime("%d/%m/%Y"),
            )


def duplicates(
    reader: RowReader, seen: dict[Any, int], identity: Any, *, column: str, code: str
) -> None:
    """An error when `identity` already appeared in an earlier row of the file."""
    if identity in seen:
        reader.error(code, column, first=seen[identity])
    else:
        seen[identity] = reader.number


def apply_values(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set `values` on `obj`; the names of the fields whose value changed."""
    changed: list[str] = []
    for name, value in values.items():
        model_field = obj._meta.get_field(name)
        if model_field.is_relation:
            current = getattr(obj, model_field.attname)  # type: ignore[union-attr]
            new = None if value is None else value.pk
            if current != new or (value is not None and value.pk is None):
                setattr(obj, name, value)
                changed.append(name)
        elif getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def audit_fields(obj: models.Model) -> Sequence[str]:
    fields: Sequence[str] = obj.AUDITED_FIELDS  # type: ignore[attr-defined]
    return fields


def take_snapshot(obj: models.Model) -> dict[str, Any]:
    return snapshot(obj, audit_fields(obj))
