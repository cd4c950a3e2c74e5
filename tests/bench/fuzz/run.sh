#!/usr/bin/env bash
# Runs every libFuzzer target of the build for LOUPE_FUZZ_SECONDS (default 600) each, one after
# the other (the machine has two cores: one fuzzer at a time keeps exec rates comparable), from
# its seed corpus, and prints executions, exec/s, coverage and findings per target.
# Usage: tests/bench/run.sh fuzz          (builds the release preset first)
#        LOUPE_BUILD=build/asan LOUPE_FUZZ_SECONDS=60 tests/bench/fuzz/run.sh [target ...]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../smoke.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
build="${LOUPE_BUILD:-$root/build/release}"
seconds="${LOUPE_FUZZ_SECONDS:-$(tiny 600 1)}"
out="$build/fuzz-bench"
mkdir -p "$out"

seeds_for() {  # the seed corpus of a target, as the table in tests/fuzz/README.md lists them
  case "$1" in
    fuzz_frame_decoder) echo "$root/tests/data/protocol/corpus" ;;
    fuzz_frame_assembler) echo "$root/tests/data/protocol/assembler_corpus" ;;
    fuzz_board_session) echo "$root/tests/data/protocol/session_corpus" ;;
    fuzz_tflite_import) echo "$root/tests/data/fuzz/tflite" ;;
    *) echo "$root/tests/data/fuzz/${1#fuzz_}" ;;
  esac
}

mapfile -t targets < <(find "$build/tests/fuzz" -maxdepth 2 -type f -name 'fuzz_*' -perm -u+x | sort)
if [ "$#" -gt 0 ]; then
  wanted=("$@"); targets=()
  for w in "${wanted[@]}"; do targets+=("$(find "$build/tests/fuzz" -maxdepth 2 -type f -name "$w" | head -1)"); done
fi
[ "${#targets[@]}" -gt 0 ] || { echo "no fuzz targets under $build/tests/fuzz (is clang++ installed?)"; exit 1; }

printf '%-22s %8s %12s %9s %7s %9s\n' target seconds execs exec/s cov findings
failed=0
for bin in "${targets[@]}"; do
  name="$(basename "$bin")"
  work="$out/$name"; rm -rf "$work"; mkdir -p "$work/corpus" "$work/findings"
  log="$work/log.txt"
  set +e
  ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=512 \
    -timeout=10 -print_final_stats=1 -artifact_prefix="$work/findings/" -fork=0 \
    "$work/corpus" "$(seeds_for "$name")" >"$log" 2>&1
  set -e
  # A fuzzer that never started prints no stats; `|| true` lets the check below report it.
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1 || true)
  rate=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}' | tail -1 || true)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  findings=$(find "$work/findings" -type f | wc -l)
  printf '%-22s %8s %12s %9s %7s %9s\n' "$name" "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$findings"
  [ "$findings" -eq 0 ] || { ls "$work/findings" | sed 's/^/    /'; failed=1; }
  [ -n "$execs" ] || { echo "    $name did not run: see $log"; failed=1; }
done
exit "$failed"  # a finding, or a fuzzer that did not run, fails the benchmark (and the smoke run)
