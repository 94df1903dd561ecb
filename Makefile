# The targets CI runs too. `make test` is the README's test command in a ready venv.
PYTHON ?= .venv/bin/python

.PHONY: test lint goldens bench bench-quick

test:
	$(PYTHON) -m pytest -q

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m mypy

goldens:
	JOURNEYMAP_UPDATE_GOLDENS=1 $(PYTHON) -m pytest -q

bench:
	$(PYTHON) bench/run.py

bench-quick:
	$(PYTHON) bench/run.py --quick
