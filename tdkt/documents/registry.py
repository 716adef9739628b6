"""The registry of document kinds (STYLE.md §7).

A kind is a small class registered with `@register`, kept in the `doc_kinds.py` of the app that owns
its data; every app's `doc_kinds` module is imported when Django starts (`DocumentsConfig.ready`).
A kind names its content dataclass, its document type (the code in the number line), its built-in
Word layout and its HTML template for the PDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django_stubs_ext import StrOrPromise

from tdkt.documents.content import AdministrativeContent, field_names
from tdkt.documents.vietnamese import date_in_words, place_and_date, short_date, vnd

if TYPE_CHECKING:
    from tdkt.documents.docx_layout import DocxLayout

_KINDS: dict[str, type[DocumentKind]] = {}


class DocumentKind:
    code: ClassVar[str]
    label: ClassVar[StrOrPromise]
    doc_type: ClassVar[str]  # "QĐ", "BB", "TTr", "BC" … (REFERENCE §8.1); "" for no type code
    title: ClassVar[str]  # the type line: "QUYẾT ĐỊNH", "BIÊN BẢN"
    content_class: ClassVar[type[AdministrativeContent]]
    html_template: ClassVar[str]
    landscape: ClassVar[bool] = False
    numbered: ClassVar[bool] = True  # takes a number from the outgoing register when issued

    def summary(self, content: Any) -> str:
        """One line for lists of documents."""
        return str(getattr(content, "summary", "") or self.label)

    def extra_context(self, content: Any) -> dict[str, Any]:
        """Values a template may use besides the content's own fields."""
        return {}

    def build_template(self, layout: DocxLayout) -> None:
        """Writes the built-in Word template (docxtpl tags over the content's fields)."""
        raise NotImplementedError

    def context(self, content: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            name: getattr(content, name) for name in field_names(type(content))
        }
        values.update(
            kind_title=self.title,
            date_line=place_and_date(content.issuer.place, content.issued_on),
            date_words=date_in_words(content.issued_on),
            issued_on_short=short_date(content.issued_on),
        )
        values.update(self.extra_context(content))
        return values

    def template_names(self) -> set[str]:
        """Every name a Word template of this kind may use."""
        return set(self.context(self.content_class()).keys()) | set(TEMPLATE_FILTERS)


TEMPLATE_FILTERS = {"vnd": vnd, "short_date": short_date, "date_words": date_in_words}


def register(cls: type[DocumentKind]) -> type[DocumentKind]:
    if cls.code in _KINDS and _KINDS[cls.code] is not cls:
        raise ValueError(f"document kind {cls.code!r} is registered twice")
    _KINDS[cls.code] = cls
    return cls


def get_kind(code: str) -> DocumentKind:
    """The kind registered under `code`; KeyError when there is none."""
    return _KINDS[code]()


def all_kinds() -> list[DocumentKind]:
    return [cls() for cls in _KINDS.values()]


def kind_choices() -> list[tuple[str, str]]:
    return [(cls.code, str(cls.label)) for cls in _KINDS.values()]
