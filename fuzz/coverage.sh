#!/bin/sh
# Coverage gate (issue 4, item 5): line and branch coverage of lib/ from the
# whole test suite (cmocka tests and the fuzz corpus replay), gcc + gcov,
# reported by gcovr (Debian package `gcovr`).
#
#   sh fuzz/coverage.sh            # builds in build-cov/, prints the figures
#
# Fails when lines < COVERAGE_MIN_LINES (98) or branches <
# COVERAGE_MIN_BRANCHES (90) percent. Installs nothing: needs gcc, meson,
# ninja, cmocka and gcovr. COVERAGE_BUILD picks another build directory.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${COVERAGE_BUILD:-$src/build-cov}
min_lines=${COVERAGE_MIN_LINES:-98}
min_branches=${COVERAGE_MIN_BRANCHES:-90}

command -v gcovr >/dev/null || { echo "coverage: gcovr not found (apt-get install gcovr)"; exit 1; }

# -O0 so that lines and branches are the ones in the source.
if [ -d "$build" ]; then
  CC=gcc meson setup --reconfigure "$build" "$src" -Db_coverage=true --buildtype=debug \
    -Dfuzzing=false >/dev/null
else
  CC=gcc meson setup "$build" "$src" -Db_coverage=true --buildtype=debug -Dfuzzing=false \
    >/dev/null
fi
ninja -C "$build" >"$build/coverage-build.log" 2>&1 || {
  tail -n 30 "$build/coverage-build.log"
  echo "coverage: the build failed"
  exit 1
}
find "$build" -name '*.gcda' -exec rm -f {} +
# Whether the tests pass is the test stage's business (some checks, such as
# the exported-symbol list, do not hold in an instrumented build); here a
# failure is shown and the coverage still counted.
if ! meson test -C "$build" >"$build/coverage-tests.log" 2>&1; then
  echo "coverage: note: tests that failed in the coverage build:"
  grep -E '^ *[0-9]+/[0-9]+ .* (FAIL|TIMEOUT)' "$build/coverage-tests.log" || true
fi
grep -E '^(Ok|Fail|Skipped|Timeout): ' "$build/coverage-tests.log" || true

cd "$build"
echo "== line coverage of lib/ =="
gcovr -r "$src" --object-directory "$build" --filter "$src/lib/" --exclude-unreachable-branches
echo "== branch coverage of lib/ =="
gcovr -r "$src" --object-directory "$build" --filter "$src/lib/" --exclude-unreachable-branches \
  --branches
summary=$(gcovr -r "$src" --object-directory "$build" --filter "$src/lib/" \
  --exclude-unreachable-branches --print-summary -o "$build/coverage-summary.txt")
# (never -o /dev/null: gcovr replaces its output file, and as root that turns
# the /dev/null device into a regular file for every later command)
echo "$summary"
lines=$(echo "$summary" | sed -n 's/^lines: *\([0-9.]*\)%.*/\1/p')
branches=$(echo "$summary" | sed -n 's/^branches: *\([0-9.]*\)%.*/\1/p')
ok=$(awk -v l="$lines" -v b="$branches" -v ml="$min_lines" -v mb="$min_branches" \
  'BEGIN { print (l + 0 >= ml && b + 0 >= mb) ? 1 : 0 }')
if [ -z "$lines" ] || [ -z "$branches" ] || [ "$ok" != 1 ]; then
  echo "coverage: FAILED: lib/ lines ${lines:-?}% (gate ${min_lines}%), branches ${branches:-?}% (gate ${min_branches}%)"
  exit 1
fi
echo "coverage: OK: lib/ lines ${lines}% (gate ${min_lines}%), branches ${branches}% (gate ${min_branches}%)"
