"""Parsing and checking the meetings pages' input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.core.db import vi
from tdkt.core.text import clean_text
from tdkt.meetings.models import Ballot, Candidate, Meeting, Threshold
from tdkt.meetings.rules import TitleRule
from tdkt.org.models import ClusterTerm, Person, Unit


def _bootstrap(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(field.widget, forms.Select):
            field.widget.attrs.setdefault("class", "form-select")
        else:
            field.widget.attrs.setdefault("class", "form-control")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Meeting.Kind.choices)
    term = forms.ModelChoiceField(
        label=_("cluster term"), queryset=ClusterTerm.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(
        label=_("unit of the council"), queryset=Unit.objects.none(), required=False
    )
    title = forms.CharField(label=_("title"), max_length=300)
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("place"), max_length=300, required=False)
    chair = forms.CharField(label=_("chaired by"), max_length=200, required=False)
    secretary_name = forms.CharField(label=_("minutes taken by"), max_length=200, required=False)

    def __init__(
        self, *args: Any, terms: QuerySet[ClusterTerm], units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms.order_by("-year", "cluster__number")  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units.order_by(vi("name"))  # type: ignore[attr-defined]
        _bootstrap(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Meeting.Kind.CONFERENCE and not data.get("term"):
            self.add_error("term", _("Choose the cluster term of the conference."))
        if data.get("kind") == Meeting.Kind.COUNCIL and not data.get("unit"):
            self.add_error("unit", _("Choose the unit whose council meets."))
        for name in ("title", "place", "chair", "secretary_name"):
            if name in data:
                data[name] = clean_text(data[name])
        return data


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("agenda item"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class CouncilMemberForm(forms.Form):
    person = forms.ModelChoiceField(label=_("council member"), queryset=Person.objects.none())

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people.order_by(vi("given_name"), vi("full_name"))  # type: ignore[attr-defined]
        _bootstrap(self)


class BallotForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    title_code = forms.ChoiceField(label=_("emulation title"))
    kind = forms.ChoiceField(label=_("form"), choices=Ballot.Kind.choices)
    max_choices = forms.IntegerField(label=_("choose at most"), min_value=1, initial=1)
    threshold = forms.ChoiceField(
        label=_("threshold"),
        choices=[("", _("as the title's rule says")), *list(Threshold.choices)],
        required=False,
    )
    base = forms.ChoiceField(label=_("base"), choices=Ballot.Base.choices)
    breakdown_min_electorate = forms.IntegerField(
        label=_("show per-option counts from an electorate of"), min_value=1, initial=10
    )

    def __init__(self, *args: Any, titles: tuple[TitleRule, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.titles = {t.code: t for t in titles}
        self.fields["title_code"].choices = [(t.code, t.label) for t in titles]  # type: ignore[attr-defined]
        _bootstrap(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rule = self.titles.get(data.get("title_code", ""))
        if rule is not None:
            data["title_label"] = str(rule.label)
            data["threshold"] = data.get("threshold") or rule.threshold
        if "title" in data:
            data["title"] = clean_text(data["title"])
        return data


class CandidateForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none(), required=False)
    person = forms.ModelChoiceField(
        label=_("person"), queryset=Person.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, units: QuerySet[Unit], people: QuerySet[Person], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("level", vi("name"))  # type: ignore[attr-defined]
        self.fields["person"].queryset = people.order_by(vi("given_name"), vi("full_name"))  # type: ignore[attr-defined]
        _bootstrap(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("unit")) == bool(data.get("person")):
            self.add_error("unit", _("Choose a unit or a person."))
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Voting code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg text-uppercase",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
            }
        ),
    )


class PaperCountForm(forms.Form):
    teller = forms.CharField(label=_("teller"), max_length=200)
    returned = forms.IntegerField(label=_("paper ballots returned"), min_value=0)
    invalid = forms.IntegerField(label=_("invalid paper ballots"), min_value=0)

    def __init__(self, *args: Any, ballot: Ballot, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = list(ballot.candidates.all())
        approval = ballot.kind == Ballot.Kind.APPROVAL
        for c in self.candidates:
            self.fields[f"agree_{c.pk}"] = forms.IntegerField(
                label=_("%(name)s: agree") % {"name": c.label}
                if approval
                else _("%(name)s: chosen") % {"name": c.label},
                min_value=0,
            )
            if approval:
                self.fields[f"disagree_{c.pk}"] = forms.IntegerField(
                    label=_("%(name)s: disagree") % {"name": c.label}, min_value=0
                )
        _bootstrap(self)

    def counts(self) -> dict[int, tuple[int, int]]:
        return {
            c.pk: (
                self.cleaned_data[f"agree_{c.pk}"],
                self.cleaned_data.get(f"disagree_{c.pk}") or 0,
            )
            for c in self.candidates
        }


class ResolutionForm(forms.Form):
    decided_by = forms.CharField(label=_("decided by"), max_length=300)
    chosen = forms.ModelMultipleChoiceField(
        label=_("chosen"),
        queryset=Candidate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    recusal = forms.CharField(
        label=_("recusal or conflict of interest"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, ballot: Ballot, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = ballot.candidates.all()  # type: ignore[attr-defined]
        _bootstrap(self)
        self.fields["chosen"].widget.attrs["class"] = "form-check-input"


class VoteCountMinutesForm(forms.Form):
    """The vote-counting committee named in the biên bản kiểm phiếu."""

    head = forms.CharField(label=_("head of the vote-counting committee"), max_length=200)
    secretary = forms.CharField(label=_("secretary of the vote-counting committee"), max_length=200)
    committee = forms.CharField(
        label=_("other committee members"),
        required=False,
        max_length=2000,
        help_text=_("One name a line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def clean_committee(self) -> list[str]:
        raw = self.cleaned_data.get("committee") or ""
        return [name for name in (clean_text(line) for line in raw.splitlines()) if name]


class MeetingEditForm(forms.Form):
    """What may change until the meeting is closed: title, date, place, the agenda."""

    title = forms.CharField(label=_("title"), max_length=300)
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("place"), max_length=300, required=False)
    chair = forms.CharField(label=_("chaired by"), max_length=200, required=False)
    secretary_name = forms.CharField(label=_("minutes taken by"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("agenda"),
        required=False,
        max_length=6000,
        help_text=_("One item a line, in order."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def clean_agenda(self) -> list[str]:
        raw = self.cleaned_data.get("agenda") or ""
        items = [item for item in (clean_text(line) for line in raw.splitlines()) if item]
        too_long = [item for item in items if len(item) > 300]
        if too_long:
            raise forms.ValidationError(
                _("An agenda item has at most 300 characters: “%(item)s…”.")
                % {"item": too_long[0][:40]}
            )
        return items

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("title", "place", "chair", "secretary_name"):
            if name in data:
                data[name] = clean_text(data[name])
        return data
