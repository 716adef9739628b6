from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.core.formtools import BootstrapMixin, CleanTextMixin
from tdkt.org.models import Unit

_TARGET = {
    "max_digits": 9,
    "decimal_places": 2,
    "min_value": 0,
    "required": False,
    "localize": True,
}


class PledgeItemForm(BootstrapMixin, CleanTextMixin, forms.Form):
    commitment = forms.CharField(
        label=_("commitment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    target = forms.DecimalField(label=_("target"), **_TARGET)  # type: ignore[arg-type]


class OverrideForm(BootstrapMixin, CleanTextMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("member unit"), queryset=Unit.objects.none())
    target = forms.DecimalField(label=_("target"), **_TARGET)  # type: ignore[arg-type]
    commitment = forms.CharField(label=_("commitment"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        if units is not None and isinstance(field, forms.ModelChoiceField):
            field.queryset = units


class SignForm(BootstrapMixin, CleanTextMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("for the unit"), queryset=Unit.objects.none(), empty_label=None
    )
    signer_name = forms.CharField(label=_("signed by"), max_length=200)
    signer_position = forms.CharField(label=_("position"), max_length=150)

    def __init__(self, *args: Any, units: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        if units is not None and isinstance(field, forms.ModelChoiceField):
            field.queryset = units
