# MasteryHub — the front door. Each target does one thing; CI calls these.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
UV_VERSION := 0.13.8
UV := $(PYTHON) -m uv
RUN := $(UV) run --frozen
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432

.PHONY: help install install-python install-frontend run serve test test-backend test-postgres \
        test-frontend test-e2e lint typecheck migrate migration openapi client check-contract bench seed-demo

help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

install: install-python install-frontend ## Install everything (Python deps from uv.lock, SPA deps from package-lock.json)

install-python:
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(UV) sync --frozen --quiet

install-frontend:
	@if [ -f frontend/package.json ]; then cd frontend && npm ci --no-audit --no-fund --loglevel=error; fi

run: install migrate ## Install, migrate, load demo data, build the SPA and serve everything on SQLite
	@if [ -f frontend/package.json ]; then cd frontend && npm run build --silent; fi
	@echo
	@$(RUN) masteryhub seed-demo --host $(HOST) --port $(PORT)
	@echo
	@echo "  MasteryHub is starting on http://$(HOST):$(PORT)"
	@echo "    SPA           http://$(HOST):$(PORT)/"
	@echo "    API docs      http://$(HOST):$(PORT)/api/docs"
	@echo "    OpenAPI       http://$(HOST):$(PORT)/api/v1/openapi.json"
	@echo "    Health        http://$(HOST):$(PORT)/healthz"
	@echo
	$(RUN) masteryhub serve --host $(HOST) --port $(PORT)

seed-demo:
	@$(RUN) masteryhub seed-demo --host $(HOST) --port $(PORT)

migrate: install-python ## Upgrade the database to the latest migration
	$(RUN) masteryhub migrate

migration: install-python ## Autogenerate a migration: make migration m="what changed"
	@test -n "$(m)" || (echo 'usage: make migration m="what changed"' && exit 2)
	$(RUN) alembic revision --autogenerate -m "$(m)"

test: install test-backend test-frontend test-e2e ## The whole suite (SQLite), browser tests included

test-backend:
	$(RUN) pytest -q

test-postgres: install-python ## The backend suite on a fresh PostgreSQL database
	MASTERYHUB_TEST_DATABASE_URL=$(PG_TEST_URL) $(RUN) pytest -q

test-frontend:
	@if [ -f frontend/package.json ]; then cd frontend && npm test --silent; fi

test-e2e: install ## Browser tests: the built SPA against the real API on a fresh SQLite database
	@if [ -f frontend/package.json ]; then scripts/e2e.sh; fi

lint: install ## ruff (and eslint for the SPA)
	$(RUN) ruff check backend tests migrations
	$(RUN) ruff format --check backend tests migrations
	@if [ -f frontend/package.json ]; then cd frontend && npm run lint --silent; fi

typecheck: install ## mypy (and tsc for the SPA)
	$(RUN) mypy
	@if [ -f frontend/package.json ]; then cd frontend && npm run typecheck --silent; fi

openapi: install-python ## Write openapi/openapi.json from the code
	$(RUN) python -m masteryhub.contract > openapi/openapi.json

client: ## Regenerate the SPA's typed client from openapi/openapi.json
	cd frontend && npm run generate

bench: install-python ## Benchmarks (figures go in the README)
	$(RUN) pytest -q -p no:randomly tests/bench -m bench -s

check-contract: install ## Fail if openapi/openapi.json or the SPA client is stale
	$(RUN) python -m masteryhub.contract | diff -u openapi/openapi.json - >/dev/null || (echo "openapi/openapi.json is stale: run make openapi" && exit 1)
	@if [ -f frontend/package.json ]; then cd frontend && npm run check:client --silent; fi
