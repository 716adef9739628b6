from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.core.db import vi
from tdkt.core.formtools import BootstrapMixin, CleanTextMixin, DateInput
from tdkt.org.models import ClusterTerm, Employment, Person, Province, Unit


class UnitChoiceField(forms.ModelChoiceField[Unit]):
    def label_from_instance(self, obj: Unit) -> str:
        if obj.valid_to:
            return f"{obj.name} ({obj.code}, đến {obj.valid_to:%d/%m/%Y})"
        return f"{obj.name} ({obj.code})"


class UnitForm(BootstrapMixin, CleanTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    parent = UnitChoiceField(
        label=_("parent unit"),
        queryset=Unit.objects.exclude(
            level__in=[Unit.Level.DISTRICT, Unit.Level.DEPARTMENT]
        ).order_by("level", vi("name")),
        required=False,
    )
    province = forms.ModelChoiceField(
        label=_("province"), queryset=Province.objects.order_by(vi("name")), required=False
    )

    class Meta:
        model = Unit
        fields = ["code", "name", "level", "parent", "province", "valid_from", "valid_to", "note"]
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date must not be before the start date."))
        return data


class ClusterTermForm(BootstrapMixin, CleanTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    members = forms.ModelMultipleChoiceField(
        label=_("member units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ClusterTerm
        fields = ["name", "head_unit", "deputy_unit", "next_head_unit", "next_deputy_unit", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, edit_members: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        term: ClusterTerm = self.instance
        members: QuerySet[Unit] = Unit.objects.filter(memberships__term=term).order_by(vi("name"))
        for name in ("head_unit", "deputy_unit", "next_head_unit", "next_deputy_unit"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  (declared as ForeignKey)
            field.queryset = members
        if edit_members:
            organiser = term.cluster.organising_unit
            if organiser.level == Unit.Level.SUPREME:  # sector clusters group provincial courts
                candidates = Unit.objects.filter(level__in=[Unit.Level.PROVINCIAL, Unit.Level.HIGH])
            else:  # a court's internal clusters group the courts below it
                candidates = Unit.objects.filter(parent=organiser).exclude(
                    level=Unit.Level.DEPARTMENT
                )
            in_force = candidates.valid_on(term.valid_to)
            member_field = self.fields["members"]
            assert isinstance(member_field, forms.ModelMultipleChoiceField)  # noqa: S101
            member_field.queryset = (
                Unit.objects.filter(Q(pk__in=in_force.values("pk")) | Q(memberships__term=term))
                .distinct()
                .order_by(vi("name"))
            )
            member_field.widget.attrs.pop("class", None)
            self.initial["members"] = list(members)
        else:
            del self.fields["members"]


class PersonForm(BootstrapMixin, CleanTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Person
        fields = ["code", "full_name", "gender", "birth_date", "recruited_on", "note"]
        widgets = {
            "birth_date": DateInput(),
            "recruited_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class EmploymentForm(BootstrapMixin, CleanTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    unit = UnitChoiceField(label=_("unit"), queryset=Unit.objects.none())
    close_previous = forms.BooleanField(
        label=_("Transfer: end the current period the day before this one starts"), required=False
    )

    class Meta:
        model = Employment
        fields = ["unit", "position", "is_judge", "kind", "start", "end", "note"]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self, *args: Any, units: QuerySet[Unit], with_close: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)  # noqa: S101
        unit_field.queryset = units.order_by("valid_to", vi("name"))
        if not with_close:
            del self.fields["close_previous"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must not be before the start date."))
        return data


class NewPersonForm(PersonForm):
    """A person with their first employment, in one form."""

    unit = UnitChoiceField(label=_("unit"), queryset=Unit.objects.none())
    position = forms.CharField(label=_("position"), max_length=150)
    is_judge = forms.BooleanField(label=_("judge"), required=False)
    start = forms.DateField(label=_("from"), widget=DateInput())

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)  # noqa: S101
        unit_field.queryset = units.order_by("valid_to", vi("name"))
        self.fields["unit"].widget.attrs["class"] = "form-select"
        for name in ("position", "start"):
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["is_judge"].widget.attrs["class"] = "form-check-input"
