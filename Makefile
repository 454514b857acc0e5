# Two commands do everything on a fresh machine with Python 3.11:
#   make demo   lint the bundled sample plan
#   make test   run the whole test suite (lint and type checks included)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck bench accuracy fixtures docs clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/ehcp-lint --exit-zero fixtures/sample/sample-plan.docx

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks fixtures
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks fixtures

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

accuracy: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py

fixtures: $(STAMP)
	$(BIN)/python fixtures/build_fixtures.py

docs: $(STAMP)
	$(BIN)/ehcp-lint rules --markdown > docs/rules.md

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
