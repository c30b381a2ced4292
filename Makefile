# The one developer interface. `make run` and `make test` set everything up from scratch.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Without SITE_URL, e-mailed links and the start-up message follow the address `make run` serves on.
export RUN_HOST := $(HOST)
export RUN_PORT := $(PORT)

.PHONY: run test venv install install-dev migrate demo bench lint messages migrations-check

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 behövs ($(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.in constraints.txt | $(PY)
	$(PIP) install --quiet -r requirements.in -c constraints.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.in requirements.in constraints.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.in -c constraints.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Regenerate the English staff catalogue (locale/en/LC_MESSAGES/django.po) from the marked strings and
## compile it to django.mo; commit both (README "Languages"). Needs gettext (apt-get install gettext).
## The ignore list is recruitment/catalogue.py's MAKEMESSAGES_IGNORE, which the catalogue test uses.
MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=staticfiles --ignore=media --ignore=node_modules
messages: install
	$(PY) manage.py makemessages -l en --no-obsolete $(MESSAGES_IGNORE)
	$(PY) manage.py compilemessages -l en $(MESSAGES_IGNORE)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo --if-empty

## Set up and start the application on http://$(HOST):$(PORT) (SQLite, no broker).
run: demo
	$(PY) manage.py collectstatic --noinput >/dev/null
	$(PY) manage.py runlocal $(HOST):$(PORT)

## Install the test dependencies and run the whole test suite: on PostgreSQL when it answers
## (TEST_POSTGRES, as production and CI run), on SQLite otherwise; an explicit DATABASE_URL wins.
## The suite runs in TEST_WORKERS processes (pytest-xdist; `auto`: one per core, 0: in this process), each on
## its own test database (test_<name>_gw0, ...); whole files go to one worker, so a module's data is built once,
## in collection order, the long files first (tests/conftest.py).
TEST_POSTGRES ?= postgres://postgres@127.0.0.1:5432/recruitment
TEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder
test: install-dev
	$(PY) manage.py collectstatic --noinput >/dev/null
	@if [ -n "$$DATABASE_URL" ]; then \
	  echo "Tests on DATABASE_URL ($${DATABASE_URL%%@*}@…)."; $(PYTEST); \
	elif $(PY) -c "import psycopg, sys; psycopg.connect(sys.argv[1].rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" "$(TEST_POSTGRES)" 2>/dev/null; then \
	  echo "Tests on PostgreSQL ($(TEST_POSTGRES))."; DATABASE_URL="$(TEST_POSTGRES)" $(PYTEST); \
	else \
	  echo "PostgreSQL does not answer at $(TEST_POSTGRES): tests run on SQLite, and the tests that need PostgreSQL are skipped."; \
	  $(PYTEST); \
	fi

bench: install-dev
	$(PY) -m pytest -q -m bench tests/bench -s

lint: install-dev
	$(VENV)/bin/ruff check .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run
