# The two commands of the README: `make serve` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000
LINT_PATHS := $(wildcard glossary_site scripts tests docs/demos)
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install browser serve preview language build check test test-fast lint bench clean

# The Python environment and the npm packages are installed side by side.
install:
	@$(MAKE) --no-print-directory --silent -j2 $(VENV)/.installed node_modules/.installed

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: Python 3.11 or newer is needed (found $$($(PYTHON) --version)); set PYTHON=python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)

# The pins (pip installs uv, uv the others: glossary_site/install.py), then the project's own
# package (glossary_site, its MkDocs plugin) in editable mode.
$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	@echo "installing the Python packages of requirements-dev.txt into $(VENV)"
	$(BIN)/python -m glossary_site.install requirements-dev.txt
	$(BIN)/python -m uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation --editable .
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm is needed for the self-hosted fonts and KaTeX; install Node.js 20+"; exit 2; }
	@echo "installing the npm packages of package-lock.json"
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# System tools for the tests, from Debian: Chromium for the browser tests (Playwright's own
# browser download is never used) and Java for the Nu HTML Checker.
CHROMIUM ?= /usr/bin/chromium
browser:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing=" chromium fonts-dejavu"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing$$missing (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "error: the tests need$$missing; run: sudo apt-get install -y$$missing"; exit 2; \
	fi

# One language, exactly as the full site has it under /<lang>/: `make preview LANG=de`.
preview: install
	@case "$(origin LANG)" in command*) ;; *) \
	  echo "error: name the language: make preview LANG=de (one of the i18n languages in mkdocs.yml)"; exit 2;; esac
	BUILD_ONLY_LOCALE=$(LANG) $(BIN)/mkdocs serve --strict --dev-addr $(HOST)

# A new language, marked in progress: `make language LANG=fr NAME=Français`.
language: install
	@case "$(origin LANG)" in command*) ;; *) \
	  echo "error: name the language: make language LANG=fr NAME=Français"; exit 2;; esac
	$(BIN)/python scripts/add_language.py $(LANG) $(if $(NAME),--name "$(NAME)")

build: install
	$(BIN)/mkdocs build --strict

serve: install
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

lint: install
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

# The site's promise: every translation complete, every link working. One run reports every
# problem: the strict build's warnings (at their file and line), translations and links.
check: install
	$(BIN)/python scripts/check.py all --build

# Everything: the real site is built once, in pytest, and the checker runs on that build. The
# tests run in one worker per CPU core (pytest-xdist), each test file in one worker, in the
# order pytest-randomly and tests/conftest.py give them (not largest file first): the files
# that do not need the real site run while it builds in the background, then the others,
# which share that one build.
PYTEST_WORKERS := --numprocesses=auto --dist=loadfile --no-loadscope-reorder
test: install lint browser
	$(BIN)/pytest $(PYTEST_WORKERS)

# The fast tier: unit tests and small fixture sites built in-process; no browser, no full build.
test-fast: install lint
	$(BIN)/pytest $(PYTEST_WORKERS) -m "not full"

# Speed figures (a benchmark, not a test): build times, the checker beside lychee.
bench: install
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .cache .pytest_cache
