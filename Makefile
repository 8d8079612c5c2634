# The two commands of the README:  make serve  and  make test
# Each runs scripts/setup first, so a fresh machine needs nothing else.
export NO_MKDOCS_2_WARNING := 1
PY := .venv/bin/python

PREVIEW ?= en

.PHONY: serve preview build build-parallel test setup setup-test

serve: setup          ## live-reloading preview on http://127.0.0.1:8000/
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

preview: setup        ## an author's preview of ONE language: make preview PREVIEW=de
	KB_LANGUAGE=$(PREVIEW) KB_STRICT=false $(PY) -m mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: setup          ## the static site in site/
	$(PY) -m mkdocs build --strict

build-parallel: setup ## the same site, one process per group of languages (pays off at thousands of pages)
	$(PY) scripts/build_parallel.py

test: setup-test      ## the whole test suite
	$(PY) -m ruff check hooks sitebuild widgets tests bench scripts
	$(PY) -m pytest

setup:
	scripts/setup

setup-test:
	scripts/setup --test
