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

messages: install
	$(PY) manage.py compilemessages --ignore=.venv >/dev/null 2>&1 || true

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo --if-empty

## Set up and start the application on http://$(HOST):$(PORT) (SQLite, no broker).
run: demo
	$(PY) manage.py collectstatic --noinput >/dev/null
	$(PY) manage.py runlocal $(HOST):$(PORT)

## Install the test dependencies and run the whole test suite.
test: install-dev
	$(PY) manage.py collectstatic --noinput >/dev/null
	$(PY) -m pytest -q

bench: install-dev
	$(PY) -m pytest -q -m bench tests/bench -s

lint: install-dev
	$(VENV)/bin/ruff check .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run
