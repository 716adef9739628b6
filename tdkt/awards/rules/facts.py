"""The facts a run needs, read set-based: one query per table for the whole scope, then held in
memory by subject. Rules never touch the database.

`Facts` can also be built from a workbook (`tdkt eligibility --input`), so the same rules check
a file before it is imported.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict, deque
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connections, models
from django.db.models import Case, F, When

from tdkt.awards.models import (
    AwardRecord,
    ChainOverride,
    CommendationForm,
    Discipline,
    EmulationTitle,
    Hold,
    Initiative,
    Leave,
    Parameter,
    PersonRating,
    RuleVersion,
    UnitRating,
    VerdictOverride,
)
from tdkt.awards.rules.employment import ServiceFacts, load_service_facts
from tdkt.org.models import ClusterMembership, Employment, Organisation, Unit
from tdkt.org.queries import LineageIndex, UnitTree

HISTORY_YEARS = 12  # the longest look-back of any rule, with room (BK TTg: 5 years + a prior BK)


class AwardFact(NamedTuple):
    """A conferred title or form; a tuple, since a national run reads about a million."""

    pk: int
    code: str
    year: int
    commendation_type: str
    decision_date: dt.date | None
    revoked: bool
    decision_number: str = ""


@dataclass(frozen=True, slots=True)
class InitiativeFact:
    pk: int
    name: str
    kind: str
    scope: str
    year: int
    claimed_by: int | None  # the award record that used it


@dataclass(frozen=True, slots=True)
class HoldFact:
    kind: str
    opened_on: dt.date
    closed_on: dt.date | None
    source: str

    def open_on(self, day: dt.date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or day < self.closed_on)


@dataclass(slots=True)
class PersonFacts:
    pk: int
    code: str
    name: str
    unit_id: int
    recruited_on: dt.date | None
    is_judge: bool = False
    ratings: dict[int, tuple[str, Decimal | None]] = field(default_factory=dict)
    awards: dict[str, dict[int, AwardFact]] = field(default_factory=dict)  # code → year → award
    revoked: list[AwardFact] = field(default_factory=list)
    other_awards: list[AwardFact] = field(default_factory=list)  # a second award, same code/year
    disciplines: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    initiatives: list[InitiativeFact] = field(default_factory=list)
    holds: list[HoldFact] = field(default_factory=list)
    leaves: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    current: dict[str, str] = field(default_factory=dict)  # this round's verdicts, by code
    service: ServiceFacts | None = None  # moves and other units' comments (IND-05)

    def has(self, code: str, year: int) -> bool:
        return year in self.awards.get(code, ())


@dataclass(slots=True)
class Members:
    """What the collective rules know of a unit's members, gathered by the engine from each
    part of the people once its verdicts are in (`collective.gather`), so that no person's
    facts need wait for the units."""

    count: int = 0
    # (new staff: recruited less than 6 months before the end of the year (U-16), then for
    # each of `collective.MEMBER_TITLES` held or met this round: True, False or None) → members
    kinds: dict[tuple[bool | None, ...], int] = field(default_factory=dict)
    below: int = 0  # rated below "completed"
    below_names: list[str] = field(default_factory=list)  # the first ten, in member order
    unrated: int = 0
    unrated_names: list[str] = field(default_factory=list)  # the first ten
    warned: list[str] = field(default_factory=list)  # cảnh cáo or above decided in the year


@dataclass(slots=True)
class UnitFacts:
    pk: int
    code: str
    name: str
    level: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    ratings: dict[int, tuple[str, str]] = field(default_factory=dict)
    awards: dict[str, dict[int, AwardFact]] = field(default_factory=dict)
    revoked: list[AwardFact] = field(default_factory=list)
    holds: list[HoldFact] = field(default_factory=list)
    members: list[int] = field(default_factory=list)  # person ids in the year (unit and below)
    cluster_size: int = 0  # units of its cluster in the year; 0 = no cluster
    seen: Members = field(default_factory=Members)  # what the engine gathered of the members
    current: dict[str, str] = field(default_factory=dict)  # this round's verdicts, by code

    def has(self, code: str, year: int) -> bool:
        return year in self.awards.get(code, ())


@dataclass(frozen=True, slots=True)
class Param:
    value: str
    legal_basis: str
    firm: bool
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass(frozen=True, slots=True)
class RuleRow:
    rule_id: str
    version: str
    valid_from: dt.date
    valid_to: dt.date | None
    legal_basis: str
    firm: bool


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    name: str
    short_name: str
    is_title: bool
    subject: str
    rule: str
    period_years: int
    rank: int
    valid_from: dt.date | None
    valid_to: dt.date | None

    def in_force(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass
class Facts:
    year: int
    as_of: dt.date
    start: dt.date
    end: dt.date
    people: dict[int, PersonFacts] = field(default_factory=dict)
    units: dict[int, UnitFacts] = field(default_factory=dict)
    params: dict[tuple[str, str], list[Param]] = field(default_factory=dict)
    rules: dict[str, list[RuleRow]] = field(default_factory=dict)
    catalogue: list[Entry] = field(default_factory=list)
    # the catalogue's ids → codes (award rows name their title or form by id)
    title_codes: dict[int, str] = field(default_factory=dict)
    form_codes: dict[int, str] = field(default_factory=dict)
    lineage: LineageIndex = field(default_factory=LineageIndex)
    history_units: dict[int, UnitFacts] = field(default_factory=dict)  # predecessors
    overrides: dict[tuple[int, str, int], tuple[bool, str, str]] = field(default_factory=dict)
    # a named user's verdict for ("p" or "u", subject id, code): status, reason, reference, by, at
    decisions: dict[tuple[str, int, str], tuple[str, str, str, str, Any]] = field(
        default_factory=dict
    )
    year_bounds: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)
    # the first and last person id of the part of the people `people` holds (`load_parts`);
    # None: every person of the run (and `UnitFacts.members` in any order)
    part: tuple[int, int] | None = None
    _params_on: dict[tuple[str, dt.date, str], Param | None] = field(default_factory=dict)

    def bounds(self, year: int) -> tuple[dt.date, dt.date]:
        found = self.year_bounds.get(year)
        if found is None:
            shift = self.year - year
            found = (_years_back(self.start, shift), _years_back(self.end, shift))
            self.year_bounds[year] = found
        return found

    def param(self, key: str, day: dt.date, scope: str = "") -> Param | None:
        memo = (key, day, scope)
        if memo in self._params_on:
            return self._params_on[memo]
        found = next(
            (
                row
                for row in self.params.get((key, scope), ())
                if row.valid_from <= day and (row.valid_to is None or day <= row.valid_to)
            ),
            None,
        )
        self._params_on[memo] = found
        return found

    def rule_versions(self, rule_id: str, start: dt.date, end: dt.date) -> list[RuleRow]:
        """The versions of a rule in force at some point of [start, end]."""
        return [
            r
            for r in self.rules.get(rule_id, ())
            if r.valid_from <= end and (r.valid_to is None or start <= r.valid_to)
        ]


def _years_back(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29/02
        return day.replace(year=day.year - years, day=28)


BATCH = 10_000  # rows converted to Python at a time: a national run reads ten million
CHUNK = 20_000  # people per part of a run read in parts (`load_parts`)


def _raw(queryset: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of a `values_list` queryset straight from the cursor, without Django's
    per-value converters (the big tables: a few million values in a national run), a batch
    at a time, so only one batch of row tuples is alive beside the facts built from them.

    On PostgreSQL the rows are streamed (libpq's chunked mode): the server scans and sends
    while Python builds the facts, on another core, instead of the whole result being awaited
    first."""
    sql, params = queryset.query.sql_with_params()
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            yield from cursor.cursor.stream(sql, params, size=BATCH)
            return
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(BATCH):
            yield from rows


