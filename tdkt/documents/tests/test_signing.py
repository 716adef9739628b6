"""PAdES signatures: one or several signers validate; a changed file does not."""

import pytest

from tdkt.core.errors import WorkflowError
from tdkt.documents.pki import make_pki
from tdkt.documents.registry import get_kind
from tdkt.documents.rendering import render_pdf
from tdkt.documents.samples import tally_minutes
from tdkt.documents.signing import SigningKey, sign_pdf, verify_pdf
from tdkt.documents.tests.conftest import PASSPHRASE, pdf_text


@pytest.fixture
def pdf():
    return render_pdf(get_kind("documents.tally_minutes"), [tally_minutes()])


def test_two_signers_validate(pki, pdf):
    _root, (head, secretary) = pki
    once = sign_pdf(
        pdf,
        key=SigningKey(head, PASSPHRASE),
        signer_label="Nguyễn Thị Ánh",
        role="Trưởng ban kiểm phiếu",
    )
    twice = sign_pdf(
        once, key=SigningKey(secretary, PASSPHRASE), signer_label="Lê Văn Dũng", role="Thư ký"
    )
    checks = verify_pdf(twice)
    assert [c.signer for c in checks] == ["Nguyễn Thị Ánh", "Lê Văn Dũng"]
    assert [c.signed_as for c in checks] == ["Nguyễn Thị Ánh", "Lê Văn Dũng"]
    assert all(c.ok for c in checks)
    assert all(c.signed_at is not None for c in checks)
    text = pdf_text(twice)
    assert "Nguyễn Thị Ánh" in text and "Trưởng ban kiểm phiếu" in text  # the visible stamp


def test_a_changed_file_does_not_validate(pki, pdf):
    _root, (head, _s) = pki
    signed = bytearray(sign_pdf(pdf, key=SigningKey(head, PASSPHRASE), signer_label="A"))
    middle = len(pdf) // 2
    signed[middle] = (signed[middle] + 1) % 256
    (check,) = verify_pdf(bytes(signed))
    assert not check.intact and not check.ok


def test_content_added_after_signing_is_reported(pki, pdf):
    _root, (head, _s) = pki
    signed = sign_pdf(pdf, key=SigningKey(head, PASSPHRASE), signer_label="A")
    (check,) = verify_pdf(signed + b"\n% added later\n")
    assert check.intact and not check.covers_whole_file and not check.ok


def test_an_unknown_root_is_not_trusted(pki, pdf, settings, tmp_path):
    _root, (head, _s) = pki
    (tmp_path / "other").mkdir()
    other = make_pki(tmp_path / "other", signers=["X"], passphrase=PASSPHRASE)
    settings.DOCUMENTS_TRUST_ROOTS = str(other.root)
    (check,) = verify_pdf(sign_pdf(pdf, key=SigningKey(head, PASSPHRASE), signer_label="A"))
    assert check.intact and not check.trusted


def test_an_unsigned_file_has_no_signature(pdf, pki):
    assert verify_pdf(pdf) == []


def test_the_passphrase_can_come_from_a_file(pki, pdf, settings, tmp_path):
    settings.DOCUMENTS_SIGNING_PASSPHRASE = "wrong"
    settings.DOCUMENTS_SIGNING_PASSPHRASE_FILE = str(tmp_path / "missing.txt")
    with pytest.raises(WorkflowError, match="DOCUMENTS_SIGNING_PASSPHRASE_FILE"):
        SigningKey.configured()
    (tmp_path / "pass.txt").write_text(PASSPHRASE.decode() + "\n")
    settings.DOCUMENTS_SIGNING_PASSPHRASE_FILE = str(tmp_path / "pass.txt")
    (check,) = verify_pdf(sign_pdf(pdf, key=SigningKey.configured(), signer_label="A"))
    assert check.ok


def test_stamps_sit_under_the_signature_blocks_and_never_overlap():
    from tdkt.documents.signing import STAMP_HEIGHT, STAMP_WIDTH, stamp_position

    portrait = [stamp_position(n, page_width=595) for n in range(4)]
    assert portrait[0][0] > portrait[1][0]  # the head's block is on the right
    assert portrait[0][0] + STAMP_WIDTH <= 595 - 57  # inside the right margin
    landscape = [stamp_position(n, page_width=842) for n in range(2)]
    assert landscape[0][0] * 2 + STAMP_WIDTH == 842  # centred on a certificate
    for stamps in (portrait, landscape):
        for i, (x1, y1) in enumerate(stamps):
            for x2, y2 in stamps[i + 1 :]:
                apart_x = x1 + STAMP_WIDTH <= x2 or x2 + STAMP_WIDTH <= x1
                apart_y = y1 + STAMP_HEIGHT <= y2 or y2 + STAMP_HEIGHT <= y1
                assert apart_x or apart_y
