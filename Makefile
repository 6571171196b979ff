# The two commands of the README: `make demo` and `make test` (`make test-fast` and `make lint` while developing).
.PHONY: setup demo test test-fast check-models lint bench clean

setup:
	@bash scripts/setup.sh

demo: setup
	rm -rf demo-workspace
	.venv/bin/stemmen demo demo-workspace

test: setup
	@bash scripts/setup-browser.sh
	.venv/bin/python -m pytest -q --durations=15 -m "not training"

# everything but the demo builds, the Prefect server and the browser (tests marked slow, server, browser)
test-fast: setup
	.venv/bin/python -m pytest -q -m "not slow and not server and not browser and not training"

lint: setup
	.venv/bin/ruff check .

bench: setup
	.venv/bin/python bench/bench_ingest.py

clean:
	rm -rf demo-workspace .pytest_cache

# the shipped models are the ones their scripts rebuild (the encoder takes about half an hour)
check-models: setup
	.venv/bin/python -m pytest -q -m training
