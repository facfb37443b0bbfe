"""What the parallel views and "Where the reports disagree" cost in build time.

Builds the site once under cProfile (in a subprocess, into a temporary folder)
and prints, for the steps these features add, their cumulative time and share
of the build: numbering the chapter blocks, checking the alignment, writing
the parallel pages, the disagreement markers and pages. The parallel and
disagreement pages also cost what any page costs MkDocs and Material to
render; that part is estimated from the build's average time per page.
Profiling slows everything down by about the same factor, so read the
shares, not the seconds.

Usage: .venv/bin/python bench/issue13_cost.py
"""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
import tempfile
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
}


def main() -> int:
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


if __name__ == "__main__":
    sys.exit(main())
