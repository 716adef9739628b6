"""P5: 500 certificates to one PDF (≤ 30 s) and one decision .docx (≤ 0.1 s).

Runs itself once on SQLite and once on PostgreSQL (BENCH_PG_URL, default the tdkt_documents_bench
database on 127.0.0.1), each in a child process with a fresh test database. A bare WeasyPrint
render of one blank page is timed in the same run, so the figures can be read against this
machine's speed. Exits non-zero when a budget is exceeded.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CERTIFICATES, CERT_BUDGET = 500, 30.0
DOCX_BUDGET = 0.1
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/tdkt_documents_bench")


def child() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from weasyprint import HTML

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="tdkt-bench-media-"))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from django.contrib.auth.models import User

        from tdkt.documents.models import CertificateBatch
        from tdkt.documents.registry import get_kind
        from tdkt.documents.rendering import render_docx
        from tdkt.documents.samples import certificate, decision
        from tdkt.documents.services import issue_document, render_batch
        from tdkt.org.models import Unit

        unit = Unit.objects.create(
            code="PT-bench", name="Tòa án nhân dân tỉnh Thử", level="provincial_court"
        )
        user = User.objects.create_user("bench")

        start = time.perf_counter()
        HTML(string="<p></p>").write_pdf()
        blank = time.perf_counter() - start

        kind = get_kind("documents.award_decision")
        content = decision(rows=30)
        render_docx(kind, content)  # builds the built-in template once, as a running server has
        runs = []
        for _ in range(15):
            start = time.perf_counter()
            render_docx(kind, content)
            runs.append(time.perf_counter() - start)
        docx = statistics.median(runs)

        start = time.perf_counter()
        issue_document(kind=kind, content=decision(rows=30), unit=unit, actor=user)
        issued = time.perf_counter() - start

        cert = get_kind("documents.commendation_certificate")
        contents = [certificate(index=i + 1) for i in range(CERTIFICATES)]
        from tdkt.documents.content import to_json

        batch = CertificateBatch.objects.create(
            kind=cert.code,
            unit=unit,
            title="bench",
            contents=[to_json(c) for c in contents],
            total=len(contents),
            author=user,
        )
        start = time.perf_counter()
        render_batch(batch)
        batch_time = time.perf_counter() - start
        batch.refresh_from_db()
        assert batch.done == CERTIFICATES and batch.status == "done"
        size = batch.pdf.size
    finally:
        teardown_databases(old, verbosity=0)

    vendor = connection.vendor
    print(f"[{vendor}] bare WeasyPrint blank page: {blank * 1000:.0f} ms (baseline)")
    print(
        f"[{vendor}] decision .docx (30 rows, median of 15): {docx * 1000:.1f} ms, "
        f"budget {DOCX_BUDGET * 1000:.0f} ms, ratio {docx / DOCX_BUDGET:.2f}, "
        f"{docx / blank:.2f}× the blank page"
    )
    print(f"[{vendor}] issue one decision (number, .docx, .pdf, store): {issued * 1000:.0f} ms")
    print(
        f"[{vendor}] {CERTIFICATES} certificates to one PDF: {batch_time:.1f} s "
        f"({size / 1e6:.1f} MB), budget {CERT_BUDGET:.0f} s, ratio {batch_time / CERT_BUDGET:.2f}, "
        f"{batch_time / blank:.0f}× the blank page"
    )
    over = docx > DOCX_BUDGET or batch_time > CERT_BUDGET
    if over:
        print(f"[{vendor}] OVER BUDGET")
    return 1 if over else 0


def _pg_reachable(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=5).close()
    except Exception as exc:
        print(f"PostgreSQL is not reachable at {url}: {exc}", file=sys.stderr)
        return False
    return True


def main() -> int:
    if os.environ.get("P5_CHILD"):
        return child()
    base = {**os.environ, "P5_CHILD": "1", "DEBUG": "true"}
    base.pop("DATABASE_URL", None)
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = {**base, "SQLITE_PATH": f"{tmp}/bench.sqlite3"}
        status = subprocess.run([sys.executable, __file__], env=sqlite, timeout=600).returncode
    if not _pg_reachable(PG_URL):
        return 1
    pg = {**base, "DATABASE_URL": PG_URL}
    status |= subprocess.run([sys.executable, __file__], env=pg, timeout=600).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
