"""Emulation pledges (giao ước thi đua): commitments and targets per criterion, signed by every
member court of a cluster term.

A pledge names its criteria by code only: the score sheet lives in `scoring`, one layer below,
which drafts pledges from a sheet and reads the signed pledge's targets (docs/architecture.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.org.models import ClusterTerm, Unit


class Pledge(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNING = "signing", _("open for signatures")
        LOCKED = "locked", _("signed by every member")

    term = models.ForeignKey(
        ClusterTerm, verbose_name=_("cluster term"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("emulation year pledged"))
    title = models.CharField(_("title"), max_length=300)
    sheet_label = models.CharField(_("score sheet"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    AUDITED_FIELDS = ("title", "status", "note")

    class Meta:
        verbose_name = _("emulation pledge")
        verbose_name_plural = _("emulation pledges")
        constraints = [models.UniqueConstraint(fields=["term", "year"], name="pledge_once")]
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class PledgeItem(models.Model):
    """One criterion of the pledge: the cluster-wide commitment and target."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="items")
    criterion_code = models.CharField(_("criterion code"), max_length=40)
    label = models.CharField(_("criterion"), max_length=500)
    position = models.PositiveIntegerField(default=0)
    commitment = models.TextField(_("commitment"), blank=True)
    target = models.DecimalField(_("target"), max_digits=9, decimal_places=2, null=True, blank=True)
    unit_label = models.CharField(_("unit of measure"), max_length=20, blank=True)

    AUDITED_FIELDS = ("commitment", "target")

    class Meta:
        verbose_name = _("pledge item")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "criterion_code"], name="pledge_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_code} {self.label}"


class PledgeOverride(models.Model):
    """A member court's own target or commitment for one item."""

    item = models.ForeignKey(PledgeItem, on_delete=models.CASCADE, related_name="overrides")
    unit = models.ForeignKey(Unit, verbose_name=_("member unit"), on_delete=models.PROTECT)
    target = models.DecimalField(_("target"), max_digits=9, decimal_places=2, null=True, blank=True)
    commitment = models.TextField(_("commitment"), blank=True)

    AUDITED_FIELDS = ("unit", "target", "commitment")

    class Meta:
        verbose_name = _("target of one member")
        constraints = [
            models.UniqueConstraint(fields=["item", "unit"], name="pledge_override_once")
        ]

    def __str__(self) -> str:
        return f"{self.item.criterion_code} — {self.unit}"


class PledgeSignature(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey(Unit, verbose_name=_("member unit"), on_delete=models.PROTECT)
    signer_name = models.CharField(_("signed by"), max_length=200)
    signer_position = models.CharField(_("position"), max_length=150)
    signed_at = models.DateTimeField(_("signed at"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    AUDITED_FIELDS = ("unit", "signer_name", "signer_position", "signed_at")

    class Meta:
        verbose_name = _("signature")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "unit"], name="pledge_signed_once"),
            models.CheckConstraint(condition=~Q(signer_name=""), name="pledge_signer_named"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.signer_name}"
