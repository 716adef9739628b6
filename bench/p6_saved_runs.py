"""P6: saving a sector-wide eligibility run ("Lưu kết quả xét") of the P1 synthetic sector.

    python bench/p6_saved_runs.py [--people 100000] [--backend sqlite|postgres|both]

Uses the databases of P1 (`bench/p1_eligibility.py` generates them when missing, N people × 10
years across 389 courts; `PG_BENCH_URL` picks another PostgreSQL database), then times, in the
same run:

- the engine as the verdict table runs it: `runs.live_verdicts(year=2025, unit_ids=None)`
  (facts, engine, council outcomes, table order);
- the write: `runs.write_run(...)` of those verdicts: the run, every verdict, the distinct reason
  lists and each subject's inputs, in batches, in one transaction; rolled back afterwards, so
  the P1 database stays as it was.

Prints the rows and bytes written and the ratio write / engine; exits 1 when it is above the
budget (the write may cost at most BUDGET times the engine).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BUDGET = 3.0
ROOT = Path(__file__).resolve().parent.parent
YEAR = 2025


class _RollbackError(Exception):
    pass


def _child(backend: str, people: int) -> int:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import p1_eligibility as p1

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    os.environ.setdefault("DEBUG", "true")
    if backend == "postgres":
        p1._ensure_pg_database()
        os.environ["DATABASE_URL"] = p1.PG_URL
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(ROOT / "var" / "bench" / "p1.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    p1._generate(people)
    from django.utils import timezone

    from tdkt.awards.runs import live_verdicts, write_run

    start = time.perf_counter()
    facts, verdicts = live_verdicts(year=YEAR, unit_ids=None, as_of=None)
    engine = time.perf_counter() - start
    peak_engine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    sizes: dict[str, tuple[int, int]] = {}
    try:
        with transaction.atomic():
            before = _sizes(connection, 0)
            start = time.perf_counter()
            run = write_run(
                facts=facts,
                verdicts=verdicts,
                unit=None,
                actor="bench",
                note="P6",
                now=timezone.now(),
            )
            write = time.perf_counter() - start
            sizes = {
                table: (count, size - before[table][1])
                for table, (count, size) in _sizes(connection, run.pk).items()
            }
            raise _RollbackError
    except _RollbackError:
        pass
    peak_write = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    ratio = write / engine
    rows = ", ".join(f"{t} {n:,} rows {size / 1e6:.0f} MB" for t, (n, size) in sizes.items())
    print(
        f"{backend:9s} people={people:,} verdicts={len(verdicts):,} subjects={run.subjects:,}  "
        f"engine {engine:.1f} s  write {write:.1f} s  save {engine + write:.1f} s  "
        f"ratio {ratio:.2f}× (budget ≤ {BUDGET:.0f}×)\n          {rows}\n"
        f"          peak memory {peak_engine:,} MB after the engine, "
        f"{peak_write:,} MB after the write"
    )
    return 0 if ratio <= BUDGET else 1


def _sizes(connection, run_id: int) -> dict[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Rows of the run per table, and bytes: of the table and its indexes on PostgreSQL (the
    caller takes the difference), of the stored text on SQLite (nothing for another run)."""
    tables = {
        "awards_storedverdict": "LENGTH(subject_name) + LENGTH(search) + LENGTH(name) + 120",
        "awards_storedreasons": "LENGTH(reasons) + LENGTH(remaining)",
        "awards_storedinputs": "LENGTH(data) + 40",
    }
    found = {}
    with connection.cursor() as cursor:
        for table, length in tables.items():
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE run_id = %s", [run_id])  # noqa: S608
            (count,) = cursor.fetchone()
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_total_relation_size(%s)", [table])
            else:
                cursor.execute(
                    f"SELECT SUM({length}) FROM {table} WHERE run_id = %s",  # noqa: S608
                    [run_id],
                )
            (size,) = cursor.fetchone()
            found[table] = (count, int(size or 0))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.people < 1 or args.people > 5_000_000:
        parser.error("--people must be between 1 and 5 000 000")
    if args.child:
        return _child(args.child, args.people)
    status = 0
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:  # each in a fresh process: Django binds one database at setup
        result = subprocess.run(
            [sys.executable, __file__, "--child", backend, "--people", str(args.people)],
            check=False,
        )
        status = status or result.returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
