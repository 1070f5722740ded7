# The two commands of the README: `make serve` and `make test`. Everything else is in tasks.py.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve build test lint clean system-deps

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site: requirements.txt | $(BIN)/python
	sh scripts/system-deps.sh --build
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.site
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

build: $(VENV)/.site
	$(BIN)/invoke build

serve: $(VENV)/.site
	$(BIN)/invoke serve

system-deps:
	sh scripts/system-deps.sh

# The checkers the tests run (the Nu HTML Checker, axe-core), as pinned in package-lock.json.
# --ignore-scripts: vnu-jar's install script would download a Java runtime; the tests use the
# system's (system-deps), which also brings node and npm, hence the order-only prerequisite.
node_modules/.installed: package.json package-lock.json | system-deps
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

test: $(VENV)/.dev system-deps node_modules/.installed
	$(BIN)/invoke test

lint: $(VENV)/.dev
	$(BIN)/invoke lint

clean:
	rm -rf output output.* cache .pytest_cache tests/artifacts node_modules
