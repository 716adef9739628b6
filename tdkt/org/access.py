"""Who may see and change what. Every view gets its objects through a gate here.

- The registry (units, provinces, lineage, clusters) is readable by anyone holding a role in
  the sector; a user with no role (an outsider) gets 404 everywhere.
- People and employment are scoped: a unit role reaches its unit, the units below it, and the
  units it continues by lineage (a merged court's successor sees its predecessors' history).
- Writing needs an emulation-officer role in scope (people), the cluster secretariat of the
  term (cluster terms), or the Supreme Court emulation office (the registry). A role that may
  read but not write gets 403.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tdkt.org.models import (
    SECTOR_ROLES,
    UNIT_ROLES,
    ClusterTerm,
    Employment,
    Person,
    PersonQuerySet,
    Role,
    RoleAssignment,
    Unit,
    UnitQuerySet,
)
from tdkt.org.queries import LineageIndex, UnitTree

_CACHE = "_tdkt_roles"


def active_roles(user: Any, today: dt.date | None = None) -> list[RoleAssignment]:
    """The user's roles in force today, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[RoleAssignment] | None = getattr(user, _CACHE, None)
    if cached is None or today is not None:
        day = today or timezone.localdate()
        cached = list(
            RoleAssignment.objects.filter(user=user, user__is_active=True)
            .active_on(day)
            .select_related("unit", "cluster_term")
        )
        if today is None:
            setattr(user, _CACHE, cached)
    return cached


def has_any_role(user: Any) -> bool:
    return bool(active_roles(user))


def is_sector_wide(user: Any) -> bool:
    return any(r.role in SECTOR_ROLES for r in active_roles(user))


def is_system_admin(user: Any) -> bool:
    return any(r.role == Role.SYSTEM_ADMIN for r in active_roles(user))


def _scopes(user: Any) -> dict[bool, set[int]]:
    """Read and write scopes, computed together from one read of the tree and the lineage."""
    cached: dict[bool, set[int]] | None = getattr(user, "_tdkt_scopes", None)
    if cached is not None:
        return cached
    roles = active_roles(user)
    direct = {
        False: {r.unit_id for r in roles if r.role in UNIT_ROLES and r.unit_id},
        True: {r.unit_id for r in roles if r.role == Role.EMULATION_OFFICER and r.unit_id},
    }
    scopes: dict[bool, set[int]] = {False: set(), True: set()}
    if direct[False]:
        index = LineageIndex.load()
        tree = UnitTree.load()
        for write, ids in direct.items():
            if ids:
                scopes[write] = tree.descendant_ids(ids | index.predecessor_ids(ids))
    user._tdkt_scopes = scopes
    return scopes


def unit_scope_ids(user: Any, *, write: bool = False) -> set[int] | None:
    """Ids of the units whose people the user may see (or change); None means every unit.

    A unit role reaches its unit, the units it continues by lineage, and everything below them.
    """
    if is_sector_wide(user):
        return None
    return _scopes(user)[write]


def units_in_scope(user: Any, *, write: bool = False) -> UnitQuerySet:
    ids = unit_scope_ids(user, write=write)
    return Unit.objects.all() if ids is None else Unit.objects.filter(pk__in=ids)


def can_edit_unit(user: Any, unit_id: int) -> bool:
    ids = unit_scope_ids(user, write=True)
    return ids is None or unit_id in ids


def can_edit_registry(user: Any) -> bool:
    return is_sector_wide(user)


def _require_role(user: Any) -> None:
    if not has_any_role(user):
        raise Http404


def get_unit_for_user(user: Any, pk: int, *, write: bool = False) -> Unit:
    _require_role(user)
    unit: Unit | None = Unit.objects.select_related("parent", "province").filter(pk=pk).first()
    if unit is None:
        raise Http404
    if write and not can_edit_registry(user):
        raise PermissionDenied
    return unit


def units_visible_to(user: Any) -> UnitQuerySet:
    """The registry: every unit for a role holder, nothing for an outsider."""
    return Unit.objects.all() if has_any_role(user) else Unit.objects.none()


def cluster_terms_visible_to(user: Any) -> QuerySet[ClusterTerm]:
    return ClusterTerm.objects.all() if has_any_role(user) else ClusterTerm.objects.none()


def can_edit_term(user: Any, term: ClusterTerm) -> bool:
    return is_sector_wide(user) or any(
        r.role == Role.CLUSTER_SECRETARY and r.cluster_term_id == term.pk
        for r in active_roles(user)
    )


def get_cluster_term_for_user(user: Any, pk: int, *, write: bool = False) -> ClusterTerm:
    _require_role(user)
    term = (
        ClusterTerm.objects.select_related(
            "cluster__organising_unit",
            "head_unit",
            "deputy_unit",
            "next_head_unit",
            "next_deputy_unit",
        )
        .filter(pk=pk)
        .first()
    )
    if term is None:
        raise Http404
    if write and not can_edit_term(user, term):
        raise PermissionDenied
    return term


def people_visible_to(user: Any) -> PersonQuerySet:
    ids = unit_scope_ids(user)
    if ids is None:
        return Person.objects.all()
    if not ids:
        return Person.objects.none()
    return Person.objects.filter(
        pk__in=Employment.objects.filter(unit_id__in=ids).values("person_id")
    )


def can_edit_person(user: Any, person: Person) -> bool:
    ids = unit_scope_ids(user, write=True)
    if ids is None:
        return True
    unit_ids = set(person.employments.values_list("unit_id", flat=True))
    return bool(unit_ids & ids)


def get_person_for_user(user: Any, pk: int, *, write: bool = False) -> Person:
    person = people_visible_to(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    if write and not can_edit_person(user, person):
        raise PermissionDenied
    return person


def get_employment_for_user(user: Any, pk: int, *, write: bool = False) -> Employment:
    employment = Employment.objects.select_related("person", "unit").filter(pk=pk).first()
    if employment is None:
        raise Http404
    get_person_for_user(user, employment.person_id)
    if write and not can_edit_unit(user, employment.unit_id):
        raise PermissionDenied
    return employment
