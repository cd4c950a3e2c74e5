#!/usr/bin/env bash
# Runs the protocol fuzzers for a while each (default 600 s) from their seed corpora, one after
# the other, and prints each one's last status line (execs/s, coverage) and any crash file.
#   tests/fuzz/run.sh [seconds] [target...]     targets: fuzz_frame_decoder fuzz_frame_assembler
#                                                        fuzz_board_session (default: all three)
# Needs the fuzzers built: cmake --build --preset asan --target loupe_fuzz_protocol
# ($LOUPE_FUZZ_BUILD overrides build/asan/tests/fuzz). Findings go to a scratch corpus and
# crash-*/leak-*/oom-* files in that build folder, never into the seeds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${LOUPE_FUZZ_BUILD:-$root/build/asan/tests/fuzz}"
seconds="${1:-600}"
shift || true
targets=("$@")
[ "${#targets[@]}" -eq 0 ] && targets=(fuzz_frame_decoder fuzz_frame_assembler fuzz_board_session)
declare -A seeds=([fuzz_frame_decoder]=corpus [fuzz_frame_assembler]=assembler_corpus
                  [fuzz_board_session]=session_corpus)
status=0
for t in "${targets[@]}"; do
  bin="$build/$t"
  [ -x "$bin" ] || { echo "$t: not built ($bin)" >&2; exit 2; }
  scratch="$build/long-corpus-$t"
  mkdir -p "$scratch"
  log="$build/$t.log"
  echo "=== $t: ${seconds} s"
  if ! (cd "$build" && ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$seconds" -rss_limit_mb=1024 \
        -malloc_limit_mb=256 -print_final_stats=1 "$scratch" "$root/tests/data/protocol/${seeds[$t]}" >"$log" 2>&1); then
    status=1
    echo "$t: FAILED (log: $log)"
    grep -E "^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)" "$log" || true
  fi
  grep -E "^#[0-9]+" "$log" | tail -1
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" "$log" || true
done
exit $status
