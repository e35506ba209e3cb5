# relais — the commands a programme team uses. Every target installs what it needs.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PELICAN := $(BIN)/python -m relais.pelican  # Pelican, with the site's settings checked first
OUTPUT  := output
HOST    ?= 127.0.0.1
PORT    ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help html serve clean test lint bench bench-brochure

help:
	@echo "make html    build the site into $(OUTPUT)/"
	@echo "make new     turn this fresh clone into your own site (README: Créer votre site)"
	@echo "make upgrade take a newer relais kit (git remote 'relais'), then build"
	@echo "make demo    build the kit's demo site into demo/output/"
	@echo "make serve   build, serve on http://$(HOST):$(PORT)/ and rebuild on change (PORT=8001: another port)"
	@echo "make test    run the test suite"
	@echo "make lint    check the code style (ruff)"
	@echo "make check   build, then the quality gates: links, HTML, accessibility, feeds, search"
	@echo "make audit   build, then Lighthouse on the home, a programme and a post"
	@echo "make tools   install chromium, java and the npm tools the gates use"
	@echo "make lock    after editing requirements*.txt: rewrite the hash locks requirements*.lock"
	@echo "make publish build, check and deploy to GitHub Pages (docs/publishing.md)"
	@echo "make bench   measure builds, brochures and cards against vanilla Pelican, PDF.js, ogimages"
	@echo "make share SLUG=…  print the ready-to-post message of a post for each network"
	@echo "make share SLUG=… PAGE=7  the same for page 7 of a programme's brochure"
	@echo "make clean   remove built files and caches"

# The virtual environment holds exactly the hash-locked packages of requirements*.lock (made
# from requirements*.txt by `make lock`): pip refuses any file whose hash is not in a lock.
# requirements-build.lock goes first: the locked pip, and the setuptools that builds the few
# source-only packages (no build isolation: it would fetch an unchecked setuptools). The
# environment is remade from scratch when a lock changes, so a package dropped from a lock
# leaves it too. flock on the folder itself (`venv --clear` empties it but keeps it) keeps
# two make runs from building it at once.
LOCKS      := requirements-build.lock requirements.lock requirements-dev.lock
PIP_LOCKED := $(BIN)/pip install --quiet --disable-pip-version-check --require-hashes \
	--no-build-isolation -r

$(BIN)/.runtime-installed: $(LOCKS)
	@mkdir -p $(VENV)
	flock $(VENV) sh -c '$(PY) -m venv --clear $(VENV) && \
		$(PIP_LOCKED) requirements-build.lock && $(PIP_LOCKED) requirements.lock'
	@touch $@

# The kit itself — src/relais, plugins/ and theme/, one distribution (pyproject.toml) — is
# installed from its wheel, as a site installs it, and again whenever one of its files
# changes (`make upgrade`, an edit to the kit). `from relais.settings import *` in
# pelicanconf.py and `PLUGINS = ["relais.plugins.…"]` then find it. --no-deps: its
# dependencies are the locked ones above.
KIT_FILES := pyproject.toml $(shell find src plugins theme -type f -not -path '*/__pycache__/*' \
	-not -name 'test_*.py' 2>/dev/null)
$(BIN)/.kit-installed: $(BIN)/.runtime-installed $(KIT_FILES)
	flock $(VENV) $(BIN)/pip install --quiet --disable-pip-version-check --no-deps \
		--no-build-isolation --force-reinstall .
	@touch $@

.PHONY: kit
kit: $(BIN)/.kit-installed

$(BIN)/.dev-installed: $(BIN)/.runtime-installed
	flock $(VENV) $(PIP_LOCKED) requirements-dev.lock
	@touch $@

# Refreshes the locks after an edit of requirements*.txt (UPGRADE=1 also moves the unpinned
# transitive packages to their newest versions). Locks are universal (every OS, Python 3.11+).
LOCK_VENV  := $(VENV)-lock
UV_COMPILE  = $(LOCK_VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" $(if $(filter 1,$(UPGRADE)),--upgrade)
.PHONY: lock
lock:
	@test -x $(LOCK_VENV)/bin/uv || { $(PY) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes \
		-r requirements-tools.lock; }
	$(UV_COMPILE) requirements-tools.txt -o requirements-tools.lock
	$(UV_COMPILE) requirements-build.txt -o requirements-build.lock
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) -c requirements.lock requirements-dev.txt -o requirements-dev.lock

