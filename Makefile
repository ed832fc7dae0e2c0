# Two commands do all set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The environment is rebuilt whenever the pinned versions in pyproject.toml change.
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: site test serve check clean tools golden test-dates test-explore docs lighthouse

$(STAMP): pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m generator build
	@echo ""
	@echo "网站已生成在 site/ 目录。本地预览：$(BIN)/python -m generator serve ，然后在浏览器打开 http://127.0.0.1:8000/"

# Both cores, each taking the next test as it finishes one; the browser, the sample site and its server start
# once per worker (session fixtures in tests/conftest.py). Python keeps its bytecode cache during the tests even
# where the environment turns it off: some sixty Python processes start in a run.
PYTEST := env PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n 2 --dist worksteal

test: $(STAMP) tools
	$(PYTEST)

# The whole suite with the machine's clock set to either end of the range the tests must survive.
test-dates: $(STAMP) tools
	faketime '2024-01-01 12:00:00' $(PYTEST) -p no:cacheprovider
	faketime '2035-12-31 12:00:00' $(PYTEST) -p no:cacheprovider

# The property tests with new random examples on each run (make test draws the same ones every time); a failure
# prints the example and its @reproduce_failure line: keep it as an explicit @example.
test-explore: $(STAMP)
	HYPOTHESIS_PROFILE=explore $(BIN)/python -m pytest -q -n 2 tests/test_disclosure.py tests/test_redact.py \
		tests/test_redaction_corpus.py tests/test_validate.py tests/test_import.py

# Debian packages the tests use (command:package): Chromium's headless shell for browser tests and the full
# Chromium for Lighthouse and screenshots (Playwright's own browser download is not used), faketime for runs under a faked machine date, Java and npm for the Nu Html Checker,
# CJK fonts so that screenshots and print previews show Chinese.
TOOLS := chromium:chromium chromium-headless-shell:chromium-headless-shell faketime:faketime java:default-jre-headless npm:npm fc-list:fontconfig
FONTS := fonts-noto-cjk
# The Nu Html Checker from the npm registry, at the version pinned in pyproject.toml ([tool.disclosure.npm]).
VNU_VERSION := $(shell sed -n 's/^vnu-jar *= *"\([^"]*\)".*/\1/p' pyproject.toml)
VNU := .tools/node_modules/vnu-jar/build/dist/vnu.jar
tools: $(VNU)
	@missing=""; for t in $(TOOLS); do command -v $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t#*:}"; done; \
	fc-list 2>/dev/null | grep -qi "noto sans cjk" || missing="$$missing $(FONTS)"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "安装测试所需的软件包：$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "测试需要这些软件包：$$missing。请运行 sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

$(VNU): pyproject.toml
	@command -v npm >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	npm install --silent --no-audit --no-fund --prefix .tools vnu-jar@$(VNU_VERSION)
	touch $(VNU)

# Rewrite the whole-site goldens (tests/golden/) after an intended change; review them with git diff.
golden: $(STAMP)
	GOLDEN_REFRESH=1 $(BIN)/python -m pytest -q tests/test_golden.py

# Rewrite the README's table of problem codes from generator/core/codes.py.
docs: $(STAMP)
	$(BIN)/python -c 'import re, pathlib; from generator.core import codes; p = pathlib.Path("README.md"); \
	s = p.read_text(encoding="utf-8"); a = "<!-- codes:start (made from generator/core/codes.py: make docs) -->\n"; \
	b = "<!-- codes:end -->"; head, rest = s.split(a, 1); p.write_text(head + a + codes.table() + b + rest.split(b, 1)[1], encoding="utf-8")'

serve: $(STAMP)
	$(BIN)/python -m generator serve

check: $(STAMP)
	$(BIN)/python -m generator check

clean:
	rm -rf site .site-build-* .site-old-*

# Lighthouse (mobile) on the home page, a record, a search and a list of the built site (site/), served with gzip
# and cache headers as a real server does; figures for BENCHMARKS.md. Lighthouse comes from the npm registry.
LIGHTHOUSE_VERSION := $(shell sed -n 's/^lighthouse *= *"\([^"]*\)".*/\1/p' pyproject.toml)
lighthouse: $(STAMP) tools
	@test -x .tools/lighthouse/node_modules/.bin/lighthouse || \
		npm install --silent --no-audit --no-fund --prefix .tools/lighthouse lighthouse@$(LIGHTHOUSE_VERSION)
	$(BIN)/python bench/lighthouse.py site
