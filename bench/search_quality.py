#!/usr/bin/env python3
"""Search quality: hit@1 / hit@3 per language on tests/search_queries.yml, in Chromium.

Usage: .venv/bin/python bench/search_quality.py [--site DIR --port N] [-v]

Without --site, builds the site into a temporary folder first. --site serves a
site that was built before (e.g. from an older commit, for a before/after
comparison); --port must then be the port of the SITE_URL it was built with.
-v lists every query that missed, with the first three results.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from search_common import build, free_port, serve

import search_harness as sh


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", type=Path)
    ap.add_argument("--port", type=int)
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        port = args.port or free_port()
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site, f"http://127.0.0.1:{port}/")
        queries = sh.load_queries()
        with serve(site, port) as url, sync_playwright() as p:
            browser = sh.launch(p)
            for lang, items in queries.items():
                page = browser.new_page()
                outcomes = sh.run(page, url, items)
                s = sh.summary(outcomes)
                print(f"{lang}: {s['queries']} queries, hit@1 {s['hit1']:.1%}, hit@3 {s['hit3']:.1%}, "
                      f"empty {s['empty']}, section@1 {s['section_hit1']:.1%}")
                if args.v:
                    for o in outcomes:
                        if not (o.hit1 and o.hit3 and (o.section_hit or not o.query.section)):
                            print(f"   {'1' if o.hit1 else '-'}{'3' if o.hit3 else '-'} {o.query.q!r} "
                                  f"want {list(o.query.first)} got {[g[:2] for g in o.groups[:3]]}")
                page.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
