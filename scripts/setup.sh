#!/usr/bin/env bash
# Installs whatever Loupe needs that this machine lacks. Idempotent and non-interactive;
# runs as root or through sudo. Everything comes from Debian packages and the npm registry.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

mapfile -t wanted < <(grep -vE '^\s*(#|$)' "$here/packages.txt")
missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

# Debian's npm conflicts with Node.js builds that bundle their own npm: add it only when absent.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${#missing[@]} Debian package(s): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi

# npm packages used by tests (onnxruntime-node checks exported ONNX models). Install scripts
# are skipped: the package ships its native binary inside the registry tarball.
if [ -f "$root/tests/onnx/package.json" ] && [ ! -d "$root/tests/onnx/node_modules/onnxruntime-node" ]; then
  echo "setup: installing npm packages for tests/onnx"
  (cd "$root/tests/onnx" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