# PELICAN_OPTS: more pelican options (make check refuses « à préciser » with it).
html: $(BIN)/.kit-installed
	$(PELICAN) content -s pelicanconf.py -o $(OUTPUT) $(PELICAN_OPTS)

# From the demo to a team's own site (README: « Créer votre site »). Asks what is not given
# (without a terminal, names every missing variable):
#   make new SITE="…" URL=https://… INSTITUTION="…" EMAIL=… PROGRAMME="…" PDF=brochure.pdf \
#            DEADLINE=AAAA-MM-JJ START=AAAA-MM-JJ APPLY=https://… PLACE="…"
.PHONY: new
new: $(BIN)/.kit-installed
	@RELAIS_NEW_NAME="$$SITE" RELAIS_NEW_URL="$$URL" RELAIS_NEW_INSTITUTION="$$INSTITUTION" \
	RELAIS_NEW_EMAIL="$$EMAIL" RELAIS_NEW_PROGRAMME="$$PROGRAMME" RELAIS_NEW_PDF="$$PDF" \
	RELAIS_NEW_DEADLINE="$$DEADLINE" RELAIS_NEW_START="$$START" RELAIS_NEW_APPLY="$$APPLY" \
	RELAIS_NEW_PLACE="$$PLACE" $(BIN)/python -m relais.newsite

# A newer kit into a team's site: kit files replaced, the team's files never touched.
#   make upgrade            (the kit's git remote "relais", branch main)
#   make upgrade KIT=relais/v0.3.0
.PHONY: upgrade
upgrade: $(BIN)/.kit-installed
	@$(BIN)/python -m relais.upgrade --kit "$(or $(KIT),relais/main)"
	@$(MAKE) --no-print-directory html

# The kit's demo, beside the team's own site: for comparison and screenshots.
.PHONY: demo
demo: $(BIN)/.kit-installed
	$(PELICAN) demo/content -s demo/pelicanconf.py -o demo/output
	@echo "Démo construite dans demo/output/ ; pour la voir sur http://127.0.0.1:8000/ :"
	@echo "  $(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory demo/output"

# PORT=8001 (on the command line or in the environment) is that port or none; the default,
# 8000, gives way to the next free port when another `make serve` holds it.
serve: $(BIN)/.kit-installed
	@$(BIN)/python -m relais.serve --host $(HOST) --port $(PORT) --output $(OUTPUT) \
		$(if $(filter command line environment,$(origin PORT)),--port-chosen)

# One test worker per core: the suite is mostly site builds and browser runs. Each module
# runs whole on one worker, its costly fixtures made once; the longest start first
# (conftest.py).
test: $(BIN)/.dev-installed $(BIN)/.kit-installed tools
	$(BIN)/python -m pytest -n auto --dist loadscope --no-loadscope-reorder

# Benchmarks, results in bench/results/*.json. `make bench` runs them all and fails when
# one is past its limits (each states them):
# bench-site: relais against vanilla Pelican on a synthetic site (1,000 posts,
# 50 programmes with 12-page brochures, 200 events): first build, cold, warm, one post,
# one title, memory, output size; bench-serve: an edited post served by `make serve`;
# bench-faculty: a faculty-size site (resumable: its first build renders for hours).
bench: bench-site bench-serve bench-brochure bench-cards bench-faculty

# `make serve` on the bench site: seconds from saving a post to its new page being served.
.PHONY: bench-serve
bench-serve: $(BIN)/.dev-installed $(BIN)/.kit-installed
	$(BIN)/python bench/serve_bench.py

# 300 programmes with 20-page photo brochures, 3,000 posts, 500 events: first build
# (resumable), cold, warm, one post, output size against GitHub Pages' 1 GB.
.PHONY: bench-faculty
bench-faculty: $(BIN)/.dev-installed $(BIN)/.kit-installed
	$(BIN)/python bench/faculty.py

# Commit to published for a one-line post edit (make publish, full gates), with and
# without the render caches the publish workflow keeps; results in bench/results/publish-*.json.
.PHONY: bench-publish
bench-publish: $(BIN)/.dev-installed $(BIN)/.kit-installed tools
	$(BIN)/python bench/publish_bench.py