def _day(value: Any) -> dt.date | None:
    """SQLite hands dates back as text; PostgreSQL as dates."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def default_as_of(year: int, org: Organisation | None = None) -> dt.date:
    """The council session date assumed when none is given: the day after the year ends."""
    org = org or Organisation.current()
    return org.year_bounds(year)[1] + dt.timedelta(days=1)


def load_reference_facts(facts: Facts) -> None:
    """Catalogue, rule versions and parameters: three small tables."""
    for key, scope, value, start, end, basis, confidence, by, on in Parameter.objects.values_list(
        "key",
        "scope",
        "value",
        "valid_from",
        "valid_to",
        "legal_basis",
        "confidence",
        "confirmed_by",
        "confirmed_on",
    ):
        firm = confidence == "C" or bool(by and on)
        facts.params.setdefault((key, scope), []).append(Param(value, basis, firm, start, end))
    for rule_id, version, start, end, basis, confidence, by, on in RuleVersion.objects.values_list(
        "rule_id",
        "version",
        "valid_from",
        "valid_to",
        "legal_basis",
        "confidence",
        "confirmed_by",
        "confirmed_on",
    ):
        firm = confidence == "C" or bool(by and on)
        facts.rules.setdefault(rule_id, []).append(
            RuleRow(rule_id, version, start, end, basis, firm)
        )
    for rows in facts.rules.values():
        rows.sort(key=lambda r: r.valid_from)
    for model, is_title in ((EmulationTitle, True), (CommendationForm, False)):
        entries = model.objects.values_list(
            "pk",
            "code",
            "name",
            "short_name",
            "subject",
            "rule",
            "period_years",
            "rank",
            "valid_from",
            "valid_to",
        )
        codes = facts.title_codes if is_title else facts.form_codes
        for pk, code, name, short, subject, rule, period, rank, first, last in entries:
            facts.catalogue.append(
                Entry(code, name, short, is_title, subject, rule, period, rank, first, last)
            )
            codes[pk] = code


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: a run builds millions of small objects (none in a
    cycle), which it would scan again and again. The first allocation after it resumes scans
    what was made meanwhile and is still alive: `load_facts` and `evaluate` resume it as their
    last step instead, so that the collector, paused again by the next, never scans the facts
    between them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_facts(
    *,
    year: int,
    unit_ids: set[int] | None,
    as_of: dt.date | None = None,
    person_id: int | None = None,
) -> Facts:
    """Everything the rules need for `year` and the units `unit_ids` (None: the whole sector,
    else these units and everything below them), every person at once: a unit's or a person's
    page, an export of a scope. A run over the whole sector reads it in parts (`load_parts`)."""
    collecting = gc.isenabled()  # not `paused_gc()`: nothing may be allocated once it resumes
    gc.disable()
    try:
        parts = _load(year=year, unit_ids=unit_ids, as_of=as_of, person_id=person_id, chunk=None)
        facts = next(parts)
        parts.close()
        return facts
    finally:
        if collecting:
            gc.enable()


def load_parts(
    *, year: int, unit_ids: set[int] | None, as_of: dt.date | None = None, chunk: int | None = None
) -> Iterator[Facts]:
    """The facts of `load_facts`, the people a part at a time (`evaluate_parts` turns them into
    the same verdicts): one `Facts` whose units, history and reference are read once, and whose
    `people` holds each part of `chunk` people in turn (by id; `part` names the first and the
    last), the previous part's dropped. A table keyed by person is read once per part, for the
    part's ids; with `chunk` (default `CHUNK`) or fewer people there is one part and the
    queries of `load_facts`."""
    yield from _load(
        year=year, unit_ids=unit_ids, as_of=as_of, person_id=None, chunk=chunk or CHUNK
    )


def _load(
    *,
    year: int,
    unit_ids: set[int] | None,
    as_of: dt.date | None,
    person_id: int | None,
    chunk: int | None,
) -> Generator[Facts, None, None]:
    """The frame (reference, units and what is keyed by unit) first, then the people's tables a
    part at a time (`chunk` people; None: all). A table keyed by person belongs in the loop
    over the parts, filtered by `person_filter` and the part's `in_part`."""
    only_person = person_id  # the loops below reuse the name person_id
    org = Organisation.current()
    start, end = org.year_bounds(year)
    facts = Facts(year=year, as_of=as_of or end + dt.timedelta(days=1), start=start, end=end)
    load_reference_facts(facts)
    facts.lineage = LineageIndex.load()
    first_year = year - HISTORY_YEARS

    units = Unit.objects.all()
    if unit_ids is not None:
        scope = UnitTree.load().descendant_ids(unit_ids)
        units = units.filter(pk__in=scope)
    else:
        scope = None
    tree_children: dict[int, list[int]] = defaultdict(list)
    for pk, code, name, level, parent_id, valid_from, valid_to in units.values_list(
        "pk", "code", "name", "level", "parent_id", "valid_from", "valid_to"
    ):
        if parent_id is not None and level == "department":
            # A collective's members are its own staff and its internal departments' staff;
            # courts below it (district, regional) are collectives of their own.
            tree_children[parent_id].append(pk)
        in_year = (valid_from is None or valid_from <= end) and (
            valid_to is None or start <= valid_to
        )
        if in_year and only_person is None:  # one person's page evaluates no collective
            facts.units[pk] = UnitFacts(pk, code, name, level, valid_from, valid_to)

    employments = Employment.objects.filter(start__lte=end).exclude(end__lt=start)
    if scope is not None:
        employments = employments.filter(unit_id__in=scope)
    if only_person is not None:
        employments = employments.filter(person_id=only_person)
    direct_members: dict[int, set[int]] = defaultdict(set)
    # Each person's employments in the year, in order (the latest names the unit), cut into
    # parts of `chunk` people; the people's facts are built part by part below.
    parts: deque[list[tuple[Any, ...]]] = deque([[]])
    rows = parts[0]
    count, last = 0, -1
    for row in _raw(
        employments.order_by("person_id", "start", "pk").values_list(
            "person_id",
            "unit_id",
            "is_judge",
            "person__code",
            "person__full_name",
            "person__recruited_on",
        )
    ):
        person_id = row[0]
        if person_id != last:
            if count == chunk:
                rows = []
                parts.append(rows)
                count = 0
            count += 1
            last = person_id
        rows.append(row)
        direct_members[row[1]].add(person_id)
    scoped = None if scope is None and only_person is None else employments
    # who moved in the year (IND-05): given to their PersonFacts part by part, below
    services = load_service_facts(facts, scoped, direct_members)
    for unit in facts.units.values():
        members: set[int] = set()
        stack = [unit.pk]
        while stack:
            current = stack.pop()
            members |= direct_members.get(current, set())
            stack.extend(tree_children.get(current, ()))
        unit.members = sorted(members)
    del direct_members

    person_filter: dict[str, object] = (
        {}
        if scope is None and only_person is None
        else {"person_id__in": employments.values("person_id")}
    )

    # Predecessor units (for lineage chains): their awards and ratings are read with the rest.
    predecessor_ids = facts.lineage.predecessor_ids(facts.units) if facts.units else set()
    extra_units = predecessor_ids - set(facts.units)
    for pk, code, name, level, valid_from, valid_to in Unit.objects.filter(
        pk__in=extra_units
    ).values_list("pk", "code", "name", "level", "valid_from", "valid_to"):
        facts.history_units[pk] = UnitFacts(pk, code, name, level, valid_from, valid_to)
    all_units = {**facts.history_units, **facts.units}

    unit_filter: dict[str, object] = (
        {"unit_id__in": []}
        if only_person is not None
        else {}
        if scope is None
        else {"unit_id__in": [*scope, *extra_units]}
    )
    for unit_id, y, rating, source in UnitRating.objects.filter(
        year__gte=first_year, year__lte=year, **unit_filter
    ).values_list("unit_id", "year", "rating", "source"):
        if (u := all_units.get(unit_id)) is not None:
            u.ratings[y] = (rating, source)

    # No ORDER BY (the model's would sort ten million rows before the first is sent).
    awards = AwardRecord.objects.filter(year__gte=first_year, year__lte=year).order_by()
    if only_person is not None:
        awards = awards.filter(person_id=only_person)
    elif scope is not None:
        awards = awards.filter(unit_id__in=[*scope, *extra_units])
    title_codes, form_codes = facts.title_codes, facts.form_codes
    # Only forms need their decision date (FORM-03 orders a Bằng khen against a window); a
    # title's is left out, which spares a date conversion on most of the rows.
    form_date = Case(
        When(form_id__isnull=False, then=F("decision_date")),
        default=None,
        output_field=models.DateField(),
    )
    award_columns = (
        "pk",
        "title_id",
        "form_id",
        "year",
        "commendation_type",
        "form_date",
        "revoked",
    )
    fact_of = tuple.__new__  # AwardFact(...) without the NamedTuple's Python-level __new__

    def add_awards(rows: Iterator[tuple[Any, ...]], get: Any) -> None:
        """Award rows (holder id first, then `award_columns`), in any order, onto their
        holders (rules read them by code and year, never in the order read)."""
        for row in rows:
            holder_id, pk, title_id, form_id, y, kind, decided, revoked = row
            holder: PersonFacts | UnitFacts | None = get(holder_id)
            if holder is None:
                continue
            code = title_codes[title_id] if title_id is not None else form_codes[form_id]
            fact: AwardFact = fact_of(
                AwardFact,
                (pk, code, y, kind, _day(decided) if decided else None, bool(revoked), ""),
            )
            if revoked:
                holder.revoked.append(fact)
                continue
            by_year = holder.awards.get(code)
            if by_year is None:
                holder.awards[code] = {y: fact}
            elif y in by_year:  # the first recorded counts; a person keeps the other aside
                first = by_year[y]
                if pk < first.pk:
                    by_year[y], fact = fact, first
                if isinstance(holder, PersonFacts):
                    holder.other_awards.append(fact)
            else:
                by_year[y] = fact

    if only_person is None:  # a unit's awards: held by the unit, no person named
        add_awards(
            _raw(
                awards.filter(person_id__isnull=True)
                .annotate(form_date=form_date)
                .values_list("recipient_unit_id", *award_columns)
            ),
            all_units.get,
        )

    holds = Hold.objects.filter(opened_on__lte=facts.as_of).exclude(closed_on__lte=facts.as_of)
    if only_person is not None:
        holds = holds.filter(person_id=only_person)
    elif scope is not None:
        holds = holds.filter(unit_id__in=scope)
    if only_person is None:
        for unit_id, kind, opened, closed, source in holds.filter(
            person_id__isnull=True
        ).values_list("recipient_unit_id", "kind", "opened_on", "closed_on", "source_document"):
            if (u := facts.units.get(unit_id)) is not None:
                u.holds.append(HoldFact(kind, opened, closed, source))

    memberships = ClusterMembership.objects.filter(term__year=year)
    sizes: dict[int, int] = defaultdict(int)
    unit_terms: dict[int, int] = {}
    for term_id, unit_id in memberships.values_list("term_id", "unit_id"):
        sizes[term_id] += 1
        unit_terms[unit_id] = term_id
    for unit_id, term_id in unit_terms.items():
        if (u := facts.units.get(unit_id)) is not None:
            u.cluster_size = sizes[term_id]

    decided = VerdictOverride.objects.filter(year=year)
    if only_person is not None:
        decided = decided.filter(person_id=only_person)
    elif scope is not None:
        decided = decided.filter(unit_id__in=scope)
    for person_id, unit_id, code, status, reason, reference, by, at in decided.values_list(
        "person_id",
        "recipient_unit_id",
        "code",
        "status",
        "reason",
        "reference",
        "decided_by__username",
        "decided_at",
    ):
        key = ("p", person_id, code) if person_id is not None else ("u", unit_id, code)
        facts.decisions[key] = (status, reason, reference, by or "", at)
    for unit_id, code, y, held, reason, reference in ChainOverride.objects.filter(
        year__gte=first_year, **({} if scope is None else {"unit_id__in": scope})
    ).values_list("unit_id", "title__code", "year", "held", "reason", "reference"):
        facts.overrides[(unit_id, code, y)] = (held, reason, reference)

    # Only the year's own share of judgements annulled for subjective reasons is read (a
    # judge's LĐTT, IND-01); earlier years' are left out, which spares a Decimal a row.
    own_rate = Case(
        When(year=year, then=F("subjective_rate")),
        default=None,
        output_field=models.DecimalField(max_digits=5, decimal_places=2),
    )

    # The people, a part at a time.
    several = len(parts) > 1
    while parts:
        rows = parts.popleft()
        people: dict[int, PersonFacts] = {}
        facts.people = people
        in_part: dict[str, object] = {}
        if several:
            facts.part = (rows[0][0], rows[-1][0])
            in_part = {"person_id__gte": rows[0][0], "person_id__lte": rows[-1][0]}
        for person_id, unit_id, is_judge, code, name, recruited in rows:
            person = people.get(person_id)
            if person is None:
                people[person_id] = PersonFacts(
                    person_id, code, name, unit_id, _day(recruited), bool(is_judge)
                )
            else:  # the latest employment in the year names the unit
                person.unit_id = unit_id
                person.is_judge = person.is_judge or is_judge
        del rows
        if services:
            for person_id, person in people.items():
                if (service := services.get(person_id)) is not None:
                    person.service = service
                    if service.unit_id is not None:
                        person.unit_id = service.unit_id
        get_person = people.get

        for person_id, y, rating, rate in _raw(
            PersonRating.objects.filter(
                year__gte=first_year, year__lte=year, **person_filter, **in_part
            )
            .annotate(rate=own_rate)
            .values_list("person_id", "year", "rating", "rate")
        ):
            if (p := get_person(person_id)) is not None:
                p.ratings[y] = (rating, rate)

        add_awards(
            _raw(
                awards.filter(person_id__isnull=False, **in_part)
                .annotate(form_date=form_date)
                .values_list("person_id", *award_columns)
            ),
            get_person,
        )

        for person_id, level, decided_on, period_end in Discipline.objects.filter(
            decided_on__lte=facts.as_of, **person_filter, **in_part
        ).values_list("person_id", "level", "decided_on", "period_end"):
            if (p := people.get(person_id)) is not None:
                p.disciplines.append((level, decided_on, period_end))

        for pk, person_id, name, kind, scope_, y, claimed in Initiative.objects.filter(
            year__gte=first_year, year__lte=year, **person_filter, **in_part
        ).values_list("pk", "person_id", "name", "kind", "scope", "year", "claimed_by_id"):
            if (p := people.get(person_id)) is not None:
                p.initiatives.append(InitiativeFact(pk, name, kind, scope_, y, claimed))

        for person_id, kind, opened, closed, source in holds.filter(
            person_id__isnull=False, **in_part
        ).values_list("person_id", "kind", "opened_on", "closed_on", "source_document"):
            if (p := people.get(person_id)) is not None:
                p.holds.append(HoldFact(kind, opened, closed, source))

        for person_id, kind, leave_start, leave_end in Leave.objects.filter(
            start__lte=end, end__gte=start, **person_filter, **in_part
        ).values_list("person_id", "kind", "start", "end"):
            if (p := people.get(person_id)) is not None:
                p.leaves.append((kind, leave_start, leave_end))
        yield facts
