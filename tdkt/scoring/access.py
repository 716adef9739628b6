"""Gates of the scoring pages.

- Score sheets and statistics are sector reference: readable by any role holder; sheets are
  changed by the Supreme Court office, statistics imported by emulation officers for the
  units in their write scope.
- A scoring round is seen by the term's secretariat, the Supreme Court office and anyone with a
  unit role in a member court; any other user gets 404.
- A member court's emulation officer scores its own court and, as a peer, the other members;
  the secretariat sets final scores, returns self-assessments and publishes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tdkt.movements.queries import member_unit_ids
from tdkt.org.access import active_roles, can_edit_term, has_any_role, is_sector_wide
from tdkt.org.models import UNIT_ROLES, Role, Unit
from tdkt.scoring.models import Criterion, ScoreSheet, ScoringRound


def require_role(user: Any) -> None:
    if not has_any_role(user):
        raise Http404


def get_sheet_for_user(user: Any, pk: int, *, write: bool = False) -> ScoreSheet:
    require_role(user)
    sheet = ScoreSheet.objects.filter(pk=pk).first()
    if sheet is None:
        raise Http404
    if write and not is_sector_wide(user):
        raise PermissionDenied
    return sheet


def get_criterion_for_user(user: Any, pk: int) -> Criterion:
    require_role(user)
    criterion = Criterion.objects.select_related("sheet").filter(pk=pk).first()
    if criterion is None:
        raise Http404
    if not is_sector_wide(user):
        raise PermissionDenied
    return criterion


def _member_roles(user: Any, members: set[int]) -> list[Any]:
    return [r for r in active_roles(user) if r.role in UNIT_ROLES and r.unit_id in members]


def can_see_round(user: Any, scoring_round: ScoringRound) -> bool:
    if is_sector_wide(user) or can_edit_term(user, scoring_round.pledge.term):
        return True
    return bool(_member_roles(user, member_unit_ids(scoring_round.pledge)))


def can_manage_round(user: Any, scoring_round: ScoringRound) -> bool:
    return can_edit_term(user, scoring_round.pledge.term)


def scoring_unit_ids(user: Any, scoring_round: ScoringRound) -> set[int]:
    """The member courts this user scores for: those it is the emulation officer of."""
    members = member_unit_ids(scoring_round.pledge)
    return {
        r.unit_id
        for r in active_roles(user)
        if r.role == Role.EMULATION_OFFICER and r.unit_id in members
    }


def get_round_for_user(user: Any, pk: int, *, manage: bool = False) -> ScoringRound:
    require_role(user)
    scoring_round = (
        ScoringRound.objects.select_related("pledge__term", "sheet").filter(pk=pk).first()
    )
    if scoring_round is None or not can_see_round(user, scoring_round):
        raise Http404
    if manage and not can_manage_round(user, scoring_round):
        raise PermissionDenied
    return scoring_round


def get_member_for_round(scoring_round: ScoringRound, unit_pk: int) -> Unit:
    if unit_pk not in member_unit_ids(scoring_round.pledge):
        raise Http404
    return Unit.objects.get(pk=unit_pk)


def require_self_scorer(user: Any, scoring_round: ScoringRound, unit: Unit) -> None:
    if unit.pk not in scoring_unit_ids(user, scoring_round):
        raise PermissionDenied


def peer_scorer_for(user: Any, scoring_round: ScoringRound, subject: Unit) -> Unit | None:
    """The member court the user scores `subject` for; never `subject` itself."""
    ids = scoring_unit_ids(user, scoring_round) - {subject.pk}
    return Unit.objects.filter(pk__in=ids).order_by("pk").first()
