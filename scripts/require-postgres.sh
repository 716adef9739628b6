#!/usr/bin/env bash
# The PostgreSQL run is a required step of `make test`: if the server is not there, fail loudly.
# Set TDKT_SKIP_POSTGRES=1 to skip it on purpose on a developer machine (never in CI).
set -euo pipefail
url="${DATABASE_URL:?DATABASE_URL is not set}"
if .venv/bin/python - "$url" <<'PY'
import sys
import psycopg
try:
    psycopg.connect(sys.argv[1].rsplit("/", 1)[0] + "/postgres", connect_timeout=5).close()
except Exception as exc:  # noqa: BLE001
    print(f"PostgreSQL is not reachable at {sys.argv[1]}: {exc}", file=sys.stderr)
    sys.exit(1)
PY
then
  exit 0
fi
if [ "${TDKT_SKIP_POSTGRES:-}" = 1 ] && [ "${CI:-}" != true ]; then
  echo "WARNING: TDKT_SKIP_POSTGRES=1 — the PostgreSQL run is SKIPPED on request." >&2
  exit 0
fi
echo "FAILED: the PostgreSQL step cannot run. Start PostgreSQL on 127.0.0.1:5432 (user postgres," >&2
echo "trust auth) or set DATABASE_URL; to skip on purpose set TDKT_SKIP_POSTGRES=1 (not in CI)." >&2
exit 1
