# gi-wagtail developer commands. `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3.11
VENV ?= .venv
VENV74 ?= .venv-wagtail74
PY := $(CURDIR)/$(VENV)/bin/python
PY74 := $(CURDIR)/$(VENV74)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/gi_wagtail
MYSQL_URL ?= mysql://root@127.0.0.1:3306/gi_wagtail
PYTEST_ARGS ?=
N ?= 1000
BACKENDS ?= sqlite
JSON ?=

.PHONY: sysdeps sysdeps-demo install install-demo demo demo-data serve test test-fast test-sqlite test-postgres test-mariadb test-wagtail74 lint format bench bench-large fuzz load messages migrations

# The demo needs only Python with venv/ensurepip (Debian ships them as python3-venv).
sysdeps-demo:
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	  else echo "Please install python3-venv (e.g. sudo apt-get install python3-venv)"; exit 1; fi; }

# System packages for the tests: MariaDB client headers (mysqlclient), Chromium and a CJK font
# (browser tests and screenshots), gettext (translation checks, `make messages`).
sysdeps: sysdeps-demo
	@missing=""; \
	pkg-config --exists libmariadb 2>/dev/null || missing="$$missing libmariadb-dev pkg-config"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	[ -n "$$(fc-list :lang=zh 2>/dev/null)" ] || missing="$$missing fonts-wqy-microhei"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Please install:$$missing (e.g. sudo apt-get install$$missing)"; exit 1; fi; \
	fi

# One .venv for both: the demo installs the package with the `demo` extra (.venv/.demo);
# `make test` adds the test extras to the same venv (.venv/.installed), which cover the demo too.
install: sysdeps $(VENV)/.installed
install-demo: sysdeps-demo $(VENV)/.demo

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip

$(VENV)/.demo: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/pip install -q -e '.[demo]'
	touch $@

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@ $(VENV)/.demo

# Lint tools only (the `lint` extra): no system packages, no database.
$(VENV)/.lint: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/pip install -q -e '.[lint]'
	touch $@

$(VENV74)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV74)
	$(VENV74)/bin/pip install -q --upgrade pip
	$(VENV74)/bin/pip install -q -e '.[test]' 'wagtail>=7.4,<7.5'
	touch $@

demo-data: install-demo
	cd example_site && $(PY) manage.py migrate --noinput
	cd example_site && $(PY) manage.py load_demo

serve: install-demo
	cd example_site && $(PY) manage.py runserver 127.0.0.1:8000

demo: install-demo demo-data serve

test: install test-sqlite test-postgres test-mariadb test-wagtail74

# axe-core for the accessibility checks in the browser tests (from the npm registry).
AXE := $(CURDIR)/$(VENV)/axe/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe axe-core@4

# Each target runs the suite on the test project (tests/settings.py), then tests/demo on the demo's settings.
DEMO_TESTS := PYTHONPATH=example_site
DEMO_ARGS := tests/demo --ds=example_site.settings.test

test-sqlite: install $(AXE)
	GI_WAGTAIL_AXE=$(AXE) $(PY) -m pytest $(PYTEST_ARGS)
	GI_WAGTAIL_AXE=$(AXE) $(DEMO_TESTS) $(PY) -m pytest $(DEMO_ARGS) $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -m "not browser and not packaging" $(PYTEST_ARGS)
	DATABASE_URL=$(PG_URL) $(DEMO_TESTS) $(PY) -m pytest $(DEMO_ARGS) -m "not browser" $(PYTEST_ARGS)

test-mariadb: install
	DATABASE_URL=$(MYSQL_URL) $(PY) -m pytest -m "not browser and not packaging" $(PYTEST_ARGS)
	DATABASE_URL=$(MYSQL_URL) $(DEMO_TESTS) $(PY) -m pytest $(DEMO_ARGS) -m "not browser" $(PYTEST_ARGS)

test-wagtail74: sysdeps $(VENV74)/.installed
	$(PY74) -c "import wagtail; assert wagtail.__version__.startswith('7.4'), wagtail.__version__; print('Wagtail', wagtail.__version__)"
	$(PY74) -m pytest -m "not browser and not packaging" $(PYTEST_ARGS)
	$(DEMO_TESTS) $(PY74) -m pytest $(DEMO_ARGS) -m "not browser" $(PYTEST_ARGS)

