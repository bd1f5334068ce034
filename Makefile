# orgctl: build, try, test, install.
SHELL := /bin/bash
PREFIX ?= /usr/local
SWIFT ?= swift
# A fully static executable (libsqlite3.a comes with libsqlite3-dev): no
# dynamic loading or relocation at start-up, which halves the time a point
# command takes to start (about 6 ms to 3 ms here). Concrete generic types
# (Optional<T>, [T], tuples) are reached through their metadata accessors
# rather than by demangling their names at first use, which was a tenth of
# a point command's instructions.
RELEASE_FLAGS := -c release -Xswiftc -static-executable \
	-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
BIN_RELEASE = $(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/orgctl
# orgctl-render (PNG and PDF through librsvg and cairo) links those libraries
# dynamically, so it is built apart, in its own scratch folder, and copied
# next to orgctl, where orgctl looks for it.
RENDER_FLAGS := -c release --product orgctl-render --scratch-path .build-render
RENDER_RELEASE = $(shell $(SWIFT) build $(RENDER_FLAGS) --show-bin-path)/orgctl-render
DEMO_DB := .build/demo.db

.PHONY: all build release demo test docs lint install uninstall clean check-deps test-deps bench test-browser fuzz fuzz-build check-asan man test-directory

all: build

check-deps:
	@command -v $(SWIFT) >/dev/null || { echo "error: swift is not on PATH; install Swift 6 from https://swift.org/install" >&2; exit 1; }
	@test -e /usr/include/sqlite3.h || { \
	  echo "libsqlite3-dev is missing; installing it with apt-get" >&2; \
	  apt-get update -qq && apt-get install -y -qq libsqlite3-dev >/dev/null; }
	@test -e /usr/include/librsvg-2.0/librsvg/rsvg.h -a -e /usr/include/cairo/cairo-pdf.h \
	  -a -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { \
	  echo "librsvg2-dev, libcairo2-dev or fonts-dejavu-core is missing (PNG and PDF need them); installing with apt-get" >&2; \
	  apt-get update -qq && apt-get install -y -qq librsvg2-dev libcairo2-dev fonts-dejavu-core >/dev/null; }

# Installs a Debian package when its command is missing: $(call need,COMMAND,PACKAGE).
need = @command -v $(1) >/dev/null || { \
	  echo "$(1) is missing; installing Debian's $(2)" >&2; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(2) >/dev/null; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq $(2) >/dev/null; \
	  else echo "error: install $(2) (apt-get install $(2)) and run make again" >&2; exit 1; fi; }

# What the tests use beyond Swift: Graphviz checks the DOT export, python3
# parses the SVG export as XML.
test-deps: check-deps
	$(call need,dot,graphviz)
	$(call need,python3,python3)
	$(call need,pdfinfo,poppler-utils)

build: check-deps
	$(SWIFT) build

release: release-orgctl release-render
	cp $(RENDER_RELEASE) $(dir $(BIN_RELEASE))orgctl-render

# The release builds, each in its own scratch folder, so that make -j (as
# make bench does) runs them at the same time: one build leaves a core idle
# while a single module is optimised.
.PHONY: release-orgctl release-render release-serve
release-orgctl: check-deps
	$(SWIFT) build $(RELEASE_FLAGS) --product orgctl
release-render: check-deps
	$(SWIFT) build $(RENDER_FLAGS)

## demo: build orgctl and run it on the example organisation.
demo: release
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(BIN_RELEASE) init --db $(DEMO_DB) --example enterprise-pmo
	@echo; echo '$$ orgctl print tree --dotted'
	@$(BIN_RELEASE) print tree --db $(DEMO_DB) --dotted
	@echo; echo '$$ orgctl who-reports-to pmo-it --all'
	@$(BIN_RELEASE) who-reports-to pmo-it --all --db $(DEMO_DB)

## test: every library and end-to-end test.
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest --skip Reliability < /dev/null
	@# The reliability tests time locks and kill processes: they run on their
	@# own and one at a time, so that no other test loads the machine and
	@# stretches the waits they measure.
	$(SWIFT) test --skip-build --disable-xctest --no-parallel --filter Reliability < /dev/null
	$(MAKE) --no-print-directory fuzz

## docs: the library's DocC documentation, with its articles; any warning fails.
docs: check-deps
	$(SWIFT) package --disable-sandbox generate-documentation --target OrgModel --warnings-as-errors

# The libFuzzer targets are a package of their own in Fuzz/, so the main
# package builds without sanitizers. swiftc keeps only the last -sanitize= flag,
# hence the combined one after SwiftPM's two (which link libFuzzer and ASan).
FUZZ_SECONDS ?= 30
FUZZ_FLAGS := -c debug --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -suppress-warnings --scratch-path .build
FUZZER = Fuzz/.build/debug/OrgImportFuzzer
ARGUMENT_FUZZER = Fuzz/.build/debug/OrgArgumentFuzzer
# The budget is shared: a third (at least a second) for the typed values,
# whose parsers are small, the rest for the importer.
FUZZ_ARGUMENT_SECONDS = $$(( $(FUZZ_SECONDS) / 3 > 0 ? $(FUZZ_SECONDS) / 3 : 1 ))
FUZZ_IMPORT_SECONDS = $$(( $(FUZZ_SECONDS) - $(FUZZ_SECONDS) / 3 > 0 ? $(FUZZ_SECONDS) - $(FUZZ_SECONDS) / 3 : 1 ))

fuzz-build: check-deps
	cd Fuzz && $(SWIFT) build $(FUZZ_FLAGS)

## fuzz: the CSV and JSON importer, then the parsers of typed values (dates, amounts, keys), under libFuzzer and ASan for FUZZ_SECONDS (30) in all, on copies of Fuzz/Corpus and Fuzz/ArgumentCorpus.
fuzz: fuzz-build
	bash Fuzz/run.sh $(FUZZER) $(FUZZ_IMPORT_SECONDS) Corpus
	bash Fuzz/run.sh $(ARGUMENT_FUZZER) $(FUZZ_ARGUMENT_SECONDS) ArgumentCorpus

## check-asan: the library tests under AddressSanitizer (in .build-asan).
check-asan: check-deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --disable-xctest --sanitize=address --scratch-path .build-asan --filter 'OrgModelTests'

## test-browser: the HTML export's search and pictures in headless Chromium (not part of make test).
test-browser: build
	$(call need,chromium,chromium)
	$(call need,python3,python3)
	python3 Tests/browser/html_search_test.py "$$($(SWIFT) build --show-bin-path)/orgctl" --out .build/browser-test

## test-directory: sync from a real OpenLDAP directory (slapd on a loopback port; installs slapd and ldap-utils when missing).
test-directory: build
	$(call need,python3,python3)
	python3 Tests/directory/slapd_sync_test.py "$$($(SWIFT) build --show-bin-path)/orgctl"

## test-serve-browser: the page of orgctl serve in headless Chromium (selenium), against a real orgctl-serve (not part of make test); its screenshots go to .build/serve-browser.
.PHONY: test-serve-browser
test-serve-browser: build
	$(call need,chromium,chromium)
	$(call need,chromedriver,chromium-driver)
	$(call need,python3,python3)
	@python3 -c 'import selenium' 2>/dev/null || { echo "selenium is missing; installing it from PyPI" >&2; \
	  python3 -m pip install -q selenium || python3 -m pip install -q --break-system-packages selenium; }
	$(SWIFT) build $(SERVE_PACKAGE)
	python3 Tests/browser/serve_page_test.py "$$($(SWIFT) build --show-bin-path)/orgctl" \
	  "$$($(SWIFT) build $(SERVE_PACKAGE) --show-bin-path)/orgctl-serve" --out .build/serve-browser

## bench: time orgctl against the sqlite3 shell at 10k, 100k and 1M roles; writes bench/RESULTS.md.
# The three release builds and the bench's data (Python) are made at the
# same time, then the bench runs alone.
bench:
	$(call need,hyperfine,hyperfine)
	$(call need,wrk,wrk)
	$(call need,nginx,nginx-light)
	$(call need,curl,curl)
	$(call need,sqlite3,sqlite3)
	$(call need,sqldiff,sqlite3-tools)
	$(call need,python3,python3)
	$(MAKE) --no-print-directory -j4 --output-sync=line serve bench-data
	bash bench/run.sh $(BIN_RELEASE)

.PHONY: bench-data
bench-data:
	bash bench/run.sh --data 10000 100000 1000000

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

install: release serve
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN_RELEASE) $(DESTDIR)$(PREFIX)/bin/orgctl
	install -m 755 $(RENDER_RELEASE) $(DESTDIR)$(PREFIX)/bin/orgctl-render
	install -m 755 $(SERVE_RELEASE) $(DESTDIR)$(PREFIX)/bin/orgctl-serve
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	           $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	           $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(BIN_RELEASE) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/orgctl
	$(BIN_RELEASE) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_orgctl
	$(BIN_RELEASE) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/orgctl.fish
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 docs/orgctl.1 $(DESTDIR)$(PREFIX)/share/man/man1/orgctl.1
	@echo "Installed orgctl, orgctl-render and orgctl-serve to $(DESTDIR)$(PREFIX)/bin with bash, zsh and fish completions and the man page."

