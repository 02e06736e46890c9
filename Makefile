# Two commands do all set-up on a fresh machine (see README):
#   make draft   draft the seeds into translations/
#   make test    run the test suite
# Both create .venv and install what they need; a second run only re-installs when pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: draft test bench gettext clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# CPU build of torch first: argostranslate -> stanza -> torch would otherwise pull a multi-GB CUDA build.
	$(BIN)/pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[draft,test,cluster,align]'
	touch $(STAMP)

draft: $(STAMP)
	$(BIN)/toolkit draft seeds/ -o translations/

gettext:
	@command -v msgfmt >/dev/null 2>&1 || { \
	  echo "installing GNU gettext (msgfmt) for PO validation"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq gettext >/dev/null; }

test: $(STAMP) gettext
	$(BIN)/python -m pytest -q
	$(BIN)/toolkit glossary validate
	$(BIN)/toolkit check translations/

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean-venv:
	rm -rf $(VENV)