# The inner loop: SQLite, no browser, no wheel build (no PostgreSQL, MariaDB or npm needed).
test-fast: install
	$(PY) -m pytest -m "not browser and not packaging" $(PYTEST_ARGS)

# ruff (lint + format check), djlint (templates; project rules in .djlint_rules.yaml) and
# import-linter (the room contracts in pyproject.toml, including no cycles between packages).
LINTBIN := $(CURDIR)/$(VENV)/bin
# Every check runs, so one failure does not hide the next; the target fails if any did.
LINT_STEPS := "ruff check --output-format=concise ." "ruff format --check --output-format=concise ." "djlint gi_wagtail/templates --lint" "lint-imports --no-logo" "python scripts/check_cycles.py"
lint: $(VENV)/.lint
	@failed=""; for step in $(LINT_STEPS); do \
	  echo "$$ $$step"; $(LINTBIN)/$$step || failed="$$failed\n  $$step"; \
	done; \
	if [ -n "$$failed" ]; then printf "make lint failed:$$failed\n"; exit 1; fi

# Applies ruff's fixes and formatting, then lists what is left to fix by hand. The second
# `check --fix` drops `# noqa` comments that formatting moved off the line that needed them.
format: $(VENV)/.lint
	$(LINTBIN)/ruff check --fix --exit-zero --silent .
	$(LINTBIN)/ruff format .
	$(LINTBIN)/ruff check --fix --exit-zero .

bench: install
	$(PY) benchmarks/run.py --n $(N) --backends $(BACKENDS) $(if $(JSON),--json $(JSON),)

# The 100,000-item scale run (SQLite unless BACKENDS is given on the command line).
bench-large:
	$(MAKE) bench N=100000

# Long fuzz runs (benchmarks/fuzz.py): FUZZ_N generated inputs per public surface and import format, on
# SQLite, PostgreSQL and MariaDB; prints a table of inputs tried and server errors, fails on any error.
FUZZ_N ?= 10000
fuzz: install
	@failed=""; for url in sqlite:///$(CURDIR)/.venv/gi_fuzz.sqlite3 $(PG_URL) $(MYSQL_URL); do \
	  $(PY) benchmarks/fuzz.py --n $(FUZZ_N) --database-url $$url || failed="$$failed $$url(pages)"; \
	  $(PY) benchmarks/fuzz_imports.py --n $(FUZZ_N) --database-url $$url || failed="$$failed $$url(imports)"; \
	done; \
	if [ -n "$$failed" ]; then echo "make fuzz: server errors on:$$failed"; exit 1; fi

# Load test of the public pages: gunicorn and wrk on loopback against a demo site with ~2,000 items
# (benchmarks/load.py; the site is built once under benchmarks/.load). Needs wrk and Redis.
LOAD_ARGS ?=
$(VENV)/.bench: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/pip install -q -e '.[bench]'
	touch $@

load: $(VENV)/.installed $(VENV)/.bench
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "Please install wrk (e.g. sudo apt-get install wrk)"; exit 1; fi; }
	$(PY) benchmarks/load.py $(LOAD_ARGS)

# Regenerate the zh-hans catalogue after changing strings. django-admin, not `python -m django`:
# the latter puts gi_wagtail/ first on sys.path, where logging.py shadows the standard library.
DJANGO_ADMIN := $(CURDIR)/$(VENV)/bin/django-admin
messages: install
	cd gi_wagtail && $(DJANGO_ADMIN) makemessages -l zh_Hans --settings=example_site.settings.test --pythonpath=../example_site
	$(PY) scripts/merge_translations.py gi_wagtail/locale
	cd gi_wagtail && $(DJANGO_ADMIN) compilemessages -l zh_Hans --settings=example_site.settings.test --pythonpath=../example_site

# Regenerate migrations, kept loadable on Wagtail 7.4 (see scripts/fix_migrations.py).
migrations: install
	cd example_site && $(PY) manage.py makemigrations gi_wagtail home
	$(PY) scripts/fix_migrations.py gi_wagtail/migrations/0*.py example_site/home/migrations/0*.py
