"""Forms of the awards pages: the verdict-table filter and the catalogue editor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import EmulationTitle
from tdkt.awards.rules import Status
from tdkt.awards.rules.base import STATUS_LABELS
from tdkt.core.formtools import BootstrapMixin, CleanTextMixin, DateInput
from tdkt.core.text import clean_text


class VerdictFilterForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Emulation year"), min_value=2000, max_value=2100)
    scope = forms.ChoiceField(label=_("Scope"))
    status = forms.ChoiceField(label=_("Verdict"), required=False)
    code = forms.ChoiceField(label=_("Title or form"), required=False)
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    as_of = forms.DateField(label=_("Council session date"), required=False, widget=DateInput())

    def __init__(
        self, *args: Any, scopes: list[tuple[str, str]], codes: list[tuple[str, str]], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        choices: dict[str, list[tuple[str, Any]]] = {
            "scope": list(scopes),
            "status": [("", _("all")), *((s.value, STATUS_LABELS[s]) for s in Status)],
            "code": [("", _("all")), *codes],
        }
        for name, values in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101  (declared above)
            field.choices = values


class CatalogueEntryForm(CleanTextMixin, BootstrapMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = EmulationTitle
        fields = (
            "short_name",
            "name",
            "aliases",
            "legal_basis",
            "valid_from",
            "valid_to",
            "note",
        )
        widgets = {
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "aliases": forms.Textarea(attrs={"rows": 5}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # one alias per line: cleaned line by line, not joined into one (CleanTextMixin)
        raw = str(self.data.get("aliases", ""))
        data["aliases"] = "\n".join(
            line for line in (clean_text(part) for part in raw.splitlines()) if line
        )
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of validity cannot be before its start."))
        return data


class ConfirmForm(BootstrapMixin, forms.Form):
    source = forms.CharField(
        label=_("Source read"),
        max_length=300,
        help_text=_("The official text read, e.g. Công báo số …, or vbpl.vn and the article."),
    )

    def clean_source(self) -> str:
        return clean_text(self.cleaned_data["source"])


class OverrideForm(BootstrapMixin, forms.Form):
    subject = forms.RegexField(regex=r"^[pu]:\d+$", widget=forms.HiddenInput)
    code = forms.CharField(max_length=60, widget=forms.HiddenInput)
    year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Decided verdict"),
        choices=[
            (Status.PASS.value, STATUS_LABELS[Status.PASS]),
            (Status.FAIL.value, STATUS_LABELS[Status.FAIL]),
            (Status.REVIEW.value, STATUS_LABELS[Status.REVIEW]),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reference = forms.CharField(label=_("Reference document"), max_length=200, required=False)

    def clean_reason(self) -> str:
        reason = clean_text(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError(_("Give the reason for the decision."))
        return reason


class RunSaveForm(BootstrapMixin, forms.Form):
    """ "Lưu kết quả xét": the table's scope, year and council session date, and a note."""

    scope = forms.CharField(max_length=40, widget=forms.HiddenInput)
    year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    as_of = forms.DateField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        help_text=_("For example: before the council meeting of 20/11/2025."),
    )

    def clean_note(self) -> str:
        return clean_text(self.cleaned_data["note"])


class RunFilterForm(BootstrapMixin, forms.Form):
    """The verdict table's filters, on a saved run."""

    status = forms.ChoiceField(label=_("Verdict"), required=False)
    code = forms.ChoiceField(label=_("Title or form"), required=False)
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)

    def __init__(self, *args: Any, codes: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        status = self.fields["status"]
        code = self.fields["code"]
        assert isinstance(status, forms.ChoiceField)  # noqa: S101  (declared above)
        assert isinstance(code, forms.ChoiceField)  # noqa: S101  (declared above)
        status.choices = [("", _("all")), *((s.value, STATUS_LABELS[s]) for s in Status)]
        code.choices = [("", _("all")), *codes]
