"""Uploaded Word templates: checked against the kind's fields; a broken one is refused."""

import io

import pytest
from django.utils import translation
from docx import Document

from tdkt.documents.docx_layout import builtin_template
from tdkt.documents.registry import get_kind
from tdkt.documents.rendering import TemplateCheckError, check_template, render_docx
from tdkt.documents.samples import decision
from tdkt.documents.tests.conftest import docx_text

KIND = "documents.award_decision"


def _template(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_the_built_in_template_passes_its_own_check():
    for code in ("documents.award_decision", "documents.pledge", "documents.tally_minutes"):
        check_template(get_kind(code), builtin_template(code))


def test_a_house_template_is_used():
    data = _template("NHÀ TÔI {{ issuer.name|upper }}", "Số {{ number }} — {{ total_words }}")
    kind = get_kind(KIND)
    check_template(kind, data)
    content = decision()
    content.number = "05/QĐ-TA"
    text = docx_text(render_docx(kind, content, template=data))
    assert "NHÀ TÔI TÒA ÁN NHÂN DÂN TỈNH THANH HÓA" in text
    assert "Số 05/QĐ-TA — Hai triệu một trăm ba mươi nghìn đồng" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip", "not a Word document"),
        (_template("{{ recipient_name }}"), "recipient_name"),
        (_template("{% for x in rows %}{{ x.name }}"), "error"),
        (_template("{{ number|nosuchfilter }}"), "error"),
    ],
)
def test_broken_templates_are_refused_with_a_clear_message(data, message):
    with translation.override("en"), pytest.raises(TemplateCheckError) as info:
        check_template(get_kind(KIND), data)
    assert message in info.value.message
