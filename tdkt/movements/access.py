"""Gates of the pledge pages.

A pledge is cluster business: readable by anyone holding a role in the sector (like the cluster
terms it belongs to), changed by the term's secretariat or the Supreme Court office, and signed
for a member court only by that court's emulation officer.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from tdkt.movements.models import Pledge, PledgeItem
from tdkt.movements.queries import member_unit_ids
from tdkt.org.access import active_roles, can_edit_term, has_any_role
from tdkt.org.models import Role


def pledges_visible_to(user: Any) -> QuerySet[Pledge]:
    return Pledge.objects.all() if has_any_role(user) else Pledge.objects.none()


def get_pledge_for_user(user: Any, pk: int, *, write: bool = False) -> Pledge:
    pledge = (
        pledges_visible_to(user)
        .select_related("term__cluster__organising_unit", "term__head_unit")
        .filter(pk=pk)
        .first()
    )
    if pledge is None:
        raise Http404
    if write and not can_edit_term(user, pledge.term):
        raise PermissionDenied
    return pledge


def get_pledge_item_for_user(user: Any, pk: int) -> PledgeItem:
    item = PledgeItem.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    item.pledge = get_pledge_for_user(user, item.pledge_id, write=True)
    return item


def officer_unit_ids(user: Any) -> set[int]:
    """The units the user is the emulation officer of (not their sub-units)."""
    return {
        r.unit_id
        for r in active_roles(user)
        if r.role == Role.EMULATION_OFFICER and r.unit_id is not None
    }


def signable_unit_ids(user: Any, pledge: Pledge) -> set[int]:
    return officer_unit_ids(user) & member_unit_ids(pledge)
