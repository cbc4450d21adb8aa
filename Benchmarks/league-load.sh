#!/bin/bash
# The league's load benchmark (docs/performance.md): a release barista-league on loopback over a
# fresh database, driven by `barista-league load`. Needs DATABASE_URL (an administrator's URL:
# the script creates and drops its own database), psql, and release builds of barista and
# barista-league (BIN names their folder; default .build/release):
#   swift build -c release --product barista-league && swift build -c release --product barista
#   DATABASE_URL=postgres://postgres@127.0.0.1:5433/postgres Benchmarks/league-load.sh [LEVEL SCRIPT SUBMISSIONS]
# Steps: (1) SUBMISSIONS real submissions, 4 clients, each verified on 32 hidden seeds, with the
# CPU time of the server, the database cluster and the load client; (2a) the same number of shifts
# with one barista eval process over all the seeds (steps 1 and 2a alternate ROUNDS times,
# default 3); (2b) the same evaluations as one `--seeds 32` run per submission, two at a time with
# one thread each (as the server's two workers run them); (3) 10^5 evaluations of 10^4 players inserted directly, then board reads by
# four new players far down the board: closed loop with 4 clients and with 1, then open loop at
# 50, 100 and 200 reads a second; the board query's plan.
set -euo pipefail
cd "$(dirname "$0")/.."
level=${1:-12}
script=${2:-Levels/starters/12-full-day.brew}
submissions=${3:-128}
seeds=32
bin=${BIN:-.build/release}
: "${DATABASE_URL:?set DATABASE_URL to a superuser postgres:// URL}"
for tool in "$bin/barista-league" "$bin/barista"; do
  [ -x "$tool" ] || { echo "league-load.sh: $tool is not built (see the top of this script)" >&2; exit 2; }
done
db="league_bench_$$"
bench_url="${DATABASE_URL%/*}/$db"
psql "$DATABASE_URL" -qc "CREATE DATABASE $db"
log=$(mktemp)
"$bin/barista-league" --port 0 --database-url "$bench_url" --seed-secret "bench-secret-0123456789" --seeds $seeds \
  --queue 1000 --rate-limit 10000 --migrate --log-level warning >"$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  psql "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  rm -f "$log"
}
trap cleanup EXIT
for _ in $(seq 600); do grep -q "listening on" "$log" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
[ -n "$url" ] || { echo "league-load.sh: the server did not start:" >&2; cat "$log" >&2; exit 1; }
load() { "$bin/barista-league" load --url "$url" --level "$level" --script "$script" --server-pid "$server" "$@"; }

# CPU seconds (user + system) of a process, and of the database cluster: its postmaster, the
# backends it has reaped (cutime, cstime) and the live ones (needs to read postmaster.pid).
cpu() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }
pg_dir=$(psql "$DATABASE_URL" -Atc "SHOW data_directory")
postmaster=$(head -1 "$pg_dir/postmaster.pid" 2>/dev/null || true)
cluster_cpu() {
  [ -n "$postmaster" ] || { echo "?"; return; }
  local p total=0
  for p in $postmaster $(pgrep -P "$postmaster"); do
    total=$((total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  awk -v n="$total" -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", n / t}'
}
minus() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a - b}'; }

for round in $(seq "${ROUNDS:-3}"); do
  echo "== 1. verification, round $round: $submissions submissions of $script on level $level, $seeds hidden seeds each, 4 clients"
  s0=$(cpu "$server"); p0=$(cluster_cpu)
  /usr/bin/time -f "  load client CPU: %U s user, %S s system" "$bin/barista-league" load --url "$url" --level "$level" \
    --script "$script" --server-pid "$server" --clients 4 --submissions "$submissions" --reads 0
  s1=$(cpu "$server"); p1=$(cluster_cpu)
  echo "  CPU for the $submissions submissions: server $(minus "$s1" "$s0") s, PostgreSQL $( [ "$p0" = "?" ] && echo "?" || minus "$p1" "$p0") s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== 2a. round $round: the same number of shifts with one barista eval process ($((submissions * seeds)) seeds, one thread per core, nothing saved)"
  /usr/bin/time -f "barista eval, one process: %e s wall, %U s user, %S s system" \
    "$bin/barista" eval "$level" "$script" --seeds $((submissions * seeds)) --no-save >/dev/null 2>/tmp/league-load-eval.$$ \
    || { cat /tmp/league-load-eval.$$ >&2; exit 1; }
  tail -1 /tmp/league-load-eval.$$
  rm -f /tmp/league-load-eval.$$
done
echo "== 2b. the same evaluations as $submissions runs of barista eval --seeds $seeds --jobs 1, two at a time"
/usr/bin/time -f "barista eval, $submissions runs two at a time: %e s wall, %U s user, %S s system" \
  bash -c "seq $submissions | xargs -P 2 -I{} '$bin/barista' eval '$level' '$script' --seeds $seeds --jobs 1 --no-save >/dev/null 2>&1"
echo "== 3. board reads at 10^5 stored evaluations (inserted directly), by 4 new players with one verified submission each"
load --clients 4 --submissions 4 --reads 5000 --fill 100000 --fill-players 10000 --database-url "$bench_url"
echo "== the same with one client (no client waits for another's core)"
load --clients 1 --submissions 1 --reads 2000
echo "== open loop: 1500 reads at each of 50, 100 and 200 a second over 4 clients, latency from each read's due time"
load --clients 4 --submissions 4 --reads 1500 --rate 50,100,200
