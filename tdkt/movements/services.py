"""Every change to a pledge: one transaction, one audit event with before and after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.core.audit import record_event, snapshot
from tdkt.core.errors import WorkflowError
from tdkt.core.text import clean_text
from tdkt.documents.models import GeneratedDocument
from tdkt.documents.services import issue_document
from tdkt.movements.doc_kinds import ClusterPledge
from tdkt.movements.models import Pledge, PledgeItem, PledgeOverride, PledgeSignature
from tdkt.movements.queries import member_unit_ids
from tdkt.org.models import ClusterTerm, Unit


@dataclass(frozen=True)
class ItemSpec:
    """A criterion offered to a pledge by the score sheet it is drafted from."""

    criterion_code: str
    label: str
    target: Decimal | None = None
    unit_label: str = ""
    commitment: str = ""


def _require_draft(pledge: Pledge) -> None:
    if not Pledge.objects.filter(pk=pledge.pk, status=Pledge.Status.DRAFT).exists():
        raise WorkflowError(_("Only a draft pledge can be changed."))


@transaction.atomic
def create_pledge(
    *,
    term: ClusterTerm,
    year: int,
    title: str,
    sheet_label: str,
    items: Iterable[ItemSpec],
    actor: Any,
) -> Pledge:
    if Pledge.objects.filter(term=term, year=year).exists():
        raise WorkflowError(_("This cluster term already has a pledge for that year."))
    pledge = Pledge(term=term, year=year, title=clean_text(title), sheet_label=sheet_label)
    pledge.full_clean()
    pledge.save()
    PledgeItem.objects.bulk_create(
        PledgeItem(
            pledge=pledge,
            criterion_code=spec.criterion_code,
            label=spec.label,
            position=position,
            target=spec.target,
            unit_label=spec.unit_label,
            commitment=clean_text(spec.commitment),
        )
        for position, spec in enumerate(items)
    )
    record_event(
        "movements.pledge.created",
        actor=actor,
        target=pledge,
        after={**snapshot(pledge, Pledge.AUDITED_FIELDS), "year": year},
    )
    return pledge


@transaction.atomic
def update_item(*, item: PledgeItem, actor: Any, commitment: str, target: Decimal | None) -> bool:
    _require_draft(item.pledge)
    before = snapshot(item, PledgeItem.AUDITED_FIELDS)
    item.commitment, item.target = clean_text(commitment), target
    item.full_clean()
    item.save(update_fields=["commitment", "target"])
    after = snapshot(item, PledgeItem.AUDITED_FIELDS)
    if before == after:
        return False
    record_event(
        "movements.pledge_item.updated", actor=actor, target=item, before=before, after=after
    )
    return True


@transaction.atomic
def set_override(
    *, item: PledgeItem, unit: Unit, actor: Any, target: Decimal | None, commitment: str = ""
) -> PledgeOverride:
    _require_draft(item.pledge)
    if unit.pk not in member_unit_ids(item.pledge):
        raise WorkflowError(_("Only a member of the cluster can have its own target."))
    override = PledgeOverride.objects.filter(item=item, unit=unit).first()
    before = snapshot(override, PledgeOverride.AUDITED_FIELDS) if override else None
    if override is None:
        override = PledgeOverride(item=item, unit=unit)
    override.target, override.commitment = target, clean_text(commitment)
    override.full_clean()
    override.save()
    record_event(
        "movements.pledge_override.set",
        actor=actor,
        target=override,
        before=before,
        after=snapshot(override, PledgeOverride.AUDITED_FIELDS),
    )
    return override


@transaction.atomic
def open_for_signing(*, pledge: Pledge, actor: Any) -> None:
    if not Pledge.objects.filter(pk=pledge.pk, status=Pledge.Status.DRAFT).update(
        status=Pledge.Status.SIGNING
    ):
        raise WorkflowError(_("Only a draft pledge can be opened for signatures."))
    record_event(
        "movements.pledge.opened",
        actor=actor,
        target=pledge,
        before={"status": Pledge.Status.DRAFT},
        after={"status": Pledge.Status.SIGNING},
    )
    pledge.refresh_from_db()


@transaction.atomic
def sign_pledge(
    *,
    pledge: Pledge,
    unit: Unit,
    signer_name: str,
    signer_position: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> PledgeSignature:
    """Record one member's signature; the last one locks the pledge."""
    if not Pledge.objects.filter(pk=pledge.pk, status=Pledge.Status.SIGNING).exists():
        raise WorkflowError(_("This pledge is not open for signatures."))
    members = member_unit_ids(pledge)
    if unit.pk not in members:
        raise WorkflowError(_("Only a member of the cluster can sign its pledge."))
    if PledgeSignature.objects.filter(pledge=pledge, unit=unit).exists():
        raise WorkflowError(_("This unit has already signed the pledge."))
    signature = PledgeSignature(
        pledge=pledge,
        unit=unit,
        signer_name=clean_text(signer_name),
        signer_position=clean_text(signer_position),
        signed_at=now or timezone.now(),
        user=actor if getattr(actor, "is_authenticated", False) else None,
    )
    signature.full_clean()
    signature.save()
    record_event(
        "movements.pledge.signed",
        actor=actor,
        target=signature,
        after=snapshot(signature, PledgeSignature.AUDITED_FIELDS),
    )
    signed = set(PledgeSignature.objects.filter(pledge=pledge).values_list("unit_id", flat=True))
    if members <= signed and Pledge.objects.filter(
        pk=pledge.pk, status=Pledge.Status.SIGNING
    ).update(status=Pledge.Status.LOCKED, locked_at=signature.signed_at):
        record_event(
            "movements.pledge.locked",
            actor=actor,
            target=pledge,
            before={"status": Pledge.Status.SIGNING},
            after={"status": Pledge.Status.LOCKED},
        )
    pledge.refresh_from_db()
    return signature


def issue_pledge_document(*, pledge: Pledge, actor: Any) -> GeneratedDocument:
    """The giao ước as .docx and .pdf, stored on the pledge (audited by `issue_document`).

    A draft still changes, so only a pledge open for signatures or locked is issued; while it is
    open the signature table shows who has not signed yet.
    """
    if pledge.status == Pledge.Status.DRAFT:
        raise WorkflowError(_("Open the pledge for signatures before issuing it as a document."))
    kind = ClusterPledge()
    term = pledge.term
    return issue_document(
        kind=kind,
        content=kind.content_for(pledge),
        unit=term.head_unit or term.cluster.organising_unit,
        actor=actor,
        target=pledge,
    )
