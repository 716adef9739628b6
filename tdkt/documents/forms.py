"""Compose forms built from a kind's content dataclass, template uploads, verification."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.core.db import vi
from tdkt.core.errors import InputError
from tdkt.core.formtools import BootstrapMixin, CleanTextMixin, DateInput
from tdkt.core.text import clean_text
from tdkt.documents.content import Issuer, Signature, field_names
from tdkt.documents.layouts import FIELDS, parse_layout
from tdkt.documents.models import CertificateLayout
from tdkt.documents.registry import DocumentKind, kind_choices
from tdkt.org.models import Employment, Person, PersonQuerySet, Unit, UnitQuerySet

AUTHORITIES = [
    ("", "—"),
    ("TM.", "TM."),
    ("KT.", "KT."),
    ("TL.", "TL."),
    ("TUQ.", "TUQ."),
    ("Q.", "Q."),
]
SKIPPED = {"issuer", "number", "issued_on"}


def _row_fields(row_type: type) -> list[dataclasses.Field[Any]]:
    return list(dataclasses.fields(row_type))


def parse_rows(raw: str, row_type: type) -> tuple[list[Any], list[str]]:
    """Rows pasted from a spreadsheet: one a line, cells split by tabs (or " | ")."""
    hints = typing.get_type_hints(row_type)
    columns = _row_fields(row_type)
    rows, errors = [], []
    for index, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [clean_text(c) for c in (line.split("\t") if "\t" in line else line.split("|"))]
        if len(cells) != len(columns):
            errors.append(
                gettext("Line %(row)d: expected %(want)d columns, got %(got)d.")
                % {"row": index, "want": len(columns), "got": len(cells)}
            )
            continue
        values: dict[str, Any] = {}
        for column, cell in zip(columns, cells, strict=True):
            if hints[column.name] is int:
                digits = cell.replace(".", "").replace(",", "").replace(" ", "")
                if not digits.isdigit():
                    errors.append(
                        gettext(
                            "Line %(row)d, column “%(col)s”: expected a whole number, "
                            "got “%(got)s”."
                        )
                        % {"row": index, "col": column.metadata["label"], "got": cell}
                    )
                    continue
                values[column.name] = int(digits)
            else:
                values[column.name] = cell
        if len(values) == len(columns):
            rows.append(row_type(**values))
    return rows, errors


class ContentForm(BootstrapMixin, forms.Form):
    """The fields of a kind's content; `content()` builds the dataclass from the clean data."""

    kind: DocumentKind

    def __init__(
        self, *args: Any, units: UnitQuerySet, people: PersonQuerySet | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by(vi("name"))  # type: ignore[attr-defined]
        self.people = people if people is not None else Person.objects.none()
        self.honoured: Person | Unit | None = None

    def _honoured(self, name: str, queryset: Any, message: str) -> str:
        """The person or unit whose code was typed; the person wins when both are given."""
        code = clean_text(self.cleaned_data.get(name))
        found = queryset.filter(code__iexact=code).first() if code else None
        if code and found is None:
            raise forms.ValidationError(message % {"code": code})
        self.honoured = self.honoured or found
        return code

    def clean_person_code(self) -> str:
        message = gettext("No person with staff code “%(code)s” in your units.")
        return self._honoured("person_code", self.people, message)

    def clean_unit_code(self) -> str:
        message = gettext("No unit with code “%(code)s”.")
        return self._honoured("unit_code", Unit.objects.all(), message)

    def _fill_recipient(self, data: dict[str, Any]) -> None:
        """A certificate for a person or a unit of the registry: name and position from it."""
        honoured = self.honoured
        if isinstance(honoured, Person):
            job = (
                Employment.objects.filter(person=honoured)
                .current_on(data.get("issued_on") or timezone.localdate())
                .select_related("unit")
                .order_by("-start")
                .first()
            )
            data["recipient"] = data.get("recipient") or honoured.full_name
            if job is not None and not data.get("detail"):
                data["detail"] = f"{job.position}, {job.unit.name}"
        elif isinstance(honoured, Unit):
            data["recipient"] = data.get("recipient") or honoured.name
        if "recipient" in self.fields and not data.get("recipient"):
            self.add_error("recipient", gettext("Enter the recipient, or a staff or unit code."))

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if "person_code" in self.fields:
            self._fill_recipient(data)
        hints = typing.get_type_hints(self.kind.content_class)
        lists = {
            f.name
            for f in dataclasses.fields(self.kind.content_class)
            if typing.get_origin(hints[f.name]) is list
        }
        for name, value in list(data.items()):
            if isinstance(value, str) and name not in lists:
                data[name] = clean_text(value)  # lists keep their lines; each is cleaned below
        for f in dataclasses.fields(self.kind.content_class):
            origin, args = typing.get_origin(hints[f.name]), typing.get_args(hints[f.name])
            if origin is list and args and dataclasses.is_dataclass(args[0]):
                rows, errors = parse_rows(data.get(f.name) or "", args[0])  # type: ignore[arg-type]
                for error in errors:
                    self.add_error(f.name, error)
                data[f.name] = rows
        return data

    def content(self) -> Any:
        data = self.cleaned_data
        unit: Unit = data["unit"]
        values: dict[str, Any] = {
            "issuer": Issuer(
                parent_name=data["issuer_parent"] or (unit.parent.name if unit.parent else ""),
                name=data["issuer_name"] or unit.name,
                code=data["issuer_code"] or "TA",
                place=data["place"],
            ),
            "issued_on": data["issued_on"],
        }
        hints = typing.get_type_hints(self.kind.content_class)
        for f in dataclasses.fields(self.kind.content_class):
            if f.name in SKIPPED:
                continue
            hint = hints[f.name]
            if hint is Signature:
                values[f.name] = Signature(
                    **{
                        part: data[f"{f.name}_{part}"]
                        for part in ("authority", "on_behalf_of", "title", "name")
                    }
                )
            elif hint == list[str]:
                values[f.name] = [
                    clean_text(line) for line in (data[f.name] or "").splitlines() if line.strip()
                ]
            else:
                values[f.name] = data[f.name]
        return self.kind.content_class(**values)


def content_form_class(kind: DocumentKind) -> type[ContentForm]:
    """A form with the issuer, the date and one field per content field of `kind`."""
    attrs: dict[str, Any] = {
        "kind": kind,
        "unit": forms.ModelChoiceField(label=_("issuing unit"), queryset=Unit.objects.none()),
        "issuer_parent": forms.CharField(
            label=_("parent body"), required=False, help_text=_("Empty: the unit's parent.")
        ),
        "issuer_name": forms.CharField(
            label=_("issuing body"), required=False, help_text=_("Empty: the unit's name.")
        ),
        "issuer_code": forms.CharField(
            label=_("body code in the number"), required=False, initial="TA", max_length=30
        ),
        "place": forms.CharField(label=_("place"), max_length=80),
        "issued_on": forms.DateField(label=_("date"), widget=DateInput()),
    }
    if {"recipient", "detail"} <= field_names(kind.content_class):
        attrs["person_code"] = forms.CharField(
            label=_("staff code of the person honoured"),
            required=False,
            max_length=40,
            help_text=_("Fills the recipient and their position from the registry."),
        )
        attrs["unit_code"] = forms.CharField(
            label=_("or code of the unit honoured"), required=False, max_length=40
        )
    hints = typing.get_type_hints(kind.content_class)
    ordered = sorted(dataclasses.fields(kind.content_class), key=lambda f: f.name == "recipients")
    for f in ordered:  # the recipients ("Nơi nhận") come last, as on the page
        if f.name in SKIPPED:
            continue
        hint, meta = hints[f.name], f.metadata
        label, help_text = meta.get("label", f.name), meta.get("help", "")
        if hint is Signature:
            attrs[f"{f.name}_authority"] = forms.ChoiceField(
                label=_("%(who)s: authority") % {"who": label},
                choices=AUTHORITIES,
                required=False,
            )
            attrs[f"{f.name}_on_behalf_of"] = forms.CharField(
                label=_("%(who)s: on behalf of") % {"who": label}, required=False
            )
            attrs[f"{f.name}_title"] = forms.CharField(label=_("%(who)s: title") % {"who": label})
            attrs[f"{f.name}_name"] = forms.CharField(label=_("%(who)s: name") % {"who": label})
        elif hint is int:
            attrs[f.name] = forms.IntegerField(label=label, min_value=0, initial=0)
        elif typing.get_origin(hint) is list:
            (item,) = typing.get_args(hint)
            if dataclasses.is_dataclass(item):
                columns = " | ".join(str(c.metadata["label"]) for c in _row_fields(item))  # type: ignore[arg-type]
                help_text = _("One row a line, columns separated by tabs or “|”: %(cols)s.") % {
                    "cols": columns
                }
            attrs[f.name] = forms.CharField(
                label=label,
                required=False,
                help_text=help_text,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        else:
            widget = forms.Textarea(attrs={"rows": meta["lines"]}) if meta.get("lines") else None
            attrs[f.name] = forms.CharField(
                label=label, required=False, help_text=help_text, widget=widget
            )
    return type(f"{type(kind).__name__}Form", (ContentForm,), attrs)


def initial_from(kind: DocumentKind, content: Any) -> dict[str, Any]:
    """Form values from a content (the "fill in the example" button)."""
    initial: dict[str, Any] = {
        "issuer_parent": content.issuer.parent_name,
        "issuer_name": content.issuer.name,
        "issuer_code": content.issuer.code,
        "place": content.issuer.place,
        "issued_on": content.issued_on,
    }
    for f in dataclasses.fields(content):
        if f.name in SKIPPED:
            continue
        value = getattr(content, f.name)
        if isinstance(value, Signature):
            for part in ("authority", "on_behalf_of", "title", "name"):
                initial[f"{f.name}_{part}"] = getattr(value, part)
        elif isinstance(value, list):
            initial[f.name] = "\n".join(
                " | ".join(str(getattr(v, c.name)) for c in dataclasses.fields(v))
                if dataclasses.is_dataclass(v)
                else str(v)
                for v in value
            )
        else:
            initial[f.name] = value
    return initial


class TemplateUploadForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind of document"), choices=())
    unit = forms.ModelChoiceField(
        label=_("unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Empty: the whole organisation (Supreme Court office only)."),
    )
    file = forms.FileField(label=_("Word template (.docx)"))

    def __init__(self, *args: Any, units: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices()  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units.order_by(vi("name"))  # type: ignore[attr-defined]


class VerifyForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("PDF file"))


class BatchForm(BootstrapMixin, CleanTextMixin, forms.Form):
    """A list of recipients for one certificate each; the rest is common to all."""

    kind = forms.ChoiceField(label=_("kind of certificate"), choices=())
    unit = forms.ModelChoiceField(label=_("issuing unit"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("title of the batch"), max_length=200)
    authority = forms.CharField(label=_("title of the deciding official"))
    achievement = forms.CharField(label=_("achievement"), widget=forms.Textarea(attrs={"rows": 2}))
    decision_ref = forms.CharField(label=_("decision"))
    place = forms.CharField(label=_("place"), max_length=80)
    issued_on = forms.DateField(label=_("date"), widget=DateInput())
    signer_title = forms.CharField(label=_("signer's title"))
    signer_name = forms.CharField(label=_("signer's name"))
    recipients = forms.CharField(
        label=_("recipients"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One a line: name | position and unit (the register number follows the order)."
        ),
    )
    layout = forms.ModelChoiceField(
        label=_("print on"),
        queryset=CertificateLayout.objects.none(),
        required=False,
        empty_label=_("blank A4 paper (built-in layout)"),
    )
    first_register_number = forms.IntegerField(
        label=_("first golden register number"), min_value=1, initial=1
    )

    def __init__(
        self, *args: Any, units: UnitQuerySet, kinds: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units.order_by(vi("name"))  # type: ignore[attr-defined]

    def clean_recipients(self) -> list[tuple[str, str]]:
        rows = []
        for index, line in enumerate(self.cleaned_data["recipients"].splitlines(), start=1):
            if not line.strip():
                continue
            cells = [clean_text(c) for c in (line.split("\t") if "\t" in line else line.split("|"))]
            if len(cells) != 2 or not cells[0]:
                raise forms.ValidationError(
                    gettext("Line %(row)d: expected “name | position and unit”, got “%(got)s”.")
                    % {"row": index, "got": clean_text(line)[:80]}
                )
            rows.append((cells[0], cells[1]))
        if not rows:
            raise forms.ValidationError(gettext("Enter at least one recipient."))
        return rows


class LayoutForm(BootstrapMixin, CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("name"), max_length=120)
    unit = forms.ModelChoiceField(
        label=_("unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Empty: the whole organisation (Supreme Court office only)."),
    )
    positions = forms.CharField(
        label=_("field positions"),
        widget=forms.Textarea(attrs={"rows": 10, "class": "form-control font-monospace"}),
        help_text=_(
            "One field a line: field x y width size [left|center|right] [bold] [italic]; "
            "x and y in millimetres from the top left corner of the A4 landscape sheet, "
            "size in points. Fields: %(fields)s."
        )
        % {"fields": ", ".join(FIELDS)},
    )

    def __init__(self, *args: Any, units: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by(vi("name"))  # type: ignore[attr-defined]

    def clean_positions(self) -> list[dict[str, Any]]:
        try:
            return parse_layout(self.cleaned_data["positions"])
        except InputError as exc:
            raise forms.ValidationError([e.message for e in exc.errors]) from exc
