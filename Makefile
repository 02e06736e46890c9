# Two commands do all set-up on a fresh machine (see README):
#   make draft   draft the seeds into translations/ and rebuild the English articles
#   make test    run the test suite, then the checks a translation project's CI runs
# Both create .venv and install what they need; a second run only re-installs when pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: draft test bench mutate tools clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# CPU build of torch first: argostranslate -> stanza -> torch would otherwise pull a multi-GB CUDA build.
	$(BIN)/pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[draft,test,cluster,align]'
	touch $(STAMP)

draft: $(STAMP)
	$(BIN)/toolkit draft seeds/ -o translations/
	$(BIN)/toolkit build seeds/ -o translations/

# Debian tools the tests compare against: GNU gettext (msgfmt, msgcat), libxml2's xmllint (TMX and XLIFF
# validation) and the OASIS XLIFF 1.2 strict / 2.0 schemas, which Debian ships in php-symfony-translation.
# translate-toolkit 3.19.x (Weblate's pin) goes beside the venv, for the XLIFF tests to read our files with it
# as well as with the current release the test extra installs.
XLIFF_SCHEMAS := /usr/share/php/Symfony/Component/Translation/Resources/schemas/xliff-core-1.2-strict.xsd
TT_WEBLATE    := $(VENV)/translate-toolkit-3.19

tools:
	@missing=; command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	  command -v xmllint >/dev/null 2>&1 || missing="$$missing libxml2-utils"; \
	  [ -f $(XLIFF_SCHEMAS) ] || missing="$$missing php-symfony-translation"; \
	  if [ -n "$$missing" ]; then \
	    echo "installing$$missing"; \
	    if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	  fi
	@if [ -x $(BIN)/pip ] && [ ! -d $(TT_WEBLATE)/translate ]; then \
	  echo "installing translate-toolkit 3.19.x into $(TT_WEBLATE)"; \
	  $(BIN)/pip install --quiet --disable-pip-version-check --target $(TT_WEBLATE) 'translate-toolkit==3.19.*'; \
	fi

test: $(STAMP) tools
	$(BIN)/python -m pytest -q
	$(BIN)/toolkit glossary validate
	$(BIN)/toolkit check --strict translations/

bench: $(STAMP)
	$(BIN)/python bench/run.py

mutate: $(STAMP) tools
	$(BIN)/python tests/mutants.py

clean-venv:
	rm -rf $(VENV)
