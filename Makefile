# policytext: `make` alone lists the targets.
#
# Everything runs from a project-local virtual environment (.venv) built from
# the pinned requirements.lock; it is created on first use and rebuilt only
# when pyproject.toml or requirements.lock changes. Every cache and temporary
# file stays under .cache/: no target writes to /tmp or the home folder.

.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.policytext-installed
KERNEL := $(VENV)/share/jupyter/kernels/policytext/kernel.json
CACHE := $(CURDIR)/.cache
LOCK_VENV := $(CACHE)/lock-venv

DOC ?=
PYTEST_ARGS ?=
FUZZ_EXAMPLES ?= 3000
LAB_ARGS ?=
RUN_ARGS ?=

# Keep pip, Python's tempfile, matplotlib, IPython and Jupyter inside the
# project (the same folders as policytext.paths.runtime_env(), plus pip's and npm's).
export PIP_CACHE_DIR := $(CACHE)/pip
export TMPDIR := $(CACHE)/tmp
export MPLCONFIGDIR := $(CACHE)/matplotlib
export IPYTHONDIR := $(CACHE)/ipython
export JUPYTER_CONFIG_DIR := $(CACHE)/jupyter/config
export JUPYTER_DATA_DIR := $(CACHE)/jupyter/data
export JUPYTER_RUNTIME_DIR := $(CACHE)/jupyter/runtime
export XDG_CACHE_HOME := $(CACHE)/xdg
export POLICYTEXT_CACHE_DIR := $(CACHE)
# JupyterLab's language-server lookup runs npm, which logs to ~/.npm otherwise.
export npm_config_cache := $(CACHE)/npm
# pip asks `rustc --version` for its user-agent string; rustup's proxy then
# creates ~/.rustup/settings.toml. Point rustup at the project cache instead.
export RUSTUP_HOME := $(CACHE)/rustup
# tempfile silently falls back to /tmp when TMPDIR does not exist: create it now.
_ := $(shell mkdir -p "$(TMPDIR)")

# `make lock` resolves against the default package index only: this machine's
# pip configuration (find-links, local mirrors, constraint files) is ignored,
# so the lock names only versions that the public index serves.
LOCK_PIP_ENV ?= env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL \
	-u PIP_CONSTRAINT -u PIP_NO_INDEX PIP_CONFIG_FILE=/dev/null

.PHONY: help venv figures read test test-fast lab lock clean distclean report check-fresh bench fuzz eval

help: ## Show this list of targets
	@echo "Usage: make TARGET [DOC=path/to/speech.txt] [PYTEST_ARGS=...] [LAB_ARGS=...]"
	@echo
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*?## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -r requirements.lock
	$(PY) -m pip install --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name policytext --display-name "Python (policytext)"
	touch $@

venv: $(STAMP) ## Create or update .venv from requirements.lock (the other targets do this themselves)

# DOC reaches the program through the environment, never through the shell's
# command line: a file name holding ` $( " or ' is passed as it is, not run.
figures: export POLICYTEXT_DOC := $(value DOC)
figures: $(STAMP) ## Run notebooks/[0-9]*.ipynb headless, one per core, skipping unchanged ones; writes figures/ and data/processed/ (DOC=speech.txt for another speech; RUN_ARGS=--force to rerun all)
	$(BIN)/policytext run $(RUN_ARGS)

read: export POLICYTEXT_DOC := $(value DOC)
read: $(STAMP) ## Write the reading page: one self-contained HTML file with every layer on the text (DOC=speech.txt for another speech)
	$(BIN)/policytext read

# The tests compile the package and rewrite every test module's asserts at each start: keep the compiled files
# in the project cache (where pytest also keeps its rewritten modules), even where the shell says write none.
test test-fast fuzz: export PYTHONPYCACHEPREFIX := $(CACHE)/pycache
test test-fast fuzz: export PYTHONDONTWRITEBYTECODE :=

test: $(STAMP) ## Run the test suite (PYTEST_ARGS='-m "not slow"' or '-k outline' to narrow it)
	@status=0; $(PY) -m pytest $(PYTEST_ARGS) || status=$$?; \
	if [ "$$status" -eq 5 ]; then \
		echo "make test: pytest collected no tests (exit code 5); that counts as a failure" >&2; \
	fi; \
	exit "$$status"

