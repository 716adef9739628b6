"""Gates of the documents pages: a document belongs to its issuing unit's scope (org.access)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from tdkt.documents.models import (
    CertificateBatch,
    CertificateLayout,
    GeneratedDocument,
    WordTemplate,
)
from tdkt.org.access import (
    can_edit_unit,
    has_any_role,
    is_sector_wide,
    unit_scope_ids,
    units_in_scope,
)
from tdkt.org.models import UnitQuerySet


def require_role(user: Any) -> None:
    if not has_any_role(user):
        raise Http404


def documents_visible_to(user: Any) -> QuerySet[GeneratedDocument]:
    if not has_any_role(user):
        return GeneratedDocument.objects.none()
    ids = unit_scope_ids(user)
    docs = GeneratedDocument.objects.select_related("unit", "author")
    return docs if ids is None else docs.filter(unit_id__in=ids)


def get_document_for_user(user: Any, pk: int, *, write: bool = False) -> GeneratedDocument:
    document = documents_visible_to(user).filter(pk=pk).first()
    if document is None:
        raise Http404
    if write and not can_edit_unit(user, document.unit_id):
        raise PermissionDenied
    return document


def issuing_units(user: Any) -> UnitQuerySet:
    """The units the user may issue documents for: current units in their write scope."""
    return units_in_scope(user, write=True).filter(valid_to__isnull=True)


def require_issuer(user: Any) -> UnitQuerySet:
    require_role(user)
    units = issuing_units(user)
    if not units.exists():
        raise PermissionDenied
    return units


def templates_visible_to(user: Any) -> QuerySet[WordTemplate]:
    if not has_any_role(user):
        return WordTemplate.objects.none()
    ids = unit_scope_ids(user)
    templates = WordTemplate.objects.select_related("unit", "uploaded_by")
    if ids is None:
        return templates
    return templates.filter(unit_id__in=ids) | templates.filter(unit__isnull=True)


def can_edit_template_scope(user: Any, unit_id: int | None) -> bool:
    """A unit's template: its emulation officer; the organisation's: the Supreme Court office."""
    if unit_id is None:
        return is_sector_wide(user)
    return can_edit_unit(user, unit_id)


def get_template_for_user(user: Any, pk: int, *, write: bool = False) -> WordTemplate:
    template = templates_visible_to(user).filter(pk=pk).first()
    if template is None:
        raise Http404
    if write and not can_edit_template_scope(user, template.unit_id):
        raise PermissionDenied
    return template


def get_batch_for_user(user: Any, pk: int) -> CertificateBatch:
    require_role(user)
    ids = unit_scope_ids(user)
    batches = CertificateBatch.objects.select_related("unit")
    if ids is not None:
        batches = batches.filter(unit_id__in=ids)
    batch = batches.filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def layouts_visible_to(user: Any) -> QuerySet[CertificateLayout]:
    if not has_any_role(user):
        return CertificateLayout.objects.none()
    ids = unit_scope_ids(user)
    layouts = CertificateLayout.objects.select_related("unit", "updated_by")
    if ids is None:
        return layouts
    return layouts.filter(unit_id__in=ids) | layouts.filter(unit__isnull=True)


def get_layout_for_user(user: Any, pk: int, *, write: bool = False) -> CertificateLayout:
    layout = layouts_visible_to(user).filter(pk=pk).first()
    if layout is None:
        raise Http404
    if write and not can_edit_template_scope(user, layout.unit_id):
        raise PermissionDenied
    return layout
