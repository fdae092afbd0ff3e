#!/usr/bin/env bash
# Browser test of the web UI: creates the demo organisation in a fresh SQLite store, starts the
# real `rapport` binary on a free loopback port (embedded UI), then runs the Playwright tests in
# web/e2e against it in Debian's Chromium, with the demo accounts' credentials in the JSON file
# named by RAPPORT_E2E_CREDENTIALS. Usage: tests/e2e/run.sh path/to/rapport
set -euo pipefail
binary=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$binary" demo --data-dir "$work/data" --credentials-file "$work/credentials.json" >/dev/null

"$binary" serve --listen 127.0.0.1:0 --data-dir "$work/data" --set log.format=json \
  >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(grep -o '"msg":"listening".*"port":"[0-9]*"' "$work/server.log" 2>/dev/null |
    grep -o '"port":"[0-9]*"' | grep -o '[0-9]*' || true)
  [[ -n $port ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done
[[ -n $port ]] || { echo "server did not start"; cat "$work/server.log"; exit 1; }

cd "$root/web"
RAPPORT_BASE_URL="http://127.0.0.1:$port" RAPPORT_E2E_CREDENTIALS="$work/credentials.json" \
  RAPPORT_E2E_ARTIFACTS="${RAPPORT_E2E_ARTIFACTS:-$work}" \
  npm run --silent test:e2e
