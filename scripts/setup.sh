#!/usr/bin/env bash
# Install what the build needs into .venv (and MathJax from npm, so builds typeset every formula);
# with --test, also what the tests need: Anki's backend and desktop app, ruff, Debian's chromium and xvfb.
# Safe to run again: it does nothing when nothing changed, and rebuilds a broken .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-build}"

python=""
for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python="$candidate"; break
  fi
done
if [ -z "$python" ]; then
  echo "setup: needs Python 3.11 or newer (Debian 12: apt install python3 python3-venv)" >&2
  exit 1
fi
if [ -d .venv ] && ! .venv/bin/python -c 'import sys, pip' >/dev/null 2>&1; then
  echo "setup: .venv is broken (an interrupted setup?); making a new one" >&2
  rm -rf .venv
fi
if [ ! -d .venv ]; then
  "$python" -m venv .venv || { echo "setup: python3 -m venv failed (Debian: apt install python3-venv)" >&2; exit 1; }
fi

# pip runs only when pyproject.toml changed (a test install also serves a build)
key=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ "$mode" = "--test" ]; then wanted="$key-test"; extras="[test]"; else wanted="$key"; extras=""; fi
if { [ ! -f "$wanted" ] && [ ! -f "$key-test" ]; } || ! .venv/bin/python -c 'import mldeck, build_deck' 2>/dev/null; then
  .venv/bin/pip install --quiet --disable-pip-version-check -e ".$extras"
  rm -f .venv/.installed-*
  touch "$wanted"
fi

if [ ! -d node_modules/mathjax-full ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    echo "setup: npm not found, so formulas are checked statically only (Debian: apt install nodejs npm)" >&2
  fi
fi
[ "$mode" = "--test" ] || exit 0

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
