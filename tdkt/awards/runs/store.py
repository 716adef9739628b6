"""Writing a run once, set-based, and reading it back."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from functools import partial
from importlib import metadata
from itertools import islice
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from tdkt.awards.models_runs import (
    EligibilityRun,
    StoredInputs,
    StoredReasons,
    StoredVerdict,
    VerdictStatus,
)
from tdkt.awards.queries import sort_verdicts
from tdkt.awards.rules import Verdict, evaluate
from tdkt.awards.rules.base import Reason, Status
from tdkt.awards.rules.facts import Facts, PersonFacts, UnitFacts, load_facts
from tdkt.awards.runs.inputs import digest, reference_of, subject_inputs
from tdkt.awards.votes import apply_council_outcomes
from tdkt.core.audit import record_event
from tdkt.core.text import clean_text, search_key
from tdkt.org.models import Unit

BATCH = 2000  # rows per prepared INSERT (SQLite); PostgreSQL takes them all in one COPY
Key = tuple[str, int, str]  # (subject kind, subject id, title or form code)
SubjectKey = tuple[str, int]


def live_verdicts(
    *, year: int, unit_ids: set[int] | None, as_of: dt.date | None
) -> tuple[Facts, list[Verdict]]:
    """The verdict table's verdicts (engine, then council outcomes, table order) and the facts
    they came from."""
    facts = load_facts(year=year, unit_ids=unit_ids, as_of=as_of)
    verdicts = evaluate(facts)
    apply_council_outcomes(verdicts, year=year)
    sort_verdicts(verdicts)
    return facts, verdicts


def encode_value(value: Any) -> Any:
    """A reason parameter as JSON; `models_runs.decode_value` reads it back."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime):
        return {"date": value.date().isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, list | tuple):
        return [encode_value(v) for v in value]
    quoted = getattr(value, "reason", None)  # a "còn cần" item quoted by a council outcome
    if isinstance(quoted, Reason):
        return {"reason": _encode_reason(quoted)}
    return str(value)


def _encode_reason(reason: Reason) -> dict[str, Any]:
    return {
        "message": reason.message,
        "params": {k: encode_value(v) for k, v in reason.params.items()},
        "citation": reason.citation,
        "outcome": reason.outcome,
    }


class _ReasonBook:
    """The distinct reason lists of a run, each encoded and rendered (in Vietnamese) once.

    Rules share their fixed reasons (the same tuple for every verdict), so an item is looked
    up by identity first (the verdicts keep every reason alive while the run is written), then
    by its `repr`, which names the message, parameters, citation and outcome: equal reasons
    built apart share one stored item. (A parameter whose repr shows no content, such as a
    quoted "còn cần" item, is not merged with its equals; stored twice, it is still right.)"""

    def __init__(self) -> None:
        self.by_id: dict[int, tuple[str, dict[str, Any]]] = {}
        self.by_text: dict[str, tuple[str, dict[str, Any]]] = {}
        self.keys: dict[tuple[str, ...], int] = {}
        self.sets: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = []

    def _item(self, reason: Reason) -> tuple[str, dict[str, Any]]:
        found = self.by_id.get(id(reason))
        if found is not None:
            return found
        marker = repr(reason)
        found = self.by_text.get(marker)
        if found is None:
            item = {**_encode_reason(reason), "text": reason.text}
            found = self.by_text[marker] = (marker, item)
        self.by_id[id(reason)] = found
        return found

    def key(self, verdict: Verdict) -> int:
        reasons = [self._item(r) for r in verdict.reasons]
        remaining = [self._item(r) for r in verdict.remaining]
        signature = (*(m for m, _i in reasons), "|", *(m for m, _i in remaining))
        key = self.keys.get(signature)
        if key is None:
            key = self.keys[signature] = len(self.sets)
            self.sets.append(([i for _m, i in reasons], [i for _m, i in remaining]))
        return key


