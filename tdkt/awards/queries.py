"""Reads for the pages and exports: verdict tables and a person's timeline."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from tdkt.awards.models import (
    AwardRecord,
    Discipline,
    Hold,
    Initiative,
    Leave,
    PersonRating,
    TransferComment,
)
from tdkt.awards.rules import MODULES, Status, Verdict, evaluate
from tdkt.awards.rules.facts import load_facts
from tdkt.awards.rules.moves import months_and_days
from tdkt.core.text import person_sort_key, vi_key
from tdkt.org.models import Employment, Organisation, Person

_ORDER = {name: module.ORDER for name, module in MODULES.items()}


def verdict_sort_key(verdict: Verdict) -> tuple[Any, ...]:
    """People first, by given name; then units by name; then titles in catalogue order."""
    name_key = (
        person_sort_key(verdict.subject_name)
        if verdict.subject_kind == "person"
        else (vi_key(verdict.subject_name),)
    )
    return (
        verdict.subject_kind != "person",
        name_key,
        verdict.subject_code,
        _ORDER.get(verdict.rule_id, 999),
    )


def sort_verdicts(verdicts: list[Verdict]) -> None:
    """`verdicts.sort(key=verdict_sort_key)`, with each subject's name key computed once: the
    subjects are ranked first, then the verdicts sort on two integers (a sector's 700 000
    verdicts in a second instead of twenty)."""
    subjects: dict[tuple[str, int], Verdict] = {}
    for verdict in verdicts:
        subjects.setdefault((verdict.subject_kind, verdict.subject_id), verdict)
    ranked = sorted(subjects.values(), key=verdict_sort_key)
    rank = {(v.subject_kind, v.subject_id): index for index, v in enumerate(ranked)}
    verdicts.sort(key=lambda v: (rank[v.subject_kind, v.subject_id], _ORDER.get(v.rule_id, 999)))


def verdicts_for(
    *, year: int, unit_ids: set[int] | None, as_of: dt.date | None = None
) -> list[Verdict]:
    verdicts = evaluate(load_facts(year=year, unit_ids=unit_ids, as_of=as_of))
    sort_verdicts(verdicts)
    return verdicts


def filter_verdicts(
    verdicts: list[Verdict], *, status: str = "", code: str = "", query: str = ""
) -> list[Verdict]:
    from tdkt.core.text import search_key

    words = search_key(query).split()
    return [
        v
        for v in verdicts
        if (not status or v.status == status)
        and (not code or v.code == code)
        and all(w in search_key(f"{v.subject_name} {v.subject_code}") for w in words)
    ]


def status_counts(verdicts: list[Verdict]) -> dict[str, int]:
    counts = dict.fromkeys([s.value for s in Status], 0)
    for verdict in verdicts:
        counts[verdict.status.value] += 1
    return counts


@dataclass
class YearRow:
    year: int
    rating: PersonRating | None = None
    awards: list[AwardRecord] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)


@dataclass
class Stay:
    """An employment during the emulation year and the months of the year it covers."""

    employment: Employment
    start: dt.date
    end: dt.date
    months: int
    days: int


@dataclass
class Timeline:
    person: Person
    years: list[YearRow]
    disciplines: list[Discipline]
    holds: list[Hold]
    leaves: list[Leave]
    verdicts: list[Verdict]
    stays: list[Stay] = field(default_factory=list)  # employment in the year (IND-05)
    comments: list[TransferComment] = field(default_factory=list)  # for the year


def stays_in_year(person: Person, year: int) -> list[Stay]:
    start, end = Organisation.current().year_bounds(year)
    stays = []
    jobs = (
        Employment.objects.filter(person=person, start__lte=end)
        .exclude(end__lt=start)
        .select_related("unit__parent")
        .order_by("start", "pk")
    )
    for job in jobs:
        first, last = max(job.start, start), min(job.end or end, end)
        months, days = months_and_days([(first, last)])
        stays.append(Stay(job, first, last, months, days))
    return stays


def person_timeline(person: Person, *, year: int, as_of: dt.date | None = None) -> Timeline:
    rows: dict[int, YearRow] = defaultdict(lambda: YearRow(0))
    for rating in PersonRating.objects.filter(person=person):
        rows[rating.year].rating = rating
    awards = (
        AwardRecord.objects.filter(person=person)
        .select_related("title", "form")
        .annotate(open_reviews=Count("review_flags", filter=Q(review_flags__status="open")))
    )
    for award in awards:
        rows[award.year].awards.append(award)
    for initiative in Initiative.objects.filter(person=person).select_related("claimed_by"):
        rows[initiative.year].initiatives.append(initiative)
    for key, row in rows.items():
        row.year = key
    facts = load_facts(year=year, unit_ids=None, as_of=as_of, person_id=person.pk)
    verdicts = [v for v in evaluate(facts) if v.subject_kind == "person"]
    verdicts.sort(key=verdict_sort_key)
    return Timeline(
        person=person,
        years=[rows[y] for y in sorted(rows, reverse=True)],
        disciplines=list(Discipline.objects.filter(person=person).order_by("-decided_on")),
        holds=list(Hold.objects.filter(person=person).order_by("-opened_on")),
        leaves=list(Leave.objects.filter(person=person).order_by("-start")),
        verdicts=verdicts,
        stays=stays_in_year(person, year),
        comments=list(
            TransferComment.objects.filter(person=person, year=year)
            .select_related("source_unit", "successor")
            .order_by("given_on", "pk")
        ),
    )
