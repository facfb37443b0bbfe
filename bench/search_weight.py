#!/usr/bin/env python3
"""Search cost: page weight before search is used, index size, first-results latency, Lighthouse.

Usage: .venv/bin/python bench/search_weight.py [--site DIR --port N] [--lighthouse] [--runs N]

Serves the site with gzip (level 6, as common static hosts do) and, in Debian's chromium:

- loads each page (home, a case, the timeline, in every language built) cold (new browser
  context, empty cache) and sums the bytes transferred until the network is idle, before anything
  is typed or focused (target: <= 80 KB); also counts the page's elements (Lighthouse's DOM size);
- focuses the search box and counts the search-index requests that follow (target: exactly one,
  for the page's own language), their bytes, and the time until the search is ready;
- types every query of tests/search_queries.yml and times keystroke -> first result shown
  (target: <= 300 ms once the index is loaded);
- prints each language's index size, raw and gzipped (target: <= 150 KB gzipped);
- with --lighthouse, runs Lighthouse (mobile, performance only) --runs times per page and prints
  the median (target: >= 98). Lighthouse is not a project dependency; install it beside the
  project once with `npm install --no-save --no-package-lock lighthouse@12.8.2` (it drives
  Debian's chromium through CHROME_PATH, nothing is downloaded), or point LIGHTHOUSE at its
  executable.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from search_common import COMPRESSIBLE, ROOT, build, free_port, gzip_size, serve

import search_harness as sh

PAGE_KINDS = ["", "cases/mombasa-nairobi-sgr/", "timeline/"]
# Every language of the site, in the harness's order (zh, en, zh-hant); those not built are left out.
PAGES = [root + kind for root in sh.LANG_ROOT.values() for kind in PAGE_KINDS]
LIGHTHOUSE = Path(os.environ.get("LIGHTHOUSE") or ROOT / "node_modules" / ".bin" / "lighthouse")

# Records the time of the last key event in the search box and of the first result shown after it.
TIMER = """() => {
  const box = document.querySelector('input.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  window.__searchTimes = [];
  box.addEventListener('keyup', () => { window.__keyAt = performance.now(); }, true);
  new MutationObserver(() => {
    if (window.__keyAt && list.querySelector('.md-search-result__item')) {
      window.__searchTimes.push(performance.now() - window.__keyAt);
      window.__keyAt = 0;
    }
  }).observe(list, {childList: true});
}"""


def is_index(url: str) -> bool:
    return url.split("?")[0].endswith("/search/search_index.json")


def transfer(page, site: Path, base: str) -> list[tuple[str, int]]:
    """Each request's body as a gzip-serving host sends it: the file on disk, gzipped (level 6)
    when compressible. (Playwright reports no body size for worker scripts, hence the disk.)"""
    out = []
    for url in page._reqs:
        rel = url.split("?")[0].split("#")[0].replace(base, "", 1)
        path = site / rel
        if path.is_dir():
            path = path / "index.html"
        if url.startswith(base) and path.is_file():
            out.append((url, gzip_size(path) if path.suffix in COMPRESSIBLE else path.stat().st_size))
    return out


def cold_load(browser, url: str, site: Path, base: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    page._reqs = []
    page.on("request", lambda r: page._reqs.append(r.url))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    before = transfer(page, site, base)
    elements = page.evaluate("document.getElementsByTagName('*').length")
    page._reqs = []
    start = time.perf_counter()
    page.locator("input.md-search__input").click()
    page.wait_for_function(f"!{sh.INITIALISING}.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=30000)
    ready = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    after = transfer(page, site, base)
    context.close()
    return {"before_bytes": sum(b for _, b in before),
            "before_requests": len(before),
            "before_index_requests": [u for u, _ in before if is_index(u)],
            "focus_index_requests": [u for u, _ in after if is_index(u)],
            "focus_bytes": sum(b for _, b in after), "ready_ms": ready * 1000, "elements": elements,
            "largest": sorted(before, key=lambda x: -x[1])[:4]}


def latency(browser, url: str, queries) -> list[float]:
    page = browser.new_page()
    sh.open_search(page, url)
    page.evaluate(TIMER)
    for q in queries:
        sh.type_query(page, q.q)
    times = page.evaluate("window.__searchTimes")
    page.close()
    return times


def lighthouse(url: str, runs: int) -> float | None:
    if not LIGHTHOUSE.exists():
        return None
    scores = []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run([str(LIGHTHOUSE), url, "--only-categories=performance", "--form-factor=mobile",
                            "--chrome-flags=--headless=new --no-sandbox", "--output=json",
                            f"--output-path={out.name}", "--quiet"],
                           env={**os.environ, "CHROME_PATH": sh.CHROMIUM}, check=True, timeout=300)
            scores.append(json.loads(Path(out.name).read_text())["categories"]["performance"]["score"] * 100)
    return statistics.median(scores)


def static_weights(site: Path) -> list[tuple[int, int, str]]:
    """Every built page: (bytes of the page and what it links to load, bytes of its own HTML,
    path), gzipped as served; the same sum the browser sees before anything is used, counted
    from the files (stylesheets, scripts and icon each page names)."""
    sizes: dict[Path, int] = {}

    def size(path: Path) -> int:
        if path not in sizes:
            sizes[path] = gzip_size(path) if path.suffix in COMPRESSIBLE else path.stat().st_size
        return sizes[path]
    rows = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if "http-equiv=\"refresh\"" in html:
            continue  # a redirect page
        refs = re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html)
        refs += re.findall(r'<script src="([^"]+)"', html)
        total = size(page)
        for ref in refs:
            target = (site / ref.lstrip("/")) if ref.startswith("/") else (page.parent / ref)
            if target.resolve().is_file():
                total += size(target.resolve())
        rows.append((total, size(page), str(page.relative_to(site))))
    return sorted(rows, reverse=True)


def print_static(site: Path, limit: int = 80_000) -> None:
    rows = static_weights(site)
    totals = sorted(r[0] for r in rows)
    shared = sorted(r[0] - r[1] for r in rows)
    over = [r for r in rows if r[0] > limit]
    print(f"every page, before search is used: {len(rows)} pages, median {statistics.median(totals) / 1000:.1f} KB,"
          f" p90 {totals[int(len(totals) * 0.9)] / 1000:.1f} KB, max {totals[-1] / 1000:.1f} KB;"
          f" all but the page's own HTML {shared[0] / 1000:.1f}–{shared[-1] / 1000:.1f} KB;"
          f" {len(rows) - len(over)} of {len(rows)} within {limit // 1000} KB")
    kinds: dict[str, list] = {}
    for total, own, path in over:
        kind = path.replace("zh-hant/", "").replace("en/", "")
        kind = kind.split("/")[0] + "/…" if kind.count("/") > 1 else kind
        kinds.setdefault(kind, []).append((total, own))
    for kind, items in sorted(kinds.items(), key=lambda kv: -max(t for t, _ in kv[1])):
        print(f"   over {limit // 1000} KB: {kind} ×{len(items)}, {min(t for t, _ in items) / 1000:.1f}–"
              f"{max(t for t, _ in items) / 1000:.1f} KB (own HTML {min(o for _, o in items) / 1000:.1f}–"
              f"{max(o for _, o in items) / 1000:.1f} KB)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", type=Path)
    ap.add_argument("--port", type=int)
    ap.add_argument("--lighthouse", action="store_true")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        port = args.port or free_port()
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site, f"http://127.0.0.1:{port}/")
        for lang, rel in sh.INDEX_PATH.items():
            path = site / rel.lstrip("/")
            if path.is_file():
                print(f"index {lang}: {path.stat().st_size / 1000:.0f} KB raw, {gzip_size(path) / 1000:.1f} KB gzip")
        print_static(site)
        pages = [rel for rel in PAGES if (site / rel / "index.html").is_file()]
        with serve(site, port) as url, sync_playwright() as p:
            browser = sh.launch(p)
            for rel in pages:
                r = cold_load(browser, url + rel, site, url)
                print(f"/{rel}: {r['before_bytes'] / 1000:.1f} KB in {r['before_requests']} requests before search,"
                      f" {r['elements']} elements"
                      f" (index requests: {len(r['before_index_requests'])}); first focus: "
                      f"{len(r['focus_index_requests'])} index request(s) {[u.replace(url, '/') for u in r['focus_index_requests']]},"
                      f" {r['focus_bytes'] / 1000:.1f} KB, search ready {r['ready_ms']:.0f} ms after the click")
                print("   largest:", ", ".join(f"{u.replace(url, '/')} {b / 1000:.1f} KB" for u, b in r["largest"]))
            queries = sh.load_queries()
            for lang, items in queries.items():
                times = latency(browser, url + sh.LANG_ROOT[lang], items)
                if times:
                    times.sort()
                    print(f"latency {lang}: {len(times)} queries, median {statistics.median(times):.0f} ms, "
                          f"p95 {times[int(len(times) * 0.95) - 1]:.0f} ms, max {times[-1]:.0f} ms")
            browser.close()
            if args.lighthouse:
                if not LIGHTHOUSE.exists():
                    print("lighthouse: not installed (npm install --no-save --no-package-lock lighthouse@12.8.2)")
                for rel in pages:
                    score = lighthouse(url + rel, args.runs)
                    if score is not None:
                        print(f"lighthouse mobile performance /{rel}: {score:.0f} (median of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
