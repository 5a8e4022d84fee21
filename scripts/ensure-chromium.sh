#!/usr/bin/env bash
# Makes sure the headless browser the web-view test drives is present: Debian's chromium package (no npm
# package may download a browser). Prints the browser's path. Installs it once when it is missing and this
# machine can (root with apt-get); otherwise it says how to get one and exits non-zero.
# CHROMIUM_PATH points at another Chromium build instead.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  echo "$browser"
  exit 0
fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
  exit 1
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[ensure-chromium] installing Debian's chromium package (once per machine)" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "$browser"
  exit 0
fi
echo "no Chromium at $browser: install Debian's chromium package (sudo apt-get install -y chromium) or set CHROMIUM_PATH" >&2
exit 1
