# Lifeline developer commands. `make demo` and `make test` set everything up on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test serve worker migrate lint format bench migrations clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## Demo organization (SQLite + embedded Redis unless DATABASE_URL/REDIS_URL are set), GraphiQL on :8000
demo: $(STAMP)
	$(BIN)/lifeline demo

test: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/lifeline migrate
	$(BIN)/lifeline serve

worker: $(STAMP)
	$(BIN)/lifeline worker

migrate: $(STAMP)
	$(BIN)/lifeline migrate

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format api domain workers integrations tests bench

bench: $(STAMP)
	$(BIN)/python bench/api_read.py
	$(BIN)/python -m bench.sync_ingest

## Write a migration for model changes, for both dialects (needs psql and PostgreSQL on 127.0.0.1)
MIGRATION_DB := lifeline_makemigrations
migrations: $(STAMP)
	rm -f /tmp/$(MIGRATION_DB).db
	env -u DATABASE_URL LIFELINE_SQLITE_PATH=/tmp/$(MIGRATION_DB).db $(BIN)/lifeline makemigrations $(or $(NAME),update)
	psql -h 127.0.0.1 -U postgres -q -c 'DROP DATABASE IF EXISTS $(MIGRATION_DB)' -c 'CREATE DATABASE $(MIGRATION_DB)'
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(MIGRATION_DB) $(BIN)/lifeline makemigrations $(or $(NAME),update)
	psql -h 127.0.0.1 -U postgres -q -c 'DROP DATABASE IF EXISTS $(MIGRATION_DB)'

clean:
	rm -rf $(VENV) lifeline.db .pytest_cache .mypy_cache .ruff_cache
