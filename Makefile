# Evident — common tasks. `make demo` and `make test` are all a newcomer needs.

SHARED      ?= ../shared/data
LIBRARY     ?= demo-library
VENV        := .venv
PYTHON      ?= python3
OPEN_MEDICINE_VERSION := 0.12.0
EVIDENT     := .build/release/evident
GUIDELINES   = $(shell $(VENV)/bin/python -c 'import open_medicine, os; print(os.path.join(os.path.dirname(open_medicine.__file__), "guidelines"))')

.PHONY: demo setup system-deps build library test bench fuzz clean

## demo: set up, build, ingest the starter library and ask it a question
demo: setup build library
	$(EVIDENT) stats --library $(LIBRARY)
	$(EVIDENT) ask "What causes blepharospasm?" --library $(LIBRARY)

## setup: system libraries (Debian); in .venv the open-medicine guideline pack and the test references (snowballstemmer, pytrec-eval)
setup: system-deps $(VENV)/.setup-$(OPEN_MEDICINE_VERSION)-snowball-2.2.0-trec-0.5.11

system-deps:
	@if ! [ -f /usr/include/expat.h ] || ! [ -f /usr/include/zlib.h ] || ! [ -f /usr/include/sqlite3.h ] \
		|| ! $(PYTHON) -c "import venv, ensurepip" >/dev/null 2>&1; then \
		echo "Installing libexpat1-dev zlib1g-dev libsqlite3-dev python3-venv"; \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq libexpat1-dev zlib1g-dev libsqlite3-dev python3-venv; \
	fi

$(VENV)/.setup-$(OPEN_MEDICINE_VERSION)-snowball-2.2.0-trec-0.5.11:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps open-medicine==$(OPEN_MEDICINE_VERSION) snowballstemmer==2.2.0
	$(VENV)/bin/pip install --quiet --disable-pip-version-check pytrec-eval-terrier==0.5.11
	touch $@

## build: release build of the evident command
build:
	swift build -c release

## library: ingest the starter library (open-medicine and NGC guidelines, NIH pages, PubMed abstracts)
library: setup build
	$(EVIDENT) ingest --library $(LIBRARY) "$(GUIDELINES)" $(SHARED)/ngc/summaries $(SHARED)/medquad $(SHARED)/pubmedqa $(SHARED)/scifact $(SHARED)/pubmed-samples
	cp $(SHARED)/mesh/mesh_id_label_mappings.tsv $(LIBRARY)/
	$(EVIDENT) aspects --library $(LIBRARY)

## test: run the whole test suite (debug build)
test: setup
	swift build --build-tests 2>&1 | tee .build-warnings.log
	@if grep -E "^/.*/(Sources|Tests)/.*warning:" .build-warnings.log; then echo "warnings in project code (see above)"; exit 1; fi
	@rm -f .build-warnings.log
	swift test

## bench: release-build benchmarks on the shared data, and the side-by-side table with peers
bench: build library
	$(EVIDENT) bench ingest $(SHARED)/pubmedqa $(SHARED)/scifact $(SHARED)/medquad $(SHARED)/ngc/summaries
	$(EVIDENT) bench search --corpus $(SHARED)/scifact/corpus.jsonl --queries $(SHARED)/scifact/queries.train.jsonl
	$(EVIDENT) eval --corpus $(SHARED)/scifact/corpus.jsonl --queries $(SHARED)/scifact/queries.train.jsonl --qrels $(SHARED)/scifact/qrels/train.tsv
	$(EVIDENT) bench ask --library $(LIBRARY)
	bench/peers.sh

## fuzz: libFuzzer on HTML-to-text and the NGC importer, seeded from the NGC summaries (FUZZ_SECONDS, default 600)
FUZZ_SECONDS ?= 600
fuzz:
	bench/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build .build-fuzz $(LIBRARY)
