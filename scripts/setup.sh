#!/usr/bin/env bash
# Install what the build needs into .venv; with --test, also what the tests need
# (Anki's backend and desktop app, MathJax from npm, Debian's chromium and xvfb). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  "${PYTHON:-python3}" -m venv .venv
fi
if [ "${1:-}" != "--test" ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -e .
  exit 0
fi

.venv/bin/pip install --quiet --disable-pip-version-check -e ".[test]"
[ -d node_modules/mathjax-full ] || npm ci --no-audit --no-fund --loglevel=error

debs=(chromium chromium-driver xvfb xauth fonts-dejavu-core libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4
      libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
      libnss3 libxcomposite1 libxdamage1 libxrandr2 libgbm1 libasound2 libxtst6)
missing=()
for deb in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing+=("$deb")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
