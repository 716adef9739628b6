"""Who may see and run a meeting.

- A conference is seen by the cluster secretariat of its term, by anyone holding a unit role in
  one of the term's member units (or above them), and sector-wide; it is run (written) by the
  term's secretariat or the Supreme Court emulation office.
- A council session is seen by unit roles whose scope reaches the unit, and run by an emulation
  officer in scope.
- The voter's page needs only a role in the sector; the one-time code is the right to vote.
Anyone else gets 404, so an outsider cannot tell a meeting exists; a reader who tries to write
gets 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tdkt.meetings.models import Ballot, Meeting
from tdkt.org.access import (
    active_roles,
    can_edit_term,
    can_edit_unit,
    has_any_role,
    is_sector_wide,
    unit_scope_ids,
)
from tdkt.org.models import ClusterMembership, ClusterTerm, Role, Unit


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    if not has_any_role(user):
        return Meeting.objects.none()
    if is_sector_wide(user):
        return Meeting.objects.all()
    scope = unit_scope_ids(user) or set()
    term_ids = {r.cluster_term_id for r in active_roles(user) if r.role == Role.CLUSTER_SECRETARY}
    member_terms = ClusterMembership.objects.filter(unit_id__in=scope).values("term_id")
    return Meeting.objects.filter(
        Q(term_id__in=term_ids) | Q(term_id__in=member_terms) | Q(unit_id__in=scope)
    )


def can_run_meeting(user: Any, meeting: Meeting) -> bool:
    if meeting.term_id is not None:
        return can_edit_term(user, meeting.term)  # type: ignore[arg-type]
    return meeting.unit_id is not None and can_edit_unit(user, meeting.unit_id)


def get_meeting_for_user(user: Any, pk: int, *, write: bool = False) -> Meeting:
    meeting = (
        meetings_visible_to(user)
        .select_related(
            "term__cluster__organising_unit", "term__head_unit", "term__deputy_unit", "unit"
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    if write and not can_run_meeting(user, meeting):
        raise PermissionDenied
    return meeting


def get_ballot_for_user(user: Any, pk: int, *, write: bool = False) -> Ballot:
    ballot = Ballot.objects.filter(pk=pk, meeting__in=meetings_visible_to(user)).first()
    if ballot is None:
        raise Http404
    ballot.meeting = get_meeting_for_user(user, ballot.meeting_id, write=write)
    return ballot


def terms_runnable_by(user: Any) -> QuerySet[ClusterTerm]:
    if is_sector_wide(user):
        return ClusterTerm.objects.all()
    ids = {r.cluster_term_id for r in active_roles(user) if r.role == Role.CLUSTER_SECRETARY}
    return ClusterTerm.objects.filter(pk__in=ids)


def units_runnable_by(user: Any) -> QuerySet[Unit]:
    ids = unit_scope_ids(user, write=True)
    units = Unit.objects.filter(valid_to__isnull=True)
    return units if ids is None else units.filter(pk__in=ids)


def require_voter(user: Any) -> None:
    if not has_any_role(user):
        raise Http404
