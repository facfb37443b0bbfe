"""What the parallel views, "Where the reports disagree" and the Traditional edition cost.

Builds the site once under cProfile (in a subprocess, into a temporary folder)
and prints, for the steps these features add, their cumulative time and share
of the build: numbering the chapter blocks, checking the alignment, writing
the parallel pages, the disagreement markers and pages. The parallel and
disagreement pages also cost what any page costs MkDocs and Material to
render; that part is estimated from the build's average time per page.
Profiling slows everything down by about the same factor, so read the
shares, not the seconds.

Then (unless --no-hant) it times whole builds with and without the Traditional
Chinese edition (SITE_BUILD_HANT=false), alternating, median of --runs, at
today's data and with --extra synthetic cases, and prints the edition's cost
and how the build grows with the page count (linear: t ratio / page ratio
close to 1).

Usage: .venv/bin/python bench/issue13_cost.py [--runs 3] [--extra 200 1000] [--no-hant]
"""

from __future__ import annotations

import argparse
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = {  # (file name, function) -> what it is
    ("main.py", "_parallel_step"): "chapters: p-n anchors, blocks kept (per page)",
    ("parallel.py", "problems"): "alignment check (after the last language)",
    ("parallel.py", "write"): "parallel pages filled in (after the last language)",
    ("parallel.py", "titles"): "page titles read (per language)",
    ("render.py", "parallel_page"): "parallel page frames rendered",
    ("disagreement_markers.py", "places"): "docs scanned for disagreement markers (per language)",
    ("disagreement_markers.py", "expand"): "disagreement markers expanded (per page)",
    ("render.py", "disagreements"): "the /disagreements/ pages rendered",
    ("hant.py", "convert_marked"): "Traditional edition: pages converted (OpenCC s2t)",
    ("hant.py", "convert"): "Traditional edition: metadata and labels converted",
    ("hant.py", "simplify"): "Traditional edition: search text cut as Simplified (t2s)",
}


def profile() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        prof, site = Path(tmp) / "build.prof", Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "-q",
                        "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)], cwd=ROOT, env=env, check=True)
        stats = pstats.Stats(str(prof)).stats
        pages = len(list(site.rglob("*.html")))
        added = len(list(site.rglob("parallel/index.html"))) + len(list(site.rglob("disagreements/index.html")))
    total = max(v[3] for v in stats.values())
    ours = 0.0
    print(f"profiled build: {total:.2f} s, {pages} HTML pages ({added} of them parallel or disagreement pages)")
    for (name, func), what in STEPS.items():
        cum = sum(v[3] for (f, _, fn), v in stats.items() if f.endswith("/" + name) and fn == func)
        ours += cum
        print(f"  {cum:6.3f} s  {100 * cum / total:5.1f} %  {what}")
    per_page = total / pages
    print(f"  steps above: {ours:.2f} s ({100 * ours / total:.1f} %); rendering the {added} added pages "
          f"≈ {added * per_page:.2f} s ({100 * added / pages:.1f} % of pages, at the average cost per page)")
    return 0


def timed_build(data_dir: Path, site: Path, hant: bool) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
           "SITE_DATA_DIR": str(data_dir), "SITE_BUILD_HANT": "true" if hant else "false"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def hant_cost(runs: int, extra: list[int]) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from compare_plain import synthetic_data
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for n in [0, *extra]:
            data = ROOT / "data" if n == 0 else synthetic_data(n, tmp)
            times: dict[bool, list[float]] = {True: [], False: []}
            pages: dict[bool, int] = {}
            for _ in range(runs):  # alternate, so that load on the machine hits both alike
                for hant in (True, False):
                    site = tmp / f"site-{n}-{hant}"
                    times[hant].append(timed_build(data, site, hant))
                    pages[hant] = len(list(site.rglob("*.html")))
            a, b = statistics.median(times[True]), statistics.median(times[False])
            rows.append((n, pages[True], a))
            print(f"+{n:<5} cases: with zh-hant {a:6.1f} s ({pages[True]} pages), without {b:6.1f} s "
                  f"({pages[False]} pages): the edition adds {a - b:5.1f} s ({100 * (a - b) / b:.0f} %)", flush=True)
    if len(rows) >= 3:  # from the smallest synthetic size to the largest
        (_, p0, t0), (_, p1, t1) = rows[1], rows[-1]
        print(f"growth with zh-hant: t ratio {t1 / t0:.2f} for {p1 / p0:.2f}x the pages ({(t1 / t0) / (p1 / p0):.2f} of linear)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--extra", type=int, nargs="*", default=[200, 1000])
    parser.add_argument("--no-hant", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    if not args.no_profile:
        profile()
    if not args.no_hant:
        hant_cost(args.runs, args.extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
