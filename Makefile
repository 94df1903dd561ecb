# The targets CI runs too. `make test` is the README's test command in a ready venv.
PYTHON ?= .venv/bin/python

.PHONY: test lint goldens gallery generated bench bench-quick

test:
	$(PYTHON) -m pytest -q

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m mypy
	$(dir $(PYTHON))lint-imports

goldens:
	JOURNEYMAP_UPDATE_GOLDENS=1 $(PYTHON) -m pytest -q

# Generated files: gallery/renders/, docs/images/language/ and docs/cli.md (tests check all).
# Last month's exports, mapped as gallery/measure/shop.journey maps this month's (docs/measure.md).
MEASURE_BASELINE = \
	--baseline-data gallery/measure/last-month/funnel.csv \
	--baseline-data "gallery/measure/last-month/pages.csv:id=Page path,match=url,count=Views,users=Users,duration=Average engagement time" \
	--baseline-data "gallery/measure/last-month/queues.csv:id=Queue,match=queue,count=Offered,answered=Answered,duration=AHT,abandoned=Abandon rate" \
	--baseline-data "gallery/measure/last-month/survey.csv:id=question,score=CSAT,responses=Responses"

gallery:
	$(PYTHON) tools/render_gallery.py
	$(PYTHON) tools/render_doc_images.py
	$(PYTHON) tools/gen_cli_docs.py
	$(PYTHON) -m journeymap report gallery/brightwater --format markdown -o gallery/brightwater/inventory.md
	$(PYTHON) -m journeymap report gallery/brightwater --format svg -o gallery/brightwater/heat-map.svg
	$(PYTHON) -m journeymap render gallery/measure/shop.journey -o gallery/measure/shop.map.svg
	$(PYTHON) -m journeymap report gallery/measure/shop.journey --format markdown -o gallery/measure/report.md $(MEASURE_BASELINE)

# Generated source (tests check all three): the fast line reader's terminal patterns, from
# grammar/journey.lark, the shipped themes parsed, from themes/*.toml, and the language
# server's keyword meanings, from docs/language.md.
generated:
	$(PYTHON) tools/gen_terminals.py
	$(PYTHON) tools/gen_theme_data.py
	$(PYTHON) tools/gen_keyword_docs.py

bench:
	$(PYTHON) bench/run.py

bench-quick:
	$(PYTHON) bench/run.py --quick
