"""Builders for the awards tests: plain functions over the real models."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tdkt.awards.models import (
    AwardRecord,
    CommendationForm,
    Discipline,
    EmulationTitle,
    Hold,
    Initiative,
    Leave,
    PersonRating,
    UnitRating,
)
from tdkt.org.models import Person, Unit


def award(
    subject: Person | Unit,
    code: str,
    year: int,
    *,
    unit: Unit | None = None,
    **kw: Any,
) -> AwardRecord:
    title = EmulationTitle.objects.filter(code=code).first()
    form = None if title else CommendationForm.objects.get(code=code)
    if isinstance(subject, Person):
        owner = unit or subject.employments.first().unit  # type: ignore[union-attr]
        return AwardRecord.objects.create(
            unit=owner, person=subject, title=title, form=form, year=year, **kw
        )
    return AwardRecord.objects.create(
        unit=unit or subject, recipient_unit=subject, title=title, form=form, year=year, **kw
    )


def _unit_of(person: Person) -> Unit:
    return person.employments.first().unit  # type: ignore[union-attr]


def rate(person: Person, year: int, rating: str, *, rate: str | None = None) -> PersonRating:
    return PersonRating.objects.create(
        unit=_unit_of(person),
        person=person,
        year=year,
        rating=rating,
        subjective_rate=Decimal(rate) if rate is not None else None,
    )


def rate_unit(unit: Unit, year: int, rating: str, *, source: str = "superior") -> UnitRating:
    return UnitRating.objects.create(unit=unit, year=year, rating=rating, source=source)


def discipline(person: Person, level: str, decided: dt.date, end: dt.date) -> Discipline:
    return Discipline.objects.create(
        unit=_unit_of(person), person=person, level=level, decided_on=decided, period_end=end
    )


def initiative(person: Person, name: str, scope: str, year: int, **kw: Any) -> Initiative:
    return Initiative.objects.create(
        unit=_unit_of(person),
        person=person,
        kind=kw.pop("kind", Initiative.Kind.INITIATIVE),
        name=name,
        scope=scope,
        year=year,
        **kw,
    )


def hold(subject: Person | Unit, opened: dt.date, **kw: Any) -> Hold:
    if isinstance(subject, Person):
        return Hold.objects.create(
            unit=_unit_of(subject),
            person=subject,
            opened_on=opened,
            kind=kw.pop("kind", Hold.Kind.INVESTIGATION),
            **kw,
        )
    return Hold.objects.create(
        unit=subject,
        recipient_unit=subject,
        opened_on=opened,
        kind=kw.pop("kind", Hold.Kind.INSPECTION),
        **kw,
    )


def leave(person: Person, start: dt.date, end: dt.date) -> Leave:
    return Leave.objects.create(
        unit=_unit_of(person), person=person, kind=Leave.Kind.MATERNITY, start=start, end=end
    )
