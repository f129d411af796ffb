# Know the Line: every target sets itself up (venv from requirements.lock, npm assets).
#   make book      build the HTML book into _build/html (the Spanish edition into _build/html/es)
#   make test      run the whole test suite (builds the book first)
#   make unit      the fast loop: the tests that need no built book, browser or notebook run
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NPM_STAMP := node_modules/.installed-stamp
HTML   := _build/html
RAW_287G ?= ../shared/data/raw/287g
PORT   ?= 8000

.PHONY: setup book test unit serve workshop notebooks data check review readability handouts bench lock clean

setup: $(STAMP) $(NPM_STAMP)

$(STAMP): requirements.lock pyproject.toml workshop/jupyter_server_config.json workshop/overrides.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@# JupyterLab for workshops: no news, update checks or extension manager calls to the network.
	mkdir -p $(VENV)/etc/jupyter/jupyter_server_config.d $(VENV)/share/jupyter/lab/settings
	cp workshop/jupyter_server_config.json $(VENV)/etc/jupyter/jupyter_server_config.d/knowtheline-workshop.json
	cp workshop/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Both editions: the English book into _build/html, the Spanish one (es/) into _build/html/es.
book: setup
	$(BIN)/jupyter-book build . --builder html -W -n --keep-going
	$(BIN)/jupyter-book build es --path-output _build/es --builder html -W -n --keep-going
	rm -rf $(HTML)/es && cp -R _build/es/_build/html $(HTML)/es
	@echo
	@echo "The book is built. Open $(CURDIR)/$(HTML)/index.html (English) or $(CURDIR)/$(HTML)/es/index.html"
	@echo "(Spanish) in a browser, or run: make serve"

# Unit, data, build and browser tests, then every notebook re-run and compared (nbval).
test: book
	$(BIN)/knowtheline translation check
	$(BIN)/python -m pytest tests
	$(BIN)/python -m pytest --nbval --nbval-sanitize-with tests/nbval-sanitize.cfg --nbval-cell-timeout=300 -p no:cacheprovider chapters $(wildcard facilitators/*.ipynb) es/chapters $(wildcard es/facilitators/*.ipynb)

# The fast loop (under a minute): no built book (marker `built`), no Chromium (`browser`),
# no book build, notebook run or data rebuild (`slow`). make test runs these too.
unit: setup
	$(BIN)/python -m pytest -m "not built and not browser and not slow" tests

serve: setup
	@test -f $(HTML)/index.html || $(MAKE) book
	@echo "Serving the book at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(HTML) $(PORT)

# JupyterLab on workshop copies of the chapters (citations listed at the end, dates in words:
# knowtheline.workshop); learners' saved results go to workshop/chapters/results/.
# `make workshop lang=es`: the Spanish edition's chapters (workshop/es/chapters/).
LANG_ED ?= $(if $(filter es,$(lang)),es,en)
workshop: setup
	$(BIN)/knowtheline workshop --lang $(LANG_ED) --out workshop/$(if $(filter es,$(LANG_ED)),es/chapters,chapters)
	$(BIN)/jupyter lab --notebook-dir=workshop $(if $(filter es,$(LANG_ED)),es/chapters/,chapters/)

# Re-execute every chapter notebook and save its outputs (nbval compares them in `make test`).
notebooks: setup
	$(BIN)/knowtheline notebooks chapters/*.ipynb $(wildcard facilitators/*.ipynb) es/chapters/*.ipynb $(wildcard es/facilitators/*.ipynb)

# Re-derive the committed 287(g) tables in data/ from the raw ICE lists.
data: setup
	$(BIN)/knowtheline data build --raw $(RAW_287G) --out data

# Printable PDFs (at-a-glance sheet, scenario cards, quiz sheets and key, whole book), offline.
handouts: book
	$(BIN)/knowtheline handouts --book $(HTML) --out handouts

# This book against a default Jupyter Book 1: build and test times, page weight, Lighthouse
# (mobile and desktop), readability; writes bench/results.md. About 30 minutes with RUNS=3;
# needs Chromium (Debian: chromium, chromium-driver). Quick look: make bench RUNS=1
RUNS ?= 3
bench: setup
	$(BIN)/python bench/run.py --runs $(RUNS)

check: setup
	$(BIN)/knowtheline quiz check

# Every dated point due for a check: "as of" dates older than 120 days, dated events now past.
review: setup
	$(BIN)/knowtheline review

# Reading grade and long sentences of each chapter's narrative, from the sources (no build).
readability: setup
	$(BIN)/knowtheline readability --worst 3 chapters/*.ipynb quizzes/ch*.yaml

# Re-pin requirements.lock from requirements.in in a clean virtual environment.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned versions of every Python package the book, tests and workshop use."; \
	  echo "# Regenerate with: make lock"; \
	  .lock-venv/bin/pip freeze --all | grep -v '^pip=='; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf _build
