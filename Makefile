# One entry point for people and CI. Every target sets up what it needs on a fresh Debian
# machine that has python3, make and apt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1:8000
# Reproducible builds: dates in the sitemap come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1738886400)
export SOURCE_DATE_EPOCH
export BROWSER_PATH ?= $(CHROMIUM)
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build test test-browser lint bench lock chromium clean

help:
	@echo "make serve   set up, build and serve the site at http://$(HOST)"
	@echo "make build   build the site into site/ (SITE_URL overrides site_url)"
	@echo "make test    lint, build and run every test (installs chromium if missing)"
	@echo "make lint    ruff, actionlint and zizmor"
	@echo "make bench   Lighthouse: the site against its stock-Material twin, the floor, and per-feature costs"
	@echo "make lock    re-resolve the pinned dependency files"

# The venv is rebuilt whenever a lock file changes.
$(BIN)/.site-deps: requirements.txt
	$(PYTHON) -m venv $(VENV) || { apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	touch $@

$(BIN)/.dev-deps: $(BIN)/.site-deps requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt -r requirements-dev.txt
	touch $@

# Chromium renders the chart's static images when the data change, and runs the browser tests.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium (needs root)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

build: $(BIN)/.site-deps
	$(BIN)/mkdocs build --strict

serve: $(BIN)/.site-deps
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

lint: $(BIN)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/actionlint -color=false
	$(BIN)/zizmor --offline --no-progress .github/workflows

test: $(BIN)/.dev-deps chromium lint
	$(BIN)/python -m pytest

bench: $(BIN)/.dev-deps chromium
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m bench.run $(BENCH_ARGS)

lock:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf site build test-artifacts .pytest_cache
