"""Test certificates made on the fly: a root CA and signer keys in PKCS#12 files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSPHRASE = b"mat-khau-thu"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tòa án nhân dân tỉnh Thanh Hóa"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_pki(folder: Path, signers: list[str]) -> tuple[Path, list[Path]]:
    """A root CA (PEM) and one PKCS#12 file per signer name, all under `folder`."""
    now = dt.datetime.now(dt.UTC)
    ca_key = _key()
    ca_name = _name("tdkt test root CA")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    root = folder / "root.pem"
    root.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    files = []
    for index, name in enumerate(signers):
        key = _key()
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(
                x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                critical=True,
            )
            .sign(ca_key, hashes.SHA256())
        )
        path = folder / f"signer{index}.p12"
        path.write_bytes(
            pkcs12.serialize_key_and_certificates(
                name.encode(), key, cert, [ca], serialization.BestAvailableEncryption(PASSPHRASE)
            )
        )
        files.append(path)
    return root, files
