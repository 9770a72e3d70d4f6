# Two commands on a fresh machine with Python 3.11: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint types unit clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "frontdesk needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

## install: create or update .venv/ with frontdesk and its tools
install: $(STAMP)

## demo: serve the demo workspace on SQLite at http://127.0.0.1:$(PORT) (make demo PORT=8001)
demo: install
	$(BIN)/frontdesk serve --demo --port $(PORT)

## test: lint, type-check and run the whole suite
test: install lint types unit

lint:
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

types:
	$(BIN)/mypy

unit:
	$(BIN)/pytest -n 2 --dist loadscope --no-loadscope-reorder
	@command -v chromium >/dev/null || echo "NOTE: chromium is not installed, so the console's browser tests were skipped (apt-get install chromium; .ci/run installs it)."

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
