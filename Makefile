# Two entry points for a fresh clone: `make serve` (install + run the website) and
# `make test` (install + lint + run the test suite). Both create ./.venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: serve test lint install snapshot knowledge i18n clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

serve: install
	$(BIN)/portpedia serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

# Maintainers: regenerate the shipped IANA snapshot and the translation catalogs.
snapshot: install
	$(BIN)/portpedia registry build ../shared/data/iana/service-names-port-numbers.xml

# The curated knowledge (TOML) compiled into data/knowledge.index, after the schema check.
knowledge: install
	$(BIN)/python -m portpedia.knowledge.index

i18n: install
	$(BIN)/python scripts/i18n.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
