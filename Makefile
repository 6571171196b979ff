# The two commands of the README: `make demo` and `make test`.
.PHONY: setup demo test bench clean

setup:
	@bash scripts/setup.sh

demo: setup
	rm -rf demo-workspace
	.venv/bin/stemmen demo demo-workspace

test: setup
	@bash scripts/setup-browser.sh
	.venv/bin/python -m pytest -q

bench: setup
	.venv/bin/python bench/bench_ingest.py

clean:
	rm -rf demo-workspace .pytest_cache
