#!/usr/bin/env bash
# Rebuilds the seed corpus in Fuzz/corpus from what the repository ships: levels, starters,
# strategies, test fixtures and a few replays. Run it after adding levels or fixtures.
set -euo pipefail
cd "$(dirname "$0")"
root=..
rm -rf corpus && mkdir -p corpus/compiler corpus/level corpus/replay
# Scripts: each starter and solution with the '# level: N' line the compiler target reads.
for f in "$root"/Levels/starters/*.brew; do
  n=$(basename "$f" | cut -c1-2)
  { echo "# level: $n"; cat "$f"; } > "corpus/compiler/starter-$(basename "$f")"
done
for f in "$root"/Tests/CoffeeGameTests/Solutions/*/*.brew; do
  d=$(basename "$(dirname "$f")")
  { echo "# level: ${d:0:2}"; cat "$f"; } > "corpus/compiler/solution-$d-$(basename "$f")"
done
for f in "$root"/Strategies/*.brew "$root"/Tests/BrewScriptTests/Fixtures/*.brew "$root"/Tests/Hostile/*.brew; do
  [ -e "$f" ] && cp "$f" "corpus/compiler/$(basename "$(dirname "$f")")-$(basename "$f")"
done
# Levels: the shipped ones, the example shop and the hostile fixtures.
for f in "$root"/Levels/*.yaml "$root"/Strategies/*.yaml "$root"/Tests/Hostile/*.yaml; do
  [ -e "$f" ] && cp "$f" "corpus/level/$(basename "$f")"
done
# Replays: the fixtures the tests use.
for f in "$root"/Tests/Hostile/*.replay "$root"/Fuzz/replays/*.replay; do
  [ -e "$f" ] && cp "$f" "corpus/replay/$(basename "$f")"
done
ls corpus/* | wc -l
