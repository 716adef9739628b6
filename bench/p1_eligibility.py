"""P1: the eligibility engine on a synthetic sector, against a plain scan of the same rows.

    python bench/p1_eligibility.py [--people 100000] [--backend sqlite|postgres|both]

Generates N people × 10 emulation years (2016–2025) of ratings and award history across the
34 provincial and 355 regional courts, once per database (kept for the next run: a marker
parameter records N), 20 000 people at a time (COPY on PostgreSQL, so memory stays flat at a
million people), then times, in the same run:

- the engine: `stream_verdicts(year=2025, unit_ids=None)` (the verdicts of
  `evaluate(load_facts(...))`, read and evaluated 20 000 people at a time), every person and unit
  of the sector against every title and form, from the database to the verdicts, each of which
  is consumed (its status counted) before its part is dropped;
- the baseline: a plain `SELECT` of the same rows (employment with people, ratings, awards,
  unit ratings, disciplines, initiatives, holds, leave), fetched and discarded.

Prints both, the ratio and the peak memory (of the child process, and of the engine's runs
alone), and exits 1 when the ratio is above the budget (3×). SQLite uses
var/bench/p1.sqlite3, PostgreSQL the database `tdkt_awards_bench` on 127.0.0.1:5432 (created
when missing; `PG_BENCH_URL` overrides it).
"""

# ruff: noqa: S608  (SQL built from our own table names and integers, never from input)
from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BUDGET = 3.0
ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("PG_BENCH_URL", "postgres://postgres@127.0.0.1:5432/tdkt_awards_bench")
YEAR = 2025
YEARS = range(YEAR - 9, YEAR + 1)
MARKER = "bench.p1.people"


