from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.formtools import BootstrapMixin, CleanTextMixin, DateInput
from tdkt.org.models import ClusterTerm
from tdkt.scoring.models import Criterion, ScoreSheet, ScoringRound

_POINTS = {"max_digits": 7, "decimal_places": 2, "min_value": 0, "localize": True}


class CriterionForm(BootstrapMixin, CleanTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Criterion
        fields = ["name", "max_points", "method", "indicator", "target", "points_per_percent"]
        localized_fields = ["max_points", "target", "points_per_percent"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("method") == Criterion.Method.INDICATOR and not data.get("indicator"):
            self.add_error("indicator", _("Choose the indicator this criterion is computed from."))
        if data.get("method") == Criterion.Method.INDICATOR and data.get("target") is None:
            self.add_error("target", _("An automatic criterion needs a target."))
        return data


class CriterionAddForm(CriterionForm):
    """A new line of a sheet: its code, the line it sits under and its kind besides the rest."""

    parent = forms.ModelChoiceField(
        label=_("under"),
        queryset=Criterion.objects.none(),
        required=False,
        empty_label=_("(top level)"),
    )

    class Meta(CriterionForm.Meta):
        fields = ["code", "parent", "kind", *CriterionForm.Meta.fields]

    def __init__(self, *args: Any, sheet: ScoreSheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.sheet = sheet
        self.fields["parent"].queryset = sheet.criteria.filter(  # type: ignore[attr-defined]
            kind__in=[Criterion.Kind.GROUP, Criterion.Kind.CRITERION]
        ).order_by("position", "pk")

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"])
        if self.instance.sheet.criteria.filter(code=code).exists():
            raise forms.ValidationError(_("This code is already used in the sheet."))
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("kind") == Criterion.Kind.GROUP
            and data.get("method") == Criterion.Method.INDICATOR
        ):
            self.add_error("method", _("A group only adds up the lines below it."))
        return data


class SheetImportForm(BootstrapMixin, CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("name"), max_length=300)
    year = forms.IntegerField(label=_("emulation year"), min_value=2000, max_value=2100)
    level = forms.ChoiceField(label=_("court level"), choices=ScoreSheet.Level.choices)
    file = forms.FileField(
        label=_("File"), help_text=_("An .xlsx file in the layout of the export.")
    )


class SeedForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("emulation year"), min_value=2000, max_value=2100)


class DraftPledgeForm(BootstrapMixin, forms.Form):
    sheet = forms.ModelChoiceField(label=_("score sheet"), queryset=ScoreSheet.objects.all())
    term = forms.ModelChoiceField(label=_("cluster term"), queryset=ClusterTerm.objects.none())
    year = forms.IntegerField(label=_("emulation year pledged"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, terms: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if terms is not None:
            self.fields["term"].queryset = terms  # type: ignore[attr-defined]


class StatisticsImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("An .xlsx or .xls file of at most 10 MB."))
    dry_run = forms.BooleanField(label=_("Check only, import nothing"), required=False)


class ScoreForm(BootstrapMixin, CleanTextMixin, forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    points = forms.DecimalField(label=_("points"), **_POINTS)  # type: ignore[arg-type]
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FinalScoreForm(BootstrapMixin, CleanTextMixin, forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    points = forms.DecimalField(label=_("final points"), **_POINTS)  # type: ignore[arg-type]
    reason = forms.CharField(label=_("reason"), max_length=2000)


class EvidenceForm(BootstrapMixin, forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("Evidence file"), help_text=_("PDF, PNG, JPEG or Word; at most 10 MB.")
    )


class ReturnForm(BootstrapMixin, CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("reason for return"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RoundSettingsForm(BootstrapMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ScoringRound
        fields = ["aggregation", "outlier_points", "self_deadline", "peer_deadline"]
        localized_fields = ["outlier_points"]
        widgets = {"self_deadline": DateInput(), "peer_deadline": DateInput()}
