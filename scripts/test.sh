#!/usr/bin/env bash
# Set up (chromium included), then run every check: the test suite (unit,
# strict build, real browser), and, where ../shared is present, the
# provenance and copy checks on the content.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export NO_MKDOCS_2_WARNING=1
status=0
.venv/bin/python -m pytest -q -p no:cacheprovider "$@" || status=$?
if [ -d ../shared/tools ]; then
  .venv/bin/python ../shared/tools/provenance.py data || status=1
  .venv/bin/python ../shared/tools/copycheck.py docs data || status=1
fi
exit $status
