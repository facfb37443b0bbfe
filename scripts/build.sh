#!/usr/bin/env bash
# Set up, then build the site into site/ (strict), or `serve` it at http://127.0.0.1:8000/.
#   SITE_LANGS=zh scripts/build.sh serve   one-language preview: rebuilds in about half the time
# SOURCE_DATE_EPOCH is the last commit's time, so two builds of one commit are
# byte-identical on any day (sitemap dates included).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
if [ -z "${SOURCE_DATE_EPOCH:-}" ] && git rev-parse --git-dir >/dev/null 2>&1; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)
  export SOURCE_DATE_EPOCH
fi
case "${SITE_LANGS:-zh,en}" in
  zh) export SITE_BUILD_EN=false ;;
  zh,en|en,zh) ;;
  *) echo "SITE_LANGS must be 'zh' or 'zh,en'" >&2; exit 2 ;;
esac
if [ "${1:-build}" = "serve" ]; then
  SITE_URL=${SITE_URL:-http://127.0.0.1:8000/} exec .venv/bin/mkdocs serve --strict -a 127.0.0.1:8000
fi
exec .venv/bin/mkdocs build --strict
