# StudyHub. `make run` to try it, `make test` to check it. Needs only Python 3.11 and make.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test lint format bench screenshot clean install install-test browser messages

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check ".[test]"
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_content
	DEBUG=1 $(PY) manage.py ensure_demo_user
	@echo ""
	@echo "  StudyHub is running at http://127.0.0.1:$(PORT)/"
	@echo "  Log in as demo / studyhub-demo, or sign up."
	@echo ""
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# SQLite first, then PostgreSQL when DATABASE_URL names one or the local server answers.
test: lint browser
	$(PY) -m tests.run_suite

# The browser tests drive the system's Chromium, and the HTML test runs the W3C Nu checker on Java; as
# root on Debian both are installed here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "Chromium not found: browser tests will be skipped (apt-get install chromium)."; fi; }
	@command -v xgettext >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else echo "gettext not found: the catalogue test will be skipped (apt-get install gettext)."; fi; }
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "Java not found: the Nu HTML checker will be skipped (apt-get install default-jre-headless)."; fi; }

# The Korean catalogue: collect the strings of the code and templates into locale/ko/.../django.po
# (translate what is new there), then compile django.mo. Both files are committed. Needs gettext.
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l ko --no-obsolete --no-location --no-wrap \
	  --ignore=".venv/*" --ignore="staticfiles/*" --ignore="tests/*" --ignore="bench/*" --ignore="docs/*" --ignore="deploy/*"
	DEBUG=1 $(PY) manage.py compilemessages -l ko

# The throughput figures load gunicorn with wrk; as root on Debian it is installed here.
bench: install-test
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk not found: the throughput figures will be skipped (apt-get install wrk)."; fi; }
	$(PY) bench/run.py

screenshot: install-test browser
	$(PY) docs/screenshot.py docs/study.png

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
