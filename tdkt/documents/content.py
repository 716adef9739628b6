"""Typed content of the document kinds, and its conversion to JSON and to a template context.

A kind's content is a dataclass. The owning app builds it from its models in its `doc_kinds.py`;
the compose pages of `documents` build it from a form. The same content feeds the Word template
(docxtpl) and the HTML template WeasyPrint turns into the PDF, so the two always say the same.
"""

# ruff: noqa: RUF009  (text(), lines(), signer() … return dataclasses.field(); ruff cannot see it)

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from tdkt.core.text import clean_text

_T = TypeVar("_T")


def text(
    label: StrOrPromise, *, lines: int = 0, default: str = "", help_text: StrOrPromise = ""
) -> Any:
    """A text field of the content; `lines` > 0 makes it a text area in the compose form."""
    return field(default=default, metadata={"label": label, "lines": lines, "help": help_text})


def number(label: StrOrPromise, *, default: int = 0) -> Any:
    return field(default=default, metadata={"label": label})


def day(label: StrOrPromise) -> Any:
    return field(default_factory=dt.date.today, metadata={"label": label})


def lines(label: StrOrPromise, *, help_text: StrOrPromise = "") -> Any:
    """A list of strings, one a line in the compose form."""
    return field(default_factory=list, metadata={"label": label, "help": help_text})


def table(label: StrOrPromise, *, help_text: StrOrPromise = "") -> Any:
    """A list of row dataclasses, pasted from a spreadsheet (one row a line, tab-separated)."""
    return field(default_factory=list, metadata={"label": label, "help": help_text})


def signer(label: StrOrPromise) -> Any:
    return field(default_factory=lambda: Signature(), metadata={"label": label})


@dataclass(kw_only=True)
class Signature:
    """A signature block: "TM. HỘI ĐỒNG …" or "KT. CHÁNH ÁN", the title, the name (ND 30 §9)."""

    authority: str = ""  # TM., KT., TL., TUQ., Q. or nothing
    on_behalf_of: str = ""  # the body or the head the prefix refers to
    title: str = ""
    name: str = ""

    @property
    def prefix_line(self) -> str:
        return clean_text(f"{self.authority} {self.on_behalf_of}").upper()


@dataclass(kw_only=True)
class Issuer:
    """The issuing body, its parent, the code in the number line and the place in the date line."""

    parent_name: str = ""
    name: str = ""
    code: str = "TA"
    place: str = ""


@dataclass(kw_only=True)
class AdministrativeContent:
    """What every document in the Nghị định 30/2020 layout carries."""

    issuer: Issuer = field(default_factory=Issuer)
    number: str = ""  # "12/QĐ-TA", given by the outgoing register when the document is issued
    issued_on: dt.date = field(default_factory=dt.date.today)
    recipients: list[str] = lines(_("recipients"), help_text=_("One recipient a line."))


# ---- JSON round trip --------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """Dataclasses, dates and lists as JSON-safe data; text is NFC."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, str):
        return clean_text(value) if "\n" not in value else value
    return value


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(cls: type[_T], data: dict[str, Any]) -> _T:
    """The dataclass `cls` back from `to_json`; unknown keys are ignored, missing ones default."""
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _load(hints[f.name], data[f.name])
    return cls(**kwargs)


def _load(hint: Any, raw: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_load(item, v) for v in raw or []]
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return None if raw is None else _load(args[0], raw)
    if dataclasses.is_dataclass(hint):
        return from_json(hint, raw or {})  # type: ignore[arg-type]
    if hint is dt.date:
        return dt.date.fromisoformat(raw) if raw else None
    if hint is int:
        return int(raw or 0)
    return raw


def field_names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}
