"""`tdkt make-signing-key`: the files, their modes, a PDF signed with them validates."""

from __future__ import annotations

import io
import stat

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.management import CommandError, call_command

from tdkt.documents.registry import get_kind
from tdkt.documents.rendering import render_pdf
from tdkt.documents.samples import tally_minutes
from tdkt.documents.signing import SigningKey, sign_pdf, verify_pdf

ORG = "Tòa án nhân dân tỉnh Thanh Hóa"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("make_signing_key", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_passphrase_in_env(monkeypatch):
    monkeypatch.delenv("DOCUMENTS_SIGNING_PASSPHRASE", raising=False)


def test_makes_a_root_signers_and_a_private_passphrase(tmp_path, settings):
    folder = tmp_path / "keys"
    out = run("--output", str(folder), "--organisation", ORG, "--signer", "Nguyễn Thị Ánh",
              "--signer", "Lê Văn Dũng", "--days", "30")  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == [
        "le-van-dung.p12",
        "nguyen-thi-anh.p12",
        "passphrase.txt",
        "root.pem",
    ]
    for name in ("passphrase.txt", "nguyen-thi-anh.p12", "le-van-dung.p12"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    passphrase = (folder / "passphrase.txt").read_text().strip()
    assert len(passphrase) >= 24
    assert f"DOCUMENTS_SIGNING_PASSPHRASE_FILE={folder / 'passphrase.txt'}" in out
    assert f"DOCUMENTS_TRUST_ROOTS={folder / 'root.pem'}" in out
    assert "demo" in out

    _key, cert, extra = pkcs12.load_key_and_certificates(
        (folder / "nguyen-thi-anh.p12").read_bytes(), passphrase.encode()
    )
    assert cert is not None and len(extra) == 1
    assert cert.subject.rfc4514_string() == f"CN=Nguyễn Thị Ánh,O={ORG},C=VN"
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days == 31
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates((folder / "le-van-dung.p12").read_bytes(), b"wrong")

    settings.DOCUMENTS_SIGNING_PASSPHRASE_FILE = str(folder / "passphrase.txt")
    settings.DOCUMENTS_SIGNING_P12 = str(folder / "le-van-dung.p12")
    settings.DOCUMENTS_TRUST_ROOTS = str(folder / "root.pem")
    pdf = render_pdf(get_kind("documents.tally_minutes"), [tally_minutes()])
    (check,) = verify_pdf(sign_pdf(pdf, key=SigningKey.configured(), signer_label="Lê Văn Dũng"))
    assert check.ok and check.signer == "Lê Văn Dũng"


def test_the_passphrase_from_the_environment_is_not_written(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCUMENTS_SIGNING_PASSPHRASE", "mat-khau-cua-toi")
    out = run("--output", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["don-vi-thu-nghiem-tdkt.p12", "root.pem"]
    assert "DOCUMENTS_SIGNING_PASSPHRASE_FILE" not in out
    _key, cert, _extra = pkcs12.load_key_and_certificates(
        (tmp_path / "don-vi-thu-nghiem-tdkt.p12").read_bytes(), b"mat-khau-cua-toi"
    )
    assert cert is not None


def test_an_existing_folder_is_not_overwritten(tmp_path):
    run("--output", str(tmp_path))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(CommandError, match=r"đã có root\.pem, don-vi-thu-nghiem-tdkt\.p12"):
        run("--output", str(tmp_path))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "0"], "--days phải là số ngày từ 1 đến 3650, nhận được “0”"),
        (["--days", "một năm"], "nhận được “một năm”"),
        (["--days", "3651"], "từ 1 đến 3650"),
        (["--signer", "  "], "--signer không được để trống"),
        (["--organisation", ""], "--organisation không được để trống"),
        (["--signer", "Lê Văn Dũng", "--signer", "Le Van Dung"], "trùng tên tệp"),
    ],
)
def test_bad_arguments_are_refused_in_vietnamese(tmp_path, args, message):
    folder = tmp_path / "keys"
    with pytest.raises(CommandError, match=message):
        run("--output", str(folder), *args)
    assert not folder.exists()


def test_an_output_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    with pytest.raises(CommandError, match="là một tệp, không phải thư mục"):
        run("--output", str(target))
