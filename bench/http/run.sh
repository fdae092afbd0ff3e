#!/usr/bin/env bash
# HTTP throughput: wrk against `rapport serve` (GET /api/v1/health, which reads the store) and,
# in the same run on the same machine, against nginx serving a static file of the same size.
# Each target is measured ROUNDS times, alternating, and the medians are reported with the
# ratio. Usage: bench/http/run.sh [path/to/rapport]   (default: build/release/app/rapport)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${1:-$root/build/release/app/rapport}
connections=${CONNECTIONS:-64}
duration=${DURATION:-10s}
rounds=${ROUNDS:-3}
threads=${WRK_THREADS:-2}
rapport_port=${RAPPORT_PORT:-18480}
nginx_port=${NGINX_PORT:-18481}

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "needs $tool: run tools/bootstrap --bench"; exit 1; }
done
[[ -x $binary ]] || { echo "no binary at $binary: run make release"; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$binary" serve --listen "127.0.0.1:$rapport_port" --data-dir "$work/data" \
  --set log.level=warn >"$work/rapport.log" 2>&1 &
pids+=($!)

# nginx gets the same body the health endpoint returns, as a file.
mkdir -p "$work/nginx/html" "$work/nginx/logs"
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$rapport_port/api/v1/health" -o "$work/nginx/html/health.json" \
    2>/dev/null && break
  sleep 0.1
done
[[ -s $work/nginx/html/health.json ]] || { cat "$work/rapport.log"; exit 1; }
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/html;
    location = /health.json { default_type application/json; }
  }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
sleep 0.5

# Prints "requests_per_second p99_ms" for one wrk run.
measure() {
  local out rps p99
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$1")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}' <<<"$out")
  echo "$rps $p99"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

r_rps=(); r_p99=(); n_rps=(); n_p99=()
for round in $(seq 1 "$rounds"); do
  read -r rps p99 < <(measure "http://127.0.0.1:$rapport_port/api/v1/health")
  r_rps+=("$rps"); r_p99+=("$p99")
  read -r rps p99 < <(measure "http://127.0.0.1:$nginx_port/health.json")
  n_rps+=("$rps"); n_p99+=("$p99")
  echo "round $round: rapport ${r_rps[-1]} req/s p99 ${r_p99[-1]} ms | nginx ${n_rps[-1]} req/s p99 ${n_p99[-1]} ms"
done
rr=$(printf '%s\n' "${r_rps[@]}" | median); rp=$(printf '%s\n' "${r_p99[@]}" | median)
nr=$(printf '%s\n' "${n_rps[@]}" | median); np=$(printf '%s\n' "${n_p99[@]}" | median)
echo
echo "wrk -t$threads -c$connections -d$duration, median of $rounds rounds, $(nproc) cores"
printf '%-34s %14s %10s\n' "target" "requests/s" "p99 ms"
printf '%-34s %14.0f %10.2f\n' "rapport GET /api/v1/health" "$rr" "$rp"
printf '%-34s %14.0f %10.2f\n' "nginx static file (same body)" "$nr" "$np"
awk -v a="$rr" -v b="$nr" 'BEGIN {printf "throughput ratio rapport/nginx: %.2f\n", a/b}'