def _batches(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _subject_key(verdict: Verdict) -> SubjectKey:
    return (verdict.subject_kind, verdict.subject_id)


def _software() -> str:
    """The tdkt release that computed the run: a rule's code can change within a version."""
    try:
        return f"tdkt {metadata.version('tdkt')}"
    except metadata.PackageNotFoundError:  # a checkout that was never installed
        return "tdkt"


def _actor_label(actor: Any) -> str:
    if getattr(actor, "is_authenticated", False):
        return str(actor.get_full_name() or actor.get_username())[:200]
    return str(actor or "")[:200]


def save_run(
    *,
    year: int,
    unit: Unit | None,
    actor: Any,
    as_of: dt.date | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> EligibilityRun:
    """Freeze the verdicts of `unit` (with everything below it; None: the whole sector) for
    `year`, as the verdict table shows them now. The engine runs before the transaction, so a
    sector-wide save holds the write lock only while it writes."""
    facts, verdicts = live_verdicts(
        year=year, unit_ids=None if unit is None else {unit.pk}, as_of=as_of
    )
    return write_run(
        facts=facts,
        verdicts=verdicts,
        unit=unit,
        actor=actor,
        note=note,
        now=now or timezone.now(),
    )


@transaction.atomic
def write_run(
    *,
    facts: Facts,
    verdicts: Sequence[Verdict],
    unit: Unit | None,
    actor: Any,
    note: str,
    now: dt.datetime,
) -> EligibilityRun:
    counts = dict.fromkeys(VerdictStatus.values, 0)
    used: dict[tuple[str, str, str], dict[str, str]] = {}
    overridden = 0
    subjects: dict[SubjectKey, PersonFacts | UnitFacts] = {}
    for verdict in verdicts:
        counts[verdict.status.value] += 1
        overridden += verdict.override is not None
        head = (verdict.rule_id, verdict.rule_version, verdict.legal_basis)
        used.setdefault(head, {})[verdict.code] = verdict.name
        subjects.setdefault(_subject_key(verdict), verdict.subject)  # type: ignore[arg-type]
    reference = reference_of(facts)
    reference["software"] = _software()
    reference["used"] = [
        {
            "rule_id": r,
            "version": v,
            "legal_basis": b,
            "codes": list(entries),
            "names": list(entries.values()),
        }
        for (r, v, b), entries in sorted(used.items())
    ]
    run = EligibilityRun(
        unit=unit,
        scope_label=unit.name if unit is not None else str(gettext_lazy("the whole sector")),
        year=facts.year,
        as_of=facts.as_of,
        note=clean_text(note),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        created_by_label=_actor_label(actor),
        created_at=now,
        subjects=len(subjects),
        total=len(verdicts),
        count_pass=counts[Status.PASS],
        count_needs_review=counts[Status.REVIEW],
        count_fail=counts[Status.FAIL],
        count_deferred=counts[Status.DEFERRED],
        count_overridden=overridden,
        reference=reference,
    )
    run.full_clean()
    run.save()
    book = _ReasonBook()
    search: dict[SubjectKey, str] = {}
    with translation.override("vi"):  # the stored text is Vietnamese whoever saves it
        _insert(
            StoredVerdict,
            VERDICT_COLUMNS,
            (_row(run.pk, p, v, book.key(v), search) for p, v in enumerate(verdicts)),
        )
    _insert(
        StoredReasons,
        ("run", "key", "reasons", "remaining"),
        ((run.pk, key, reasons, remaining) for key, (reasons, remaining) in enumerate(book.sets)),
    )
    _insert(
        StoredInputs,
        ("run", "subject_kind", "subject_id", "digest", "data"),
        _inputs_rows(run.pk, subjects, facts),
    )
    record_event(
        "awards.eligibility_run.saved",
        actor=actor,
        target=run,
        after={
            "scope": run.scope_label,
            "year": run.year,
            "as_of": run.as_of.isoformat(),
            "note": run.note,
            "subjects": run.subjects,
            "verdicts": run.total,
            **{f"count_{k}": v for k, v in counts.items()},
            "rule_versions": [f"{u['rule_id']} {u['version']}" for u in reference["used"]],
        },
    )
    return run


VERDICT_COLUMNS = (
    "run",
    "position",
    "subject_kind",
    "subject_id",
    "subject_code",
    "subject_name",
    "search",
    "code",
    "name",
    "is_title",
    "status",
    "rule_id",
    "rule_version",
    "legal_basis",
    "as_of",
    "override_status",
    "override_reason",
    "override_reference",
    "override_by",
    "override_at",
    "reasons_key",
)


def _row(
    run_id: int, position: int, verdict: Verdict, key: int, search: dict[SubjectKey, str]
) -> tuple[Any, ...]:
    """A `StoredVerdict` row, in the order of VERDICT_COLUMNS."""
    override = verdict.override or ("", "", "", "", None)
    name, code = verdict.subject_name, verdict.subject_code
    subject = (verdict.subject_kind, verdict.subject_id)
    found = search.get(subject)
    if found is None:
        found = search[subject] = search_key(f"{name} {code}")[:400]
    return (
        run_id,
        position,
        verdict.subject_kind,
        verdict.subject_id,
        code[:60],
        name[:300],
        found,
        verdict.code,
        verdict.name[:200],
        verdict.is_title,
        verdict.status.value,
        verdict.rule_id,
        verdict.rule_version,
        verdict.legal_basis[:300],
        verdict.as_of,
        override[0],
        override[1],
        override[2],
        str(override[3])[:200],
        override[4],
        key,
    )


def _inputs_rows(
    run_id: int, subjects: dict[SubjectKey, PersonFacts | UnitFacts], facts: Facts
) -> Iterator[tuple[Any, ...]]:
    for (kind, pk), subject in subjects.items():
        data = subject_inputs(subject, facts)
        yield (run_id, kind, pk, digest(data), data)


def _insert(model: type[Model], columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """Write the rows as they are (no `save()`): COPY on PostgreSQL, and elsewhere one prepared
    INSERT per BATCH rows (`executemany`).

    `bulk_create` prepares each of a verdict's 21 values through its field in Python and, on
    SQLite, sends 47 rows per statement (999 parameters): 170 µs a verdict, ten times the
    engine; `executemany` on PostgreSQL composes each row's statement in Python. Values are
    adapted as the fields would: dates, date-times and JSON through the backend's adapters."""
    connection = connections[router.db_for_write(model)]
    concrete = {f.name: f for f in model._meta.concrete_fields}
    fields = [concrete[name] for name in columns]
    ops = connection.ops
    copy = connection.vendor == "postgresql"
    adapters: list[tuple[int, Callable[[Any], Any]]] = []
    for index, field in enumerate(fields):
        kind = field.get_internal_type()
        if kind == "JSONField":
            adapters.append(
                (index, _json_text if copy else partial(ops.adapt_json_value, encoder=None))
            )
        elif copy:
            continue  # COPY takes dates and aware date-times as they are
        elif kind == "DateField":
            adapters.append((index, ops.adapt_datefield_value))
        elif kind == "DateTimeField":
            adapters.append((index, ops.adapt_datetimefield_value))
    table = ops.quote_name(model._meta.db_table)
    names = ", ".join(ops.quote_name(f.get_attname_column()[1]) for f in fields)
    with connection.cursor() as cursor:
        if copy:
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as stream:
                for row in _adapted(rows, adapters):
                    stream.write_row(row)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
        for chunk in _batches(_adapted(rows, adapters)):
            cursor.executemany(sql, chunk)


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _adapted(
    rows: Iterable[tuple[Any, ...]], adapters: list[tuple[int, Callable[[Any], Any]]]
) -> Iterator[Sequence[Any]]:
    if not adapters:
        yield from rows
        return
    for row in rows:
        values = list(row)
        for index, adapt in adapters:
            values[index] = adapt(values[index])
        yield values


def with_reasons(run: EligibilityRun, verdicts: Iterable[StoredVerdict]) -> list[StoredVerdict]:
    """Attach each verdict's reasons (one query for the lot)."""
    verdicts = list(verdicts)
    keys = {v.reasons_key for v in verdicts}
    sets = {s.key: s for s in StoredReasons.objects.filter(run=run, key__in=keys)}
    for verdict in verdicts:
        verdict.reason_set = sets.get(verdict.reasons_key)
    return verdicts


def iter_with_reasons(
    run: EligibilityRun, verdicts: QuerySet[StoredVerdict]
) -> Iterator[StoredVerdict]:
    """Every verdict of a (filtered) run with its reasons, streamed: two queries, for an
    export of a whole sector."""
    sets = {s.key: s for s in StoredReasons.objects.filter(run=run)}
    for verdict in verdicts.iterator(chunk_size=BATCH):
        verdict.reason_set = sets.get(verdict.reasons_key)
        yield verdict


def filter_stored(
    verdicts: QuerySet[StoredVerdict], *, status: str = "", code: str = "", query: str = ""
) -> QuerySet[StoredVerdict]:
    """The verdict table's filters, in the database."""
    if status:
        verdicts = verdicts.filter(status=status)
    if code:
        verdicts = verdicts.filter(code=code)
    for word in search_key(query).split():
        verdicts = verdicts.filter(search__contains=word)
    return verdicts


def latest_stored_for_person(
    person_id: int, *, year: int, runs: QuerySet[EligibilityRun]
) -> tuple[EligibilityRun | None, list[StoredVerdict]]:
    """The person's verdicts in the latest of `runs` of `year` that holds them."""
    run = (
        runs.filter(
            year=year,
            pk__in=StoredVerdict.objects.filter(subject_kind="person", subject_id=person_id).values(
                "run_id"
            ),
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if run is None:
        return None, []
    rows = StoredVerdict.objects.filter(run=run, subject_kind="person", subject_id=person_id)
    return run, with_reasons(run, rows.order_by("position"))
