"""Who may see and change commendation data; built on `org.access`.

- Verdicts and history of people follow the people scope of `org`: a unit role reaches its
  unit, the units below it and the units it continues by lineage; a sector-wide role reaches
  everything, and alone may run a cluster or the whole sector. No role → 404.
- A staff member linked to their person record (`StaffAccount`) sees their own page.
- The catalogue and the parameters are changed only by the Supreme Court emulation office
  (or a system administrator); anyone else with a role gets 403.
- An award record is reached through its owning unit: any role over that unit reads it; an
  emulation officer of the unit (or above it), or the Supreme Court office, revokes it and
  decides its review (others 403).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.awards.models import (
    AwardRecord,
    CatalogueEntry,
    CommendationForm,
    EligibilityRun,
    EmulationTitle,
    StaffAccount,
)
from tdkt.org.access import (
    can_edit_registry,
    can_edit_unit,
    get_cluster_term_for_user,
    get_person_for_user,
    has_any_role,
    is_sector_wide,
    unit_scope_ids,
)
from tdkt.org.models import ClusterMembership, Person, Unit


@dataclass(frozen=True)
class Scope:
    """What a verdict table covers: unit ids (with everything below them), or the sector."""

    label: str
    unit_ids: set[int] | None
    key: str  # "unit:12", "cluster:3" or "sector", as in the query string


def get_scope_for_user(user: Any, key: str) -> Scope:
    """The scope `key` names, if the user may run it: 404 when not reachable."""
    if not has_any_role(user):
        raise Http404
    kind, _sep, raw = key.partition(":")
    if kind == "sector":
        if not is_sector_wide(user):
            raise Http404
        return Scope(_("the whole sector"), None, "sector")
    if not raw.isdigit():
        raise Http404
    if kind == "cluster":
        if not is_sector_wide(user):
            raise Http404
        term = get_cluster_term_for_user(user, int(raw))
        ids = set(ClusterMembership.objects.filter(term=term).values_list("unit_id", flat=True))
        return Scope(str(term), ids, key)
    if kind == "unit":
        unit = Unit.objects.filter(pk=int(raw)).first()
        allowed = unit_scope_ids(user)
        if unit is None or (allowed is not None and unit.pk not in allowed):
            raise Http404
        return Scope(unit.name, {unit.pk}, key)
    raise Http404


def default_scope_key(user: Any) -> str | None:
    from tdkt.org.access import active_roles

    for role in active_roles(user):
        if role.unit_id:
            return f"unit:{role.unit_id}"
    return "sector" if is_sector_wide(user) else None


def get_person_history_for_user(user: Any, pk: int) -> Person:
    """A person's commendation history: the people gate of `org`, or the person themself."""
    account = StaffAccount.objects.filter(user=user, person_id=pk).first()
    if account is not None:
        return account.person
    return get_person_for_user(user, pk)


def get_own_person(user: Any) -> Person:
    account = StaffAccount.objects.filter(user=user).select_related("person").first()
    if account is None:
        raise Http404
    return account.person


def catalogue_model(kind: str) -> type[CatalogueEntry]:
    if kind == "title":
        return EmulationTitle
    if kind == "form":
        return CommendationForm
    raise Http404


def get_entry_for_user(user: Any, kind: str, pk: int, *, write: bool = False) -> CatalogueEntry:
    if not has_any_role(user):
        raise Http404
    entry = catalogue_model(kind).objects.filter(pk=pk).first()
    if entry is None:
        raise Http404
    if write and not can_edit_registry(user):
        raise PermissionDenied
    return entry


def can_edit_catalogue(user: Any) -> bool:
    return can_edit_registry(user)


def get_award_for_user(user: Any, pk: int, *, write: bool = False) -> AwardRecord:
    """An award record: 404 unless a role of the user reaches its owning unit, its collective
    or its person (someone transferred in brings their history); 403 to change it without an
    emulation-officer role over the owning unit or the Supreme Court office."""
    if not has_any_role(user):
        raise Http404
    award = (
        AwardRecord.objects.select_related("title", "form", "person", "recipient_unit", "unit")
        .filter(pk=pk)
        .first()
    )
    if award is None:
        raise Http404
    scope = unit_scope_ids(user)
    if scope is not None and award.unit_id not in scope:
        if award.person_id is not None:
            get_person_for_user(user, award.person_id)
        elif award.recipient_unit_id not in scope:
            raise Http404
    if write and not can_edit_unit(user, award.unit_id):
        raise PermissionDenied
    return award


def get_collective_for_user(user: Any, pk: int) -> Unit:
    """A unit as a recipient of awards: 404 unless a role of the user reaches it."""
    if not has_any_role(user):
        raise Http404
    unit = Unit.objects.filter(pk=pk).first()
    scope = unit_scope_ids(user)
    if unit is None or (scope is not None and unit.pk not in scope):
        raise Http404
    return unit


def review_scope_ids(user: Any) -> set[int] | None:
    """The owning units whose flagged awards the user sees (None: every unit); 404 for no role."""
    if not has_any_role(user):
        raise Http404
    return unit_scope_ids(user)


# --- saved eligibility runs ----------------------------------------------------------------
# A run is seen like the verdict table of its scope: a unit role sees the runs of the units it
# reaches (below it, and those it continues by lineage); a sector-wide role sees every run,
# the whole sector's included. Saving needs an emulation officer in scope (the Supreme Court
# office for the sector); a read-only role gets 403.


def runs_visible_to(user: Any) -> QuerySet[EligibilityRun]:
    if not has_any_role(user):
        return EligibilityRun.objects.none()
    return EligibilityRun.objects.for_units(unit_scope_ids(user))


def get_run_for_user(user: Any, pk: int) -> EligibilityRun:
    run = runs_visible_to(user).select_related("unit").filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def can_save_scope(user: Any, scope: Scope) -> bool:
    """May `user` save the verdicts of a scope they can already read (`get_scope_for_user`)?"""
    kind, _sep, raw = scope.key.partition(":")
    if kind == "sector":
        return is_sector_wide(user)
    return kind == "unit" and raw.isdigit() and can_edit_unit(user, int(raw))


def runs_of_scope(runs: QuerySet[EligibilityRun], key: str) -> QuerySet[EligibilityRun]:
    """The runs saved for the scope a verdict table's `key` names ("unit:12" or "sector")."""
    kind, _sep, raw = key.partition(":")
    if kind == "sector":
        return runs.filter(unit__isnull=True)
    if kind == "unit" and raw.isdigit():
        return runs.filter(unit_id=int(raw))
    return runs.none()


def get_run_scope_for_user(user: Any, key: str) -> tuple[Unit | None, Scope]:
    """The unit (None: the whole sector) whose verdicts `user` may save: 404 when the scope is
    out of reach, 403 for a role that may only read it, and for a cluster (its courts save
    their own runs)."""
    scope = get_scope_for_user(user, key)
    if not can_save_scope(user, scope):
        raise PermissionDenied
    if scope.key == "sector":
        return None, scope
    return Unit.objects.get(pk=int(scope.key.partition(":")[2])), scope
