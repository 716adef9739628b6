"""Commendation data: the catalogue of titles and forms, versioned rules and parameters, award
history, annual ratings, discipline, initiatives, leave, other units' comments and legal holds.

Every fact about a person or a unit is unit-owned (a direct `unit` foreign key and
`.for_units()`), so the access gates of `org` scope it. Validity dates are inclusive, as in `org`
(`valid_to` is the last day in force; RULES.md's half-open `[from, to)` is `valid_to = to − 1`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.org.models import Confidence, Person, Unit, ValidQuerySet

_M = TypeVar("_M", bound=models.Model)


class UnitOwnedQuerySet(models.QuerySet[_M]):
    def for_units(self, unit_ids: Iterable[int] | None) -> Self:
        """Rows owned by these units; None means every unit (a sector-wide role)."""
        if unit_ids is None:
            return self.all()
        return self.filter(unit_id__in=list(unit_ids))


def one_subject(name: str, *, once_per: tuple[str, ...] = ()) -> list[models.BaseConstraint]:
    """A row is about exactly one subject: a person or a collective (`recipient_unit`). With
    `once_per` (field names, "subject" standing for either), at most one row per subject and
    those fields: `{name}_once_per_person` and `{name}_once_per_unit`."""
    constraints: list[models.BaseConstraint] = [
        models.CheckConstraint(
            condition=Q(person__isnull=False, recipient_unit__isnull=True)
            | Q(person__isnull=True, recipient_unit__isnull=False),
            name=f"{name}_one_subject",
        )
    ]
    if not once_per:
        return constraints
    for field, kind in (("person", "person"), ("recipient_unit", "unit")):
        constraints.append(
            models.UniqueConstraint(
                fields=[field if f == "subject" else f for f in once_per],
                condition=Q(**{f"{field}__isnull": False}),
                name=f"{name}_once_per_{kind}",
            )
        )
    return constraints


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", _("individual")
    COLLECTIVE = "collective", _("collective")
    BOTH = "both", _("individual or collective")


class AwardLevel(models.TextChoices):
    GRASSROOTS = "grassroots", _("grassroots")
    SECTOR = "sector", _("sector")
    STATE = "state", _("state")


class CommendationType(models.TextChoices):
    """Law Art. 8 (GEN-01)."""

    MERIT = "merit", _("merit-based")
    AD_HOC = "ad_hoc", _("ad hoc")
    CAMPAIGN = "campaign", _("campaign-based")
    LIFETIME = "lifetime_service", _("lifetime service")
    LENGTH = "length_of_service", _("length of service")
    FOREIGN = "foreign_relations", _("foreign relations")


class Rating(models.TextChoices):
    """Xếp loại chất lượng, low → high (GLOSSARY §7)."""

    NOT_COMPLETED = "not_completed", _("did not complete tasks (KHTNV)")
    COMPLETED = "completed", _("completed tasks (HTNV)")
    GOOD = "good", _("completed tasks well (HTTNV)")
    EXCELLENT = "excellent", _("completed tasks excellently (HTXSNV)")


RATING_RANK = {value: rank for rank, value in enumerate(Rating.values)}


class CatalogueEntry(models.Model):
    """What titles and forms share; two concrete tables keep the catalogues apart (FORM-00)."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    name = models.CharField(_("Vietnamese name"), max_length=200)
    aliases = models.TextField(
        _("aliases"), blank=True, help_text=_("One spelling per line, as seen in spreadsheets.")
    )
    subject = models.CharField(_("conferred on"), max_length=12, choices=Subject.choices)
    level = models.CharField(_("level"), max_length=12, choices=AwardLevel.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    rule = models.CharField(
        _("eligibility rule"),
        max_length=60,
        blank=True,
        help_text=_("The rule module that checks it; empty for history only."),
    )
    period_years = models.PositiveSmallIntegerField(_("qualifying period (years)"), default=1)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=0, help_text=_("Higher ranks are paid first within one period.")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ValidQuerySet.as_manager()

    AUDITED_FIELDS = (
        "code",
        "short_name",
        "name",
        "aliases",
        "subject",
        "level",
        "legal_basis",
        "rule",
        "period_years",
        "rank",
        "valid_from",
        "valid_to",
        "note",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def for_individuals(self) -> bool:
        return self.subject in (Subject.INDIVIDUAL, Subject.BOTH)

    def for_collectives(self) -> bool:
        return self.subject in (Subject.COLLECTIVE, Subject.BOTH)


class EmulationTitle(CatalogueEntry):
    """Danh hiệu thi đua."""

    class Meta:
        verbose_name = _("emulation title")
        verbose_name_plural = _("emulation titles")


class CommendationForm(CatalogueEntry):
    """Hình thức khen thưởng (honour titles included, FORM-00)."""

    class Meta:
        verbose_name = _("commendation form")
        verbose_name_plural = _("commendation forms")


class Versioned(models.Model):
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    confidence = models.CharField(_("confidence"), max_length=4, choices=Confidence.choices)
    confirmed_by = models.CharField(_("confirmed by"), max_length=200, blank=True)
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    confirmation_source = models.CharField(_("confirmation source"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_firm(self) -> bool:
        """Confirmed (C), or confirmed by a named administrator (RULES.md §0.2.2)."""
        return self.confidence == Confidence.CONFIRMED or bool(
            self.confirmed_by and self.confirmed_on
        )


class RuleVersion(Versioned):
    """A version of an eligibility rule (GEN-00); the code of the rule picks its regime by date."""

    rule_id = models.CharField(_("rule"), max_length=60)
    version = models.CharField(_("version"), max_length=20)

    class Meta:
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        ordering = ["rule_id", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["rule_id", "version"], name="rule_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} v{self.version}"


class Parameter(Versioned):
    """A legal value with its validity (GEN-00): thresholds, multipliers, base salary, policies.

    `value` is text: an integer (đồng, months), a decimal ("0.3"), or a word ("carry");
    several readings are separated by "|" (§0.2.3).
    """

    key = models.CharField(_("key"), max_length=100, db_index=True)
    scope = models.CharField(_("scope"), max_length=60, blank=True)
    value = models.CharField(_("value"), max_length=200)

    AUDITED_FIELDS = (
        "key",
        "scope",
        "value",
        "valid_from",
        "valid_to",
        "legal_basis",
        "confidence",
        "confirmed_by",
        "confirmed_on",
        "confirmation_source",
    )

    class Meta:
        verbose_name = _("parameter")
        verbose_name_plural = _("parameters")
        ordering = ["key", "scope", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "scope", "valid_from"], name="parameter_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class AwardRecordQuerySet(UnitOwnedQuerySet["AwardRecord"]):
    def in_force(self) -> Self:
        return self.filter(revoked=False)


class AwardRecord(models.Model):
    """A conferred title or form (a fact, never re-judged: GEN-00)."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="award_records",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_records",
    )
    recipient_unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_awards",
    )
    title = models.ForeignKey(
        EmulationTitle,
        verbose_name=_("emulation title"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    form = models.ForeignKey(
        CommendationForm,
        verbose_name=_("commendation form"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    year = models.PositiveSmallIntegerField(_("emulation year"), db_index=True)
    commendation_type = models.CharField(
        _("commendation type"),
        max_length=20,
        choices=CommendationType.choices,
        default=CommendationType.MERIT,
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    amount_vnd = models.PositiveBigIntegerField(_("amount paid (đồng)"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = AwardRecordQuerySet.as_manager()

    AUDITED_FIELDS = (
        "person",
        "recipient_unit",
        "title",
        "form",
        "year",
        "commendation_type",
        "decision_number",
        "decision_date",
        "issuer",
        "amount_vnd",
        "revoked",
        "revoked_on",
        "note",
    )

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, recipient_unit__isnull=True)
                | Q(person__isnull=True, recipient_unit__isnull=False),
                name="award_one_recipient",
            ),
            models.CheckConstraint(
                condition=Q(title__isnull=False, form__isnull=True)
                | Q(title__isnull=True, form__isnull=False),
                name="award_title_or_form",
            ),
        ]
        indexes = [models.Index(fields=["person", "year"]), models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return f"{self.distinction} {self.year} — {self.recipient}"

    @property
    def distinction(self) -> CatalogueEntry:
        entry = self.title or self.form
        assert entry is not None  # noqa: S101  (a check constraint guarantees one)
        return entry

    @property
    def recipient(self) -> Person | Unit:
        found = self.person or self.recipient_unit
        assert found is not None  # noqa: S101  (a check constraint guarantees one)
        return found


class PersonRating(models.Model):
    """A person's annual rating (xếp loại chất lượng) for an emulation year."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(_("emulation year"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    original_text = models.CharField(_("as written"), max_length=200, blank=True)
    subjective_rate = models.DecimalField(
        _("judge: annulled or amended for subjective reasons (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )

    objects = UnitOwnedQuerySet["PersonRating"].as_manager()

    AUDITED_FIELDS = ("year", "rating", "original_text", "subjective_rate")

    class Meta:
        verbose_name = _("rating of a person")
        verbose_name_plural = _("ratings of people")
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="person_rating_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.get_rating_display()}"


class UnitRating(models.Model):
    """A collective's task completion for a year, and where the rating came from (COL-02)."""

    class Source(models.TextChoices):
        SCORE_BAND = "score_band", _("score-sheet band")
        SUPERIOR = "superior", _("superior's assessment")
        PARTY = "party", _("Party-organisation rating")
        OTHER = "other", _("other")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(_("emulation year"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, blank=True)

    objects = UnitOwnedQuerySet["UnitRating"].as_manager()

    AUDITED_FIELDS = ("year", "rating", "source")

    class Meta:
        verbose_name = _("rating of a unit")
        verbose_name_plural = _("ratings of units")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unit_rating_once")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.get_rating_display()}"


class Discipline(models.Model):
    """A disciplinary measure and its period (IND-06)."""

    class Level(models.TextChoices):
        REPRIMAND = "reprimand", _("reprimand (khiển trách)")
        WARNING = "warning", _("warning (cảnh cáo)")
        SALARY_STEP = "salary_step_reduction", _("salary-step reduction")
        DEMOTION = "demotion", _("demotion")
        REMOVAL = "removal_from_post", _("removal from post")
        DISMISSAL = "dismissal", _("dismissal")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="disciplines"
    )
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)
    decided_on = models.DateField(_("decided on"))
    period_end = models.DateField(_("discipline period ends"))
    original_text = models.CharField(_("as written"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = UnitOwnedQuerySet["Discipline"].as_manager()

    AUDITED_FIELDS = ("level", "decided_on", "period_end", "original_text", "note")

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("decided_on")), name="discipline_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_level_display()} {self.decided_on:%d/%m/%Y}"


DISCIPLINE_RANK = {value: rank for rank, value in enumerate(Discipline.Level.values, start=1)}


class Initiative(models.Model):
    """An initiative (sáng kiến) or research topic, its recognition, and the award that used it
    (GEN-03: an initiative counts once)."""

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("initiative")
        RESEARCH = "research", _("research topic")

    class Scope(models.TextChoices):
        GRASSROOTS = "grassroots", _("grassroots")
        SECTOR = "sector", _("whole sector")
        NATIONAL = "national", _("national")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person, verbose_name=_("author"), on_delete=models.CASCADE, related_name="initiatives"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    scope = models.CharField(_("recognised at"), max_length=12, choices=Scope.choices)
    year = models.PositiveSmallIntegerField(_("emulation year recognised"))
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        AwardRecord,
        verbose_name=_("used by the award"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )

    objects = UnitOwnedQuerySet["Initiative"].as_manager()

    AUDITED_FIELDS = ("kind", "name", "scope", "year", "recognised_on", "claimed_by")

    class Meta:
        verbose_name = _("initiative or research")
        verbose_name_plural = _("initiatives and research")

    def __str__(self) -> str:
        return self.name


SCOPE_RANK = {value: rank for rank, value in enumerate(Initiative.Scope.values)}


class Leave(models.Model):
    """Leave that counts as work (GEN-07), kept so that it is shown and never breaks a chain."""

    class Kind(models.TextChoices):
        MATERNITY = "maternity", _("maternity leave")
        INJURY = "injury_treatment", _("treatment of combat or rescue injuries")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="leaves"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))

    objects = UnitOwnedQuerySet["Leave"].as_manager()

    AUDITED_FIELDS = ("kind", "start", "end")

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="leave_range")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"


class TransferComment(models.Model):
    """Ý kiến nhận xét: what another unit says of a person's work in an emulation year, which
    the assessing unit needs (IND-05). After a transfer with 6 months or more of the year at the
    former unit, that unit's comments; during a secondment, the host unit's (the sending unit
    assesses). When the former or host unit no longer exists (the 2025 restructuring), its
    successor's leadership may give them, with the reason recorded (RULES.md §11.4)."""

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("former unit, after a transfer")
        SECONDMENT = "secondment", _("host unit, during a secondment")

    unit = models.ForeignKey(Unit, verbose_name=_("owning unit"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="transfer_comments",
    )
    year = models.PositiveSmallIntegerField(_("emulation year"))
    kind = models.CharField(_("comments of"), max_length=20, choices=Kind.choices)
    source_unit = models.ForeignKey(
        Unit,
        verbose_name=_("former or host unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    given_on = models.DateField(_("given on"))
    summary = models.TextField(_("comments"))
    reference = models.CharField(_("document number"), max_length=200, blank=True)
    successor = models.ForeignKey(
        Unit,
        verbose_name=_("given by its successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only when the former or host unit no longer exists."),
    )
    successor_reason = models.TextField(_("why the successor gives them"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    objects = UnitOwnedQuerySet["TransferComment"].as_manager()

    AUDITED_FIELDS = (
        "year",
        "kind",
        "source_unit",
        "given_on",
        "summary",
        "reference",
        "successor",
        "successor_reason",
    )

    class Meta:
        verbose_name = _("comments of another unit")
        verbose_name_plural = _("comments of other units")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "kind", "source_unit"], name="transfer_comment_once"
            ),
            models.CheckConstraint(
                condition=Q(successor__isnull=True, successor_reason="")
                | (Q(successor__isnull=False) & ~Q(successor_reason="")),
                name="transfer_comment_successor_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.source_unit}"

    @property
    def giving_unit(self) -> Unit:
        """The unit that gave the comments: the successor when there is one."""
        return self.successor or self.source_unit


class Hold(models.Model):
    """A legal hold (GEN-06): no award and no proposal while it is open."""

    class Kind(models.TextChoices):
        DISCIPLINE_REVIEW = "discipline_review", _("disciplinary review")
        INVESTIGATION = "investigation", _("investigation")
        INSPECTION = "inspection", _("inspection")
        COMPLAINT = "complaint", _("complaint or denunciation being handled")
        PRESS = "press_report", _("verification of a press-reported corruption case")

    unit = models.ForeignKey(Unit, verbose_name=_("owning unit"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="holds",
    )
    recipient_unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="holds",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    source_document = models.CharField(_("source document"), max_length=200, blank=True)

    objects = UnitOwnedQuerySet["Hold"].as_manager()

    AUDITED_FIELDS = ("kind", "opened_on", "closed_on", "source_document")

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        constraints = one_subject("hold")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.opened_on:%d/%m/%Y}"

    def open_on(self, day: dt.date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or day < self.closed_on)


class ChainOverride(models.Model):
    """A named user's decision on whether a successor unit holds a title for a pre-merger year
    (ORG-02 override); the computed value stays visible beside it."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    title = models.ForeignKey(EmulationTitle, verbose_name=_("title"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("emulation year"))
    held = models.BooleanField(_("counts as held"))
    reason = models.TextField(_("reason"))
    reference = models.CharField(_("reference document"), max_length=200)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    objects = UnitOwnedQuerySet["ChainOverride"].as_manager()

    class Meta:
        verbose_name = _("chain override")
        verbose_name_plural = _("chain overrides")
        constraints = [
            models.UniqueConstraint(fields=["unit", "title", "year"], name="chain_override_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.title} {self.year}"


class StaffAccount(models.Model):
    """Which person a user is, so a staff member sees their own history."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_account"
    )
    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="staff_account"
    )

    class Meta:
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")

    def __str__(self) -> str:
        return f"{self.user} = {self.person}"


class NameMapping(models.Model):
    """A title or form name seen in a spreadsheet that the aliases did not match, mapped once
    by a user and kept for every later import."""

    key = models.CharField(_("name key"), max_length=200, unique=True)
    written = models.CharField(_("as written"), max_length=200)
    title = models.ForeignKey(
        EmulationTitle,
        verbose_name=_("emulation title"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    form = models.ForeignKey(
        CommendationForm,
        verbose_name=_("commendation form"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("name mapping")
        verbose_name_plural = _("name mappings")
        constraints = [
            models.CheckConstraint(
                condition=Q(title__isnull=False, form__isnull=True)
                | Q(title__isnull=True, form__isnull=False),
                name="name_mapping_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.written} → {self.title or self.form}"


class VerdictOverride(models.Model):
    """A named user's decision that replaces a computed verdict, with a written reason
    (RULES.md §0.2.5); the computed verdict stays visible beside it."""

    class Status(models.TextChoices):
        PASS = "pass", _("eligible")
        FAIL = "fail", _("not eligible")
        REVIEW = "needs_review", _("needs review")

    unit = models.ForeignKey(Unit, verbose_name=_("owning unit"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE
    )
    recipient_unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="verdict_overrides",
    )
    code = models.CharField(_("title or form"), max_length=60)
    year = models.PositiveSmallIntegerField(_("emulation year"))
    status = models.CharField(_("verdict"), max_length=20, choices=Status.choices)
    reason = models.TextField(_("reason"))
    reference = models.CharField(_("reference document"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)

    objects = UnitOwnedQuerySet["VerdictOverride"].as_manager()

    AUDITED_FIELDS = ("code", "year", "status", "reason", "reference")

    class Meta:
        verbose_name = _("verdict override")
        verbose_name_plural = _("verdict overrides")
        constraints = one_subject("override", once_per=("subject", "code", "year"))

    def __str__(self) -> str:
        return f"{self.code} {self.year}: {self.get_status_display()}"


class CouncilVoteResult(models.Model):
    """The outcome of a council's secret ballot on one subject for one title and year, as the
    meetings app reports it when the ballot closes. Only totals: no voter, no ballot paper, no
    choice; the ballot id and final hash let anyone check it against the minutes."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("council of"),
        on_delete=models.PROTECT,
        related_name="council_vote_results",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE
    )
    recipient_unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="council_votes_received",
    )
    code = models.CharField(_("title or form"), max_length=60)
    year = models.PositiveSmallIntegerField(_("emulation year"))
    agree = models.PositiveSmallIntegerField(_("votes in favour"))
    base = models.PositiveSmallIntegerField(_("all members"))
    needed = models.PositiveSmallIntegerField(_("votes needed"))
    threshold = models.CharField(_("threshold"), max_length=4)
    passes = models.BooleanField(_("passes"))
    ballot_id = models.PositiveIntegerField(_("ballot"))
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    final_hash = models.CharField(_("final hash"), max_length=64)
    meeting_date = models.DateField(_("meeting date"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    objects = UnitOwnedQuerySet["CouncilVoteResult"].as_manager()

    AUDITED_FIELDS = (
        "code",
        "year",
        "agree",
        "base",
        "needed",
        "threshold",
        "passes",
        "ballot_id",
        "round",
        "final_hash",
        "meeting_date",
    )

    class Meta:
        verbose_name = _("council vote result")
        verbose_name_plural = _("council vote results")
        constraints = one_subject("vote_result", once_per=("unit", "subject", "code", "year"))

    def __str__(self) -> str:
        return f"{self.code} {self.year}: {self.agree}/{self.base}"


class MeetingAttestation(models.Model):
    """What the council attested in its minutes for one subject, title and year: one row per
    criterion the verdict asked for (`attested(x)`, RULES.md §0.2.7), attested or not."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("council of"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE
    )
    recipient_unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_attestations",
    )
    code = models.CharField(_("title or form"), max_length=60)
    year = models.PositiveSmallIntegerField(_("emulation year"))
    criterion = models.CharField(_("criterion"), max_length=300)
    attested = models.BooleanField(_("attested"))
    meeting_date = models.DateField(_("meeting date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    objects = UnitOwnedQuerySet["MeetingAttestation"].as_manager()

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        constraints = one_subject("attestation", once_per=("subject", "code", "year", "criterion"))

    def __str__(self) -> str:
        return f"{self.code} {self.year}: {self.criterion}"


# Revocations and review flags live in their own module; imported here so Django finds them.
from tdkt.awards.models_revocation import ReviewFlag as ReviewFlag  # noqa: E402
from tdkt.awards.models_revocation import Revocation as Revocation  # noqa: E402

# The stored eligibility runs live in their own module; imported here so Django registers them.
from tdkt.awards.models_runs import EligibilityRun as EligibilityRun  # noqa: E402
from tdkt.awards.models_runs import StoredInputs as StoredInputs  # noqa: E402
from tdkt.awards.models_runs import StoredReasons as StoredReasons  # noqa: E402
from tdkt.awards.models_runs import StoredVerdict as StoredVerdict  # noqa: E402
