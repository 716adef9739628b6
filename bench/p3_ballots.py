"""P3: 1 000 electronic casts sent concurrently over HTTP to gunicorn, one worker SIGKILLed in the
middle, on SQLite and on PostgreSQL. Nothing may be lost and nothing duplicated.

    DEBUG=true .venv/bin/python bench/p3_ballots.py [--casts 1000] [--clients 24] [--sqlite-only]

For each database: migrate a fresh database (a temporary SQLite file; PostgreSQL database
`tdkt_meetings_bench` or `$P3_PG_DATABASE`, dropped and created), build a council session of
N members all present with an open ballot of three candidates (the voters have no account, only
their codes), start gunicorn on a random free loopback port with
2 workers, and send every code's cast from a pool of client threads. When half the casts are in,
one worker gets SIGKILL; the master starts another. A client whose request fails (connection
reset, 5xx) sends the same code again; "code already used" after such a failure means its first
attempt had committed, so it counts as delivered.

Baseline, timed in the same run: the same number of GETs of the voter's page through the same
pool. Budgets: lost = 0, duplicated = 0, casts take at most 15× the baseline, the count of the
stored ballots (the recount) takes at most 2 s. Exit status 1 when over a budget.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_ADMIN = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_BENCH = os.environ.get("P3_PG_DATABASE", "tdkt_meetings_bench")
CAST_RATIO_BUDGET = 15.0
TALLY_BUDGET_S = 2.0
MAX_ATTEMPTS = 8


# ---------------------------------------------------------------- inside Django (subprocesses)


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django

    django.setup()


def setup_world(casts: int) -> dict[str, Any]:
    """A council session of `casts` members, all present, and an open ballot. The voters have no
    account: the one-time code is their only credential (as for a visiting delegation)."""
    _django()
    import datetime as dt

    from tdkt.meetings import services
    from tdkt.meetings.models import Meeting, Member
    from tdkt.org.models import Person, Unit

    unit = Unit.objects.create(
        code="BENCH", name="Tòa án nhân dân tỉnh Thử Tải", level="provincial_court"
    )
    meeting = services.create_meeting(
        actor="bench", kind=Meeting.Kind.COUNCIL, unit=unit, title="P3", date=dt.date(2026, 10, 1)
    )
    people = Person.objects.bulk_create(
        [
            Person(code=f"B{i:05d}", full_name=f"Thành Viên {i}", given_name="Viên", search_key="")
            for i in range(casts)
        ]
    )
    Member.objects.bulk_create(
        [Member(meeting=meeting, person=p, label=p.full_name, present=True) for p in people]
    )
    candidates = [Person.objects.create(code=f"BC{i}", full_name=f"Ứng Viên {i}") for i in range(3)]
    ballot = services.create_ballot(
        meeting=meeting,
        actor="bench",
        title="P3",
        title_code="grassroots_emulation_fighter",
        title_label="Chiến sĩ thi đua cơ sở",
        threshold="80%",
    )
    for person in candidates:
        services.add_candidate(ballot=ballot, actor="bench", person=person)
    codes = [c.code for c in services.open_ballot(ballot=ballot, actor="bench")]
    return {
        "ballot": ballot.pk,
        "candidates": list(ballot.candidates.values_list("pk", flat=True)),
        "codes": codes,
    }


def verify_world(ballot_id: int, casts: int) -> dict[str, Any]:
    _django()
    from tdkt.meetings import services
    from tdkt.meetings.models import Ballot, CastBallot, VoterSlot
    from tdkt.meetings.queries import recount, tally_ballot

    ballot = Ballot.objects.get(pk=ballot_id)
    stored = CastBallot.objects.filter(ballot=ballot).count()
    spent = VoterSlot.objects.filter(ballot=ballot, spent=True).count()
    started = time.perf_counter()
    tally = tally_ballot(ballot)
    tally_s = time.perf_counter() - started
    started = time.perf_counter()
    closed = services.close_ballot(ballot=ballot, actor="bench")
    close_s = time.perf_counter() - started
    check = recount(closed)
    return {
        "stored": stored,
        "spent": spent,
        "cast_count": ballot.cast_count,
        "running_hash_ok": tally.accumulator == ballot.accumulator,
        "recount_ok": check.matches,
        "tally_s": tally_s,
        "close_s": close_s,
        "agree": [c.agree for c in tally.candidates],
        "casts": casts,
    }


# ---------------------------------------------------------------- the driver


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_inside(env: dict[str, str], *args: str) -> Any:
    out = subprocess.run(
        [PYTHON, __file__, *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _prepare_database(kind: str, tmp: Path) -> dict[str, str]:
    env = {**os.environ, "DEBUG": "true", "SECURE_HTTPS": "false"}
    env.pop("DATABASE_URL", None)
    if kind == "sqlite":
        env["SQLITE_PATH"] = str(tmp / "p3.sqlite3")
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH}"')
            conn.execute(f'CREATE DATABASE "{PG_BENCH}"')
        env["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + f"/{PG_BENCH}"
    subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
    return env


def _worker_pids(master: int) -> list[int]:
    path = Path(f"/proc/{master}/task/{master}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


class Driver:
    def __init__(self, port: int) -> None:
        self.port = port
        self.csrf = "".join(random.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=32))
        self.cookie = f"csrftoken={self.csrf}"  # no session: the voters have no account
        self.local = threading.local()

    def _conn(self) -> http.client.HTTPConnection:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.local.conn = conn
        return conn

    def request(self, method: str, path: str, body: str = "") -> tuple[int, str]:
        conn = self._conn()
        headers = {"Cookie": self.cookie, "X-CSRFToken": self.csrf}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            return response.status, response.read().decode()
        except (OSError, http.client.HTTPException):
            conn.close()
            self.local.conn = None
            return 0, ""


def _wait_up(driver: Driver) -> None:
    for _ in range(100):
        status, _body = driver.request("GET", "/meetings/vote/")
        if status == 200:
            return
        time.sleep(0.1)
    raise SystemExit("gunicorn did not answer")


def run(kind: str, casts: int, clients: int) -> dict[str, Any]:
    from urllib.parse import urlencode

    with tempfile.TemporaryDirectory(prefix="tdkt-p3-") as tmpdir:
        env = _prepare_database(kind, Path(tmpdir))
        world = _run_inside(env, "--inside", "setup", "--casts", str(casts))
        port = _free_port()
        server = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "tdkt.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            driver = Driver(port)
            _wait_up(driver)
            with ThreadPoolExecutor(clients) as pool:
                started = time.perf_counter()
                list(pool.map(lambda _i: driver.request("GET", "/meetings/vote/"), range(casts)))
                baseline_s = time.perf_counter() - started

            done = {"delivered": 0, "refused": 0, "retries": 0, "killed": 0}
            lock = threading.Lock()
            ids = world["candidates"]

            def cast(code: str) -> None:
                rng = random.Random(code)
                body = urlencode(
                    {
                        "code": code,
                        "cast": "1",
                        **{f"c_{pk}": rng.choice(["agree", "disagree"]) for pk in ids},
                    }
                )
                failed_before = False
                for _attempt in range(MAX_ATTEMPTS):
                    status, text = driver.request("POST", "/meetings/vote/", body)
                    if status == 200 and 'id="cast-ok"' in text:
                        break
                    if status == 422 and failed_before:
                        break  # the first attempt committed before its answer was lost
                    if status == 422:
                        with lock:
                            done["refused"] += 1
                        return
                    failed_before = True
                    with lock:
                        done["retries"] += 1
                    time.sleep(0.05)
                else:
                    return
                with lock:
                    done["delivered"] += 1
                    if done["delivered"] == casts // 2 and not done["killed"]:
                        victims = _worker_pids(server.pid)
                        if victims:
                            os.kill(victims[0], signal.SIGKILL)
                            done["killed"] = victims[0]

            with ThreadPoolExecutor(clients) as pool:
                started = time.perf_counter()
                list(pool.map(cast, world["codes"]))
                cast_s = time.perf_counter() - started
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=5)
        check = _run_inside(
            env, "--inside", "verify", "--ballot", str(world["ballot"]), "--casts", str(casts)
        )
    lost = casts - check["stored"]
    duplicated = max(0, check["stored"] - check["spent"]) + max(0, check["stored"] - casts)
    return {
        "kind": kind,
        "casts_per_s": casts / cast_s,
        "cast_s": cast_s,
        "baseline_s": baseline_s,
        "lost": lost,
        "duplicated": duplicated,
        **done,
        **check,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--casts", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=24)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--inside", choices=["setup", "verify"])
    parser.add_argument("--ballot", type=int)
    args = parser.parse_args()
    if args.inside == "setup":
        print(json.dumps(setup_world(args.casts)))
        return 0
    if args.inside == "verify":
        print(json.dumps(verify_world(args.ballot, args.casts)))
        return 0
    over = False
    for kind in ["sqlite"] if args.sqlite_only else ["sqlite", "postgresql"]:
        r = run(kind, args.casts, args.clients)
        ratio = r["cast_s"] / r["baseline_s"]
        ok = (
            r["lost"] == 0
            and r["duplicated"] == 0
            and r["killed"]
            and r["recount_ok"]
            and r["running_hash_ok"]
            and ratio <= CAST_RATIO_BUDGET
            and r["tally_s"] <= TALLY_BUDGET_S
        )
        over = over or not ok
        recounted = "same" if r["recount_ok"] else "DIFFERENT"
        print(
            f"P3 {kind:<10} {args.casts} casts, {args.clients} clients, "
            f"worker {r['killed']} SIGKILLed: {r['casts_per_s']:.0f} casts/s "
            f"({r['cast_s']:.2f} s; baseline {args.casts} GETs {r['baseline_s']:.2f} s, "
            f"ratio {ratio:.1f} ≤ {CAST_RATIO_BUDGET:.0f}); lost {r['lost']}, "
            f"duplicated {r['duplicated']}, retries {r['retries']}, refused {r['refused']}; "
            f"tally {r['tally_s'] * 1000:.0f} ms (≤ {TALLY_BUDGET_S:.0f} s), "
            f"close+lock {r['close_s'] * 1000:.0f} ms; recount {recounted}"
            f" — {'ok' if ok else 'OVER BUDGET'}"
        )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
