"""Reads of generated documents, for this app's pages and for other apps' object pages."""

from __future__ import annotations

from django.db.models import Model, QuerySet

from tdkt.documents.models import GeneratedDocument, WordTemplate
from tdkt.org.models import Unit


def documents_for_object(obj: Model) -> QuerySet[GeneratedDocument]:
    """The documents generated for `obj` (a proposal, a conference …), newest first."""
    return GeneratedDocument.objects.for_object(obj).select_related("author", "unit")


def template_for(kind_code: str, unit: Unit) -> WordTemplate | None:
    """The uploaded template that applies: the unit's, else its nearest parent's, else the
    organisation's; None means the built-in one."""
    chain: list[int] = []
    current: Unit | None = unit
    while current is not None and len(chain) < 10:
        chain.append(current.pk)
        current = current.parent
    found = {t.unit_id: t for t in WordTemplate.objects.filter(kind=kind_code, unit_id__in=chain)}
    for unit_id in chain:
        if unit_id in found:
            return found[unit_id]
    return WordTemplate.objects.filter(kind=kind_code, unit__isnull=True).first()
