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

test: $(VENV)/.dev system-deps
	$(BIN)/invoke test

lint: $(VENV)/.dev
	$(BIN)/invoke lint

clean:
	rm -rf output output.* cache .pytest_cache tests/artifacts
