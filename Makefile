# relais — the commands a programme team uses. Every target installs what it needs.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PELICAN := $(BIN)/pelican
OUTPUT  := output
HOST    ?= 127.0.0.1
PORT    ?= 8000

.DEFAULT_GOAL := help
.PHONY: help html serve clean test lint bench bench-brochure

help:
	@echo "make html    build the site into $(OUTPUT)/"
	@echo "make serve   build, serve on http://$(HOST):$(PORT)/ and rebuild on change"
	@echo "make test    run the test suite"
	@echo "make lint    check the code style (ruff)"
	@echo "make bench   measure build time and memory against vanilla Pelican"
	@echo "make clean   remove built files and caches"

# The virtual environment is rebuilt only when the pins change. flock keeps two
# concurrent make runs from installing into the same environment at once.
$(BIN)/.runtime-installed: requirements.txt
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	flock $(VENV)/.lock $(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(BIN)/.dev-installed: requirements-dev.txt requirements.txt $(BIN)/.runtime-installed
	flock $(VENV)/.lock $(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

html: $(BIN)/.runtime-installed
	$(PELICAN) content -s pelicanconf.py -o $(OUTPUT)

serve: $(BIN)/.runtime-installed
	$(BIN)/python scripts/serve.py --host $(HOST) --port $(PORT) --output $(OUTPUT)

test: $(BIN)/.dev-installed
	$(BIN)/python -m pytest

# Benchmarks: relais against vanilla Pelican on a synthetic site (1,000 posts,
# 50 programmes with 12-page brochures); results in bench/results/*.json.
bench: $(BIN)/.dev-installed
	$(BIN)/python bench/run.py

# Brochure viewer: render time per page (cold/warm) and bytes before page 1 vs PDF.js.
bench-brochure: $(BIN)/.dev-installed
	$(BIN)/python bench/brochure_bench.py

lint: $(BIN)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(OUTPUT) cache .pytest_cache

# Share kit: the ready-to-paste message of one post, event or programme for each network,
# with its counted length and campaign link (production URLs, from publishconf.py).
.PHONY: share
share: $(BIN)/.runtime-installed
	@test -n "$(SLUG)" || { echo "Indiquez le contenu : make share SLUG=nom-du-fichier-sans-.md"; exit 2; }
	@PYTHONPATH=plugins $(BIN)/python -m relay_feeds.share "$(SLUG)" --settings publishconf.py
