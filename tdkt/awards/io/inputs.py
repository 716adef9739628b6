"""Importing the engine's other inputs (discipline, initiatives, leave, other units' comments,
holds, unit ratings, chain overrides): every row checked, nothing written unless the whole file
is clean, one transaction, audited in bulk. A row matches an existing record by its natural key
(person and decision date, say) and updates it; otherwise it creates one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from tdkt.awards.io.columns import RATINGS, YES_NO
from tdkt.awards.io.comments import CommentChecks, court_of
from tdkt.awards.io.inputs_columns import (
    COMMENT_KINDS,
    DISCIPLINE_LEVELS,
    FORMATS,
    HOLD_KINDS,
    INITIATIVE_KINDS,
    LEAVE_KINDS,
    SCOPES,
    SOURCES,
)
from tdkt.awards.io.names import NameIndex, name_key
from tdkt.awards.models import (
    AwardRecord,
    ChainOverride,
    Discipline,
    Hold,
    Initiative,
    Leave,
    TransferComment,
    UnitRating,
)
from tdkt.core.audit import record_events_bulk, register_event_labels, snapshot
from tdkt.core.errors import InputError, RowError
from tdkt.core.text import clean_text
from tdkt.org.io.base import Change, ImportReport, RowReader
from tdkt.org.io.reading import Table, read_table
from tdkt.org.models import Person, Unit

CHAIN_FIELDS = ("title", "year", "held", "reason", "reference")

MODELS: dict[str, type[models.Model]] = {
    "discipline": Discipline,
    "initiatives": Initiative,
    "leave": Leave,
    "transfer_comments": TransferComment,
    "holds": Hold,
    "unit_ratings": UnitRating,
    "chain": ChainOverride,
}
EVENT = {
    "discipline": "awards.discipline",
    "initiatives": "awards.initiative",
    "leave": "awards.leave",
    "transfer_comments": "awards.transfer_comment",
    "holds": "awards.hold",
    "unit_ratings": "awards.unit_rating",
    "chain": "awards.chain_override",
}
register_event_labels(
    {
        "awards.discipline.created": gettext_lazy("Discipline recorded"),
        "awards.discipline.updated": gettext_lazy("Discipline changed"),
        "awards.initiative.created": gettext_lazy("Initiative recorded"),
        "awards.initiative.updated": gettext_lazy("Initiative changed"),
        "awards.leave.created": gettext_lazy("Leave recorded"),
        "awards.leave.updated": gettext_lazy("Leave changed"),
        "awards.transfer_comment.created": gettext_lazy("Comments of another unit recorded"),
        "awards.transfer_comment.updated": gettext_lazy("Comments of another unit changed"),
        "awards.transfer_comment.deleted": gettext_lazy("Comments of another unit deleted"),
        "awards.hold.created": gettext_lazy("Hold recorded"),
        "awards.hold.updated": gettext_lazy("Hold changed"),
        "awards.unit_rating.created": gettext_lazy("Unit rating recorded"),
        "awards.unit_rating.updated": gettext_lazy("Unit rating changed"),
        "awards.chain_override.created": gettext_lazy("Chain decided by hand"),
        "awards.chain_override.updated": gettext_lazy("Chain decision changed"),
    }
)

MESSAGES = {
    "year": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected an emulation year such as 2025, got "
        "“%(value)s”."
    ),
    "name_mismatch": gettext_noop(
        "Row %(row)s, column “%(column)s”: the registry names this person “%(name)s”, got "
        "“%(value)s”."
    ),
    "one_subject": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected either a staff code or a collective code, "
        "not both and not neither; got “%(value)s”."
    ),
    "not_title": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected an emulation title, got “%(value)s”, which "
        "is a commendation form."
    ),
    "no_award": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected a title or form this person holds for "
        "%(year)s, got “%(value)s”."
    ),
    "same_key": gettext_noop(
        "Row %(row)s, column “%(column)s”: the same record is already in row %(first)s, got "
        "“%(value)s”."
    ),
    "not_their_unit": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected a court where this person worked during "
        "%(year)s (Điều động) or was seconded to during it (Biệt phái), got “%(value)s”."
    ),
    "not_successor": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected a unit that continues “%(unit)s” by "
        "lineage, got “%(value)s”."
    ),
    "still_existed": gettext_noop(
        "Row %(row)s, column “%(column)s”: a successor gives the comments only once “%(unit)s” "
        "no longer exists, and it was still in force on the day of the comments; got "
        "“%(value)s”."
    ),
    "reason_needed": gettext_noop(
        "Row %(row)s, column “%(column)s”: the reason is required when a successor gives the "
        "comments, the cell is empty."
    ),
    "reason_without_successor": gettext_noop(
        "Row %(row)s, column “%(column)s”: a reason is given only when a successor gives the "
        "comments, got “%(value)s”."
    ),
}


def audited_fields(kind: str) -> tuple[str, ...]:
    model = MODELS[kind]
    return CHAIN_FIELDS if model is ChainOverride else tuple(model.AUDITED_FIELDS)  # type: ignore[attr-defined]


@dataclass
class UnmatchedTitles(InputError):  # noqa: N818  (an InputError, named for what it lists)
    """Title or form names the catalogue did not recognise: name as written → rows."""

    names: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Row:
    number: int
    person: str  # staff code, "" for units
    full_name: str
    unit: str  # owning unit code
    collective: str  # subject unit code (holds of a collective, unit ratings, chain)
    values: dict[str, Any]
    key: tuple[Any, ...]  # natural key within the subject
    used: tuple[str, int] | None = None  # initiatives: (award code, year) it supported
    links: dict[str, str] = field(default_factory=dict)  # other units named, column → code


def _error(reader: RowReader, code: str, column: str, **extra: Any) -> None:
    reader.ok = False
    value = extra.pop("value", reader.raw(column))
    reader.errors.append(
        RowError(
            row=reader.number,
            column=reader.header(column),
            message=gettext(MESSAGES[code])
            % {"row": reader.number, "column": reader.header(column), "value": value, **extra},
            value=str(value),
        )
    )


def _year(reader: RowReader, column: str, *, required: bool = True) -> int:
    raw = reader.text(column, limit=10, required=required)
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else 0
    if raw and not year:
        _error(reader, "year", column)
    return year


def _required_choice(reader: RowReader, column: str, choices: Any) -> Any:
    if not reader.present(column, required=True):
        return None
    return reader.choice(column, choices)


def _read(kind: str, reader: RowReader, names: NameIndex, unmatched: dict[str, list[int]]) -> Row:
    person = full_name = collective = ""
    if kind in ("discipline", "initiatives", "leave", "transfer_comments", "holds"):
        person = reader.text("person", limit=40, required=kind != "holds")
        full_name = reader.text("full_name", limit=200)
    unit = reader.text("unit", limit=40, required=True)
    values: dict[str, Any] = {}
    key: tuple[Any, ...] = ()
    used: tuple[str, int] | None = None
    links: dict[str, str] = {}
    if kind == "discipline":
        level = _required_choice(reader, "level", DISCIPLINE_LEVELS)
        decided, end = (
            reader.date("decided_on", required=True),
            reader.date("period_end", required=True),
        )
        reader.date_order("decided_on", decided, "period_end", end)
        values = {
            "level": level,
            "decided_on": decided,
            "period_end": end,
            "original_text": reader.raw("level")[:200],
            "note": reader.text("note", limit=2000),
        }
        key = (decided, level)
    elif kind == "initiatives":
        values = {
            "kind": reader.choice("kind", INITIATIVE_KINDS) or Initiative.Kind.INITIATIVE,
            "name": reader.text("name", limit=300, required=True),
            "scope": _required_choice(reader, "scope", SCOPES),
            "year": _year(reader, "year"),
            "recognised_on": reader.date("recognised_on"),
        }
        key = (name_key(values["name"]),)
        written = reader.text("used_for", limit=200)
        used_year = _year(reader, "used_year", required=False) or values["year"]
        if written:
            target = names.match(written)
            if target is None:
                unmatched.setdefault(written, []).append(reader.number)
                reader.ok = False
            else:
                used = (target.code, used_year)
    elif kind == "leave":
        start, end = reader.date("start", required=True), reader.date("end", required=True)
        reader.date_order("start", start, "end", end)
        values = {"kind": _required_choice(reader, "kind", LEAVE_KINDS), "start": start, "end": end}
        key = (values["kind"], start)
    elif kind == "transfer_comments":
        values = {
            "year": _year(reader, "year"),
            "kind": _required_choice(reader, "kind", COMMENT_KINDS),
            "given_on": reader.date("given_on", required=True),
            "summary": reader.text("summary", limit=4000, required=True),
            "reference": reader.text("reference", limit=200),
            "successor_reason": reader.text("successor_reason", limit=2000),
        }
        links = {
            "source_unit": reader.text("source_unit", limit=40, required=True),
            "successor": reader.text("successor", limit=40),
        }
        key = (values["year"], values["kind"], links["source_unit"])
    elif kind == "holds":
        collective = reader.text("collective", limit=40)
        if bool(person) == bool(collective) and reader.ok:
            _error(reader, "one_subject", "person", value=person or collective)
        opened, closed = reader.date("opened_on", required=True), reader.date("closed_on")
        reader.date_order("opened_on", opened, "closed_on", closed)
        values = {
            "kind": _required_choice(reader, "kind", HOLD_KINDS),
            "opened_on": opened,
            "closed_on": closed,
            "source_document": reader.text("source_document", limit=200),
        }
        key = (values["kind"], opened)
    elif kind == "unit_ratings":
        collective = unit
        values = {
            "year": _year(reader, "year"),
            "rating": _required_choice(reader, "rating", RATINGS),
            "source": reader.choice("source", SOURCES) or "",
        }
        key = (values["year"],)
    else:  # chain
        collective = unit
        written = reader.text("title", limit=200, required=True)
        target = names.match(written) if written else None
        if written and target is None:
            unmatched.setdefault(written, []).append(reader.number)
            reader.ok = False
        elif target is not None and not target.is_title:
            _error(reader, "not_title", "title")
        held = reader.choice("held", YES_NO) if reader.present("held", required=True) else None
        values = {
            "title_id": target.pk if target is not None else None,
            "year": _year(reader, "year"),
            "held": bool(held),
            "reason": reader.text("reason", limit=2000, required=True),
            "reference": reader.text("reference", limit=200, required=True),
        }
        key = (values["title_id"], values["year"])
    return Row(reader.number, person, full_name, unit, collective, values, key, used, links)


def read_rows(
    kind: str, table: Table, names: NameIndex
) -> tuple[list[Row], list[RowError], dict[str, list[int]]]:
    errors: list[RowError] = []
    unmatched: dict[str, list[int]] = {}
    rows: list[Row] = []
    seen: dict[tuple[Any, ...], int] = {}
    first_column = table.spec.columns[0].name
    for number, cells in table.rows:
        reader = RowReader(table, number, cells, errors)
        row = _read(kind, reader, names, unmatched)
        if not reader.ok:
            continue
        identity = (row.person, row.collective, *row.key)
        if identity in seen:
            _error(reader, "same_key", first_column, first=seen[identity])
            continue
        seen[identity] = number
        rows.append(row)
    return rows, errors, unmatched


def _resolve(
    table: Table, rows: list[Row], errors: list[RowError], writable_unit_ids: set[int] | None
) -> tuple[dict[str, Person], dict[str, Unit]]:
    people = {
        p.code: p for p in Person.objects.filter(code__in={r.person for r in rows if r.person})
    }
    codes = {r.unit for r in rows} | {r.collective for r in rows if r.collective}
    codes |= {code for r in rows for code in r.links.values() if code}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    cells = dict(table.rows)
    for row in rows:
        reader = RowReader(table, row.number, cells[row.number], errors)
        if row.person:
            person = people.get(row.person)
            if person is None:
                reader.error("unknown_person", "person", row.person)
            elif row.full_name and name_key(row.full_name) != name_key(person.full_name):
                _error(reader, "name_mismatch", "full_name", name=person.full_name)
        for column, code in (("unit", row.unit), ("collective", row.collective)):
            if not code or (column == "collective" and not table.has("collective")):
                continue
            unit = units.get(code)
            if unit is None:
                reader.error("unknown_unit", column, code)
            elif writable_unit_ids is not None and unit.pk not in writable_unit_ids:
                reader.error("unit_permission", column, unit.name)
        for column, code in row.links.items():
            if code and code not in units:
                reader.error("unknown_unit", column, code)
    return people, units


def _comment_checks(
    table: Table,
    rows: list[Row],
    people: dict[str, Person],
    units: dict[str, Unit],
    errors: list[RowError],
) -> None:
    """Other units' comments (IND-05): the court is one of the person's in the year, of the
    right kind; a successor continues it, once it no longer existed, with a reason. The unit
    kept is the court (a department's court)."""
    checks = CommentChecks.load(p.pk for p in people.values())
    courts = Unit.objects.in_bulk(
        {court_of(u) for u in units.values()} - {u.pk for u in units.values()}
    )
    courts.update({u.pk: u for u in units.values()})
    cells = dict(table.rows)
    for row in rows:
        person = people.get(row.person)
        source = units.get(row.links["source_unit"])
        successor = units.get(row.links["successor"]) if row.links["successor"] else None
        if person is None or source is None or (row.links["successor"] and successor is None):
            continue
        source = courts[court_of(source)]
        row.values.update(source_unit=source, successor=successor)
        row.key = (row.values["year"], row.values["kind"], source.pk)
        reader = RowReader(table, row.number, cells[row.number], errors)
        for column, code, extra in checks.problems(
            person_id=person.pk,
            year=row.values["year"],
            kind=row.values["kind"],
            source=source,
            successor=successor,
            reason=row.values["successor_reason"],
            given_on=row.values["given_on"],
        ):
            _error(reader, code, column, year=row.values["year"], **extra)


def _claims(
    table: Table, rows: list[Row], people: dict[str, Person], errors: list[RowError]
) -> None:
    """Initiatives: the award record each one supported, found among the person's awards."""
    wanted = [r for r in rows if r.used is not None]
    if not wanted:
        for row in rows:
            row.values["claimed_by"] = None
        return
    records: dict[tuple[int, str, int], AwardRecord] = {}
    for record in AwardRecord.objects.filter(
        person_id__in=[people[r.person].pk for r in wanted if r.person in people]
    ).select_related("title", "form"):
        records.setdefault((record.person_id or 0, record.distinction.code, record.year), record)
    cells = dict(table.rows)
    for row in rows:
        row.values["claimed_by"] = None
        if row.used is None or row.person not in people:
            continue
        found = records.get((people[row.person].pk, *row.used))
        if found is None:
            reader = RowReader(table, row.number, cells[row.number], errors)
            _error(reader, "no_award", "used_for", year=row.used[1])
        else:
            row.values["claimed_by"] = found


def import_inputs(
    kind: str,
    table: Table,
    *,
    actor: Any,
    writable_unit_ids: set[int] | None,
    dry_run: bool = False,
    note: str = "",
) -> ImportReport:
    """Create or update the records of `table` (a sheet of `kind`). InputError (UnmatchedTitles
    when names need mapping) and nothing written on any problem."""
    with transaction.atomic():
        names = NameIndex.load()
        rows, errors, unmatched = read_rows(kind, table, names)
        people, units = _resolve(table, rows, errors, writable_unit_ids)
        if kind == "initiatives":
            _claims(table, rows, people, errors)
        if kind == "transfer_comments":
            _comment_checks(table, rows, people, units, errors)
        if unmatched:
            raise UnmatchedTitles(errors=errors, names=unmatched)
        if errors:
            errors.sort(key=lambda e: e.row or 0)
            raise InputError(errors)
        return _apply(
            kind, rows, people, units, actor=actor, dry_run=dry_run, note=note, table=table
        )


def _subject(
    kind: str, row: Row, people: dict[str, Person], units: dict[str, Unit]
) -> dict[str, Any]:
    if row.person:
        return {"person": people[row.person]}
    if kind == "holds":
        return {"recipient_unit": units[row.collective]}
    return {}  # unit ratings and chain overrides: the owning unit is the subject


def _existing_key(kind: str, obj: Any) -> tuple[Any, ...]:
    subject = (
        ("p", obj.person_id) if getattr(obj, "person_id", None) else ("u", _unit_of(kind, obj))
    )
    if kind == "discipline":
        return (*subject, obj.decided_on, obj.level)
    if kind == "initiatives":
        return (*subject, name_key(obj.name))
    if kind in ("leave",):
        return (*subject, obj.kind, obj.start)
    if kind == "transfer_comments":
        return (*subject, obj.year, obj.kind, obj.source_unit_id)
    if kind == "holds":
        return (*subject, obj.kind, obj.opened_on)
    if kind == "unit_ratings":
        return (*subject, obj.year)
    return (*subject, obj.title_id, obj.year)


def _unit_of(kind: str, obj: Any) -> int:
    return int(obj.recipient_unit_id if kind == "holds" else obj.unit_id)


def _apply(
    kind: str,
    rows: list[Row],
    people: dict[str, Person],
    units: dict[str, Unit],
    *,
    actor: Any,
    dry_run: bool,
    note: str,
    table: Table,
) -> ImportReport:
    model = MODELS[kind]
    fields = audited_fields(kind)
    report = ImportReport(kind=kind, rows=len(table.rows), dry_run=dry_run, warnings=table.warnings)
    person_ids = [p.pk for p in people.values()]
    unit_ids = [u.pk for u in units.values()]
    manager: Any = model._default_manager
    if kind in ("unit_ratings", "chain"):
        existing_qs = manager.filter(unit_id__in=unit_ids)
    elif kind == "holds":
        existing_qs = manager.filter(
            models.Q(person_id__in=person_ids) | models.Q(recipient_unit_id__in=unit_ids)
        )
    else:
        existing_qs = manager.filter(person_id__in=person_ids)
    existing = {_existing_key(kind, obj): obj for obj in existing_qs}
    attnames = {f.name: f.attname for f in model._meta.concrete_fields} | {
        f.attname: f.attname for f in model._meta.concrete_fields
    }
    created: list[Any] = []
    changed: list[tuple[Any, dict[str, Any]]] = []
    for row in rows:
        subject = _subject(kind, row, people, units)
        owner = units[row.unit]
        subject_key = (
            ("p", people[row.person].pk) if row.person else ("u", units[row.collective].pk)
        )
        values = dict(row.values)
        if "note" in values:
            values["note"] = clean_text(values["note"])
        label = f"{row.person or row.collective} — {_label(kind, values)}"
        current = existing.get((*subject_key, *row.key))
        if current is None:
            obj: Any = model(unit=owner, **subject, **values)
            if kind == "chain":
                obj.decided_by = actor if getattr(actor, "is_authenticated", False) else None
            if kind == "transfer_comments":
                obj.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
            existing[(*subject_key, *row.key)] = obj
            created.append(obj)
            report.changes.append(Change(row.number, label, created=True))
            continue
        before = snapshot(current, fields)
        diff = {
            k: v
            for k, v in values.items()
            if getattr(current, attnames[k]) != (v.pk if isinstance(v, models.Model) else v)
        }
        if not diff:
            report.unchanged += 1
            continue
        for k, v in diff.items():
            setattr(current, k, v)
        if kind == "transfer_comments":
            current.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
        changed.append((current, before))
        report.changes.append(Change(row.number, label, created=False))
    report.created, report.updated = len(created), len(changed)
    if dry_run:
        return report
    manager.bulk_create(created)
    if changed:
        extra = ["recorded_by"] if kind == "transfer_comments" else []
        manager.bulk_update([o for o, _ in changed], [*rows[0].values, *extra])
    code = EVENT[kind]
    if created:
        record_events_bulk(
            f"{code}.created",
            actor=actor,
            targets=[(o, None, snapshot(o, fields)) for o in created],
            note=note,
        )
    if changed:
        record_events_bulk(
            f"{code}.updated",
            actor=actor,
            targets=[(o, before, snapshot(o, fields)) for o, before in changed],
            note=note,
        )
    return report


def _label(kind: str, values: dict[str, Any]) -> str:
    if kind == "initiatives":
        return str(values["name"])
    if kind in ("unit_ratings", "chain"):
        return str(values["year"])
    day = (
        values.get("decided_on")
        or values.get("start")
        or values.get("opened_on")
        or values.get("given_on")
    )
    return day.strftime("%d/%m/%Y") if isinstance(day, dt.date) else ""


def run_inputs_import(
    kind: str,
    *,
    data: bytes,
    filename: str,
    actor: Any,
    writable_unit_ids: set[int] | None,
    dry_run: bool = False,
) -> ImportReport:
    table = read_table(data, filename, FORMATS[kind])
    note = gettext("Imported from %(file)s") % {"file": filename}
    return import_inputs(
        kind, table, actor=actor, writable_unit_ids=writable_unit_ids, dry_run=dry_run, note=note
    )