## man: docs/orgctl.1, the man page, generated from the commands' own help by
## swift-argument-parser's manual plugin (no network: it comes with the checkout).
man: check-deps
	$(SWIFT) package --disable-sandbox plugin generate-manual --authors "the orgctl authors"
	cp .build/plugins/GenerateManual/outputs/orgctl/orgctl.1 docs/orgctl.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/orgctl $(DESTDIR)$(PREFIX)/bin/orgctl-render $(DESTDIR)$(PREFIX)/bin/orgctl-serve \
	      $(DESTDIR)$(PREFIX)/share/bash-completion/completions/orgctl \
	      $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_orgctl \
	      $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/orgctl.fish \
	      $(DESTDIR)$(PREFIX)/share/man/man1/orgctl.1

clean:
	rm -rf .build .build-asan .build-render .build-serve Fuzz/.build

# orgctl serve runs orgctl-serve, a package of its own on SwiftNIO
# (Sources/orgctl-serve), built apart in its own scratch folder so that
# make release, make demo and make test never compile SwiftNIO; it is copied
# next to orgctl, where orgctl looks for it.
SERVE_PACKAGE := --package-path Sources/orgctl-serve --scratch-path .build-serve
SERVE_RELEASE = $(shell $(SWIFT) build -c release $(SERVE_PACKAGE) --show-bin-path)/orgctl-serve

.PHONY: serve test-serve

## serve: build orgctl-serve and put it next to orgctl (for orgctl serve).
serve: release release-serve
	cp $(SERVE_RELEASE) $(dir $(BIN_RELEASE))orgctl-serve

release-serve: check-deps
	$(SWIFT) build -c release $(SERVE_PACKAGE) --product orgctl-serve

## test-serve: the server's tests (Hummingbird's test client, an event stream, a kill -9).
test-serve: check-deps
	$(SWIFT) build $(SERVE_PACKAGE) --build-tests
	$(SWIFT) test $(SERVE_PACKAGE) --skip-build --disable-xctest < /dev/null
