"""Stored verdicts: an eligibility run frozen before the council meeting ("Lưu kết quả xét").

RULES.md §0.2.4 and §1.4 GEN-00: each stored verdict names the rule id, the rule version, the
legal basis and the as-of date it used, its reasons in Vietnamese (and their message, parameters
and citation, so they can be shown again in another language), and the inputs the engine had.
A new rule version or new data produces a new run; a stored run is never rewritten.

- `EligibilityRun`: the year, the scope (a unit with everything below it, or the whole sector),
  the council session date, who saved it and when, a note, the counts per verdict, and every
  rule version and parameter as they stood (`reference`).
- `StoredVerdict`: one subject × title or form, in the order of the verdict table.
- `StoredReasons`: the reasons and "còn cần" items of a verdict. Many verdicts of a run share
  the same list (the same ratings, the same attestations still due), so each distinct list is
  written once per run and verdicts point at it by `reasons_key`.
- `StoredInputs`: the facts the engine had for one subject (ratings by year, awards by code and
  year, discipline, holds, leave, initiatives; for a unit its members and predecessors), once per
  subject per run, with a digest to compare with the facts of today.

Immutable: no form, view, service or command edits or deletes them. `save()` refuses an existing
row, the querysets refuse `update()` and `delete()`, and a database trigger (migration
0007_eligibility_runs) refuses any UPDATE, so not even a raw SQL statement rewrites a stored run.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Self, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tdkt.core.errors import WorkflowError
from tdkt.org.models import Unit

_M = TypeVar("_M", bound=models.Model)

IMMUTABLE = _("A saved eligibility run cannot be changed or deleted; save a new run instead.")


class ImmutableQuerySet(models.QuerySet[_M]):
    def update(self, **kwargs: Any) -> int:
        raise WorkflowError(str(IMMUTABLE))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise WorkflowError(str(IMMUTABLE))

    def for_units(self, unit_ids: set[int] | None) -> Self:
        """Runs whose scope is one of these units; None means every run (a sector-wide role)."""
        if unit_ids is None:
            return self.all()
        return self.filter(unit_id__in=list(unit_ids))


class Immutable(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise WorkflowError(str(IMMUTABLE))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise WorkflowError(str(IMMUTABLE))


class SubjectKind(models.TextChoices):
    PERSON = "person", _("individual")
    UNIT = "unit", _("collective")


class VerdictStatus(models.TextChoices):
    PASS = "pass", _("eligible")
    FAIL = "fail", _("not eligible")
    REVIEW = "needs_review", _("needs review")
    DEFERRED = "deferred", _("deferred")


class EligibilityRun(Immutable):
    """The verdicts of a scope and a year as computed at one moment, kept as they were."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("scope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="eligibility_runs",
        help_text=_("The unit and everything below it; empty for the whole sector."),
    )
    scope_label = models.CharField(_("scope"), max_length=300)
    year = models.PositiveSmallIntegerField(_("emulation year"))
    as_of = models.DateField(_("council session date"))
    note = models.TextField(_("note"), blank=True)
    # the user's id and name as they were: a later change of the account changes nothing here
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    created_by_label = models.CharField(_("saved by"), max_length=200)
    created_at = models.DateTimeField(_("saved at"))
    subjects = models.PositiveIntegerField(_("people and units"))
    total = models.PositiveIntegerField(_("verdicts"))
    count_pass = models.PositiveIntegerField(_("eligible"))
    count_needs_review = models.PositiveIntegerField(_("needs review"))
    count_fail = models.PositiveIntegerField(_("not eligible"))
    count_deferred = models.PositiveIntegerField(_("deferred"))
    count_overridden = models.PositiveIntegerField(_("decided by hand"))
    # {"rules": [...], "parameters": [...]}: every rule version and parameter as they stood
    reference = models.JSONField(_("rule versions and parameters"))

    objects = ImmutableQuerySet["EligibilityRun"].as_manager()

    class Meta:
        verbose_name = _("saved eligibility run")
        verbose_name_plural = _("saved eligibility runs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "year"]), models.Index(fields=["year"])]

    def __str__(self) -> str:
        saved = timezone.localtime(self.created_at)
        return f"{self.scope_label} {self.year} ({saved:%d/%m/%Y %H:%M})"

    @property
    def scope_key(self) -> str:
        return "sector" if self.unit_id is None else f"unit:{self.unit_id}"

    @property
    def counts(self) -> dict[str, int]:
        """As `queries.status_counts` gives them for the live table."""
        return {
            "pass": self.count_pass,
            "needs_review": self.count_needs_review,
            "fail": self.count_fail,
            "deferred": self.count_deferred,
        }


class StoredVerdict(Immutable):
    """One subject against one title or form, as the run computed it (RULES.md §0.2.4)."""

    run = models.ForeignKey(
        EligibilityRun, on_delete=models.CASCADE, related_name="verdicts", db_index=False
    )
    position = models.PositiveIntegerField(_("position"))  # the order of the verdict table
    subject_kind = models.CharField(_("subject"), max_length=6, choices=SubjectKind.choices)
    subject_id = models.PositiveIntegerField(_("subject id"))
    subject_code = models.CharField(_("code"), max_length=60)
    subject_name = models.CharField(_("name"), max_length=300)
    search = models.CharField(max_length=400)  # search_key of name and code, for the filter
    code = models.CharField(_("title or form"), max_length=60)
    name = models.CharField(_("Vietnamese name"), max_length=200)
    is_title = models.BooleanField(_("emulation title"))
    status = models.CharField(_("verdict"), max_length=20, choices=VerdictStatus.choices)
    rule_id = models.CharField(_("rule"), max_length=60)
    rule_version = models.CharField(_("rule version"), max_length=20, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    as_of = models.DateField(_("as-of date"))
    # the decision by hand in force when the run was saved (RULES.md §0.2.5), if any
    override_status = models.CharField(_("decided verdict"), max_length=20, blank=True)
    override_reason = models.TextField(_("reason"), blank=True)
    override_reference = models.CharField(_("reference document"), max_length=200, blank=True)
    override_by = models.CharField(_("decided by"), max_length=200, blank=True)
    override_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reasons_key = models.PositiveIntegerField()  # StoredReasons.key in the same run

    objects = ImmutableQuerySet["StoredVerdict"].as_manager()

    class Meta:
        verbose_name = _("stored verdict")
        verbose_name_plural = _("stored verdicts")
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="stored_verdict_position")
        ]
        indexes = [models.Index(fields=["subject_kind", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.subject_code} {self.code}: {self.status}"

    # Read like the engine's `Verdict`, so the verdict templates and the export serve both.
    # `reason_set` is attached by `runs.with_reasons` (one query for a page of verdicts).
    reason_set: StoredReasons | None = None

    @property
    def status_label(self) -> str:
        return str(VerdictStatus(self.status).label)

    @property
    def override(self) -> tuple[str, str, str, str, dt.datetime | None] | None:
        if not self.override_status:
            return None
        return (
            self.override_status,
            self.override_reason,
            self.override_reference,
            self.override_by,
            self.override_at,
        )

    @property
    def override_label(self) -> str:
        return str(VerdictStatus(self.override_status).label) if self.override_status else ""

    @property
    def reasons(self) -> list[StoredReason]:
        found = self.reason_set
        return [StoredReason(r) for r in found.reasons] if found is not None else []

    @property
    def remaining(self) -> list[StoredReason]:
        found = self.reason_set
        return [StoredReason(r) for r in found.remaining] if found is not None else []

    @property
    def reason_texts(self) -> list[str]:
        return [r.text for r in self.reasons]

    @property
    def remaining_texts(self) -> list[str]:
        return [r.text for r in self.remaining]

    @property
    def citations(self) -> list[str]:
        return list(dict.fromkeys(r.citation for r in self.reasons if r.citation))


class StoredReasons(Immutable):
    """A list of reasons and "còn cần" items, shared by the verdicts of a run that have it.

    Each item: {"message": English msgid, "params": JSON-safe parameters, "citation": …,
    "outcome": true | false | null, "text": the Vietnamese text as shown when saved}."""

    run = models.ForeignKey(
        EligibilityRun, on_delete=models.CASCADE, related_name="reason_sets", db_index=False
    )
    key = models.PositiveIntegerField()
    reasons = models.JSONField()
    remaining = models.JSONField()

    objects = ImmutableQuerySet["StoredReasons"].as_manager()

    class Meta:
        verbose_name = _("stored reasons")
        verbose_name_plural = _("stored reasons")
        constraints = [models.UniqueConstraint(fields=["run", "key"], name="stored_reasons_key")]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.key}"


class StoredInputs(Immutable):
    """The facts the engine had for one subject in one run (docs/architecture.md lists the
    keys); `digest` is the BLAKE2b-128 of their canonical JSON."""

    run = models.ForeignKey(
        EligibilityRun, on_delete=models.CASCADE, related_name="inputs", db_index=False
    )
    subject_kind = models.CharField(max_length=6, choices=SubjectKind.choices)
    subject_id = models.PositiveIntegerField()
    digest = models.CharField(max_length=32)
    data = models.JSONField()

    objects = ImmutableQuerySet["StoredInputs"].as_manager()

    class Meta:
        verbose_name = _("stored inputs")
        verbose_name_plural = _("stored inputs")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "subject_kind", "subject_id"], name="stored_inputs_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.subject_kind}:{self.subject_id}"


