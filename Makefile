# Scaling Laws, Hands-On — one command to open the course, one to test it.
#   make lab        set up .venv (first time only) and open the course in JupyterLab
#   make test       set up .venv (first time only) and run every test
# More: make help

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Where pip takes the course's packages from: nothing (PyPI) without a wheelhouse/ folder;
# "--no-index --find-links wheelhouse" when it holds every wheel this machine needs (no network);
# "--find-links wheelhouse" otherwise (local wheels first, the rest from PyPI).
PIP_SOURCES = $$($(BIN)/python tools/make_wheelhouse.py --pip-options)

.PHONY: help install wheelhouse lab my-work test test-slow test-kernels exercises execute handouts bench clean

help:
	@echo "make lab        set up the environment and open the course in JupyterLab"
	@echo "make test       set up the environment and run every test"
	@echo "make test-kernels  run the notebooks again under two other OpenBLAS kernels (as CI does)"
	@echo "make test-slow  the slow tests: lesson 09's shipped sweep retrained and compared"
	@echo "make my-work    copy workbooks you do not have yet into my-work/ (make lab does it too);"
	@echo "                FRESH=NN_topic puts the course's newer version beside your copy"
	@echo "make install    only set up the environment (.venv); uses wheelhouse/ when present"
	@echo "make wheelhouse download the pinned wheels for Linux, macOS and Windows into wheelhouse/"
	@echo "                (for instructors; PLATFORMS=windows-amd64 PYTHONS=3.12 to narrow it)"
	@echo "make exercises  regenerate workbooks (exercises/) from solutions/ (FORCE=1 to replace edited ones)"
	@echo "make execute    re-run lessons and solutions and store their outputs (for authors)"
	@echo "make handouts   write handouts/: one offline HTML page per lesson, with working dashboards"
	@echo "make bench      time the fitting engine against scipy references, and every dashboard's"
	@echo "                update in a kernel and in JupyterLab (QUICK=1: about a minute)"
	@echo "make clean      remove .venv"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
	  { echo "The course needs Python 3.10 or newer; '$(PYTHON)' is older. Run: make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@if [ -d wheelhouse ]; then $(BIN)/python tools/make_wheelhouse.py --check || true; fi
	$(BIN)/python -m pip install --quiet $(PIP_SOURCES) --upgrade pip
	$(BIN)/python -m pip install --quiet $(PIP_SOURCES) -r requirements.txt
	$(BIN)/python -m pip install --quiet $(PIP_SOURCES) --no-deps --editable .
	@touch $(STAMP)
	@echo "Environment ready in $(VENV)."

install: $(STAMP)

# For instructors with a good network: the pinned wheels for participants' machines (about 1 GB
# for all ten targets), to copy with the course; their `make install` then needs no network.
wheelhouse: $(STAMP)
	$(BIN)/python tools/make_wheelhouse.py $(if $(PLATFORMS),--platform $(PLATFORMS)) \
	  $(if $(PYTHONS),--python $(PYTHONS))

# Serve the whole course (lessons, workbooks, solutions) and open lesson 00. Learners answer in
# my-work/ (git-ignored), filled from exercises/ first: copies are never overwritten.
lab: $(STAMP)
	@$(BIN)/python tools/my_work.py
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

my-work: $(STAMP)
	$(BIN)/python tools/my_work.py $(if $(FRESH),--fresh $(FRESH))

# Two workers (the course's reference machine has two cores); each test file stays in one worker,
# so the browser tests share one JupyterLab and the handout build runs once.
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile

# The tests marked slow: lesson 09's shipped sweep retrained and compared (about a minute).
test-slow: $(STAMP)
	$(BIN)/python -m pytest -q --run-slow -m slow tests

# The printed text of every notebook must not depend on the CPU's BLAS kernel: run nbval again
# as on a Haswell-class laptop and on an old x86 (OpenBLAS picks its kernel at run time).
test-kernels: $(STAMP)
	@for kernel in Haswell Prescott; do \
	  echo "== nbval with OPENBLAS_CORETYPE=$$kernel"; \
	  OPENBLAS_CORETYPE=$$kernel $(BIN)/python -m pytest -q -n 2 --dist loadfile notebooks solutions exercises || exit 1; \
	done

exercises: $(STAMP)
	$(BIN)/python tools/make_workbooks.py $(if $(FORCE),--force)

execute: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py

handouts: $(STAMP)
	$(BIN)/python tools/make_handouts.py

bench: $(STAMP)
	$(BIN)/python tools/bench.py $(if $(QUICK),--quick)
	$(BIN)/python tools/bench_dashboards.py $(if $(QUICK),--quick)

clean:
	rm -rf $(VENV)
