# koppdesk — the two contract commands are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test venv bench dist dist-test icons clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/koppdesk

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# --- benchmarks (issue 6): not tests; each script prints its key figure as its last line
# (ratio=...).  Figures and the machine they came from: bench/RESULTS.md.
BENCHES := startup search sync

bench: $(STAMP)
	@for b in $(BENCHES); do \
	  if [ -f bench/$$b.py ]; then echo "== bench/$$b.py"; $(BIN)/python bench/$$b.py || exit 1; \
	  else echo "== bench/$$b.py: not there yet"; fi; \
	done

# --- packaging (issue 5): one-folder bundle in dist/koppdesk/, see packaging/ and docs/it-beheer.md
DIST_APP     := dist/koppdesk/koppdesk
PYI_STAMP    := $(VENV)/.pyinstaller
DIST_SOURCES := $(shell find src resources data packaging -type f ! -path '*/__pycache__/*' 2>/dev/null) pyproject.toml

$(PYI_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,build]'
	touch $(PYI_STAMP)

$(DIST_APP): $(PYI_STAMP) $(DIST_SOURCES)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/koppdesk.spec
	@echo "bundle: $$(du -sb dist/koppdesk | cut -f1) bytes in dist/koppdesk/"

dist: $(DIST_APP)

# The frozen bundle runs --version, --selftest and config show (tests/test_frozen.py); CI calls this.
dist-test: $(DIST_APP)
	KOPPDESK_FROZEN_APP=$(abspath $(DIST_APP)) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_frozen.py

icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
