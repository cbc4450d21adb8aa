#!/bin/bash
# Times two builds of barista side by side: runs `bench` with each in turn, N times, and prints
# every user-CPU time sorted (the smallest is the least disturbed). The machine's speed drifts
# from minute to minute, so only builds timed together compare.
#   Benchmarks/compare.sh 15 /tmp/old-barista .build/release/barista
#   Benchmarks/compare.sh 15 /tmp/old-barista .build/release/barista --script Benchmarks/event.brew
set -euo pipefail
runs=$1 old=$2 new=$3
shift 3
declare -a a b
for _ in $(seq "$runs"); do
    a+=("$( { /usr/bin/time -f %U "$old" bench "$@" >/dev/null; } 2>&1 | tail -1 )")
    b+=("$( { /usr/bin/time -f %U "$new" bench "$@" >/dev/null; } 2>&1 | tail -1 )")
done
echo "old: $(printf '%s\n' "${a[@]}" | sort -n | tr '\n' ' ')"
echo "new: $(printf '%s\n' "${b[@]}" | sort -n | tr '\n' ' ')"
