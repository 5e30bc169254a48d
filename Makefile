# The two commands of the README: `make docs` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SPHINXOPTS ?= -n -W --keep-going
SOURCES := src tests docs examples benchmarks noxfile.py

.PHONY: all bench bench-load docs test checks pytest typecheck lint doctest matrix venv clean \
	lane-checks lane-matrix

all: test

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

docs: $(STAMP)
	$(BIN)/sphinx-build $(SPHINXOPTS) -b html docs docs/_build/html

doctest: $(STAMP)
	$(BIN)/sphinx-build $(SPHINXOPTS) -b doctest docs docs/_build/doctest

pytest: $(STAMP)
	$(BIN)/pytest $(PYTESTOPTS)

# The files (src, tests, benchmarks) and the strict settings are pyproject.toml's [tool.mypy].
typecheck: $(STAMP)
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)

# The supported-versions matrix (noxfile.py): each Sphinx of the range on each Python, in
# environments of its own under .nox/. NOXOPTS="-s sphinx-full" runs one part.
matrix: $(STAMP)
	$(BIN)/nox $(NOXOPTS)

# The checks of this environment, one after the other.
checks: $(STAMP)
	$(MAKE) --no-print-directory pytest typecheck lint docs doctest

# Everything: two lanes side by side (each is one process at a time, and the machines this runs
# on have two cores); each one's output is printed whole when it ends. The matrix runs
# tests/sphinx and tests/test_existing_site.py whole at both ends of the supported range, so the
# checks' pytest leaves them to it; the sessions tagged beside-checks (noxfile.py) follow the
# checks, so that the two lanes take about as long. `make checks` and `make matrix` run all of
# their part alone.
IN_THE_MATRIX := --ignore=tests/sphinx --ignore=tests/test_existing_site.py

test: $(STAMP)
	$(MAKE) --no-print-directory -j2 --output-sync=target lane-checks lane-matrix

lane-checks: $(STAMP)
	$(MAKE) --no-print-directory checks PYTESTOPTS="$(IN_THE_MATRIX)"
	$(BIN)/nox -t beside-checks $(NOXOPTS)

lane-matrix: $(STAMP)
	$(BIN)/nox -t matrix $(NOXOPTS)

clean:
	rm -rf docs/_build .pytest_cache .mypy_cache .ruff_cache .nox

# bench-load: load and dump times by catalogue size (fast). bench: that, then the build and
# load benchmark of issue 11 (slow; BENCHOPTS="--events 50 --proposals 500" for a quick loop).
bench-load: $(STAMP)
	$(BIN)/python benchmarks/bench_load.py

bench: bench-load
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/run.py $(BENCHOPTS)
