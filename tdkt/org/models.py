"""The organisation registry: provinces, units and their lineage, clusters and their yearly terms,
people and employment, and the roles users hold."""

from __future__ import annotations

import datetime as dt
from typing import Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.text import given_name, search_key


class Confidence(models.TextChoices):
    """How sure we are of a fact (RULES.md §0.1)."""

    CONFIRMED = "C", _("C — confirmed")
    WEAK = "C2", _("C2 — weak secondary source")
    BELIEVED = "B", _("B — believed or inferred")
    OPEN = "open", _("Open — unknown")


class Organisation(models.Model):
    """The one organisation this installation serves, and its emulation year."""

    name = models.CharField(_("name"), max_length=200)
    year_start_month = models.PositiveSmallIntegerField(
        _("emulation year starts in month"), default=10
    )
    year_start_day = models.PositiveSmallIntegerField(_("on day"), default=1)

    class Meta:
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Organisation:
        org = cls.objects.order_by("pk").first()
        if org is None:
            org = cls.objects.create(name="Tòa án nhân dân")
        return org

    def year_bounds(self, label: int) -> tuple[dt.date, dt.date]:
        """Emulation year `label` is named by the year it ends: 2022 = 01/10/2021 – 30/09/2022."""
        if (self.year_start_month, self.year_start_day) == (1, 1):
            return dt.date(label, 1, 1), dt.date(label, 12, 31)
        start = dt.date(label - 1, self.year_start_month, self.year_start_day)
        end = dt.date(label, self.year_start_month, self.year_start_day) - dt.timedelta(days=1)
        return start, end

    def year_of(self, day: dt.date) -> int:
        if (day.month, day.day) >= (self.year_start_month, self.year_start_day) and (
            self.year_start_month,
            self.year_start_day,
        ) != (1, 1):
            return day.year + 1
        return day.year


_M = TypeVar("_M", bound=models.Model)


class ValidQuerySet(models.QuerySet[_M]):
    def valid_on(self, day: dt.date) -> Self:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


def word_prefix_filter(query: str, field: str = "search_key") -> Q:
    """Each query word must begin a word of `field`: "nga son" finds "Nga Sơn", not "Ngân Sơn"
    only because of "nga" inside another word."""
    q = Q()
    for word in search_key(query).split():
        q &= Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})
    return q


class ProvinceQuerySet(ValidQuerySet["Province"]):
    pass


