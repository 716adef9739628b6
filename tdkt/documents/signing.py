"""PAdES signatures with pyHanko: sign with the organisation's PKCS#12 key, verify locally.

The key and certificate come from a PKCS#12 file whose path and passphrase the organisation sets
(`DOCUMENTS_SIGNING_P12`, `DOCUMENTS_SIGNING_PASSPHRASE` or a file holding it,
`DOCUMENTS_SIGNING_PASSPHRASE_FILE`, as settings or environment variables).
Trust roots are PEM or DER files listed in `DOCUMENTS_TRUST_ROOTS` (comma-separated paths);
nothing is fetched from the network (no OCSP, CRL or AIA look-ups, no timestamp server).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from asn1crypto import pem, x509
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko import stamp
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from tdkt.core.errors import WorkflowError

logger = logging.getLogger(__name__)

STAMP_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
STAMP_WIDTH, STAMP_HEIGHT = 200, 56
STAMP_FONT_SIZE = 10
A4_WIDTH, RIGHT_MARGIN = 595, 57  # points; the decree's right margin is 15-20 mm


@cache
def stamp_font() -> str:
    """Liberation Serif rescaled to 1000 units per em, in a file of its own.

    pyHanko writes the glyph widths of an embedded TrueType font in font units, while PDF reads
    them in thousandths of an em; Liberation's 2048 units per em would double every advance.
    """
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    target = Path(tempfile.gettempdir()) / "tdkt-stamp-LiberationSerif-1000-v2.ttf"
    if not target.exists():
        font = TTFont(STAMP_FONT)
        scale_upem(font, 1000)
        if "FFTM" in font:  # FontForge's timestamps: the subsetter would warn on every stamp
            del font["FFTM"]
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(str(partial))
        partial.replace(target)
    return str(target)


def _setting(name: str) -> str:
    value = getattr(settings, name, None)
    return str(value) if value else os.environ.get(name, "")


def _passphrase() -> str:
    """The file of DOCUMENTS_SIGNING_PASSPHRASE_FILE (stripped) wins over the plain value."""
    path = _setting("DOCUMENTS_SIGNING_PASSPHRASE_FILE")
    if not path:
        return _setting("DOCUMENTS_SIGNING_PASSPHRASE")
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise WorkflowError(
            _("The signing passphrase file could not be read (DOCUMENTS_SIGNING_PASSPHRASE_FILE).")
        ) from exc


@dataclass(frozen=True)
class SigningKey:
    path: Path
    passphrase: bytes

    @classmethod
    def configured(cls) -> SigningKey:
        path = _setting("DOCUMENTS_SIGNING_P12")
        if not path:
            raise WorkflowError(_("No signing key is configured (DOCUMENTS_SIGNING_P12)."))
        if not Path(path).is_file():
            raise WorkflowError(_("The signing key file was not found."))
        return cls(Path(path), _passphrase().encode())


def signing_configured() -> bool:
    path = _setting("DOCUMENTS_SIGNING_P12")
    return bool(path) and Path(path).is_file()


def _load_signer(key: SigningKey) -> signers.SimpleSigner:
    signer: signers.SimpleSigner | None = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
        str(key.path), passphrase=key.passphrase or None
    )
    if signer is None:
        raise WorkflowError(_("The signing key could not be opened: check the passphrase."))
    return signer


def _page_count(data: bytes) -> int:
    reader = PdfFileReader(io.BytesIO(data))
    return int(reader.root["/Pages"]["/Count"])


def _page_width(reader: PdfFileReader, page: int) -> float:
    page_ref, _resources = reader.find_page_for_modification(page)  # type: ignore[no-untyped-call]
    box = page_ref.get_object().get("/MediaBox")
    return float(box[2]) - float(box[0]) if box else A4_WIDTH


def stamp_position(existing: int, *, page_width: float) -> tuple[int, int]:
    """Lower-left corner of the stamp of the signature after `existing` others.

    On a portrait page stamps go bottom-up in two columns, the first under the right-hand
    signature block (where the decree puts the head's signature), the second to its left. On a
    landscape certificate they go bottom-up in the middle, between the decision line on the left
    and the signer's name on the right, inside the frame.
    """
    if page_width > A4_WIDTH + 1:
        return round((page_width - STAMP_WIDTH) / 2), 58 + existing * (STAMP_HEIGHT + 8)
    column, row = existing % 2, existing // 2
    x = round(page_width) - RIGHT_MARGIN - STAMP_WIDTH - column * (STAMP_WIDTH + 20)
    return x, 40 + row * (STAMP_HEIGHT + 10)


def sign_pdf(
    data: bytes,
    *,
    key: SigningKey,
    signer_label: str,
    role: str = "",
    when: dt.datetime | None = None,
) -> bytes:
    """`data` with one more PAdES signature and a visible stamp on the last page.

    Each signature is an incremental update, so earlier signatures stay valid and a document
    can carry several (the counting committee's head and its secretary).
    """
    signer = _load_signer(key)
    reader = PdfFileReader(io.BytesIO(data))
    existing = len(reader.embedded_signatures)
    page = _page_count(data) - 1
    x, y = stamp_position(existing, page_width=_page_width(reader, page))
    field_name = f"Signature{existing + 1}"
    moment = timezone.localtime(when or timezone.now())
    lines = [_("Signed by: %(name)s") % {"name": signer_label}]
    if role:
        lines.append(role)
    lines.append(_("Signed at: %(time)s") % {"time": f"{moment:%H:%M %d/%m/%Y}"})
    style = stamp.TextStampStyle(
        stamp_text="\n".join(lines).replace("%", "%%"),
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(stamp_font(), font_size=STAMP_FONT_SIZE),
            font_size=STAMP_FONT_SIZE,  # the same size in both, or lines drift (pyHanko #733)
        ),
        border_width=1,
        border_color=(0.75, 0.0, 0.0),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=signer_label,
        reason=role or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=field_name, on_page=page, box=(x, y, x + STAMP_WIDTH, y + STAMP_HEIGHT)
        ),
    )
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


def _load_cert(path: str) -> list[x509.Certificate]:
    raw = Path(path).read_bytes()
    if pem.detect(raw):
        return [x509.Certificate.load(der) for _t, _h, der in pem.unarmor(raw, multiple=True)]
    return [x509.Certificate.load(raw)]


def trust_roots() -> list[x509.Certificate]:
    roots: list[x509.Certificate] = []
    for path in (p.strip() for p in _setting("DOCUMENTS_TRUST_ROOTS").split(",")):
        if path and Path(path).is_file():
            roots.extend(_load_cert(path))
    return roots


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    signer: str
    signed_at: dt.datetime | None
    intact: bool  # the signed bytes are as they were signed
    trusted: bool  # the certificate chains to a configured trust root
    covers_whole_file: bool  # nothing but later signatures was added after it
    problem: str = ""
    signed_as: str = ""  # the name written in the signature (the stamp's "Ký bởi")
    reason: str = ""  # the role the signer gave (the stamp's second line)

    @property
    def ok(self) -> bool:
        return self.intact and self.trusted and self.covers_whole_file


def verify_pdf(data: bytes) -> list[SignatureCheck]:
    """Every signature of `data`, checked against the local trust roots; [] when unsigned."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:  # pyHanko raises several kinds on a file that is not a PDF
        raise WorkflowError(_("The file is not a readable PDF.")) from exc
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    checks = []
    total = len(signatures)
    for index, sig in enumerate(signatures):
        cert = sig.signer_cert
        name = cert.subject.native.get("common_name", "") if cert else ""
        signed_as = str(sig.sig_object.get("/Name", "") or "")
        reason = str(sig.sig_object.get("/Reason", "") or "")
        try:
            status = validate_pdf_signature(sig, context)
        except Exception:  # a mangled signature is reported, not raised
            logger.info("signature %s could not be validated", sig.field_name, exc_info=True)
            checks.append(
                SignatureCheck(
                    field=sig.field_name,
                    signer=str(name),
                    signed_at=None,
                    intact=False,
                    trusted=False,
                    covers_whole_file=False,
                    problem=_(
                        "The signature could not be checked: the signed part of the file "
                        "is damaged or was changed."
                    ),
                    signed_as=signed_as,
                    reason=reason,
                )
            )
            continue
        later_are_signatures = index < total - 1
        whole = status.coverage is not None and (
            status.coverage.name == "ENTIRE_FILE"
            or (later_are_signatures and status.coverage.name == "ENTIRE_REVISION")
        )
        checks.append(
            SignatureCheck(
                field=sig.field_name,
                signer=str(name),
                signed_at=sig.self_reported_timestamp,
                intact=bool(status.intact and status.valid),
                trusted=bool(status.trusted),
                covers_whole_file=whole,
                signed_as=signed_as,
                reason=reason,
            )
        )
    return checks
