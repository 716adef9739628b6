"""Builders for tests: plain functions over the real models and services."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.contrib.auth.models import User

from tdkt.org.models import (
    Cluster,
    ClusterMembership,
    ClusterTerm,
    Employment,
    Person,
    Province,
    RoleAssignment,
    Unit,
)

_seq = itertools.count(1)

PASSWORD = "correct-horse-battery-9"


def make_province(name: str = "Thanh Hóa", **kw: Any) -> Province:
    code = kw.pop("code", f"p{next(_seq)}")
    return Province.objects.create(
        code=code, name=name, kind=kw.pop("kind", Province.Kind.PROVINCE), **kw
    )


def make_unit(name: str, level: str = Unit.Level.PROVINCIAL, **kw: Any) -> Unit:
    code = kw.pop("code", f"U{next(_seq)}")
    return Unit.objects.create(code=code, name=name, level=level, **kw)


def make_user(username: str | None = None, **kw: Any) -> User:
    username = username or f"user{next(_seq)}"
    return User.objects.create_user(username=username, password=PASSWORD, **kw)


def grant(user: User, role: str, **scope: Any) -> RoleAssignment:
    return RoleAssignment.objects.create(user=user, role=role, **scope)


def make_term(
    members: list[Unit], *, organiser: Unit, year: int = 2022, number: int = 1, **kw: Any
) -> ClusterTerm:
    cluster, _ = Cluster.objects.get_or_create(organising_unit=organiser, number=number)
    term = ClusterTerm.objects.create(
        cluster=cluster,
        year=year,
        name=kw.pop("name", f"Cụm thi đua số {number}"),
        valid_from=dt.date(year - 1, 10, 1),
        valid_to=dt.date(year, 9, 30),
        **kw,
    )
    ClusterMembership.objects.bulk_create([ClusterMembership(term=term, unit=u) for u in members])
    return term


def make_person(full_name: str, unit: Unit, *, start: dt.date | None = None, **kw: Any) -> Person:
    person = Person.objects.create(
        code=kw.pop("code", f"CB{next(_seq):05d}"), full_name=full_name, **kw
    )
    Employment.objects.create(
        person=person, unit=unit, position="Thư ký Tòa án", start=start or dt.date(2020, 1, 1)
    )
    return person
