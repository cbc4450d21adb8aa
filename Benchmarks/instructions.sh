#!/bin/bash
# Instructions per order of `barista bench`, from valgrind's callgrind: steadier than times on a
# shared machine. The difference between a 60,000-order and a 20,000-order day, over 40,000, so
# start-up (argument parsing, loading) cancels out.
#   Benchmarks/instructions.sh                                    # the built-in Swift strategy
#   Benchmarks/instructions.sh --script Benchmarks/event.brew     # the same strategy in BrewScript
# Uses .build/release/barista (BARISTA_BIN to choose another); needs valgrind.
set -euo pipefail
bin=${BARISTA_BIN:-.build/release/barista}
copy=$(mktemp)
trap 'rm -f "$copy"' EXIT
# valgrind cannot read Swift's debug info: count on a copy without it.
cp "$bin" "$copy" && chmod +x "$copy" && strip --strip-debug "$copy"
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$copy" bench --orders "$1" "${@:2}" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
small=$(count 20000 "$@")
large=$(count 60000 "$@")
echo "instructions per order: $(( (large - small) / 40000 ))"
