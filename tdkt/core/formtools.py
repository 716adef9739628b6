"""Form helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms

from tdkt.core.text import clean_text


class CleanTextMixin:
    """Every text field is cleaned (NFC, trimmed, single spaces) before validation."""

    cleaned_data: dict[str, Any]
    fields: dict[str, forms.Field]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name, value in list(data.items()):
            if isinstance(value, str) and isinstance(self.fields.get(name), forms.CharField):
                data[name] = clean_text(value)
        return data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class BootstrapMixin:
    """Adds Bootstrap classes to widgets, so templates can render fields as they are."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
