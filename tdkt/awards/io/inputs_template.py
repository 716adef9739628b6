"""The template workbook of each input kind: headers, one sample row and the guide sheet."""

from __future__ import annotations

from tdkt.awards.io.inputs_columns import FORMATS
from tdkt.org.exports import WorkbookBuilder


def inputs_template(kind: str) -> bytes:
    spec = FORMATS[kind]
    book = WorkbookBuilder()
    book.data_sheet(spec, [tuple(c.example for c in spec.columns)], validations=True)
    book.guide_sheet(spec)
    return book.close()
