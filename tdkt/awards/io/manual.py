"""The engine's inputs entered by hand: the forms of each kind and the services that save and
delete them (one transaction, one audit event with before and after)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from tdkt.awards.io.comments import PROBLEMS, CommentChecks
from tdkt.awards.io.inputs import EVENT, MODELS, audited_fields
from tdkt.awards.models import AwardRecord, ChainOverride, EmulationTitle, Hold, TransferComment
from tdkt.core.audit import record_event, snapshot
from tdkt.core.db import vi
from tdkt.core.formtools import BootstrapMixin, CleanTextMixin, DateInput
from tdkt.org.models import LineageLink, Unit

PERSON_KINDS = ("discipline", "initiatives", "leave", "transfer_comments", "holds")
UNIT_KINDS = ("unit_ratings", "holds")
DELETABLE = ("transfer_comments",)

FIELDS: dict[str, tuple[str, ...]] = {
    "discipline": ("level", "decided_on", "period_end", "note"),
    "initiatives": ("kind", "name", "scope", "year", "recognised_on", "claimed_by"),
    "leave": ("kind", "start", "end"),
    "transfer_comments": TransferComment.AUDITED_FIELDS,
    "holds": ("kind", "opened_on", "closed_on", "source_document"),
    "unit_ratings": ("year", "rating", "source"),
    "chain": ("unit", "title", "year", "held", "reason", "reference"),
}
ORDER = {"start": "end", "decided_on": "period_end", "opened_on": "closed_on"}
DATE_ORDER = _("Expected a date not before “%(other)s”.")
DUPLICATE_COMMENTS = gettext_noop(
    "Comments of this unit for this year and case are already recorded: edit them instead."
)


class InputForm(CleanTextMixin, BootstrapMixin, forms.ModelForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = DateInput(attrs={"class": "form-control"})
            if name == "year":
                field.widget.attrs.update(min=2000, max=2100)
                field.validators += [MinValueValidator(2000), MaxValueValidator(2100)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for start, end in ORDER.items():
            first, last = data.get(start), data.get(end)
            if isinstance(first, dt.date) and isinstance(last, dt.date) and last < first:
                self.add_error(end, DATE_ORDER % {"other": self.fields[start].label})
        return data

    def validate_constraints(self, exclude: Any = None) -> None:
        """The date-order constraints are checked in `clean` with a readable message."""


class TransferCommentForm(InputForm):
    """Other units' comments (IND-05): the court is one of the person's in the year; a
    successor only for a court that no longer existed, with the reason (RULES.md §11.4)."""

    person_id: int | None = None
    checks: CommentChecks | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        source, year = data.get("source_unit"), data.get("year")
        if self.person_id is None or self.checks is None or source is None or year is None:
            return data
        twin = TransferComment.objects.filter(
            person_id=self.person_id, year=year, kind=data.get("kind"), source_unit=source
        ).exclude(pk=self.instance.pk)
        if twin.exists():
            self.add_error("source_unit", gettext(DUPLICATE_COMMENTS))
        for name, code, params in self.checks.problems(
            person_id=self.person_id,
            year=year,
            kind=data.get("kind") or "",
            source=source,
            successor=data.get("successor"),
            reason=data.get("successor_reason") or "",
            given_on=data.get("given_on"),
        ):
            self.add_error(name, gettext(PROBLEMS[code]) % params)
        return data


def form_class(kind: str) -> type[InputForm]:
    model = MODELS[kind]
    base = TransferCommentForm if kind == "transfer_comments" else InputForm
    return forms.modelform_factory(model, form=base, fields=FIELDS[kind])  # type: ignore[return-value]


def make_form(kind: str, *args: Any, person_id: int | None = None, **kwargs: Any) -> InputForm:
    form = form_class(kind)(*args, **kwargs)
    if "claimed_by" in form.fields:
        field = form.fields["claimed_by"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  (a foreign key)
        field.queryset = AwardRecord.objects.filter(person_id=person_id or 0).select_related(
            "title", "form", "person"
        )
    if "title" in form.fields:
        field = form.fields["title"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  (a foreign key)
        field.queryset = EmulationTitle.objects.filter(subject__in=("collective", "both"))
        field.label = _("emulation title")
    if "unit" in form.fields:  # chain overrides: successor units only (ORG-02)
        field = form.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  (a foreign key)
        field.queryset = Unit.objects.filter(
            pk__in=LineageLink.objects.values("successor_id")
        ).order_by(vi("name"))
        field.label = _("successor")
    if "reason" in form.fields:
        form.fields["reason"].widget.attrs["rows"] = 3
    if isinstance(form, TransferCommentForm) and person_id is not None:
        _comment_choices(form, person_id)
    return form


def _comment_choices(form: TransferCommentForm, person_id: int) -> None:
    """The person's courts to choose from, and the units that continue them by lineage."""
    checks = CommentChecks.load([person_id])
    form.person_id, form.checks = person_id, checks
    courts = checks.courts(person_id)
    for name, ids in (("source_unit", courts), ("successor", checks.successors(courts))):
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  (a foreign key)
        field.queryset = Unit.objects.filter(pk__in=ids).order_by(vi("name"))
    for name in ("summary", "successor_reason"):
        form.fields[name].widget.attrs["rows"] = 3


@transaction.atomic
def save_input(*, kind: str, obj: models.Model, actor: Any) -> bool:
    """Save a record entered by hand; False when nothing changed."""
    fields = audited_fields(kind)
    created = obj.pk is None
    before = None
    if not created:
        previous = type(obj)._default_manager.get(pk=obj.pk)
        before = snapshot(previous, fields)
    after = snapshot(obj, fields)
    if before == after:
        return False
    if isinstance(obj, ChainOverride):
        obj.decided_by = actor
    if isinstance(obj, TransferComment):
        obj.recorded_by = actor
    obj.save()
    record_event(
        f"{EVENT[kind]}.{'created' if created else 'updated'}",
        actor=actor,
        target=obj,
        before=before,
        after=after,
    )
    return True


@transaction.atomic
def delete_input(*, kind: str, obj: models.Model, actor: Any) -> None:
    """Delete a record entered by mistake (other units' comments); the audit keeps what it
    held."""
    before = snapshot(obj, audited_fields(kind))
    record_event(f"{EVENT[kind]}.deleted", actor=actor, target=obj, before=before)
    obj.delete()


@transaction.atomic
def end_hold(*, hold: Hold, day: dt.date, actor: Any) -> None:
    """Close a hold on `day` (the day of the conclusion)."""
    before = snapshot(hold, Hold.AUDITED_FIELDS)
    hold.closed_on = day
    hold.save(update_fields=["closed_on"])
    record_event(
        "awards.hold.updated",
        actor=actor,
        target=hold,
        before=before,
        after=snapshot(hold, Hold.AUDITED_FIELDS),
    )
