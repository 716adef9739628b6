"""Reference data: the organisation, provinces, courts, their lineage across 01/07/2025, and the
clusters known by year (REFERENCE.md §1–5, RULES.md §9 and §11).

`load_reference()` is idempotent: everything is keyed by `code` (units, provinces), by its natural
key (successions, clusters, terms) or by its content (lineage events), so a second run creates
nothing and records no audit event. Existing rows are never changed: an administrator may have
corrected them. Rows are written set-based with `bulk_create` and audited with
`record_events_bulk`; the few lineage events go through `services.record_lineage`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Final

from django.db import transaction
from django.utils.translation import gettext_noop

from tdkt.core.audit import record_event, record_events_bulk, snapshot
from tdkt.core.text import clean_text, search_key
from tdkt.org.data import clusters as cluster_data
from tdkt.org.models import (
    Cluster,
    ClusterMembership,
    ClusterTerm,
    LineageLink,
    Organisation,
    Province,
    ProvinceSuccession,
    Unit,
)
from tdkt.org.reference.plan import (
    COUNT_KEYS,
    LAST_DAY_BEFORE_REORGANISATION,
    REORGANISATION_DAY,
    LineageSpec,
    UnitSpec,
    district_court_name,
    lineage_specs,
    province_rows,
    provincial_court_code,
    regional_court_name,
    succession_rows,
    unit_specs,
)
from tdkt.org.services import record_lineage

__all__ = [
    "LAST_DAY_BEFORE_REORGANISATION",
    "REORGANISATION_DAY",
    "district_court_name",
    "load_reference",
    "provincial_court_code",
    "regional_court_name",
]

ORGANISATION_NAME: Final = "Tòa án nhân dân"
PROVINCE_AUDITED_FIELDS: Final = ("code", "name", "kind", "gso_code", "valid_from", "valid_to")


# --- loading ---------------------------------------------------------------------------------


@transaction.atomic
def load_reference(*, actor_label: str = "tdkt load-reference") -> dict[str, int]:
    """Load everything above; returns how many rows of each kind were created."""
    counts: Counter[str] = Counter(dict.fromkeys(COUNT_KEYS, 0))
    _load_organisation(actor_label, counts)
    provinces = _load_provinces(actor_label, counts)
    _load_successions(provinces, actor_label, counts)
    units = _load_units(unit_specs(), provinces, actor_label, counts)
    _load_lineage(lineage_specs(), units, actor_label, counts)
    _load_clusters(cluster_data.TERMS, units, actor_label, counts)
    return dict(counts)


def _load_organisation(actor: str, counts: Counter[str]) -> None:
    if Organisation.objects.exists():
        return
    org = Organisation.objects.create(name=ORGANISATION_NAME, year_start_month=10, year_start_day=1)
    fields = ("name", "year_start_month", "year_start_day")
    record_event("org.organisation.created", actor=actor, target=org, after=snapshot(org, fields))
    counts["organisations"] += 1


def _load_provinces(actor: str, counts: Counter[str]) -> dict[str, Province]:
    rows = province_rows()
    existing = {p.code: p for p in Province.objects.filter(code__in=[r.code for r in rows])}
    new = [r for r in rows if r.code not in existing]
    Province.objects.bulk_create(new)
    record_events_bulk(
        "org.province.created",
        actor=actor,
        targets=[(p, None, snapshot(p, PROVINCE_AUDITED_FIELDS)) for p in new],
    )
    counts["provinces"] += len(new)
    return existing | {p.code: p for p in new}


def _load_successions(provinces: dict[str, Province], actor: str, counts: Counter[str]) -> None:
    existing = set(
        ProvinceSuccession.objects.values_list(
            "predecessor__code", "successor__code", "effective_date"
        )
    )
    new = [
        ProvinceSuccession(
            predecessor=provinces[pred],
            successor=provinces[succ],
            effective_date=day,
            legal_basis=basis,
        )
        for pred, succ, day, basis in succession_rows()
        if (pred, succ, day) not in existing
    ]
    ProvinceSuccession.objects.bulk_create(new)
    fields = ("predecessor", "successor", "effective_date", "legal_basis")
    record_events_bulk(
        "org.province_succession.created",
        actor=actor,
        targets=[(s, None, snapshot(s, fields)) for s in new],
    )
    counts["province_successions"] += len(new)


def _load_units(
    specs: Sequence[UnitSpec], provinces: dict[str, Province], actor: str, counts: Counter[str]
) -> dict[str, Unit]:
    codes = [s.code for s in specs]
    if len(set(codes)) != len(codes):
        raise ValueError("Two reference units share a code.")
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    pending = [s for s in specs if s.code not in units]
    created: list[Unit] = []
    while pending:  # one insert per level of the tree, so parents have ids before children
        ready = [s for s in pending if s.parent is None or s.parent in units]
        if not ready:
            raise ValueError(
                f"Unknown parent units: {sorted({s.parent for s in pending if s.parent})}"
            )
        batch = [_unit(s, units, provinces) for s in ready]
        Unit.objects.bulk_create(batch, batch_size=500)
        units.update((u.code, u) for u in batch)
        created += batch
        pending = [s for s in pending if s.code not in units]
    record_events_bulk(
        "org.unit.created",
        actor=actor,
        targets=[(u, None, snapshot(u, Unit.AUDITED_FIELDS)) for u in created],
    )
    counts["units"] += len(created)
    return units


def _unit(spec: UnitSpec, units: dict[str, Unit], provinces: dict[str, Province]) -> Unit:
    name = clean_text(spec.name)
    return Unit(
        code=spec.code,
        name=name,
        level=spec.level,
        parent=units[spec.parent] if spec.parent else None,
        province=provinces[spec.province] if spec.province else None,
        valid_from=spec.valid_from,
        valid_to=spec.valid_to,
        note=spec.note,
        search_key=search_key(f"{name} {spec.code}"),  # as Unit.save() does
    )


_Signature = tuple[str, dt.date, frozenset[int], frozenset[int]]


def _existing_lineage() -> set[_Signature]:
    events: dict[int, tuple[str, dt.date, set[int], set[int]]] = {}
    rows = LineageLink.objects.values_list(
        "event_id", "event__kind", "event__effective_date", "predecessor_id", "successor_id"
    )
    for event_id, kind, day, pred, succ in rows:
        _, _, preds, succs = events.setdefault(event_id, (kind, day, set(), set()))
        if pred is not None:
            preds.add(pred)
        if succ is not None:
            succs.add(succ)
    return {(kind, day, frozenset(p), frozenset(s)) for kind, day, p, s in events.values()}


def _load_lineage(
    specs: Iterable[LineageSpec], units: dict[str, Unit], actor: str, counts: Counter[str]
) -> None:
    existing = _existing_lineage()
    for spec in specs:
        preds = [units[c] for c in spec.predecessors]
        succs = [units[c] for c in spec.successors]
        signature = (
            spec.kind,
            spec.effective_date,
            frozenset(u.pk for u in preds),
            frozenset(u.pk for u in succs),
        )
        if signature in existing:
            continue
        # The units already carry their dates, so the service need not close or open them.
        record_lineage(
            actor=actor,
            kind=spec.kind,
            effective_date=spec.effective_date,
            predecessors=preds,
            successors=succs,
            legal_basis=spec.legal_basis,
            confidence=spec.confidence,
            note=spec.note,
            close_predecessors=False,
        )
        existing.add(signature)
        counts["lineage_events"] += 1


def _load_clusters(
    terms: Iterable[cluster_data.TermSpec], units: dict[str, Unit], actor: str, counts: Counter[str]
) -> None:
    org = Organisation.current()
    for spec in terms:
        organiser = units[spec.organiser]
        cluster = Cluster.objects.filter(organising_unit=organiser, number=spec.number).first()
        if cluster is None:
            cluster = Cluster.objects.create(organising_unit=organiser, number=spec.number)
            record_event(
                "org.cluster.created",
                actor=actor,
                target=cluster,
                after=snapshot(cluster, ("organising_unit", "number")),
            )
            counts["clusters"] += 1
        if ClusterTerm.objects.filter(cluster=cluster, year=spec.year).exists():
            continue
        _create_term(spec, cluster, units, org, actor, counts)


def _create_term(
    spec: cluster_data.TermSpec,
    cluster: Cluster,
    units: dict[str, Unit],
    org: Organisation,
    actor: str,
    counts: Counter[str],
) -> None:
    def unit(code: str | None) -> Unit | None:
        return units[code] if code else None

    officers = [c for c in (spec.head, spec.deputy, spec.next_head) if c]
    if not set(officers) <= set(spec.members):
        raise ValueError(f"{spec.name} {spec.year}: the head and deputy must be members.")
    valid_from, valid_to = org.year_bounds(spec.year)
    values: dict[str, Any] = {
        "cluster": cluster,
        "year": spec.year,
        "name": clean_text(spec.name),
        "valid_from": valid_from,
        "valid_to": valid_to,
        "head_unit": unit(spec.head),
        "deputy_unit": unit(spec.deputy),
        "next_head_unit": unit(spec.next_head),
        "source": spec.source,
        "confidence": spec.confidence,
        "note": clean_text(spec.note),
    }
    term = ClusterTerm.objects.create(**values)
    record_event(
        "org.cluster_term.created",
        actor=actor,
        target=term,
        after=snapshot(term, ClusterTerm.AUDITED_FIELDS),
    )
    members = [units[c] for c in spec.members]
    ClusterMembership.objects.bulk_create(
        [ClusterMembership(term=term, unit=u, valid_from=spec.members_from) for u in members]
    )
    label = gettext_noop("members")
    record_event(
        "org.cluster_term.members_changed",
        actor=actor,
        target=term,
        before={label: []},
        after={label: sorted(str(u) for u in members)},
    )
    counts["cluster_terms"] += 1
    counts["cluster_memberships"] += len(members)
