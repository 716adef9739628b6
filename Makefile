# tdkt — two commands for a fresh Debian/Ubuntu machine:
#   make demo   set up, load the demo data (SQLite) and serve http://127.0.0.1:8000
#   make test   set up, lint, type-check, and run the suite on SQLite, PostgreSQL and Chromium
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/tdkt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test venv system-deps lint typecheck migrations-check i18n test-sqlite test-postgres test-e2e bench clean

$(BIN)/tdkt: pyproject.toml
	@scripts/system-deps.sh base
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

venv: $(BIN)/tdkt

# The demo signs with a local test CA made once in var/demo-signing/ (never a court's real key).
DEMO_ENV := DEBUG=false TDKT_INSECURE_DEV_KEY=true SECURE_HTTPS=false
DEMO_KEYS := $(CURDIR)/var/demo-signing
DEMO_SIGNER := Tòa án nhân dân tỉnh Thanh Hóa
DEMO_P12 := $(DEMO_KEYS)/toa-an-nhan-dan-tinh-thanh-hoa.p12
DEMO_SIGNING := DOCUMENTS_SIGNING_P12=$(DEMO_P12) DOCUMENTS_SIGNING_PASSPHRASE= \
	DOCUMENTS_SIGNING_PASSPHRASE_FILE=$(DEMO_KEYS)/passphrase.txt DOCUMENTS_TRUST_ROOTS=$(DEMO_KEYS)/root.pem

demo: venv
	@scripts/system-deps.sh base
	$(DEMO_ENV) $(BIN)/tdkt compilemessages --ignore=.venv -v 0
	@test -f $(DEMO_KEYS)/root.pem -a -f $(DEMO_P12) -a -f $(DEMO_KEYS)/passphrase.txt || { \
	  rm -rf $(DEMO_KEYS); \
	  $(DEMO_ENV) DOCUMENTS_SIGNING_PASSPHRASE= $(BIN)/tdkt make-signing-key --output $(DEMO_KEYS) \
	    --organisation "$(DEMO_SIGNER)" --signer "$(DEMO_SIGNER)" --days 3650; }
	$(DEMO_ENV) $(DEMO_SIGNING) $(BIN)/tdkt demo $(DEMO_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv
	DEBUG=true $(BIN)/mypy tdkt tests conftest.py

migrations-check: venv
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

i18n: venv
	@scripts/system-deps.sh base
	DEBUG=true $(BIN)/python manage.py makemessages -l vi --no-location --no-obsolete --ignore=.venv --ignore=var -v 0
	$(BIN)/python scripts/check_translations.py tdkt/locale/vi/LC_MESSAGES/django.po
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv -v 0

test-sqlite: venv
	DEBUG=true $(BIN)/pytest -m "not e2e" -q

test-postgres: venv
	@DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" scripts/require-postgres.sh
	DEBUG=true DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" $(BIN)/pytest -m "not e2e" -q

test-e2e: venv
	@scripts/system-deps.sh browser
	DEBUG=true $(BIN)/pytest -m e2e -q

test: lint typecheck migrations-check i18n test-sqlite test-postgres test-e2e
	@echo "make test: all steps passed (lint, types, migrations, translations, SQLite, PostgreSQL, browser)."

# Every bench/p*.py script runs in turn; each times its work and a baseline in the same run and
# prints the ratio against its budget (non-zero exit when a budget is exceeded).
bench: venv
	@ls bench/p*.py >/dev/null 2>&1 || { echo "make bench: no benchmark in bench/" >&2; exit 1; }
	@for script in bench/p*.py; do echo "== $$script"; DEBUG=true $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var *.egg-info
