#!/usr/bin/env bash
# Load on `evident serve`: wrk with 200 connections for 30 s on POST /v1/answers over 20 different
# questions (bench/serve-load.lua). Prints requests/s, latency, errors and the server's memory
# (resident set) before, after, and at its peak. Release build; the rate limit is off for the run.
# Usage: bench/serve-load.sh [evident binary] [library] [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
EVIDENT=${1:-.build/release/evident}
LIBRARY=${2:-demo-library}
SECONDS_=${3:-30}
CONNECTIONS=${4:-200}
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)"; exit 1; }

log=$(mktemp)
"$EVIDENT" serve --library "$LIBRARY" --port 0 --rate-limit 0 --timeout 30 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 600); do grep -q "http://" "$log" && break; sleep 0.1; done
port=$(grep -o "http://[^/]*" "$log" | head -1 | sed 's/.*://')
[ -n "$port" ] || { cat "$log"; exit 1; }
url="http://127.0.0.1:$port"
curl -sf -o /dev/null -X POST "$url/v1/answers" -d '{"question":"What causes blepharospasm?"}'   # warm up
rss() { awk '/^VmRSS/ {print int($2/1024)}' /proc/$pid/status; }
peak() { awk '/^VmHWM/ {print int($2/1024)}' /proc/$pid/status; }
before=$(rss)
echo "evident serve on $LIBRARY ($(nproc) cores); memory before: ${before} MB"
wrk -t "$(( CONNECTIONS < 2 ? 1 : 2 ))" -c "$CONNECTIONS" -d "${SECONDS_}s" --timeout 30s -s bench/serve-load.lua "$url" | grep -E "^wrk:|Socket errors|Non-2xx"
after=$(rss)
echo "memory after: ${after} MB (peak ${peak_mb:-$(peak)} MB)"
kill -TERM $pid; wait $pid || true
