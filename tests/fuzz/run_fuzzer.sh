#!/bin/sh
# Fuzzes one loader for a given time and prints what it found:
#   tests/fuzz/run_fuzzer.sh TARGET SECONDS [BUILD_DIR]
# TARGET is safetensors or vgg-loader. Configures and builds BUILD_DIR (default
# build-fuzz) with clang and -Dfuzz=true when needed, starts from the generated seed corpus
# and the regression inputs, keeps what it learns in BUILD_DIR/tests/fuzz/work/TARGET (a
# later run goes on from there), and writes crashes to BUILD_DIR/tests/fuzz/crashes/TARGET.
# Copy each crash into tests/fuzz/regressions/TARGET/ once fixed: the ordinary build's
# fuzz-replay-TARGET test then replays it for good. Exits 1 when it found a crash.
set -eu
cd "$(dirname "$0")/../.."
target=${1:?"usage: $0 TARGET SECONDS [BUILD_DIR]"}
seconds=${2:?"usage: $0 TARGET SECONDS [BUILD_DIR]"}
build=${3:-build-fuzz}
[ -f "$build/build.ninja" ] || CXX=clang++ meson setup "$build" -Dfuzz=true
meson compile -C "$build" -j 1 "fuzz-$target" fuzz-corpus

here="$build/tests/fuzz"
work="$here/work/$target"
crashes="$here/crashes/$target"
mkdir -p "$work" "$crashes"
# Leaks are reported too (libtorch's globals leave none); an input gets 10 s (a whole
# VGG-19 file is read in well under one).
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
"$here/fuzz-$target" "$work" "$here/corpus/$target" \
  "tests/fuzz/regressions/$target" -max_total_time="$seconds" -timeout=10 \
  -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 | tee "$here/$target.log" |
  grep -E "^#[0-9]+.*(INITED|DONE|pulse)|^(stat::|SUMMARY|==[0-9]+==ERROR)" || true
found=$(find "$crashes" -type f | wc -l)
echo "run_fuzzer.sh: $target: $found crash(es) in $crashes; corpus $(ls "$work" | wc -l) inputs"
find "$crashes" -type f -exec echo "run_fuzzer.sh: reproducer: {} (replay: $here/fuzz-$target {})" \;
[ "$found" -eq 0 ]
