# art28: `make demo` and `make test` do all the set-up on a machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install lint typecheck check-migrations bench clean

# `make demo BIND=127.0.0.1:8080` serves the demo elsewhere than 127.0.0.1:8000.
demo: $(STAMP)
	$(BIN)/art28 demo $(if $(BIND),--bind $(BIND))

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# ruff, then mypy with django-stubs (settings in pyproject.toml). The mypy plugin loads the
# settings, so it gets a throw-away ART28_HOME rather than creating ./var.
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	ART28_HOME=$$(mktemp -d) $(BIN)/mypy src

typecheck: $(STAMP)
	ART28_HOME=$$(mktemp -d) $(BIN)/mypy src

check-migrations: $(STAMP)
	ART28_HOME=$$(mktemp -d) $(BIN)/art28 manage makemigrations --check --dry-run

bench: $(STAMP)
	$(BIN)/python bench/render.py

clean:
	rm -rf $(VENV) var
