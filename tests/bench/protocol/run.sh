#!/usr/bin/env bash
# Protocol benchmark: host decode/encode throughput and framing overhead (bench_protocol), then the
# virtual board's stream rate through a real pseudo-terminal (`loupe device stream --port virtual`),
# and the firmware's flash/RAM footprint (arm-none-eabi-size of virtual_board.elf).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../smoke.sh"
build="${LOUPE_BUILD:?set LOUPE_BUILD to the release build directory}"
"$build/tests/bench/protocol/bench_protocol"
if [ -x "$build/app/loupe" ] && command -v qemu-system-arm >/dev/null; then
  for n in $(seq "$(tiny 3 1)"); do
    "$build/app/loupe" device stream --port virtual --frames "$(tiny 200 20)" --json |
      python3 -c 'import json,sys; d=json.load(sys.stdin); print("virtual_board_stream run %s: fps %.1f bytes_per_s %.0f crc_errors %d dropped %d" % (sys.argv[1], d["fps"], d["bytes_per_s"], d["crc_errors"], d["dropped"]))' "$n"
  done
fi
if [ -f "$build/firmware/virtual_board/size.txt" ]; then
  echo "virtual_board.elf size (text = flash code+const, bss = static RAM):"
  cat "$build/firmware/virtual_board/size.txt"
fi
