# The two commands of the README:  make run   /   make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DEVNEWS_DATA_DIR ?= $(CURDIR)/var
PORT ?= 8000
export DEVNEWS_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test install install-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Install, prepare the data folder, load the sample pages, serve on 127.0.0.1:$(PORT) (make run PORT=8123).
run: install
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py setup_demo
	$(BIN)/python manage.py search_sync
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Install everything and run every test.
test: install-test
	$(BIN)/python -m pytest