# Warm rebuilds against cold builds on many more random sequences of author edits than the
# suite runs (tests/test_warm_rebuilds.py: 50): SEQUENCES=500, SEED=… replays a run.
.PHONY: bench-edits
bench-edits: $(BIN)/.dev-installed $(BIN)/.kit-installed
	RELAIS_EDIT_SEQUENCES=$(or $(SEQUENCES),500) $(if $(SEED),RELAIS_EDIT_SEED=$(SEED)) \
		$(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/test_warm_rebuilds.py -k random_sequences

# Bounded work: build time against the number of tags on a post and of brochure pages
# (it must grow linearly); results in bench/results/bounds-*.json.
.PHONY: bench-bounds
bench-bounds: $(BIN)/.dev-installed $(BIN)/.kit-installed
	$(BIN)/python bench/bounds_bench.py

.PHONY: bench-site
bench-site: $(BIN)/.dev-installed $(BIN)/.kit-installed
	$(BIN)/python bench/run.py

# Brochure viewer on a designed 24-page photo brochure, beside PDF.js: render time per page
# (cold/warm), peak memory, bytes and time to page 1, bytes to see every page; medians with
# their spread over --runs; results in bench/results/brochure-*.json.
bench-brochure: $(BIN)/.dev-installed $(BIN)/.kit-installed
	$(BIN)/python bench/brochure_bench.py

# Brochure page previews: time to draw each page's 1200×630 share image (cold, warm) on the
# 24-page photo brochure, and their sizes; results in bench/results/share-*.json.
.PHONY: bench-share
bench-share: $(BIN)/.dev-installed $(BIN)/.kit-installed
	$(BIN)/python bench/share_bench.py

# Share cards: time per card and build cost on 1,000 posts, beside pelican-ogimages (installed
# in a throwaway venv under bench/work/); results in bench/results/cards-*.json.
.PHONY: bench-cards
bench-cards: $(BIN)/.dev-installed $(BIN)/.kit-installed
	$(BIN)/python bench/cards_bench.py

lint: $(BIN)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(OUTPUT) .$(notdir $(OUTPUT)).building .$(notdir $(OUTPUT)).previous cache .pytest_cache

# Share kit: the ready-to-paste message of one post, event or programme for each network,
# with its counted length and campaign link (production URLs, from publishconf.py).
# PAGE=7 with a programme's SLUG: the message for that page of its brochure.
.PHONY: share
share: $(BIN)/.kit-installed
	@test -n "$(SLUG)" || { echo "Indiquez le contenu : make share SLUG=nom-du-fichier-sans-.md"; exit 2; }
	@$(BIN)/python -m relais.plugins.feeds.share "$(SLUG)" $(if $(PAGE),--page "$(PAGE)") --settings publishconf.py

# Quality gates (checks/README.md). `make tools` installs what PyPI cannot provide:
# Debian's chromium, a Java runtime, and the npm tools pinned in package-lock.json.
# It is idempotent and fast when everything is there.
.PHONY: tools check audit
tools:
	scripts/install-tools.sh

# Builds (skip with NO_BUILD=1), then runs the links, Nu HTML checker, axe-core and feed
# gates offline on $(OUTPUT)/ for the SITEURL of pelicanconf.py. Non-zero on any failure.
# The build refuses a page that still says « à préciser », as make publish does.
check: $(BIN)/.dev-installed $(BIN)/.kit-installed tools
	$(if $(filter 1,$(NO_BUILD)),,$(MAKE) --no-print-directory html \
		PELICAN_OPTS='-e REFUSE_PLACEHOLDERS=true')
	$(BIN)/python -m relais.checks $(OUTPUT) --settings pelicanconf.py

# Lighthouse (mobile, offline) on the home page, the first programme and the first post.
# Prints the scores; STRICT=1 fails below the targets (a11y/best practices/SEO 100, perf 95).
audit: $(BIN)/.dev-installed $(BIN)/.kit-installed tools
	$(if $(filter 1,$(NO_BUILD)),,$(MAKE) --no-print-directory html)
	$(BIN)/python -m relais.checks.lighthouse $(OUTPUT) --settings pelicanconf.py \
		--page / --first programmes --first blog $(if $(filter 1,$(STRICT)),--strict)

# Builds with publishconf.py, runs every gate, keeps every published URL alive, then
# deploys to the gh-pages branch with a plain push; any failure leaves the remote as it
# was and says what to fix. See docs/publishing.md.
.PHONY: publish
publish: $(BIN)/.dev-installed $(BIN)/.kit-installed tools
	$(BIN)/python -m relais.publish
