#!/bin/bash
# Checks that two builds of barista make the same shifts: every shipped level, seeds 1–7, the
# built-in strategies and the level's solution and starter scripts, compared by digest and status.
# For changes meant to make the engine faster without changing what it does.
#   Benchmarks/same-shifts.sh /tmp/old-barista .build/release/barista
set -uo pipefail
old=$1 new=$2
digest() { "$1" run "${@:2}" --json --no-save 2>/dev/null | python3 -c 'import sys, json; d = json.load(sys.stdin); print(d["digest"], d["status"])'; }
runs=0 differ=0
compare() {
    runs=$((runs + 1))
    a=$(digest "$old" "$@") b=$(digest "$new" "$@")
    [ "$a" == "$b" ] || { differ=$((differ + 1)); echo "differs: $* ($a / $b)"; }
}
for level in Levels/*.yaml; do
    name=$(basename "$level" .yaml)
    for seed in 1 2 3 4 5 6 7; do
        for strategy in blocking polling event; do compare "$level" --strategy "$strategy" --seed "$seed"; done
        for script in Tests/CoffeeGameTests/Solutions/"$name"/*.brew Levels/starters/"$name"*.brew; do
            [ -f "$script" ] && compare "$level" "$script" --seed "$seed"
        done
    done
done
echo "$runs shifts compared, $differ differ"
[ "$differ" -eq 0 ]
