# One entry point for people and CI. Every target sets up what it needs on a fresh Debian
# machine that has python3, make and apt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1:8000
# Reproducible builds: explainer/atomic_build.py dates the sitemap by the last commit (SOURCE_DATE_EPOCH wins).
export BROWSER_PATH ?= $(CHROMIUM)
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build test test-quick lint bench lock chromium fonts pdftotext java node clean

help:
	@echo "make serve   set up, build and serve the site at http://$(HOST)"
	@echo "make build   build the site into site/, swapped in only if the whole build succeeds"
	@echo "             (SITE_URL=https://you.github.io/repo/ make build overrides site_url)"
	@echo "make test    lint, build and run every test (installs chromium, Java and Node if missing)"
	@echo "make test-quick   every test but the browser ones"
	@echo "make lint    ruff, ESLint, Stylelint, actionlint and zizmor"
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

# $(call apt_install,CHECK,PACKAGES): install Debian's PACKAGES unless the shell test CHECK passes.
apt_install = @if ! $(1); then \
	  echo "Installing Debian's $(2) (needs root)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	fi

# Chromium renders the chart's static images when the data change, and runs the browser tests.
chromium:
	$(call apt_install,[ -x "$(CHROMIUM)" ],chromium)

# Noto Sans CJK JP draws the Japanese chart (kaleido's Chromium) and link-preview cards (Pillow), offline.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
fonts:
	$(call apt_install,[ -f "$(CJK_FONT)" ],fonts-noto-cjk)

# The print tests read the PDFs Chromium prints with pdftotext.
pdftotext:
	$(call apt_install,command -v pdftotext >/dev/null,poppler-utils)

# The HTML checker (vnu.jar) runs on Java.
java:
	$(call apt_install,command -v java >/dev/null,default-jre-headless)

# ESLint, Stylelint and vnu-jar, pinned in package-lock.json.
node:
	$(call apt_install,command -v npm >/dev/null,nodejs npm)

node_modules/.package-lock.json: package-lock.json | node
	npm ci --no-audit --no-fund --loglevel=error

# Not a bare `mkdocs build`, which empties site/ first: a failed build would leave it broken.
build: $(BIN)/.site-deps fonts
	$(BIN)/python -m explainer.atomic_build

serve: $(BIN)/.site-deps fonts
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

lint: $(BIN)/.dev-deps node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	npx --no-install eslint .
	npx --no-install stylelint "docs/assets/**/*.css"
	$(BIN)/actionlint -color=false
	$(BIN)/zizmor --offline --no-progress .github/workflows

# Two workers, each building the site once for its session fixtures: ~15% more CPU than one, spread
# over two cores. On a machine busy with other work that does not pay; run one with PYTEST_ARGS=.
PYTEST_ARGS ?= -n 2 --dist loadgroup
test: $(BIN)/.dev-deps chromium fonts pdftotext java lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-quick: $(BIN)/.dev-deps fonts java node_modules/.package-lock.json
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m "not browser"

bench: $(BIN)/.dev-deps chromium
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# pip-tools lives in a throwaway venv: the site's venv holds exactly the hash-pinned packages.
LOCK_VENV := .venv-lock
PIP_COMPILE := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-dev.txt requirements-dev.in
	rm -rf $(LOCK_VENV)
	npm install --package-lock-only --no-audit --no-fund --loglevel=error

clean:
	rm -rf site .site-staging .site-previous .site.lock build test-artifacts .pytest_cache .venv-lock
