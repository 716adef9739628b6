"""Importing award history and ratings: every row checked, nothing written unless the whole
file is clean, one transaction, audited in bulk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from tdkt.awards.io.columns import HISTORY, RATINGS, TYPES, YES_NO
from tdkt.awards.io.names import NameIndex, Target, name_key
from tdkt.awards.models import AwardRecord, CommendationForm, EmulationTitle, PersonRating
from tdkt.awards.revocation import revoke_imported
from tdkt.core.audit import record_events_bulk, snapshot
from tdkt.core.errors import InputError, RowError
from tdkt.org.io.base import Change, ImportReport, RowReader
from tdkt.org.io.reading import Table, read_table
from tdkt.org.models import Person, Unit

MESSAGES = {
    "year": gettext_noop(
        "Row %(row)s, column “%(column)s”: expected an emulation year such as 2025, got "
        "“%(value)s”."
    ),
    "name_mismatch": gettext_noop(
        "Row %(row)s, column “%(column)s”: the registry names this person “%(name)s”, got "
        "“%(value)s”."
    ),
    "rating_conflict": gettext_noop(
        "Row %(row)s, column “%(column)s”: row %(first)s gives another rating for the same "
        "person and year, got “%(value)s”."
    ),
    "duplicate_award": gettext_noop(
        "Row %(row)s, column “%(column)s”: the same title or form for the same person and year "
        "is already in row %(first)s."
    ),
    "empty_row": gettext_noop(
        "Row %(row)s, column “%(column)s”: a row needs a rating, a title or form, or both."
    ),
    "unrevoke": gettext_noop(
        "Row %(row)s, column “%(column)s”: this award was revoked (%(decision)s) and an import "
        "does not undo a revocation; expected “Có”, got “%(value)s”."
    ),
}


@dataclass
class HistoryReport(ImportReport):
    """The report of a history import, with the awards it revoked and, for each, the later
    awards that counted them and now need review (GEN-11)."""

    revoked: list[str] = field(default_factory=list)
    # (award id, None on a check-only run; the award; the revoked award it counted)
    flagged: list[tuple[int | None, str, str]] = field(default_factory=list)


@dataclass
class UnmatchedNames(InputError):  # noqa: N818  (an InputError, named for what it lists)
    """Title or form names the catalogue did not recognise: name as written → rows."""

    names: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Row:
    number: int
    person_code: str
    full_name: str
    unit_code: str
    year: int
    rating: str
    rating_text: str
    target: Target | None
    values: dict[str, Any]
    recruited_on: dt.date | None


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


def read_rows(
    table: Table, names: NameIndex
) -> tuple[list[Row], list[RowError], dict[str, list[int]]]:
    errors: list[RowError] = []
    unmatched: dict[str, list[int]] = {}
    rows: list[Row] = []
    for number, cells in table.rows:
        reader = RowReader(table, number, cells, errors)
        person = reader.text("person", limit=40, required=True)
        full_name = reader.text("full_name", limit=200)
        unit = reader.text("unit", limit=40, required=True)
        raw_year = reader.text("year", limit=10, required=True)
        year = int(raw_year) if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100 else 0
        if raw_year and not year:
            _error(reader, "year", "year")
        rating = reader.choice("rating", RATINGS) or ""
        written = reader.text("distinction", limit=200)
        target = names.match(written) if written else None
        if written and target is None:
            unmatched.setdefault(written, []).append(number)
            reader.ok = False
        if not rating and not written and reader.ok:
            _error(reader, "empty_row", "rating", value="")
        values: dict[str, Any] = {
            "commendation_type": reader.choice("commendation_type", TYPES) or TYPES.blank,
            "decision_number": reader.text("decision_number", limit=60),
            "decision_date": reader.date("decision_date"),
            "issuer": reader.text("issuer", limit=200),
        }
        if reader.has("revoked"):  # without the column, what is recorded stays as it is
            revoked = reader.choice("revoked", YES_NO)
            values["revoked"] = bool(revoked)
        recruited = reader.date("recruited_on")
        if reader.ok:
            rows.append(
                Row(
                    number,
                    person,
                    full_name,
                    unit,
                    year,
                    rating,
                    reader.raw("rating"),
                    target,
                    values,
                    recruited,
                )
            )
    return rows, errors, unmatched


def _check_duplicates(table: Table, rows: list[Row], errors: list[RowError]) -> None:
    ratings: dict[tuple[str, int], tuple[int, str]] = {}
    awards: dict[tuple[str, int, str], int] = {}
    cells = dict(table.rows)
    for row in rows:
        reader = RowReader(table, row.number, cells[row.number], errors)
        if row.rating:
            first = ratings.setdefault((row.person_code, row.year), (row.number, row.rating))
            if first[1] != row.rating:
                _error(reader, "rating_conflict", "rating", first=first[0])
        if row.target is not None:
            key = (row.person_code, row.year, row.target.code)
            first_row = awards.setdefault(key, row.number)
            if first_row != row.number:
                _error(reader, "duplicate_award", "distinction", first=first_row)


def _check_unrevoking(table: Table, rows: list[Row], errors: list[RowError]) -> None:
    """An award revoked with a revocation record is not made valid again by a file (one
    query for the file)."""
    keys = {
        (r.person_code, r.year, r.target.code)
        for r in rows
        if r.target is not None and r.values.get("revoked") is False
    }
    if not keys:
        return
    revoked = {
        (person, year, title or form): (number, day)
        for person, year, title, form, number, day in AwardRecord.objects.filter(
            person__code__in={k[0] for k in keys}, revoked=True, revocation__isnull=False
        ).values_list(
            "person__code",
            "year",
            "title__code",
            "form__code",
            "revocation__decision_number",
            "revocation__decision_date",
        )
    }
    cells = dict(table.rows)
    for row in rows:
        if row.target is None or row.values.get("revoked") is not False:
            continue
        found = revoked.get((row.person_code, row.year, row.target.code))
        if found is None:
            continue
        number, day = found
        decision = " ".join(p for p in (number, f"{day:%d/%m/%Y}" if day else "") if p)
        _error(
            RowReader(table, row.number, cells[row.number], errors),
            "unrevoke",
            "revoked",
            decision=decision or gettext("history import"),
        )


def import_history(
    table: Table,
    *,
    actor: Any,
    writable_unit_ids: set[int] | None,
    dry_run: bool = False,
    note: str = "",
) -> HistoryReport:
    """Create or update the ratings and award records of `table`. InputError (UnmatchedNames
    when names need mapping) and nothing written on any problem."""
    with transaction.atomic():
        names = NameIndex.load()
        rows, errors, unmatched = read_rows(table, names)
        _check_duplicates(table, rows, errors)
        people = {p.code: p for p in Person.objects.filter(code__in={r.person_code for r in rows})}
        units = {u.code: u for u in Unit.objects.filter(code__in={r.unit_code for r in rows})}
        cells = dict(table.rows)
        from tdkt.org.io.messages import row_error

        for row in rows:
            reader = RowReader(table, row.number, cells[row.number], errors)
            person = people.get(row.person_code)
            unit = units.get(row.unit_code)
            if person is None:
                errors.append(
                    row_error(
                        "unknown_person",
                        row=row.number,
                        column=reader.header("person"),
                        value=row.person_code,
                    )
                )
            elif row.full_name and name_key(row.full_name) != name_key(person.full_name):
                _error(reader, "name_mismatch", "full_name", name=person.full_name)
            if unit is None:
                errors.append(
                    row_error(
                        "unknown_unit",
                        row=row.number,
                        column=reader.header("unit"),
                        value=row.unit_code,
                    )
                )
            elif writable_unit_ids is not None and unit.pk not in writable_unit_ids:
                errors.append(
                    row_error(
                        "unit_permission",
                        row=row.number,
                        column=reader.header("unit"),
                        value=unit.name,
                    )
                )
        _check_unrevoking(table, rows, errors)
        if unmatched:
            raise UnmatchedNames(errors=errors, names=unmatched)
        if errors:
            errors.sort(key=lambda e: e.row or 0)
            raise InputError(errors)
        return _apply(
            rows,
            people,
            units,
            actor=actor,
            dry_run=dry_run,
            note=note,
            warnings=table.warnings,
            total=len(table.rows),
        )


def _apply(
    rows: list[Row],
    people: dict[str, Person],
    units: dict[str, Unit],
    *,
    actor: Any,
    dry_run: bool,
    note: str,
    warnings: list[str],
    total: int,
) -> HistoryReport:
    report = HistoryReport(kind=HISTORY.kind, rows=total, dry_run=dry_run, warnings=warnings)
    person_ids = [p.pk for p in people.values()]
    # the related rows the audit texts read, loaded with the rows (no query per row)
    ratings = {
        (r.person_id, r.year): r
        for r in PersonRating.objects.filter(person_id__in=person_ids).select_related("person")
    }
    awards = {
        (a.person_id, a.year, (a.title or a.form).code): a  # type: ignore[union-attr]
        for a in AwardRecord.objects.filter(person_id__in=person_ids).select_related(
            "title", "form", "person", "recipient_unit"
        )
    }
    titles = EmulationTitle.objects.in_bulk()
    forms = CommendationForm.objects.in_bulk()
    new_ratings: list[PersonRating] = []
    changed_ratings: list[tuple[PersonRating, dict[str, Any]]] = []
    new_awards: list[AwardRecord] = []
    changed_awards: list[tuple[AwardRecord, dict[str, Any]]] = []
    revoked: list[tuple[AwardRecord, str, str]] = []  # newly revoked: award, code, label
    for row in rows:
        person, unit = people[row.person_code], units[row.unit_code]
        label = f"{person.code} — {person.full_name} — {row.year}"
        touched = False
        if row.rating:
            current = ratings.get((person.pk, row.year))
            if current is None:
                rating = PersonRating(
                    unit=unit,
                    person=person,
                    year=row.year,
                    rating=row.rating,
                    original_text=row.rating_text,
                )
                ratings[(person.pk, row.year)] = rating
                new_ratings.append(rating)
                report.changes.append(Change(row.number, label, created=True))
                touched = True
            elif current.rating != row.rating:
                before = snapshot(current, PersonRating.AUDITED_FIELDS)
                current.rating, current.original_text = row.rating, row.rating_text
                changed_ratings.append((current, before))
                report.changes.append(Change(row.number, label, created=False))
                touched = True
        if row.target is not None:
            key = (person.pk, row.year, row.target.code)
            existing = awards.get(key)
            target_field: dict[str, Any] = (
                {"title": titles[row.target.pk]}
                if row.target.is_title
                else {"form": forms[row.target.pk]}
            )
            if existing is None:
                record = AwardRecord(
                    unit=unit, person=person, year=row.year, **target_field, **row.values
                )
                awards[key] = record
                new_awards.append(record)
                if record.revoked:
                    revoked.append((record, row.target.code, f"{label} — {row.target.name}"))
                report.changes.append(
                    Change(row.number, f"{label} — {row.target.name}", created=True)
                )
                touched = True
            else:
                before = snapshot(existing, AwardRecord.AUDITED_FIELDS)
                diff = {k: v for k, v in row.values.items() if getattr(existing, k) != v}
                if diff:
                    for k, v in diff.items():
                        setattr(existing, k, v)
                    if diff.get("revoked") is True:
                        revoked.append((existing, row.target.code, f"{label} — {row.target.name}"))
                    changed_awards.append((existing, before))
                    report.changes.append(
                        Change(row.number, f"{label} — {row.target.name}", created=False)
                    )
                    touched = True
        if not touched:
            report.unchanged += 1
    report.created = len(new_ratings) + len(new_awards)
    report.updated = len(changed_ratings) + len(changed_awards)
    if dry_run and not revoked:
        return report
    # A check-only run that revokes writes in a savepoint, rolled back, to list the cascade.
    savepoint = transaction.savepoint() if dry_run else None
    PersonRating.objects.bulk_create(new_ratings)
    AwardRecord.objects.bulk_create(new_awards)
    if changed_ratings:
        PersonRating.objects.bulk_update(
            [r for r, _ in changed_ratings], ["rating", "original_text"]
        )
    if changed_awards:
        AwardRecord.objects.bulk_update([a for a, _ in changed_awards], list(HISTORY_AWARD_FIELDS))
    for code, created, changed, fields in (
        ("awards.rating.created", new_ratings, changed_ratings, PersonRating.AUDITED_FIELDS),
        ("awards.record.created", new_awards, changed_awards, AwardRecord.AUDITED_FIELDS),
    ):
        if created:
            record_events_bulk(
                code,
                actor=actor,
                targets=[(o, None, snapshot(o, fields)) for o in created],
                note=note,
            )
        if changed:
            record_events_bulk(
                code.replace("created", "updated"),
                actor=actor,
                targets=[(o, before, snapshot(o, fields)) for o, before in changed],
                note=note,
            )
    if revoked:
        flags = revoke_imported(awards=[(a, c) for a, c, _l in revoked], actor=actor, note=note)
        report.revoked = [label for _a, _c, label in revoked]
        report.flagged = [
            (None if dry_run else f.award_id, str(f.award), str(f.cause.award)) for f in flags
        ]
    if savepoint is not None:
        transaction.savepoint_rollback(savepoint)
    return report


HISTORY_AWARD_FIELDS = (
    "commendation_type",
    "decision_number",
    "decision_date",
    "issuer",
    "revoked",
)


def run_history_import(
    *,
    data: bytes,
    filename: str,
    actor: Any,
    writable_unit_ids: set[int] | None,
    dry_run: bool = False,
) -> HistoryReport:
    table = read_table(data, filename, HISTORY)
    note = gettext("Imported from %(file)s") % {"file": filename}
    return import_history(
        table, actor=actor, writable_unit_ids=writable_unit_ids, dry_run=dry_run, note=note
    )


def save_mappings(*, choices: dict[str, tuple[bool, int]], actor: Any) -> int:
    """Keep the user's mapping of each unmatched name (written → title or form)."""
    from tdkt.awards.models import NameMapping
    from tdkt.core.audit import record_event

    count = 0
    with transaction.atomic():
        for written, (is_title, pk) in choices.items():
            mapping, created = NameMapping.objects.update_or_create(
                key=name_key(written),
                defaults={
                    "written": written,
                    "title_id": pk if is_title else None,
                    "form_id": None if is_title else pk,
                    "created_by": actor if getattr(actor, "is_authenticated", False) else None,
                },
            )
            record_event(
                "awards.name_mapping.created",
                actor=actor,
                target=mapping,
                after={"written": written, "target": str(mapping.title or mapping.form)},
            )
            count += int(created) or 1
    return count
