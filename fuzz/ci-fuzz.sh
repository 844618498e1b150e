#!/bin/sh
# CI fuzz stage (issue 4, item 4): build the libFuzzer harnesses with clang
# (-Dfuzzing=true, in build-fuzz/) and run each for FUZZ_SECONDS (default
# 60) with the dictionary, starting from a scratch copy of its seed corpus
# plus its regression inputs. A crash, an oracle failure, a leak or a
# timeout fails the stage and prints the reproducer (path and hex).
#
#   sh fuzz/ci-fuzz.sh                  # every harness, 60 s each
#   FUZZ_SECONDS=600 sh fuzz/ci-fuzz.sh fuzz_parse
#
# Installs nothing: needs clang and libclang-rt-14-dev (the libFuzzer and
# sanitizer runtimes), meson and ninja. FUZZ_BUILD picks another build
# directory; the reproducers of a failed run are kept under it, in
# fuzz-artifacts/.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD:-$src/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
harnesses=${*:-"fuzz_parse fuzz_roundtrip fuzz_differential fuzz_build fuzz_semantics fuzz_example"}

if [ -d "$build" ]; then
  CC=clang meson setup --reconfigure "$build" "$src" -Dfuzzing=true -Dtests=false >/dev/null
else
  CC=clang meson setup "$build" "$src" -Dfuzzing=true -Dtests=false >/dev/null
fi
targets=""
for h in $harnesses; do
  [ -f "$src/fuzz/$h.c" ] && targets="$targets fuzz/$h"
done
# shellcheck disable=SC2086 # one word per target
ninja -C "$build" $targets >"$build/fuzz-build.log" 2>&1 || {
  tail -n 30 "$build/fuzz-build.log"
  echo "fuzz: the build failed"
  exit 1
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
artifacts="$build/fuzz-artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts"

failed=0
ran=0
for h in $harnesses; do
  exe="$build/fuzz/$h"
  if [ ! -x "$exe" ]; then
    echo "fuzz: $h: not built (its source is missing), skipped"
    continue
  fi
  corpus="$scratch/$h"
  mkdir -p "$corpus"
  # libFuzzer adds what it finds to the first directory: the scratch copy.
  if [ -d "$src/fuzz/corpus/$h" ]; then
    cp -R "$src/fuzz/corpus/$h"/. "$corpus"/
  fi
  seeds=""
  [ -d "$src/fuzz/regressions/$h" ] && seeds="$src/fuzz/regressions/$h"
  log="$scratch/$h.log"
  echo "fuzz: $h for ${seconds}s"
  # shellcheck disable=SC2086 # $seeds is empty or one directory
  if "$exe" -dict="$src/fuzz/link.dict" -max_total_time="$seconds" -max_len=4096 \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$h-" "$corpus" $seeds >"$log" 2>&1; then
    ran=$((ran + 1))
    # the last status line: executions, coverage (cov:, ft:) and corpus size
    grep -E '^#[0-9]+' "$log" | tail -n 1
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added):' "$log" |
      tr '\n' ' '
    echo
  else
    failed=$((failed + 1))
    echo "fuzz: $h FAILED"
    grep -E 'oracle failed|ERROR: |SUMMARY: |^    #[0-9] ' "$log" | head -n 30
    for f in "$artifacts/$h-"*; do
      [ -f "$f" ] || continue
      echo "reproducer: $f ($(wc -c <"$f") bytes)"
      od -An -tx1 -v "$f" | head -n 64
      echo "reproduce: $exe $f"
      echo "keep it:   cp $f $src/fuzz/regressions/$h/"
    done
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "fuzz: $failed harness(es) failed"
  exit 1
fi
echo "fuzz: $ran harness(es) ran ${seconds}s each without a crash"
