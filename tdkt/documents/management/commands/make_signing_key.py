"""`tdkt make-signing-key --output DIR [--organisation NAME] [--signer NAME ...] [--days N]`.

For demos, trials and intranet test installs only: a court's production key and certificate come
from its certification authority. Makes, in DIR, a root CA certificate (`root.pem`), one PKCS#12
file per signer and, unless DOCUMENTS_SIGNING_PASSPHRASE is set, a generated passphrase in
`passphrase.txt` (mode 600). Never overwrites a file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.core.text import clean_text
from tdkt.documents.pki import (
    DEFAULT_ORGANISATION,
    PASSPHRASE_FILE,
    ROOT_FILE,
    make_pki,
    signer_file_name,
    write_private,
)

MAX_DAYS = 3650


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise CommandError(f"--days phải là số ngày từ 1 đến {MAX_DAYS}, nhận được “{value}”.")
    return days


class Command(BaseCommand):
    help = (
        "Make a local root CA and PKCS#12 signer files for demos, trials and intranet test "
        "installs (a court's production key comes from its CA). The passphrase is "
        "DOCUMENTS_SIGNING_PASSPHRASE, or generated into passphrase.txt (mode 600)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", required=True, help="folder for the files (made if missing)"
        )
        parser.add_argument(
            "--organisation",
            default=DEFAULT_ORGANISATION,
            help="organisation named in the certificates (e.g. Tòa án nhân dân tỉnh Thanh Hóa)",
        )
        parser.add_argument(
            "--signer",
            action="append",
            default=[],
            help="certificate holder's name; repeat for several files (default: the organisation)",
        )
        parser.add_argument("--days", default="365", help="validity in days (default 365)")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["output"]).resolve()
        organisation = clean_text(options["organisation"])
        if not organisation:
            raise CommandError("--organisation không được để trống.")
        signers = [clean_text(name) for name in options["signer"]] or [organisation]
        if not all(signers):
            raise CommandError("--signer không được để trống.")
        names = [signer_file_name(name) for name in signers]
        if len(set(names)) < len(names):
            raise CommandError("Hai --signer trùng tên tệp; mỗi người ký cần một tên khác nhau.")
        days = _days(options["days"])
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"--output “{folder}” là một tệp, không phải thư mục.")
        passphrase = os.environ.get("DOCUMENTS_SIGNING_PASSPHRASE", "")
        planned = [ROOT_FILE, *names, *([] if passphrase else [PASSPHRASE_FILE])]
        existing = [name for name in planned if (folder / name).exists()]
        if existing:
            raise CommandError(
                f"Thư mục “{folder}” đã có {', '.join(existing)}; không ghi đè. "
                "Chọn thư mục khác hoặc xóa các tệp đó."
            )
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        generated = not passphrase
        if generated:
            passphrase = secrets.token_urlsafe(24)
            write_private(folder / PASSPHRASE_FILE, f"{passphrase}\n".encode())
        made = make_pki(
            folder,
            signers=signers,
            passphrase=passphrase.encode(),
            organisation=organisation,
            days=days,
        )
        self.stdout.write(
            "Khóa ký thử nghiệm (chỉ dùng cho demo, dùng thử, cài đặt thử nghiệm nội bộ; "
            "khóa vận hành thật của tòa án do tổ chức chứng thực cấp):"
        )
        for name, path in zip(signers, made.signers, strict=True):
            self.stdout.write(f"  {name}: DOCUMENTS_SIGNING_P12={path}")
        if generated:
            self.stdout.write(f"  DOCUMENTS_SIGNING_PASSPHRASE_FILE={folder / PASSPHRASE_FILE}")
        else:
            self.stdout.write("  DOCUMENTS_SIGNING_PASSPHRASE: giá trị đang đặt trong môi trường")
        self.stdout.write(f"  DOCUMENTS_TRUST_ROOTS={made.root}")
