# Two commands for a fresh machine:
#   make run    set everything up and serve the app on demo data at http://localhost:8501
#   make test   set everything up and run the linters, the type checker and the tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
export PYTHONPATH := $(CURDIR)

.PHONY: run test lint format install system-deps demo-db bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# axe-core for the accessibility tests (from the npm registry; nothing is loaded at run time)
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed

# Chromium (browser tests) and the Noto CJK font (Chinese text in exported charts).
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "Install Debian packages chromium and fonts-noto-cjk (sudo apt-get install chromium fonts-noto-cjk)"; exit 1; \
	  fi; \
	fi

demo-db: install
	DASHBOARD_DEMO=1 $(BIN)/python -m dashboard demo

# demo mode with published passwords: served on this machine only (see README, "Serving others")
run: install demo-db
	DASHBOARD_DEMO=1 $(BIN)/streamlit run dashboard/server.py --server.port $(PORT) \
	  --server.address 127.0.0.1

test: install system-deps node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# how long exports take here (the other benchmarks: docs/BENCHMARKS.md)
bench: install
	DASHBOARD_DEMO=1 $(BIN)/python -m bench.exports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
