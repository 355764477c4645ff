# Two commands on a fresh machine (only python3 assumed):
#   make run    create .venv, install envkg, build out/ from data/raw
#   make test   create .venv, install envkg with test tools, run the whole suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench dev-score clean

run: $(VENV)/.installed
	$(BIN)/kg build data/raw --out out

test: $(VENV)/.installed-dev
	bash scripts/ensure-chromium.sh
	$(BIN)/python -m pytest -q

# The real development set (../shared/dev): build it, print each half's tables, write the misses.
DEV ?= ../shared/dev
dev-score: $(VENV)/.installed
	@test -d $(DEV)/gold || { echo "dev-score: no dev set at $(DEV) (set DEV=path/to/dev)"; exit 2; }
	$(BIN)/kg build $(DEV)/articles --out out/dev -q --no-page --no-validate --no-cache
	$(BIN)/kg evaluate out/dev/graph.ttl --gold $(DEV)/gold --halves --misses out/dev/misses.txt
	@echo "misses and false positives: out/dev/misses.txt"

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

clean:
	rm -rf out .venv
