#!/usr/bin/env bash
# A long fuzzing campaign: Fuzz/campaign.sh TARGET SECONDS [libFuzzer options…]
# Runs Fuzz/run.sh again for the time that is left whenever libFuzzer stops early on a timeout,
# after running the input alone and logging its CPU time and memory: on a loaded machine
# libFuzzer's wall-clock timeout also fires on inputs that were only starved of CPU. A crash or an
# out-of-memory stop ends the campaign (its input is in Fuzz/findings/TARGET). Prints a summary.
set -uo pipefail
cd "$(dirname "$0")"
target=${1:?usage: Fuzz/campaign.sh compiler|level|replay SECONDS}
total=${2:?usage: Fuzz/campaign.sh compiler|level|replay SECONDS}
shift 2
case "$target" in
  compiler) exe=FuzzCompiler ;; level) exe=FuzzLevel ;; replay) exe=FuzzReplay ;;
  *) echo "unknown target '$target'" >&2; exit 2 ;;
esac
start=$(date +%s)
runs=0 execs=0
while :; do
  left=$(( total - ($(date +%s) - start) ))
  [ "$left" -gt 0 ] || break
  runs=$((runs + 1))
  log=$(mktemp)
  ./run.sh "$target" "$left" "$@" >"$log" 2>&1
  status=$?
  n=$(grep -a '^stat::number_of_executed_units' "$log" | tail -n 1 | awk '{print $2}')
  execs=$((execs + ${n:-0}))
  if [ "$status" -eq 0 ]; then grep -a '^stat::' "$log" | sort -u; rm -f "$log"; break; fi
  artifact=$(grep -ao "Test unit written to [^ ]*" "$log" | tail -n 1 | sed 's/Test unit written to //')
  if grep -aq "ERROR: libFuzzer: timeout" "$log" && [ -n "$artifact" ]; then
    bin=$(swift build --show-bin-path)/$exe
    alone=$( { /usr/bin/time -f "%U s user, %e s wall, %M KB" env SWIFT_BACKTRACE=enable=no "$bin" "$artifact" >/dev/null 2>&1; } 2>&1 | tail -n 1)
    echo "timeout under load: $artifact; alone: $alone"
    rm -f "$log"
    continue
  fi
  echo "stopped (exit $status): ${artifact:-no input written}; log: $log"
  exit 1
done
echo "$target: $(( $(date +%s) - start )) s in $runs run(s), $execs inputs executed"
