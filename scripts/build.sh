#!/usr/bin/env bash
# Set up, then build the site into site/ (strict), or `serve` it at http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
if [ "${1:-build}" = "serve" ]; then
  SITE_URL=${SITE_URL:-http://127.0.0.1:8000/} exec .venv/bin/mkdocs serve --strict -a 127.0.0.1:8000
fi
exec .venv/bin/mkdocs build --strict
