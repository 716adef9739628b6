from __future__ import annotations

import datetime as dt
from contextlib import suppress
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_object(self, obj: models.Model, *related: models.Model) -> AuditEventQuerySet:
        """Events about `obj`, and about the `related` objects shown on its page."""
        q = models.Q()
        for target in (obj, *related):
            ct = ContentType.objects.get_for_model(target)
            q |= models.Q(target_type=ct, target_id=str(target.pk))
        return self.filter(q)


class AuditEvent(models.Model):
    """One recorded change to domain data: who, when, what, before and after.

    Written only by `core.audit.record_event`, never updated or deleted by the application.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("by"), max_length=200, blank=True)
    code = models.CharField(_("event"), max_length=100, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(_("object"), max_length=300, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.code} {self.target_label}"

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(label, before, after) for every value that differs, in the reader's language."""
        model = self.target_type.model_class()
        keys = list(dict.fromkeys([*self.before.keys(), *self.after.keys()]))
        return [
            (
                _label(model, key),
                _shown(model, key, self.before.get(key)),
                _shown(model, key, self.after.get(key)),
            )
            for key in keys
            if (self.before.get(key) or None) != (self.after.get(key) or None)  # "" ≡ None
        ]


def _field(model: type[models.Model] | None, key: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    label = getattr(field, "verbose_name", None)
    return str(label) if label is not None else gettext(key)


def _shown(model: type[models.Model] | None, key: str, value: Any) -> Any:
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    field = _field(model, key)
    if isinstance(field, models.DateField) and isinstance(value, str):
        with suppress(ValueError):
            return dt.date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
    choices = getattr(field, "choices", None)
    if choices and isinstance(value, str):
        return str(dict(choices).get(value, value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value
