#!/usr/bin/env bash
# CI's check that the Arduino sketch compiles: stages it as `loupe device flash` does (the sketch,
# the shared firmware sources under src/firmware/, a model header) and compiles every file with
# arm-none-eabi-g++ for the Nano 33 BLE Sense's Cortex-M4F, against the stand-ins for the
# Arduino, mbed and Arduino_OV767X headers in sketch_stand_ins/ (declarations of the calls the
# sketch makes). C++17, the Arduino mbed core's dialect; warnings are errors. Nothing is linked.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cxx="${ARM_CXX:-arm-none-eabi-g++}"
command -v "$cxx" >/dev/null || { echo "compile_sketch: $cxx not found (install gcc-arm-none-eabi)" >&2; exit 1; }
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
sketch="$stage/loupe_board"
cp -r "$root/firmware/sketch/loupe_board" "$sketch"
mkdir -p "$sketch/src/firmware"
for part in protocol runtime inference board; do cp -r "$root/firmware/$part" "$sketch/src/firmware/"; done
# arduino-cli turns the .ino into C++ with Arduino.h first.
{ echo '#include <Arduino.h>'; cat "$sketch/loupe_board.ino"; } >"$sketch/loupe_board.ino.cpp"
flags=(-std=gnu++17 -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Os -fno-exceptions -fno-rtti
       -Wall -Wextra -Werror -isystem "$root/tests/firmware/sketch_stand_ins" -I "$sketch" -I "$sketch/src")
count=0
while IFS= read -r -d '' f; do
  "$cxx" "${flags[@]}" -c "$f" -o "$stage/$(basename "$f").o"
  count=$((count + 1))
done < <(find "$sketch" -name '*.cpp' -print0)
echo "compile_sketch: $count files compiled for Cortex-M4F"
