"""Reads of pledges: members, who has signed, and the targets each member pledged."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tdkt.movements.models import Pledge, PledgeItem, PledgeOverride, PledgeSignature
from tdkt.org.models import ClusterMembership, Unit
from tdkt.org.queries import members_of_term


def member_unit_ids(pledge: Pledge) -> set[int]:
    return set(
        ClusterMembership.objects.filter(term_id=pledge.term_id).values_list("unit_id", flat=True)
    )


@dataclass(frozen=True)
class SigningRow:
    unit: Unit
    signature: PledgeSignature | None


def signing_status(pledge: Pledge) -> list[SigningRow]:
    """Every member of the pledge's term with its signature, or None: who has not signed."""
    signatures = {s.unit_id: s for s in PledgeSignature.objects.filter(pledge=pledge)}
    return [SigningRow(m.unit, signatures.get(m.unit_id)) for m in members_of_term(pledge.term)]


@dataclass(frozen=True)
class PledgedTarget:
    target: Decimal | None
    commitment: str


def pledged_targets(pledge: Pledge) -> dict[int | None, dict[str, PledgedTarget]]:
    """Targets by unit id (None: cluster-wide) and criterion code, in two queries.

    A member's own target replaces the cluster-wide one for that member only.
    """
    result: dict[int | None, dict[str, PledgedTarget]] = {None: {}}
    for item in PledgeItem.objects.filter(pledge=pledge):
        result[None][item.criterion_code] = PledgedTarget(item.target, item.commitment)
    for override in PledgeOverride.objects.filter(item__pledge=pledge).select_related("item"):
        base = result[None][override.item.criterion_code]
        result.setdefault(override.unit_id, {})[override.item.criterion_code] = PledgedTarget(
            override.target if override.target is not None else base.target,
            override.commitment or base.commitment,
        )
    return result


def target_for(
    targets: dict[int | None, dict[str, PledgedTarget]], unit_id: int, code: str
) -> PledgedTarget | None:
    return targets.get(unit_id, {}).get(code) or targets[None].get(code)
