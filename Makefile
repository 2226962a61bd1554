# Quick start:  make demo   (set up, ingest examples/, print the situation report)
#               make test   (set up with dev dependencies, run the whole test suite)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= sitrep.duckdb

.PHONY: demo test setup setup-dev browser serve bench eval model clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e .

setup-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

demo: setup
	$(BIN)/sitrep ingest --db $(DB) examples/corpus/
	$(BIN)/sitrep report --db $(DB)

GOLD ?= ../shared/gold

# The browser tests drive Debian's chromium (no browser download); install it where it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 || \
	    echo "chromium could not be installed: the browser tests will skip"; }

serve: setup
	@test -f $(DB) || $(BIN)/sitrep ingest --db $(DB) examples/corpus/
	$(BIN)/sitrep serve --db $(DB)

test: setup-dev browser
	$(BIN)/python -m pytest -q
	@if [ -d "$(GOLD)" ]; then $(BIN)/sitrep eval --all --gold-dir $(GOLD); \
	else echo "eval skipped: no gold data at $(GOLD)"; fi

eval: setup-dev
	$(BIN)/sitrep eval --all --gold-dir $(GOLD) --errors eval-results

model: setup-dev
	$(BIN)/sitrep train --gold-dir $(GOLD)

bench: setup-dev
	$(BIN)/python benchmarks/code_sample.py
	$(BIN)/python benchmarks/serve_latency.py

clean:
	rm -rf $(VENV) $(DB) build src/*.egg-info
