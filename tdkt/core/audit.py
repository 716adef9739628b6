"""The audit trail: every service that changes domain data calls `record_event`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from tdkt.core.models import AuditEvent

EVENT_LABELS: dict[str, StrOrPromise] = {}


def register_event_labels(labels: Mapping[str, StrOrPromise]) -> None:
    """Each app names its audit codes once (`org.unit.updated` → "Unit changed")."""
    EVENT_LABELS.update(labels)


def event_label(code: str) -> str:
    """A readable name for an audit code; an unknown code is shown as it is."""
    label = EVENT_LABELS.get(code)
    return str(label) if label is not None else code


register_event_labels(
    {
        "core.mfa.enabled": _("Two-step sign-in turned on"),
        "core.mfa.disabled": _("Two-step sign-in turned off"),
    }
)


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: Sequence[str]) -> dict[str, Any]:
    """The values of `fields` as JSON-safe data, keyed by field name.

    Foreign keys are stored as their text, so history stays readable after the target changes;
    choices keep their stored value and are shown with their label, in the reader's language
    (`AuditEvent.changes`).
    """
    return {name: _plain(getattr(obj, name)) for name in fields}


def record_event(
    code: str,
    *,
    actor: Any,
    target: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = ""
    if user is not None:
        label = user.get_full_name() or user.get_username()
    elif isinstance(actor, str):
        label = actor
    return AuditEvent.objects.create(
        actor=user,
        actor_label=label[:200],
        code=code,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_label=str(target)[:300],
        before=before or {},
        after=after or {},
        note=note,
    )


def record_events_bulk(
    code: str,
    *,
    actor: Any,
    targets: Iterable[tuple[models.Model, dict[str, Any] | None, dict[str, Any]]],
    note: str = "",
) -> int:
    """One insert for many events (imports): (target, before, after) triples."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = (user.get_full_name() or user.get_username()) if user is not None else str(actor or "")
    types: dict[type[models.Model], ContentType] = {}
    rows = []
    for target, before, after in targets:
        model = type(target)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model)
        rows.append(
            AuditEvent(
                actor=user,
                actor_label=label[:200],
                code=code,
                target_type=types[model],
                target_id=str(target.pk),
                target_label=str(target)[:300],
                before=before or {},
                after=after,
                note=note,
            )
        )
    AuditEvent.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
