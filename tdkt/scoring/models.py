"""Score sheets, court statistics, scoring rounds and scores.

A score sheet (bảng chấm điểm thi đua) is a versioned tree per year and court level: groups →
criteria → sub-criteria, with bonus and penalty items. A scoring round joins a cluster's signed
pledge (movements) to the sheet it was drafted from; members score themselves and each other,
and the secretariat sets the final scores.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tdkt.movements.models import Pledge
from tdkt.org.models import Unit


class Indicator(models.TextChoices):
    """Court indicators computed from the statistics (COURT-04), all in per cent."""

    RESOLUTION_ALL = "resolution_rate", _("resolution rate, all cases")
    RESOLUTION_CRIMINAL = "resolution_rate_criminal", _("resolution rate, criminal cases")
    RESOLUTION_CIVIL = "resolution_rate_civil", _("resolution rate, civil cases")
    RESOLUTION_FAMILY = "resolution_rate_family", _("resolution rate, marriage and family cases")
    RESOLUTION_BUSINESS = "resolution_rate_business", _("resolution rate, business cases")
    RESOLUTION_LABOUR = "resolution_rate_labour", _("resolution rate, labour cases")
    RESOLUTION_ADMIN = "resolution_rate_administrative", _("resolution rate, administrative cases")
    ANNULLED = (
        "subjective_annul_amend_rate",
        _("judgements annulled or amended for subjective reasons"),
    )
    OVERDUE = "overdue_rate", _("cases past the statutory time limit")
    ONLINE = "online_trial_rate", _("online trials among resolved cases")
    MEDIATION = "mediation_success_rate", _("successful mediation and dialogue")


LOWER_IS_BETTER = {Indicator.ANNULLED, Indicator.OVERDUE}


class CaseType(models.TextChoices):
    CRIMINAL = "criminal", _("criminal")
    CIVIL = "civil", _("civil")
    FAMILY = "family", _("marriage and family")
    BUSINESS = "business", _("business and commerce")
    LABOUR = "labour", _("labour")
    ADMINISTRATIVE = "administrative", _("administrative")


class ScoreSheet(models.Model):
    class Level(models.TextChoices):
        PROVINCIAL = "provincial", _("provincial courts")
        LOCAL = "local", _("district and regional courts")

    name = models.CharField(_("name"), max_length=300)
    year = models.PositiveSmallIntegerField(_("emulation year"))
    level = models.CharField(_("court level"), max_length=12, choices=Level.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    AUDITED_FIELDS = ("name", "year", "level", "version", "basis", "note")

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["-year", "level", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "level", "version"], name="sheet_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.year} (v{self.version})"


class Criterion(models.Model):
    class Kind(models.TextChoices):
        GROUP = "group", _("group of criteria")
        CRITERION = "criterion", _("criterion")
        BONUS = "bonus", _("bonus points")
        PENALTY = "penalty", _("penalty points")

    class Method(models.TextChoices):
        MANUAL = "manual", _("scored by hand")
        INDICATOR = "indicator", _("from an indicator against the target")

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CRITERION)
    max_points = models.DecimalField(
        _("maximum points"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    method = models.CharField(
        _("method"), max_length=10, choices=Method.choices, default=Method.MANUAL
    )
    indicator = models.CharField(
        _("indicator"), max_length=40, choices=Indicator.choices, blank=True
    )
    target = models.DecimalField(
        _("target (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    points_per_percent = models.DecimalField(
        _("points off per percentage point short"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )
    position = models.PositiveIntegerField(default=0)

    AUDITED_FIELDS = (
        "code",
        "name",
        "kind",
        "max_points",
        "method",
        "indicator",
        "target",
        "points_per_percent",
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "code"], name="criterion_code_once"),
            models.CheckConstraint(
                condition=Q(method="manual") | ~Q(indicator=""), name="criterion_indicator_named"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def is_scored(self) -> bool:
        """A leaf carries points; a group only adds up its children."""
        return self.kind != self.Kind.GROUP

    @property
    def lower_is_better(self) -> bool:
        return self.indicator in LOWER_IS_BETTER


class StatisticImport(models.Model):
    """One imported statistics workbook: every row it wrote points here."""

    filename = models.CharField(_("file"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"))
    replaced = models.PositiveIntegerField(_("rows replaced"), default=0)
    at = models.DateTimeField(_("imported at"), auto_now_add=True)
    actor_label = models.CharField(_("by"), max_length=200, blank=True)

    AUDITED_FIELDS = ("filename", "rows", "replaced")

    class Meta:
        verbose_name = _("statistics import")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.filename


class CourtStatistic(models.Model):
    """Case figures of one unit, one period and one case type."""

    # The import checks every unit code against the registry in its own transaction, and
    # PROTECT is enforced by Django's collector; without the per-row foreign-key trigger and the
    # extra index (the unique constraint starts with `unit`), a 10⁵-row import stays within its
    # budget on PostgreSQL (bench/p4_statistics.py).
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    case_type = models.CharField(_("case type"), max_length=16, choices=CaseType.choices)
    received = models.PositiveIntegerField(_("cases received"))
    resolved = models.PositiveIntegerField(_("cases resolved"))
    overdue = models.PositiveIntegerField(_("past the time limit"), default=0)
    annulled_amended = models.PositiveIntegerField(_("annulled or amended (subjective)"), default=0)
    online_trials = models.PositiveIntegerField(_("online trials"), default=0)
    mediated = models.PositiveIntegerField(_("successful mediation and dialogue"), default=0)
    source = models.ForeignKey(
        StatisticImport,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )

    class Meta:
        verbose_name = _("court statistic")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start", "period_end", "case_type"],
                name="statistic_once",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="statistic_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_start}–{self.period_end} {self.case_type}"


class ScoringRound(models.Model):
    """The year's scoring of a cluster term: the signed pledge and the sheet it came from."""

    class Aggregation(models.TextChoices):
        MEAN = "mean", _("mean of the peer scores")
        TRIMMED = "trimmed_mean", _("mean without the highest and lowest peer score")
        FINAL_ONLY = "final_only", _("final score only (peer scores for information)")

    class Status(models.TextChoices):
        OPEN = "open", _("scoring")
        PUBLISHED = "published", _("published")

    pledge = models.OneToOneField(
        Pledge, verbose_name=_("emulation pledge"), on_delete=models.PROTECT, related_name="+"
    )
    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.PROTECT, related_name="rounds"
    )
    aggregation = models.CharField(
        _("peer aggregation"), max_length=14, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    outlier_points = models.DecimalField(
        _("flag a peer score this far from the median (points)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(3),
    )
    self_deadline = models.DateField(_("self-assessment deadline"), null=True, blank=True)
    peer_deadline = models.DateField(_("peer scoring deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    AUDITED_FIELDS = ("aggregation", "outlier_points", "self_deadline", "peer_deadline", "status")

    class Meta:
        verbose_name = _("scoring round")

    def __str__(self) -> str:
        return str(self.pledge)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Assessment(models.Model):
    """A member's self-assessment in a round: drafted, submitted, perhaps returned."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for revision")

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="assessments")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)

    AUDITED_FIELDS = ("status", "return_reason")

    class Meta:
        verbose_name = _("self-assessment")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="assessment_once")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.round}"


class Score(models.Model):
    class Kind(models.TextChoices):
        SELF = "self", _("self-score")
        PEER = "peer", _("peer score")
        FINAL = "final", _("final score")

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    subject = models.ForeignKey(
        Unit, verbose_name=_("scored unit"), on_delete=models.PROTECT, related_name="+"
    )
    scorer = models.ForeignKey(
        Unit,
        verbose_name=_("scoring unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    AUDITED_FIELDS = ("points", "comment")

    class Meta:
        verbose_name = _("score")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "criterion", "subject", "scorer", "kind"],
                name="score_once",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=~Q(kind="peer") | (Q(scorer__isnull=False) & ~Q(scorer=F("subject"))),
                name="peer_score_by_another_unit",
            ),
            models.CheckConstraint(
                condition=Q(kind="peer") | Q(scorer__isnull=True), name="only_peers_name_a_scorer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.criterion.code} {self.subject}: {self.points}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return (
        f"scoring/evidence/{instance.assessment.round_id}/{instance.assessment.unit_id}/{filename}"
    )


class Evidence(models.Model):
    """A file proving a self-score (PDF, image or Word)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    AUDITED_FIELDS = ("name", "size")

    class Meta:
        verbose_name = _("evidence file")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