def decode_value(value: Any) -> Any:
    """A stored reason parameter back to what the rule gave (dates, decimals, quoted items)."""
    if isinstance(value, list):
        return [decode_value(v) for v in value]
    if isinstance(value, dict):
        if "date" in value:
            return dt.date.fromisoformat(value["date"])
        if "decimal" in value:
            return Decimal(value["decimal"])
        if "reason" in value:
            return _Quoted(StoredReason(value["reason"]))
    return value


class StoredReason:
    """A stored reason, read like the engine's `Reason`: `text` is the Vietnamese text saved
    with the run; in another language it is rendered again from the message and parameters."""

    __slots__ = ("citation", "message", "outcome", "raw", "saved_text")

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.message: str = raw["message"]
        self.citation: str = raw.get("citation", "")
        self.outcome: bool | None = raw.get("outcome")
        self.saved_text: str = raw.get("text", "")

    @property
    def params(self) -> dict[str, Any]:
        return {k: decode_value(v) for k, v in self.raw.get("params", {}).items()}

    @property
    def text(self) -> str:
        if self.saved_text and (get_language() or "vi").startswith("vi"):
            return self.saved_text
        return self.rendered()

    def rendered(self) -> str:
        from tdkt.awards.rules.base import Reason

        return Reason(self.message, self.params, self.citation, self.outcome).text


class _Quoted:
    """A "còn cần" item quoted inside another reason, rendered when shown."""

    __slots__ = ("reason",)

    def __init__(self, reason: StoredReason) -> None:
        self.reason = reason

    def __str__(self) -> str:
        return self.reason.rendered()
