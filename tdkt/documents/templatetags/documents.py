"""Filters of the PDF templates, and the list of an object's documents for other apps' pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from tdkt.documents.vietnamese import vnd as _vnd

register = template.Library()


@register.filter
def vnd(amount: int) -> str:
    return _vnd(int(amount or 0))


@register.inclusion_tag("documents/_documents_for.html", takes_context=True)
def documents_for(context: dict[str, Any], obj: Model) -> dict[str, Any]:
    """`{% documents_for proposal %}`: the documents generated for an object, newest first."""
    from tdkt.documents.queries import documents_for_object

    return {"documents": documents_for_object(obj), "request": context.get("request")}
