#!/usr/bin/env bash
# Creates bench/.venv with the peers (tantivy, bm25s, PyStemmer, pytrec-eval) and runs peers.py.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/.venv/bin/python" ]; then
    python3 -m venv "$here/.venv"
    "$here/.venv/bin/pip" install --quiet --disable-pip-version-check tantivy==0.25.0 bm25s==0.2.14 PyStemmer==2.2.0.3 pytrec-eval-terrier==0.5.11
fi
exec "$here/.venv/bin/python" "$here/peers.py" "$@"
