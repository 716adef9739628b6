"""Generated documents, the outgoing register, uploaded Word templates and certificate batches."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.org.models import Unit


class OutgoingRegister(models.Model):
    """Sổ văn bản đi: the last number given per unit, year and document type (12/QĐ-TA)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))
    doc_type = models.CharField(_("document type"), max_length=10)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("outgoing register")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "doc_type"], name="register_unit_year_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.doc_type}: {self.last_number}"


class WordTemplate(models.Model):
    """An uploaded Word template replacing a kind's built-in one, for a unit or for everyone."""

    kind = models.CharField(_("kind of document"), max_length=80)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Empty: the whole organisation."),
    )
    file = models.FileField(_("file"), upload_to="documents/templates/%Y/")
    name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Word template")
        constraints = [
            models.UniqueConstraint(fields=["kind", "unit"], name="template_kind_unit"),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(unit__isnull=True), name="template_kind_organisation"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GeneratedDocumentQuerySet(models.QuerySet["GeneratedDocument"]):
    def for_object(self, obj: models.Model) -> GeneratedDocumentQuerySet:
        return self.filter(
            target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk)
        )


class GeneratedDocument(models.Model):
    """A document as issued: its number, date, author, files and the hash of the PDF."""

    kind = models.CharField(_("kind of document"), max_length=80, db_index=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="documents"
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    doc_type = models.CharField(_("document type"), max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number in the register"), null=True, blank=True)
    number = models.CharField(_("number"), max_length=60, blank=True)
    issued_on = models.DateField(_("date"))
    summary = models.CharField(_("summary"), max_length=300)
    content = models.JSONField(_("content"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    template = models.ForeignKey(
        WordTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    docx = models.FileField(_("Word file"), upload_to="documents/%Y/%m/")
    pdf = models.FileField(_("PDF file"), upload_to="documents/%Y/%m/")
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    signed_pdf = models.FileField(_("signed PDF"), upload_to="documents/%Y/%m/", blank=True)
    signature_count = models.PositiveSmallIntegerField(_("signatures"), default=0)

    objects = GeneratedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("generated document")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "doc_type", "sequence"],
                condition=Q(sequence__isnull=False),
                name="document_number_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.summary}".strip()


class CertificateBatch(models.Model):
    """All certificates of a list rendered as one PDF by a background task."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("rendering")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind of document"), max_length=80)
    unit = models.ForeignKey(Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=200)
    contents = models.JSONField(_("certificates"))
    total = models.PositiveIntegerField(_("certificates"))
    done = models.PositiveIntegerField(_("rendered"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(_("error"), blank=True)
    pdf = models.FileField(_("PDF file"), upload_to="documents/batches/%Y/", blank=True)
    layout = models.ForeignKey(
        "CertificateLayout",
        verbose_name=_("pre-printed form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("Empty: blank A4 paper with the built-in layout."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate batch")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


class CertificateLayout(models.Model):
    """Where each field goes on a pre-printed certificate form (phôi giấy khen), in millimetres
    from the top left corner of an A4 landscape sheet."""

    name = models.CharField(_("name"), max_length=120)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Empty: the whole organisation."),
    )
    positions = models.JSONField(_("field positions"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    AUDITED_FIELDS = ("name", "unit", "positions")

    class Meta:
        verbose_name = _("certificate layout")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name
