from __future__ import annotations

import io
import subprocess

import pytest
from docx import Document


def docx_text(data: bytes) -> str:
    """Every paragraph of a .docx, tables included, one a line."""
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    result = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pki(tmp_path, settings):
    from tdkt.documents.tests.certs import PASSPHRASE, make_pki

    root, keys = make_pki(tmp_path, ["Nguyễn Thị Ánh", "Lê Văn Dũng"])
    settings.DOCUMENTS_SIGNING_P12 = str(keys[0])
    settings.DOCUMENTS_SIGNING_PASSPHRASE = PASSPHRASE.decode()
    settings.DOCUMENTS_TRUST_ROOTS = str(root)
    return root, keys
