#!/bin/sh
# Fuzzes HTML-to-text (HTMLText) and the NGC importer's record mapping with libFuzzer.
#
#   bench/fuzz.sh [SECONDS] [libFuzzer options...]     (default 600 seconds; `make fuzz`)
#
# Builds the EvidentFuzz harness (only with EVIDENT_FUZZ=1; a plain `swift build` never does)
# in release mode with the toolchain's -sanitize=fuzzer,address into .build-fuzz/, seeds a
# corpus there from the shared NGC summaries (decompressed, plus their HTML field values; never
# committed), and runs it. A crash or hang leaves its input in .build-fuzz/artifacts/: add it
# as a regression case to Tests/EvidentTests/HTMLTextTests.swift or NGCImporterTests.swift.
set -eu
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared/data}"
DURATION="${1:-600}"
[ $# -gt 0 ] && shift
BUILD=.build-fuzz
CORPUS="${FUZZ_CORPUS:-$BUILD/corpus}"

EVIDENT_FUZZ=1 swift build -c release --product EvidentFuzz --build-path "$BUILD" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld

if [ ! -d "$CORPUS" ]; then
    mkdir -p "$CORPUS"
    for file in "$SHARED"/ngc/summaries/*.xml.gz; do
        gunzip -c "$file" > "$CORPUS/$(basename "$file" .gz)"
    done
    # Each field's HTML on its own, so that mutations start from the HTML as well as the XML.
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$CORPUS" <<'PYTHON'
import glob, os, sys, xml.etree.ElementTree as ET
corpus = sys.argv[1]
for path in glob.glob(os.path.join(corpus, "*.xml")):
    for number, value in enumerate(ET.parse(path).getroot().iter("FieldValue")):
        html = value.get("Value") or ""
        if len(html) > 200:
            with open(os.path.join(corpus, "%s-%d.html" % (os.path.basename(path), number)), "w") as out:
                out.write(html)
PYTHON
    fi
fi
mkdir -p "$BUILD/artifacts"
exec "$BUILD/release/EvidentFuzz" "$CORPUS" -max_total_time="$DURATION" -max_len=262144 -timeout=10 \
    -rss_limit_mb=4096 -artifact_prefix="$BUILD/artifacts/" -print_final_stats=1 "$@"
