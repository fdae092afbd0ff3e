#!/usr/bin/env bash
# Search over HTTP: wrk against `rapport serve` on a data folder with the demo organisation
# (its knowledge base: LibreOffice's English help, about 770 articles), for
#   - GET /api/v1/search       as the demo employee (session cookie; the staff filter path)
#   - GET /api/v1/help/search  the public help center (no session)
# each request searching the next of 48 queries (24 clean, the same 24 typo'd; see http.lua),
# alternating for ROUNDS rounds; the medians of requests/s and p99 are reported. wrk, the
# server and its index share the machine's cores.
#
# Usage: bench/search/http.sh [path/to/rapport]   (default: build/release/app/rapport)
#   DEMO_CACHE=DIR  reuse a downloaded demo help package (as the benchmark's --cache)
#   CONNECTIONS (64), DURATION (20s), ROUNDS (3), WRK_THREADS (2), PORT (18490)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${1:-$root/build/release/app/rapport}
connections=${CONNECTIONS:-64}
duration=${DURATION:-20s}
rounds=${ROUNDS:-3}
threads=${WRK_THREADS:-2}
port=${PORT:-18490}
script=$root/bench/search/http.lua
base=http://127.0.0.1:$port

for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "needs $tool: run tools/bootstrap --bench"; exit 1; }
done
[[ -x $binary ]] || { echo "no binary at $binary: run make release"; exit 1; }

work=$(mktemp -d)
server=
cleanup() {
  if [[ -n $server ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

data=$work/data
if [[ -n ${DEMO_CACHE:-} && -d $DEMO_CACHE ]]; then
  mkdir -p "$data/cache"
  ln -s "$(cd "$DEMO_CACHE" && pwd)" "$data/cache/demo"
fi
"$binary" demo --data-dir "$data" --credentials-file "$work/credentials.json" \
  --set log.level=warn >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
grep -q "knowledge base:" "$work/demo.log" || { cat "$work/demo.log"; exit 1; }
grep "knowledge base" "$work/demo.log"

"$binary" serve --data-dir "$data" --listen "127.0.0.1:$port" --set log.level=warn \
  >"$work/rapport.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fsS "$base/api/v1/health" -o /dev/null 2>/dev/null && break
  sleep 0.1
done

# Sign in as the demo employee and keep the session cookie.
login=$(jq -c '{email: .employee.email, password: .employee.password}' "$work/credentials.json")
session=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' -d "$login" \
  "$base/api/v1/auth/login" | tr -d '\r' |
  awk -F'[=;]' 'tolower($1) ~ /^set-cookie: rapport_session$/ {print $2; exit}')
[[ -n $session ]] || { echo "cannot sign in"; cat "$work/rapport.log"; exit 1; }
cookie="rapport_session=$session"

# The server builds its index from the store after it starts: wait until it answers.
started=$(date +%s.%N)
for _ in $(seq 1 600); do
  found=$(curl -fsS -H "Cookie: $cookie" "$base/api/v1/search?q=writer&final=true" |
    jq '.results | length') || found=0
  [[ $found -gt 0 ]] && break
  sleep 0.1
done
[[ $found -gt 0 ]] || { echo "the index did not answer"; cat "$work/rapport.log"; exit 1; }
awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "index ready after %.1f s\n", e - s}'
# One sample of each kind, to show what is measured.
for q in "merge+cells" "mrege+celsl"; do
  curl -fsS -H "Cookie: $cookie" "$base/api/v1/search?q=$q&limit=10&final=true" |
    jq -r --arg q "$q" '"staff \($q): \(.results | length) results, total \(.total), did_you_mean \(.did_you_mean)"'
  curl -fsS "$base/api/v1/help/search?q=$q&limit=10&final=true" |
    jq -r --arg q "$q" '"help  \($q): \(.results | length) results, total \(.total), did_you_mean \(.did_you_mean)"'
done

# Prints "requests_per_second p99_ms non_2xx" for one wrk run.
measure() {
  local out rps p99 errors
  out=$(RAPPORT_SEARCH_PATH=$1 RAPPORT_COOKIE=$2 \
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$script" "$base")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  echo "$rps $p99 ${errors:-0}"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

s_rps=(); s_p99=(); h_rps=(); h_p99=()
for round in $(seq 1 "$rounds"); do
  read -r rps p99 errors < <(measure /api/v1/search "$cookie")
  s_rps+=("$rps"); s_p99+=("$p99")
  [[ $errors == 0 ]] || echo "staff search: $errors responses were not 2xx"
  read -r rps p99 errors < <(measure /api/v1/help/search "")
  h_rps+=("$rps"); h_p99+=("$p99")
  [[ $errors == 0 ]] || echo "help search: $errors responses were not 2xx"
  echo "round $round: staff ${s_rps[-1]} req/s p99 ${s_p99[-1]} ms | help ${h_rps[-1]} req/s p99 ${h_p99[-1]} ms"
done
sr=$(printf '%s\n' "${s_rps[@]}" | median); sp=$(printf '%s\n' "${s_p99[@]}" | median)
hr=$(printf '%s\n' "${h_rps[@]}" | median); hp=$(printf '%s\n' "${h_p99[@]}" | median)
echo
echo "wrk -t$threads -c$connections -d$duration, median of $rounds rounds, $(nproc) cores"
printf '%-40s %14s %10s\n' "target" "requests/s" "p99 ms"
printf '%-40s %14.0f %10.2f\n' "GET /api/v1/search (employee)" "$sr" "$sp"
printf '%-40s %14.0f %10.2f\n' "GET /api/v1/help/search (public)" "$hr" "$hp"
