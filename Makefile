# The two set-up commands (see README.md): `make demo` and `make test`.
# Both work on a fresh machine with only Python 3.11+ and make: they create .venv,
# install the package (the demo: its runtime dependencies only; the tests: with the test
# tools, and Debian's chromium for the browser tests).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-runtime
DEMO_DIR ?= $(CURDIR)/demo/wiki
DEMO_SITE ?= $(CURDIR)/demo/site
PORT   ?= 8000
INTAKE_PORT ?= 8001
MAIL_PORT ?= 8025
SITE_URL   = http://127.0.0.1:$(PORT)
INTAKE_URL = http://127.0.0.1:$(INTAKE_PORT)
DEMO_WIKI  = $(BIN)/wikitool --repo "$(DEMO_DIR)"
DEMO_CLI   = $(abspath $(BIN))/wikitool --repo $(DEMO_DIR)
DEMO_GUIDE = identity-and-travel/renew-an-adult-passport
# Publish main: a new release in $(DEMO_SITE).releases/, checked, then $(DEMO_SITE) (a
# symlink) switched to it and refs/tags/published moved (README "Deploying"). A shell
# command, not a sub-make, so `make -n demo` runs nothing.
PUBLISH = $(DEMO_WIKI) publish --out "$(DEMO_SITE)" --intake-url $(INTAKE_URL)

.PHONY: demo demo-reset demo-publish test lint typecheck unit chromium lock audit clean help assets node-deps

help:
	@echo "make demo   - install, create a demo wiki (kept between runs), serve its site on $(SITE_URL) and its intake on $(INTAKE_URL)"
	@echo "make demo-reset - delete the demo wiki and its site, then make demo afresh"
	@echo "make test   - install with test extras (and chromium), lint, type-check, run every test"
	@echo "make assets - rebuild theme/assets/javascripts/guide-validator.js from the guide schema (needs node and npm)"
	@echo "make audit  - known vulnerabilities in requirements.lock (pip-audit; needs its service online)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The demo needs only what wikitool itself runs on, not the test tools, and aiosmtpd
# (the demo extra) for `wikitool mail catch`, where the demo's mail shows.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[demo]'
	touch $@

# Browser tests drive Debian's chromium through playwright (playwright's own browser
# download cannot work offline); install it when it is missing.
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi

lint: $(STAMP)
	$(BIN)/ruff check wikitool tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

test: $(STAMP) chromium node-deps lint typecheck unit

# The browser's copy of the guide schema's checks (README, "Building the theme's
# scripts"): ajv and esbuild at the versions in assets-build/package-lock.json make
# theme/assets/javascripts/guide-validator.js, which is committed; a test rebuilds it and
# compares byte for byte. Without node the site still builds from the committed file.
ASSETS_BUILD := assets-build
NODE_STAMP   := $(ASSETS_BUILD)/node_modules/.package-lock.json

$(NODE_STAMP): $(ASSETS_BUILD)/package-lock.json
	cd $(ASSETS_BUILD) && npm ci --ignore-scripts --no-audit --no-fund

assets: $(NODE_STAMP)
	cd $(ASSETS_BUILD) && node build.mjs

# For `make test`: installs the build's packages when node is here; offline or without
# node, the rebuild test skips, saying why.
node-deps:
	@if command -v npm >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory $(NODE_STAMP) || echo "npm ci failed: the guide-validator rebuild test will skip"; \
	else echo "no npm: the guide-validator rebuild test will skip"; fi

# The locked dependency set: what `make test` installs, pinned at the versions tested.
lock: $(STAMP)
	$(BIN)/python .ci/lock.py > requirements.lock.tmp && mv requirements.lock.tmp requirements.lock

# Known vulnerabilities in requirements.lock. Not part of `test`: it needs a vulnerability
# service (PyPI's JSON API, or AUDIT_SERVICE=osv) and fails, saying so, without one.
audit: $(STAMP)
	.ci/audit

