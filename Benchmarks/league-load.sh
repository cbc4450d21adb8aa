#!/bin/bash
# The league's load benchmark (docs/performance.md): a release barista-league on loopback over a
# fresh database, driven by `barista-league load`. Needs DATABASE_URL (an administrator's URL:
# the script creates and drops its own database) and release builds of barista and barista-league:
#   swift build -c release --product barista-league && swift build -c release --product barista
#   DATABASE_URL=postgres://postgres@127.0.0.1:5433/postgres Benchmarks/league-load.sh [LEVEL SCRIPT SUBMISSIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
level=${1:-12}
script=${2:-Levels/starters/12-full-day.brew}
submissions=${3:-64}
seeds=32
bin=${BIN:-.build/release}
: "${DATABASE_URL:?set DATABASE_URL to a superuser postgres:// URL}"
db="league_bench_$$"
bench_url="${DATABASE_URL%/*}/$db"
psql "$DATABASE_URL" -qc "CREATE DATABASE $db"
log=$(mktemp)
"$bin/barista-league" --port 0 --database-url "$bench_url" --seed-secret "bench-secret-0123456789" --seeds $seeds \
  --queue 1000 --rate-limit 10000 --migrate --log-level warning >"$log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; psql "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -f "$log"; }
trap cleanup EXIT
for _ in $(seq 600); do grep -q "listening on" "$log" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
echo "== verification: $submissions submissions of $script on level $level, $seeds hidden seeds each, 4 clients"
"$bin/barista-league" load --url "$url" --level "$level" --script "$script" --clients 4 --submissions "$submissions" --reads 0
echo "== the same shifts with barista eval ($((submissions * seeds)) seeds on all cores, nothing saved)"
/usr/bin/time -f "barista eval: %e s wall, %U s user" "$bin/barista" eval "$level" "$script" --seeds $((submissions * seeds)) --no-save >/dev/null
echo "== board reads at 10^5 stored evaluations (inserted directly), each client with one verified submission (so its rank is counted)"
"$bin/barista-league" load --url "$url" --level "$level" --script "$script" --clients 4 --submissions 4 --reads 5000 \
  --fill 100000 --fill-players 10000 --database-url "$bench_url" --server-pid "$server"
echo "== the same with one client (no client waits for another's core)"
"$bin/barista-league" load --url "$url" --level "$level" --script "$script" --clients 1 --submissions 1 --reads 2000 \
  --server-pid "$server"
