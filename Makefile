# The two commands of the README:  make serve  and  make test
# Each runs scripts/setup first, so a fresh machine needs nothing else.
export NO_MKDOCS_2_WARNING := 1
PY := .venv/bin/python

.PHONY: serve build test setup setup-test lint

serve: setup          ## live-reloading preview on http://127.0.0.1:8000/
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: setup          ## the static site in site/
	$(PY) -m mkdocs build --strict

test: setup-test      ## the whole test suite
	$(PY) -m ruff check hooks widgets tests bench
	$(PY) -m pytest

setup:
	scripts/setup

setup-test:
	scripts/setup --test