def _child(backend: str, people: int) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    os.environ.setdefault("DEBUG", "true")
    if backend == "postgres":
        _ensure_pg_database()
        os.environ["DATABASE_URL"] = PG_URL
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(ROOT / "var" / "bench" / "p1.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    _generate(people)
    from tdkt.awards.rules import stream_verdicts

    tables = _baseline_sql()
    runs = []
    engine_peak = child_peak = 0.0
    for _ in range(2):  # best of two of each, interleaved, so caches are warm for both
        start = time.perf_counter()
        with connection.cursor() as cursor:
            rows = 0
            for sql in tables:
                cursor.execute(sql)
                rows += len(cursor.fetchall())
        scan = time.perf_counter() - start
        child_peak = max(child_peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        _reset_peak()  # which restarts ru_maxrss too
        start = time.perf_counter()
        statuses: dict[str, int] = {}
        for part in stream_verdicts(year=YEAR, unit_ids=None):
            for verdict in part:
                statuses[verdict.status] = statuses.get(verdict.status, 0) + 1
            del part  # dropped before the next part is read, as a writer would
        engine = time.perf_counter() - start
        engine_peak = max(engine_peak, _peak_mb())
        runs.append((scan, engine, rows, statuses))
    scan = min(r[0] for r in runs)
    engine = min(r[1] for r in runs)
    rows, statuses = runs[0][2], runs[0][3]
    ratio = engine / scan
    child_peak = max(child_peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    shown = ", ".join(f"{status} {n:,}" for status, n in sorted(statuses.items()))
    print(
        f"{backend:9s} people={people:,} rows scanned={rows:,} "
        f"verdicts={sum(statuses.values()):,} ({shown})\n"
        f"          scan {scan:.2f} s  engine {engine:.2f} s  ratio {ratio:.2f}× "
        f"(budget ≤ {BUDGET:.0f}×)  runs {' '.join(f'{r[0]:.2f}/{r[1]:.2f}' for r in runs)}  "
        f"peak RSS: child {child_peak:,.0f} MB, engine {engine_peak:,.0f} MB"
    )
    return 0 if ratio <= BUDGET else 1


def _reset_peak() -> None:
    """Linux: hand the scan's freed rows back to the system (glibc's malloc_trim) and restart
    the peak resident size (VmHWM) from what is left, so the engine's own peak can be read."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_mb() -> float:
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _baseline_sql() -> list[str]:
    first = YEAR - 12
    return [
        "SELECT e.person_id, e.unit_id, e.is_judge, p.code, p.full_name, p.recruited_on "
        "FROM org_employment e JOIN org_person p ON p.id = e.person_id",
        "SELECT person_id, year, rating, subjective_rate FROM awards_personrating "
        f"WHERE year >= {first}",
        "SELECT id, person_id, recipient_unit_id, title_id, form_id, year, commendation_type, "
        "decision_date, revoked, decision_number FROM awards_awardrecord "
        f"WHERE year >= {first}",
        f"SELECT unit_id, year, rating, source FROM awards_unitrating WHERE year >= {first}",
        "SELECT person_id, level, decided_on, period_end FROM awards_discipline",
        "SELECT id, person_id, name, kind, scope, year, claimed_by_id FROM awards_initiative",
        "SELECT person_id, recipient_unit_id, kind, opened_on, closed_on FROM awards_hold",
        'SELECT person_id, kind, start, "end" FROM awards_leave',
        "SELECT id, code, name, level, parent_id, valid_from, valid_to FROM org_unit",
    ]


def _ensure_pg_database() -> None:
    import psycopg

    base, _slash, name = PG_URL.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _generate(people: int) -> None:
    from django.db import connection, transaction

    from tdkt.awards.models import (
        AwardRecord,
        Discipline,
        EmulationTitle,
        Hold,
        Initiative,
        Parameter,
        PersonRating,
        UnitRating,
    )
    from tdkt.org.models import Employment, Person, Unit

    marker = Parameter.objects.filter(key=MARKER).first()
    if marker is not None and marker.value == str(people):
        return
    started = time.perf_counter()
    print(f"generating {people:,} people × 10 years …", flush=True)
    with transaction.atomic():
        with connection.cursor() as cursor:  # raw deletes: the ORM's collector is per row
            for model in (
                Initiative,
                AwardRecord,
                PersonRating,
                UnitRating,
                Discipline,
                Hold,
                Employment,
                Person,
            ):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")
            cursor.execute("DELETE FROM org_unit WHERE code LIKE 'B-%%'")
        Parameter.objects.filter(key=MARKER).delete()
        rng = random.Random(1)
        spc = Unit.objects.create(
            code="B-SPC", name="Tòa án nhân dân tối cao", level="supreme_court"
        )
        provinces = Unit.objects.bulk_create(
            Unit(
                code=f"B-P{i:02d}",
                name=f"Tòa án nhân dân tỉnh Số {i}",
                level="provincial_court",
                parent=spc,
                search_key="",
            )
            for i in range(34)
        )
        regionals = Unit.objects.bulk_create(
            Unit(
                code=f"B-R{i:03d}",
                name=f"Tòa án nhân dân khu vực {i}",
                level="regional_court",
                parent=provinces[i % 34],
                search_key="",
            )
            for i in range(355)
        )
        courts = [*provinces, *regionals]
        titles = {t.code: t.pk for t in EmulationTitle.objects.all()}
        ldtt, cstdcs, cstd = (
            titles["advanced_worker"],
            titles["grassroots_emulation_fighter"],
            titles["sector_emulation_fighter"],
        )
        ttldxs = titles["excellent_collective"]
        with connection.cursor() as cursor:
            for chunk in _people_chunks(people, rng, courts, ldtt, cstdcs, cstd):
                for table, columns, rows, extra in chunk:
                    _insert(cursor, table, columns, rows, extra=extra)
            unit_rows = [
                (c.pk, year, "excellent" if rng.random() < 0.5 else "good", "superior")
                for c in courts
                for year in YEARS
            ]
            _insert(cursor, "awards_unitrating", ("unit_id", "year", "rating", "source"), unit_rows)
            unit_awards = [
                (u, u, ttldxs, y, dt.date(y, 12, 1))
                for u, y, r, _s in unit_rows
                if r == "excellent" and y < YEAR
            ]
            _insert(
                cursor,
                "awards_awardrecord",
                ("unit_id", "recipient_unit_id", "title_id", "year", "decision_date"),
                unit_awards,
                extra={
                    "commendation_type": "merit",
                    "decision_number": "",
                    "issuer": "",
                    "revoked": False,
                    "note": "",
                },
            )
            if connection.vendor == "postgresql":
                for table in ("org_person", "org_employment", "awards_personrating"):
                    sequence = f"pg_get_serial_sequence('{table}', 'id')"
                    cursor.execute(f"SELECT setval({sequence}, (SELECT MAX(id) FROM {table}))")
        Parameter.objects.create(
            key=MARKER,
            value=str(people),
            valid_from=dt.date(2000, 1, 1),
            legal_basis="bench",
            confidence="C",
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)


CHUNK = 20_000  # people per batch of rows: memory stays flat at a million people
AWARD_EXTRA = {
    "commendation_type": "merit",
    "decision_number": "",
    "issuer": "",
    "revoked": False,
    "note": "",
}


def _people_chunks(
    people: int, rng: random.Random, courts: list[Any], ldtt: int, cstdcs: int, cstd: int
) -> Any:
    """The people's rows, CHUNK people at a time, as (table, columns, rows, constant columns)."""
    grades = ["excellent", "good", "good", "good", "completed", "not_completed"]
    rating_id = 0
    for first in range(1, people + 1, CHUNK):
        person_rows, job_rows, rating_rows, award_rows, discipline_rows, initiative_rows = (
            [],
            [],
            [],
            [],
            [],
            [],
        )
        for i in range(first, min(first + CHUNK, people + 1)):
            court = courts[i % len(courts)].pk
            recruited = dt.date(2000 + i % 20, 1 + i % 12, 1)
            person_rows.append(
                (i, f"B{i:07d}", f"Nguyễn Văn {i}", str(i), recruited, f"nguyen van {i}")
            )
            job_rows.append(
                (i, i, court, "Thư ký Tòa án", i % 5 == 0, "regular", dt.date(2000, 1, 1))
            )
            for year in YEARS:
                rating = grades[rng.randrange(6)]
                rating_id += 1
                rating_rows.append((rating_id, court, i, year, rating, 0))
                if rating in ("excellent", "good") and year < YEAR:
                    award_rows.append((court, i, ldtt, year, dt.date(year, 11, 20)))
                    if rating == "excellent":
                        award_rows.append((court, i, cstdcs, year, dt.date(year, 11, 20)))
            if i % 97 == 0:
                award_rows.append((court, i, cstd, YEAR - 3, dt.date(YEAR - 3, 12, 1)))
            if i % 50 == 0:
                discipline_rows.append(
                    (court, i, "reprimand", dt.date(2024, 3, 1), dt.date(2025, 2, 28))
                )
            if i % 10 == 0:
                initiative_rows.append(
                    (
                        court,
                        i,
                        "initiative",
                        f"Sáng kiến {i}",
                        "sector" if i % 30 == 0 else "grassroots",
                        YEAR,
                    )
                )
        yield [
            (
                "org_person",
                ("id", "code", "full_name", "given_name", "recruited_on", "search_key"),
                person_rows,
                {"gender": "", "note": ""},
            ),
            (
                "org_employment",
                ("id", "person_id", "unit_id", "position", "is_judge", "kind", "start"),
                job_rows,
                {"note": ""},
            ),
            (
                "awards_personrating",
                ("id", "unit_id", "person_id", "year", "rating", "subjective_rate"),
                rating_rows,
                {"original_text": ""},
            ),
            (
                "awards_awardrecord",
                ("unit_id", "person_id", "title_id", "year", "decision_date"),
                award_rows,
                AWARD_EXTRA,
            ),
            (
                "awards_discipline",
                ("unit_id", "person_id", "level", "decided_on", "period_end"),
                discipline_rows,
                {"original_text": "", "note": ""},
            ),
            (
                "awards_initiative",
                ("unit_id", "person_id", "kind", "name", "scope", "year"),
                initiative_rows,
                None,
            ),
        ]


def _insert(
    cursor: Any,
    table: str,
    columns: tuple[str, ...],
    rows: list[Any],
    *,
    extra: dict[str, Any] | None = None,
) -> None:
    extra = extra or {}
    names = [*columns, *extra]
    values = list(extra.values())
    quoted = ", ".join(f'"{n}"' for n in names)
    if cursor.db.vendor == "postgresql":  # COPY: the fastest bulk load PostgreSQL has
        with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row, *values))
        return
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"
    batch = 20_000
    for start in range(0, len(rows), batch):
        cursor.executemany(sql, [(*row, *values) for row in rows[start : start + batch]])


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
