#!/usr/bin/env bash
# Set up, then build the site into site/ (strict), or `serve` it at http://127.0.0.1:8000/.
#   SITE_LANGS=zh scripts/build.sh serve   one-language preview: rebuilds in about a third of the time
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
# SITE_LANGS: the languages to build, Simplified always (the others are made beside it):
# zh, zh,en, zh,zh-hant or all three (the default).
SITE_LANGS=${SITE_LANGS:-zh,en,zh-hant}
case ",$SITE_LANGS," in *,zh,*) ;; *) echo "SITE_LANGS must include zh (the default language)" >&2; exit 2 ;; esac
for lang in ${SITE_LANGS//,/ }; do
  case "$lang" in zh|en|zh-hant) ;; *) echo "SITE_LANGS: unknown language '$lang' (zh, en, zh-hant)" >&2; exit 2 ;; esac
done
case ",$SITE_LANGS," in *,en,*) ;; *) export SITE_BUILD_EN=false ;; esac
case ",$SITE_LANGS," in *,zh-hant,*) ;; *) export SITE_BUILD_HANT=false ;; esac
if [ "${1:-build}" = "serve" ]; then
  SITE_URL=${SITE_URL:-http://127.0.0.1:8000/} exec .venv/bin/mkdocs serve --strict -a 127.0.0.1:8000
fi
exec .venv/bin/mkdocs build --strict
