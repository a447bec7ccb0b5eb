# The two set-up commands (see README.md): `make demo` and `make test`.
# Both work on a fresh machine with only Python 3.11+ and make: they create .venv,
# install the package, and (for tests) Debian's chromium for the browser tests.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DIR ?= $(CURDIR)/demo/wiki
PORT   ?= 8000

.PHONY: demo test lint typecheck unit chromium clean help

help:
	@echo "make demo   - install, create a demo wiki, build it and serve it on http://127.0.0.1:$(PORT)"
	@echo "make test   - install with test extras (and chromium), lint, type-check, run every test"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Browser tests drive Debian's chromium through playwright (playwright's own browser
# download cannot work offline); install it when it is missing.
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi

lint: $(STAMP)
	$(BIN)/ruff check wikitool tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

test: $(STAMP) chromium lint typecheck unit

demo: $(STAMP)
	@rm -rf "$(DEMO_DIR)"
	$(BIN)/wikitool init "$(DEMO_DIR)"
	@echo "Demo wiki repository: $(DEMO_DIR)"
	$(BIN)/wikitool --repo "$(DEMO_DIR)" check
	$(BIN)/wikitool --repo "$(DEMO_DIR)" serve --port $(PORT)

clean:
	rm -rf $(VENV) site demo .pytest_cache .mypy_cache .ruff_cache
