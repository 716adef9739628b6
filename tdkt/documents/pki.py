"""A local root CA and signer keys in PKCS#12 files, for demos, trials and intranet test installs.

A court's production key and certificate come from its certification authority (a licensed
public CA or the government's specialised CA); these are for trying signing end to end without
one. `tdkt make-signing-key` calls `make_pki`; the tests make their certificates with it too.
The CA's private key is used once and never written, so nobody can issue more certificates under
that root: to add a signer, make a new folder and trust its root as well.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.utils.text import slugify

from tdkt.core.text import search_key

ROOT_FILE = "root.pem"
PASSPHRASE_FILE = "passphrase.txt"  # noqa: S105  (a file name, not a password)
DEFAULT_ORGANISATION = "Đơn vị thử nghiệm tdkt"


@dataclass(frozen=True)
class MadeKeys:
    root: Path  # the root CA certificate (PEM): list it in DOCUMENTS_TRUST_ROOTS
    signers: list[Path]  # one PKCS#12 file per signer, in the order given


def signer_file_name(name: str) -> str:
    """`Tòa án nhân dân tỉnh Thanh Hóa` → `toa-an-nhan-dan-tinh-thanh-hoa.p12`."""
    return f"{slugify(search_key(name)) or 'signer'}.p12"


def _name(organisation: str, common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def write_private(path: Path, data: bytes) -> None:
    """`data` in a new file readable by its owner only (mode 600 from the start)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def make_pki(
    folder: Path,
    *,
    signers: Sequence[str],
    passphrase: bytes,
    organisation: str = DEFAULT_ORGANISATION,
    days: int = 365,
) -> MadeKeys:
    """A root CA (`root.pem`) and one PKCS#12 file per signer name, all new files in `folder`.

    Each PKCS#12 holds the signer's key, its certificate (common name = the signer's name,
    organisation = `organisation`, valid for `days`) and the root, encrypted with `passphrase`.
    Raises FileExistsError rather than overwrite a file.
    """
    now = dt.datetime.now(dt.UTC)
    start, end = now - dt.timedelta(days=1), now + dt.timedelta(days=days)
    ca_key = _key()
    ca_name = _name(organisation, f"{organisation} - CA thử nghiệm (tdkt)")
    ca_key_id = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(ca_key_id, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    root = folder / ROOT_FILE
    with root.open("xb") as handle:
        handle.write(ca.public_bytes(serialization.Encoding.PEM))
    files = []
    for name in signers:
        key = _key()
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(organisation, name))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                # digital signature and non-repudiation (content commitment)
                x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_key_id),
                critical=False,
            )
            .sign(ca_key, hashes.SHA256())
        )
        path = folder / signer_file_name(name)
        write_private(
            path,
            pkcs12.serialize_key_and_certificates(
                name.encode(), key, cert, [ca], serialization.BestAvailableEncryption(passphrase)
            ),
        )
        files.append(path)
    return MadeKeys(root=root, signers=files)