class Province(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        CITY = "city", _("centrally-run city")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    gso_code = models.CharField(_("statistics code"), max_length=8, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    search_key = models.CharField(max_length=100, editable=False, db_index=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        prefix = "thành phố" if self.kind == self.Kind.CITY else "tỉnh"
        return f"{prefix} {self.name}"


class ProvinceSuccession(models.Model):
    """Old province → new province on a date (NQ 202/2025/QH15: 63 → 34 on 01/07/2025)."""

    predecessor = models.ForeignKey(
        Province,
        verbose_name=_("predecessor"),
        on_delete=models.PROTECT,
        related_name="successions",
    )
    successor = models.ForeignKey(
        Province, verbose_name=_("successor"), on_delete=models.PROTECT, related_name="precessions"
    )
    effective_date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "effective_date"],
                name="province_succession_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class UnitQuerySet(ValidQuerySet["Unit"]):
    def search(self, query: str) -> Self:
        """Every word of the query starts a word of the name (no diacritics needed)."""
        return self.filter(word_prefix_filter(query) | Q(code__iexact=query.strip()))


class Unit(models.Model):
    class Level(models.TextChoices):
        SUPREME = "supreme_court", _("Supreme People's Court")
        HIGH = "high_court", _("High People's Court (until 30/06/2025)")
        APPELLATE = (
            "spc_appellate_court",
            _("Appellate court of the Supreme Court (from 01/07/2025)"),
        )
        PROVINCIAL = "provincial_court", _("provincial court")
        REGIONAL = "regional_court", _("regional court (from 01/07/2025)")
        DISTRICT = "district_court", _("district court (until 30/06/2025)")
        DEPARTMENT = "department", _("internal department")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    search_key = models.CharField(max_length=200, editable=False, db_index=True)

    objects = UnitQuerySet.as_manager()

    AUDITED_FIELDS = (
        "code",
        "name",
        "level",
        "parent",
        "province",
        "valid_from",
        "valid_to",
        "note",
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_key = search_key(f"{self.name} {self.code}")
        super().save(*args, **kwargs)

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def is_historic(self) -> bool:
        return self.valid_to is not None


class LineageEvent(models.Model):
    """A reorganisation: predecessors → successors on an effective date (RULES.md ORG-01)."""

    class Kind(models.TextChoices):
        CONTINUES = "continues", _("unchanged, identity kept")
        RENAMED = "renamed", _("renamed")
        MERGED_INTO = "merged_into", _("merged")
        SPLIT = "split", _("split")
        TERRITORY_TO = "territory_to", _("territory passed on")
        ABOLISHED = "abolished", _("abolished")
        CONVERTED = "converted", _("converted")
        DISSOLVED = "dissolved", _("dissolved")
        CREATED = "created", _("newly created")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    effective_date = models.DateField(_("effective date"), db_index=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=4, choices=Confidence.choices, default=Confidence.CONFIRMED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("lineage event")
        verbose_name_plural = _("lineage events")
        ordering = ["effective_date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


class LineageLink(models.Model):
    event = models.ForeignKey(LineageEvent, on_delete=models.CASCADE, related_name="links")
    predecessor = models.ForeignKey(
        Unit,
        verbose_name=_("predecessor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successor_links",
    )
    successor = models.ForeignKey(
        Unit,
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessor_links",
    )
    share_note = models.CharField(_("share"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(predecessor__isnull=False) | Q(successor__isnull=False),
                name="lineage_link_has_a_side",
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor or '∅'} → {self.successor or '∅'}"


class Cluster(models.Model):
    """An emulation cluster (cụm thi đua), keyed by its organising unit and number (CLU-09)."""

    organising_unit = models.ForeignKey(
        Unit, verbose_name=_("organising unit"), on_delete=models.PROTECT, related_name="clusters"
    )
    number = models.PositiveSmallIntegerField(_("number"))

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        constraints = [
            models.UniqueConstraint(
                fields=["organising_unit", "number"], name="cluster_number_once"
            )
        ]

    def __str__(self) -> str:
        return f"Cụm thi đua số {self.number} ({self.organising_unit})"


class ClusterTerm(models.Model):
    """A cluster in one emulation year: its name, members, head and deputy (CLU-08)."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="terms"
    )
    year = models.PositiveSmallIntegerField(_("emulation year"), db_index=True)
    name = models.CharField(_("name"), max_length=300)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    head_unit = models.ForeignKey(
        Unit,
        verbose_name=_("head unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deputy_unit = models.ForeignKey(
        Unit,
        verbose_name=_("deputy head unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    next_head_unit = models.ForeignKey(
        Unit,
        verbose_name=_("next year's head unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    next_deputy_unit = models.ForeignKey(
        Unit,
        verbose_name=_("next year's deputy head unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=4, choices=Confidence.choices, default=Confidence.CONFIRMED
    )
    note = models.TextField(_("note"), blank=True)
    members: models.ManyToManyField[Unit, ClusterMembership] = models.ManyToManyField(
        Unit,
        verbose_name=_("member units"),
        through="ClusterMembership",
        related_name="cluster_terms",
    )

    AUDITED_FIELDS = (
        "name",
        "valid_from",
        "valid_to",
        "head_unit",
        "deputy_unit",
        "next_head_unit",
        "next_deputy_unit",
        "source",
        "confidence",
        "note",
    )

    class Meta:
        verbose_name = _("cluster term")
        verbose_name_plural = _("cluster terms")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="cluster_term_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.year}"


class ClusterMembership(models.Model):
    term = models.ForeignKey(ClusterTerm, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        Unit, verbose_name=_("member unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "unit"], name="membership_once")]

    def __str__(self) -> str:
        return f"{self.unit} ∈ {self.term}"


class PersonQuerySet(models.QuerySet["Person"]):
    def search(self, query: str) -> Self:
        """Every word of the query starts a word of the name (no diacritics needed)."""
        return self.filter(word_prefix_filter(query) | Q(code__iexact=query.strip()))


class Person(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")

    code = models.CharField(_("staff code"), max_length=40, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    given_name = models.CharField(_("given name"), max_length=60, editable=False)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    recruited_on = models.DateField(_("recruitment date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    search_key = models.CharField(max_length=250, editable=False, db_index=True)

    objects = PersonQuerySet.as_manager()

    AUDITED_FIELDS = ("code", "full_name", "gender", "birth_date", "recruited_on", "note")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.given_name = given_name(self.full_name)
        self.search_key = search_key(f"{self.full_name} {self.code}")
        super().save(*args, **kwargs)


class EmploymentQuerySet(models.QuerySet["Employment"]):
    def current_on(self, day: dt.date) -> Self:
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))


class Employment(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("appointment")
        TRANSFER = "transfer", _("transfer")
        SECONDMENT = "secondment", _("secondment")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="employments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="employments"
    )
    position = models.CharField(_("position"), max_length=150)
    is_judge = models.BooleanField(_("judge"), default=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = EmploymentQuerySet.as_manager()

    AUDITED_FIELDS = ("unit", "position", "is_judge", "kind", "start", "end", "note")

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employment")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="employment_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.position}, {self.unit}"


class Role(models.TextChoices):
    EMULATION_OFFICER = "emulation_officer", _("emulation officer")
    COUNCIL_MEMBER = "council_member", _("council member")
    LEADER = "leader", _("unit leader")
    VIEWER = "viewer", _("viewer")
    CLUSTER_SECRETARY = "cluster_secretary", _("cluster secretariat")
    SPC_OFFICE = "spc_office", _("Supreme Court emulation office")
    SYSTEM_ADMIN = "system_admin", _("system administrator")


UNIT_ROLES = {Role.EMULATION_OFFICER, Role.COUNCIL_MEMBER, Role.LEADER, Role.VIEWER}
SECTOR_ROLES = {Role.SPC_OFFICE, Role.SYSTEM_ADMIN}


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active_on(self, day: dt.date) -> Self:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class RoleAssignment(models.Model):
    """A role a user holds: in a unit, in a cluster term, or sector-wide."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cluster_term = models.ForeignKey(
        ClusterTerm,
        verbose_name=_("cluster term"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=sorted(r.value for r in UNIT_ROLES),
                        unit__isnull=False,
                        cluster_term__isnull=True,
                    )
                    | Q(role=Role.CLUSTER_SECRETARY, cluster_term__isnull=False, unit__isnull=True)
                    | Q(
                        role__in=sorted(r.value for r in SECTOR_ROLES),
                        unit__isnull=True,
                        cluster_term__isnull=True,
                    )
                ),
                name="role_scope_matches_kind",
            )
        ]

    def __str__(self) -> str:
        scope = self.unit or self.cluster_term or _("whole sector")
        return f"{self.get_role_display()} — {scope}"
