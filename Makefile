# Two commands do all set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The environment is rebuilt whenever the pinned versions in pyproject.toml change.
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: site test serve check clean browser golden

$(STAMP): pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m generator build
	@echo ""
	@echo "网站已生成在 site/ 目录。本地预览：$(BIN)/python -m generator serve ，然后在浏览器打开 http://127.0.0.1:8000/"

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "安装 Chromium（浏览器测试需要）…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "浏览器测试需要 Chromium：请运行 sudo apt-get install chromium" >&2; exit 1; \
	  fi; }

# Rewrite the whole-site goldens (tests/golden/) after an intended change; review them with git diff.
golden: $(STAMP)
	GOLDEN_REFRESH=1 $(BIN)/python -m pytest -q tests/test_golden.py

serve: $(STAMP)
	$(BIN)/python -m generator serve

check: $(STAMP)
	$(BIN)/python -m generator check

clean:
	rm -rf site .site-build-* .site-old-*
