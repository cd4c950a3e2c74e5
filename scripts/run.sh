#!/usr/bin/env bash
# Installs what is missing, builds Loupe (optimised) and opens it on the box demo project
# (`loupe demo`; the image-label demo is `loupe demo --kind classification`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target loupe
demo="${LOUPE_DEMO:-$root/build/demo/box-demo.loupe}"
if [ ! -f "$demo" ]; then
  echo "run: building the box demo project from the Fashion-MNIST package (first run only)"
  mkdir -p "$(dirname "$demo")"
  build/release/app/loupe demo "$demo"
fi
exec build/release/app/loupe "$demo" "$@"
