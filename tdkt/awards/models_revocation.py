"""Revocation of awards and its cascade (RULES.md GEN-11, Law ch. VII).

A `Revocation` records why and by which decision an award was taken back, and the prize money
to recover. `AwardRecord.revoked` and `revoked_on` stay what the engine and the imports read;
the revocation row is the detail beside them. A `ReviewFlag` marks a later award that counted
the revoked one ("cần xem xét lại") until a named user keeps it or revokes it too.

Kept apart from `models.py` (imported at its end), so the award models stay readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardRecord, UnitOwnedQuerySet
from tdkt.org.models import Unit


class Revocation(models.Model):
    """The revocation of one award: the ground (Law ch. VII), the revoking decision, and the
    prize money to recover, computed with the engine's prize function on the award's decision
    date."""

    class Ground(models.TextChoices):
        FALSIFIED = "falsified_achievements", _("achievements were falsified")
        FORGED = "forged_records", _("the records were forged")
        UNLAWFUL = "unlawful_appraisal", _("the appraisal broke the law")
        CRITERIA = (
            "criteria_not_met",
            _("it later emerged that the criteria were not met during the qualifying period"),
        )

    class Source(models.TextChoices):
        MANUAL = "manual", _("entered by hand")
        IMPORT = "import", _("history import")

    unit = models.ForeignKey(
        Unit, verbose_name=_("owning unit"), on_delete=models.PROTECT, related_name="+"
    )
    award = models.OneToOneField(
        AwardRecord,
        verbose_name=_("award"),
        on_delete=models.CASCADE,
        related_name="revocation",
    )
    ground = models.CharField(
        _("ground for revocation"),
        max_length=30,
        choices=Ground.choices,
        blank=True,  # an import says only that the award was revoked
    )
    decision_number = models.CharField(_("revoking decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("revoking decision date"), null=True, blank=True)
    issuer = models.CharField(_("revoked by (issuer)"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    recovery_vnd = models.PositiveBigIntegerField(
        _("prize money to recover (đồng)"), null=True, blank=True
    )
    recovery_basis = models.CharField(_("how the amount was found"), max_length=500, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_label = models.CharField(_("recorded by"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = UnitOwnedQuerySet["Revocation"].as_manager()

    AUDITED_FIELDS = (
        "ground",
        "decision_number",
        "decision_date",
        "issuer",
        "note",
        "recovery_vnd",
        "recovery_basis",
        "source",
    )

    class Meta:
        verbose_name = _("revocation")
        verbose_name_plural = _("revocations")

    def __str__(self) -> str:
        return str(self.award)


class ReviewFlag(models.Model):
    """A later award that counted a revoked one, directly or through another award that did
    (`via`): it needs review (GEN-11 cascade) until a named user keeps or revokes it."""

    class Status(models.TextChoices):
        OPEN = "open", _("needs review again")
        KEPT = "kept", _("kept after review")
        REVOKED = "revoked", _("revoked after review")

    unit = models.ForeignKey(
        Unit, verbose_name=_("owning unit"), on_delete=models.PROTECT, related_name="+"
    )
    award = models.ForeignKey(
        AwardRecord,
        verbose_name=_("award to review"),
        on_delete=models.CASCADE,
        related_name="review_flags",
    )
    cause = models.ForeignKey(
        Revocation,
        verbose_name=_("revocation"),
        on_delete=models.CASCADE,
        related_name="flags",
    )
    via = models.ForeignKey(
        AwardRecord,
        verbose_name=_("through the award"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    flagged_at = models.DateTimeField(_("flagged at"), auto_now_add=True)
    resolution = models.TextField(_("reason of the decision"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_label = models.CharField(_("decided by"), max_length=200, blank=True)
    resolved_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = UnitOwnedQuerySet["ReviewFlag"].as_manager()

    AUDITED_FIELDS = ("status", "resolution", "resolved_label")

    class Meta:
        verbose_name = _("award flagged for review")
        verbose_name_plural = _("awards flagged for review")
        ordering = ["-flagged_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["award", "cause"], name="review_flag_once_per_cause")
        ]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.award} ← {self.cause.award}"
