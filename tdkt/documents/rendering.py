"""Word and PDF from a kind's content: docxtpl for .docx, WeasyPrint for .pdf.

Both read the same context (`DocumentKind.context`), so the two files say the same thing. Uploaded
Word templates are checked here before they are stored: every tag they use must be a field of the
kind's content, and the template must render.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Any

import jinja2
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate

from tdkt.documents.docx_layout import builtin_template
from tdkt.documents.layouts import placed_fields
from tdkt.documents.registry import TEMPLATE_FILTERS, DocumentKind


class TemplateCheckError(Exception):
    """An uploaded Word template that cannot be used, with a message for the office."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _jinja_env() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True)
    env.filters.update(TEMPLATE_FILTERS)
    return env


def render_docx(kind: DocumentKind, content: Any, *, template: bytes | None = None) -> bytes:
    """The .docx of `content`, through the uploaded `template` or the kind's built-in one."""
    doc = DocxTemplate(io.BytesIO(template or builtin_template(kind.code)))
    doc.render(kind.context(content), _jinja_env(), autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def check_template(kind: DocumentKind, data: bytes) -> None:
    """Raises `TemplateCheckError` unless `data` is a Word template this kind can fill."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateCheckError(_("The file is not a Word document (.docx)."))
    try:
        doc = DocxTemplate(io.BytesIO(data))
        used = doc.get_undeclared_template_variables(_jinja_env())
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateCheckError(
            _("The template has an error near “%(text)s”: %(error)s")
            % {
                "text": (exc.source or "").splitlines()[exc.lineno - 1][:80] if exc.source else "",
                "error": exc.message or "",
            }
        ) from exc
    except (KeyError, zipfile.BadZipFile, ValueError) as exc:
        raise TemplateCheckError(_("The file is not a Word document (.docx).")) from exc
    unknown = sorted(set(used) - kind.template_names())
    if unknown:
        raise TemplateCheckError(
            _("The template uses fields this kind of document does not have: %(fields)s.")
            % {"fields": ", ".join(unknown)}
        )
    try:
        render_docx(kind, kind.content_class(), template=data)
    except (jinja2.TemplateError, ValueError, TypeError, AttributeError) as exc:
        raise TemplateCheckError(
            _("The template cannot be filled: %(error)s") % {"error": str(exc)[:200]}
        ) from exc


def html_for(
    kind: DocumentKind, contents: Sequence[Any], *, layout: list[dict[str, Any]] | None = None
) -> str:
    """One HTML document holding every content as its own page(s); with a `layout`, only the
    fields, at the office's positions on a pre-printed form."""
    if layout is not None:
        parts = [
            render_to_string(
                "documents/pdf/certificate_preprinted.html",
                {"placed": placed_fields(layout, kind.context(c))},
            )
            for c in contents
        ]
    else:
        parts = [render_to_string(kind.html_template, kind.context(c)) for c in contents]
    return render_to_string(
        "documents/pdf/page.html", {"parts": parts, "landscape": kind.landscape}
    )


def render_pdf(
    kind: DocumentKind, contents: Sequence[Any], *, layout: list[dict[str, Any]] | None = None
) -> bytes:
    """The PDF of one or many contents of one kind (a batch of certificates is one file)."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html_for(kind, contents, layout=layout)).write_pdf()
    return pdf
