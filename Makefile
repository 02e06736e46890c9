# Two commands do all set-up on a fresh machine (see README):
#   make draft   draft the seeds into translations/ and rebuild the English articles
#   make test    run the test suite, then the checks a translation project's CI runs
# Both create .venv and install what they need; a second run only re-installs when pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: draft test bench mutate explore tools bytecode clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# CPU build of torch first: argostranslate -> stanza -> torch would otherwise pull a multi-GB CUDA build.
	$(BIN)/pip install --quiet --disable-pip-version-check torch==2.13.0
	# compat: the checkout goes on sys.path by a .pth line, without an import hook that costs every command
	# 15 ms at start-up (setuptools' default editable finder imports pathlib and importlib.util from site).
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[draft,test,cluster,align,suggest,review]' \
	  --config-settings editable_mode=compat
	touch $(STAMP)

# An editable install writes no bytecode for toolkit/, and with PYTHONDONTWRITEBYTECODE set Python never does:
# every command would compile its modules again (40 ms of a 150 ms `toolkit check`). compileall writes what
# pip writes for an ordinary install; it only recompiles what changed.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q toolkit

draft: $(STAMP) bytecode
	$(BIN)/toolkit draft seeds/ -o translations/
	$(BIN)/toolkit build seeds/ -o translations/

# Debian tools the tests compare against: GNU gettext (msgfmt, msgcat), libxml2's xmllint (TMX and XLIFF
# validation) and the OASIS XLIFF 1.2 strict / 2.0 schemas, which Debian ships in php-symfony-translation;
# headless Chromium with a Chinese font and LibreOffice Writer render `toolkit review`'s HTML and DOCX;
# pandoc renders build's Markdown footnotes.
XLIFF_SCHEMAS := /usr/share/php/Symfony/Component/Translation/Resources/schemas/xliff-core-1.2-strict.xsd

tools:
	@missing=; command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	  command -v xmllint >/dev/null 2>&1 || missing="$$missing libxml2-utils"; \
	  [ -f $(XLIFF_SCHEMAS) ] || missing="$$missing php-symfony-translation"; \
	  command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	  fc-list 2>/dev/null | grep -q "WenQuanYi Zen Hei" || missing="$$missing fonts-wqy-zenhei"; \
	  command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	  command -v pandoc >/dev/null 2>&1 || missing="$$missing pandoc"; \
	  if [ -n "$$missing" ]; then \
	    echo "installing$$missing"; \
	    if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	  fi

# translate-toolkit as Weblate pins it (3.19.x) and its current release, each with its own dependencies in its own
# directory: tests/test_glossary_formats.py and tests/test_xliff.py read the glossary exports with both (by sys.path, in a subprocess each),
# and say they skipped them when a directory is absent.
TT_TARGETS := $(VENV)/tt319/.installed $(VENV)/tt-current/.installed
tools: $(TT_TARGETS)

$(VENV)/tt319/.installed: | $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade --target $(VENV)/tt319 'translate-toolkit==3.19.*'
	touch $@

$(VENV)/tt-current/.installed: | $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade --target $(VENV)/tt-current translate-toolkit
	touch $@

test: $(STAMP) bytecode tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q
	$(BIN)/toolkit glossary validate
	$(BIN)/toolkit check --strict translations/

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Property tests with random (not derandomized) examples and more of them: an exploratory run, never CI.
explore: $(STAMP) tools
	HYPOTHESIS_PROFILE=explore $(BIN)/python -m pytest -q -p no:cacheprovider

mutate: $(STAMP) tools
	$(BIN)/python tests/mutants.py

clean-venv:
	rm -rf $(VENV)
