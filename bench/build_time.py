#!/usr/bin/env python3
"""Build-time benchmark: the real site, then the site with N extra synthetic cases.

Usage: .venv/bin/python bench/build_time.py [N ...]     (default: 200 1000)

Each synthetic case is a copy of data/cases/mombasa-nairobi-sgr.yml under a
new id, so the generated-page path (validation, rendering, both languages,
search index) is exercised at scale. Prints seconds per build and per case
page; growth should stay roughly linear (the nav holds only the case index).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(data_dir: Path, out: Path) -> float:
    env = {**os.environ, "SITE_DATA_DIR": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
                   cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def with_extra_cases(n: int, tmp: Path) -> Path:
    """data/ plus n synthetic cases (the same generator as compare_plain.py)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from compare_plain import synthetic_data
    return synthetic_data(n, tmp)


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base = len(list((ROOT / "data/cases").glob("*.yml")))
        seconds = build(ROOT / "data", tmp / "site-real")
        print(f"real site ({base} cases): {seconds:.1f} s")
        for n in sizes:
            seconds = build(with_extra_cases(n, tmp), tmp / f"site-{n}")
            print(f"+{n} cases ({base + n}): {seconds:.1f} s, {1000 * seconds / (base + n):.0f} ms per case")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200, 1000])