# The whole loop on loopback, shaped like a deployment: the intake (wikitool intake
# serve) takes suggestions from the static site, which `wikitool publish` builds from
# main into a release and links at $(DEMO_SITE), served as plain files through the link
# (`wikitool serve --site`, with the site's own 404 page). `wikitool publish --watch`
# republishes a second after staff merge, one line each (publish moves
# refs/tags/published to the commit it made live, so the tracking page can say
# "published"); readers never see a gap. The intake sends its mail to `wikitool mail
# catch`, which shows each message in this terminal rather than sending it on. The demo
# wiki, with its suggestions and feedback, is kept from one run to the next (demo-reset
# starts over).
#
# Ctrl+C stops all four and make exits 0. On a terminal, the key is read as a byte
# (stty -isig) rather than sent as SIGINT: make itself would get the signal too and end
# with an error whatever the recipe did. Without a terminal, SIGINT or SIGTERM stops it.
demo: $(RUN_STAMP)
	@if [ -d "$(DEMO_DIR)/.git" ]; then \
		echo "Using the demo wiki in $(DEMO_DIR) (make demo-reset starts over)"; \
	else $(BIN)/wikitool init "$(DEMO_DIR)"; fi
	$(DEMO_WIKI) check
	@if [ -d "$(DEMO_SITE)" ] && [ ! -L "$(DEMO_SITE)" ]; then \
		echo "Moving the site an older demo built to $(DEMO_SITE).old: publish makes $(DEMO_SITE) a link"; \
		mv "$(DEMO_SITE)" "$(DEMO_SITE).old"; fi
	@$(PUBLISH) || [ $$? -eq 4 ]
	@tty=; if [ -t 0 ]; then tty=$$(stty -g); stty -isig -icanon -echo min 1 time 0; fi; \
	trap 'kill $$intake $$site $$watch $$mail 2>/dev/null; wait 2>/dev/null; \
		if [ -n "$$tty" ]; then stty "$$tty"; fi; echo "Demo stopped"' EXIT; \
	trap 'exit 0' INT TERM HUP; \
	$(DEMO_WIKI) mail catch --port $(MAIL_PORT) & mail=$$!; \
	$(DEMO_WIKI) intake serve --port $(INTAKE_PORT) --allow-origin $(SITE_URL) \
		--published-rev refs/tags/published --smtp smtp://127.0.0.1:$(MAIL_PORT) \
		--mail-from guides@demo.invalid --site-url $(SITE_URL) --public-url $(INTAKE_URL) \
		& intake=$$!; \
	$(DEMO_WIKI) serve --site "$(DEMO_SITE)" --port $(PORT) >/dev/null 2>&1 & site=$$!; \
	$(PUBLISH) --watch & watch=$$!; \
	sleep 2; \
	if ! kill -0 $$intake 2>/dev/null || ! kill -0 $$site 2>/dev/null || ! kill -0 $$mail 2>/dev/null; then \
		echo "The intake, the site or the mail catcher did not start: is port $(PORT), $(INTAKE_PORT) or $(MAIL_PORT) in use?"; \
		exit 1; \
	fi; \
	echo; \
	echo "Site:   $(SITE_URL)/"; \
	echo "Intake: $(INTAKE_URL)/api/  (wiki repository: $(DEMO_DIR))"; \
	echo "Mail:   every e-mail the intake sends is shown here, in this terminal (smtp://127.0.0.1:$(MAIL_PORT))"; \
	echo; \
	echo "Try it as a citizen:"; \
	echo "  1. Open $(SITE_URL)/$(DEMO_GUIDE)/ and select \"Suggest an edit\"."; \
	echo "  2. In the guide's text change \"amount: 86\" to \"amount: 89\" and"; \
	echo "     \"Pay the fee of 86 euros.\" to \"Pay the fee of 89 euros.\"."; \
	echo "  3. Summary: \"The online renewal fee is now 89 euros\". Give an e-mail address and tick"; \
	echo "     \"Tell me what happens to my suggestion\"; send it: the \"received\" mail shows below."; \
	echo; \
	echo "Then as staff, in another terminal (a fee needs two approvals):"; \
	echo "  $(DEMO_CLI) review list"; \
	echo "  $(DEMO_CLI) review show ID"; \
	echo "  $(DEMO_CLI) review approve ID --as \"Ana Ruiz <ana.ruiz@passports.veloria.invalid>\""; \
	echo "  $(DEMO_CLI) review approve ID --as \"Ben Osei <ben.osei@passports.veloria.invalid>\""; \
	echo "  $(DEMO_CLI) review merge ID --as \"Ben Osei <ben.osei@passports.veloria.invalid>\""; \
	echo "The site is republished a second after the merge; reload the guide and the tracking page,"; \
	echo "and read the \"accepted\" and \"published\" mails here."; \
	echo "Feedback from the guides' \"Was this page helpful?\": $(DEMO_CLI) feedback list"; \
	echo; \
	echo "Ctrl+C stops the demo."; \
	if [ -n "$$tty" ]; then \
		while key=$$(dd bs=1 count=1 2>/dev/null | od -An -tx1 | tr -d ' \n'); \
			[ -n "$$key" ] && [ "$$key" != 03 ]; do :; done; \
	else \
		wait $$site; \
	fi; \
	exit 0

# Start over: delete the demo wiki (its suggestions and feedback) and its site's releases.
demo-reset:
	rm -rf "$(DEMO_DIR)" "$(DEMO_SITE)" "$(DEMO_SITE).releases" "$(DEMO_SITE).old"
	@$(MAKE) --no-print-directory demo

# Publish main again by hand (the demo's publish --watch does it after each merge).
demo-publish:
	@$(PUBLISH) || [ $$? -eq 4 ]

clean:
	rm -rf $(VENV) site demo .pytest_cache .mypy_cache .ruff_cache
