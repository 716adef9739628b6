from __future__ import annotations

import io
import subprocess

import pytest
from docx import Document

PASSPHRASE = b"mat-khau-thu"


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
    from tdkt.documents.pki import make_pki

    made = make_pki(
        tmp_path,
        signers=["Nguyễn Thị Ánh", "Lê Văn Dũng"],
        passphrase=PASSPHRASE,
        organisation="Tòa án nhân dân tỉnh Thanh Hóa",
    )
    settings.DOCUMENTS_SIGNING_P12 = str(made.signers[0])
    settings.DOCUMENTS_SIGNING_PASSPHRASE = PASSPHRASE.decode()
    settings.DOCUMENTS_TRUST_ROOTS = str(made.root)
    return made.root, made.signers