test-fast: $(STAMP) ## The inner loop: every test not marked slow or fuzz, property tests with a tenth of their examples, stopping at the first failure (under a minute)
	@status=0; POLICYTEXT_FAST_TESTS=1 $(PY) -m pytest -q -x -m "not slow and not fuzz" $(PYTEST_ARGS) || status=$$?; \
	if [ "$$status" -eq 5 ]; then \
		echo "make test-fast: pytest collected no tests (exit code 5); that counts as a failure" >&2; \
	fi; \
	exit "$$status"

report: export POLICYTEXT_DOC := $(value DOC)
report: figures ## Export the executed notebooks of the run to HTML in reports/ (reports/<doc-id>/ with DOC=), the font embedded
	$(BIN)/policytext report

fuzz: $(STAMP) ## Long fuzz run of the whole pipeline (FUZZ_EXAMPLES=3000 by default)
	POLICYTEXT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -m fuzz -q -p no:randomly $(PYTEST_ARGS)

bench: $(STAMP) ## Benchmarks: pipeline vs jieba, scaling with one long document, the main job in parallel and rerun, corpus workers, a PDF of heavy drawing (reports in benchmarks/reports/)
	$(PY) benchmarks/bench_pipeline.py
	$(PY) benchmarks/bench_scaling.py
	$(PY) benchmarks/bench_mainjob.py
	$(PY) benchmarks/bench_corpus.py
	$(PY) benchmarks/bench_pdf.py

eval: $(STAMP) ## Accuracy on the annotated evaluation set data/eval/: prints and writes benchmarks/reports/accuracy.md
	$(PY) -m policytext.evaluation data/eval --out benchmarks/reports/accuracy.md

check-fresh: $(STAMP) ## Rerun the whole main job (--force: no notebook skipped) and fail if figures/ or data/processed/ differ from what is committed
	$(BIN)/policytext run --force
	scripts/check-fresh

lab: $(STAMP) ## Open JupyterLab on notebooks/ with the project's kernel "Python (policytext)" (LAB_ARGS=--no-browser ...)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

lock: ## Regenerate requirements.lock from pyproject.toml (dependencies + test extra) in a throwaway venv
	rm -rf "$(LOCK_VENV)"
	$(PYTHON) -m venv "$(LOCK_VENV)"
	$(LOCK_PIP_ENV) "$(LOCK_VENV)/bin/python" -m pip install --upgrade pip
	"$(LOCK_VENV)/bin/python" -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["test"]))' \
		> "$(LOCK_VENV)/requirements.in"
	$(LOCK_PIP_ENV) "$(LOCK_VENV)/bin/python" -m pip install -r "$(LOCK_VENV)/requirements.in" -c lock-constraints.txt
	{ \
		echo "# Exact versions of policytext's dependencies and its test extra, with everything they pull in."; \
		echo "# Made by \`make lock\`: pyproject.toml's [project] dependencies + [test] extra installed into a fresh venv"; \
		echo "# from the default package index only (local pip config ignored), within lock-constraints.txt, then \`pip freeze --exclude policytext\`."; \
		echo "# Resolved on $$("$(LOCK_VENV)/bin/python" -c 'import platform; print("Python", platform.python_version(), platform.system(), platform.machine())'), $$(date -u +%Y-%m-%d). Do not edit by hand."; \
		"$(LOCK_VENV)/bin/python" -m pip freeze --exclude policytext; \
	} > requirements.lock.tmp
	mv requirements.lock.tmp requirements.lock
	rm -rf "$(LOCK_VENV)"
	@echo "requirements.lock written; the next make target updates .venv from it."

clean: ## Remove derived outputs (figures/, data/processed/, build/) and caches; never touches data/raw/
	rm -rf build .pytest_cache .hypothesis .ruff_cache .mypy_cache src/*.egg-info requirements.lock.tmp
	find figures data/processed -mindepth 1 ! -name '.git*' ! -name 'README*' -delete 2>/dev/null || true
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -rf "$(CACHE)"

distclean: clean ## clean, and remove the virtual environment too
	rm -rf $(VENV)
