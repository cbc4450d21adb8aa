#!/usr/bin/env bash
# Fuzz one target for a set time: Fuzz/run.sh TARGET SECONDS [libFuzzer options…]
#   TARGET: compiler | level | replay        SECONDS: how long (libFuzzer's -max_total_time)
# Builds the fuzz package (debug, coverage + address sanitizer), seeds a working corpus from the
# repository's seeds (Fuzz/corpus/TARGET, rebuilt by Fuzz/seed.sh from shipped levels, starters
# and test fixtures) and runs with the limits of docs/fuzzing.md: no input may take over 10 s or
# 500 MB. A crash, hang or leak leaves its input in Fuzz/findings/TARGET and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: Fuzz/run.sh compiler|level|replay SECONDS}
seconds=${2:?usage: Fuzz/run.sh compiler|level|replay SECONDS}
shift 2
case "$target" in
  compiler) exe=FuzzCompiler ;;
  level) exe=FuzzLevel ;;
  replay) exe=FuzzReplay ;;
  *) echo "unknown target '$target': compiler, level or replay" >&2; exit 2 ;;
esac
[ -d "corpus/$target" ] || ./seed.sh
# libFuzzer without its main (see Package.swift), from the toolchain that builds the package.
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")
runtime=$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -n 1)
build=(swift build --product "$exe" -Xlinker "$runtime" -Xlinker -lstdc++)
"${build[@]}" >&2
bin=$("${build[@]}" --show-bin-path)/$exe
work=${FUZZ_WORK:-.work}/$target
findings=findings/$target
mkdir -p "$work" "$findings"
# The working corpus grows as the fuzzer finds new paths; the seeds in the repository stay as they are.
# The Swift runtime's own backtracer reads freed memory under the sanitizer: leave reports to ASan.
export SWIFT_BACKTRACE=enable=no
# Targets keep the shipped levels in a global loaded once; LeakSanitizer would call that a leak
# at exit and fail the run. Leaks are not what these targets look for (docs/fuzzing.md).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
exec "$bin" "$work" "corpus/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=500 -max_len=65536 \
  -detect_leaks=0 -artifact_prefix="$findings/" -print_final_stats=1 "$@"
