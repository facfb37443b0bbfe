#!/usr/bin/env python3
"""How fast a contributor's saved change is back in the browser under `mkdocs serve`.

Usage: .venv/bin/python bench/preview.py [--rounds 3] [--back-to-back]

Copies the project to a temporary folder, starts `mkdocs serve` there (once
with every language, once with SITE_BUILD_EN=false and SITE_BUILD_HANT=false,
the `SITE_LANGS=zh` preview of scripts/build.sh), and for each round saves a changed case file
(YAML) and a changed chapter (Markdown), timing from the save to the moment
the served page shows the change. Each save is made on an idle server: the
bench waits until the search index, which `serve` writes after the page, holds
the change (and then its revert) before the next; with --back-to-back it saves
as soon as the page shows the last, so a save can wait for the work the last
one set off. Prints the median per kind and mode; exits 1 when the
one-language preview takes longer than 5 s (the target).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 5.0
sys.path.insert(0, str(ROOT))

from hooks.rendering.search_zh import MARK  # noqa: E402  (what the Chinese index joins words with)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, timeout: float = 120) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if needle in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.1)
    raise TimeoutError(f"{needle!r} did not appear at {url} within {timeout} s")


def wait_gone(url: str, needle: str, timeout: float = 120) -> None:
    """Wait until the revert of a change has been rebuilt too."""
    start = time.perf_counter()
    while needle in fetch(url) and time.perf_counter() - start < timeout:
        time.sleep(0.1)


def wait_index(url: str, needle: str, present: bool, timeout: float = 120) -> None:
    """Wait until the search index (written last, after the page, under serve) holds the mark
    or no longer does: then the server has finished the work that save set off."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if (needle in fetch(url).replace(MARK, "")) == present:
            return
        time.sleep(0.1)
    raise TimeoutError(f"the index at {url} did not {'gain' if present else 'lose'} {needle!r} within {timeout} s")


def measure(project: Path, one_language: bool, rounds: int, back_to_back: bool = False) -> dict[str, list[float]]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    if one_language:
        env["SITE_BUILD_EN"] = env["SITE_BUILD_HANT"] = "false"
    # Live reload on: `--no-livereload` also turns off the file watcher, so nothing would
    # ever be rebuilt. The server holds a request back until a running rebuild has finished,
    # so the time to the changed page is the time a reader of the preview waits.
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    case = project / "data/cases/mombasa-nairobi-sgr.yml"
    chapter = project / "docs/reports/green-silk-road-2023/part-1-2.md"
    times: dict[str, list[float]] = {"yaml": [], "markdown": []}

    def settle(mark: str, present: bool) -> None:
        # One save at a time, as a contributor makes them: the next is timed from an idle server
        # (--back-to-back: saved as soon as the page shows the last, work still running).
        if not back_to_back:
            wait_index(base + "search/search_index.json", mark, present)
    try:
        wait_for(base + "cases/mombasa-nairobi-sgr/", "蒙内铁路", timeout=300)
        for i in range(rounds):
            mark = f"预览测试{i}"
            text = case.read_text(encoding="utf-8")
            case.write_text(text.replace("title: {zh: 蒙内铁路", f"title: {{zh: 蒙内铁路{mark}", 1), encoding="utf-8")
            times["yaml"].append(wait_for(base + "cases/mombasa-nairobi-sgr/", mark))
            settle(mark, True)
            case.write_text(text, encoding="utf-8")
            wait_gone(base + "cases/mombasa-nairobi-sgr/", mark)
            settle(mark, False)
            text = chapter.read_text(encoding="utf-8")
            # The mark goes inside the first paragraph: a block of its own would break the
            # chapter's alignment with its English page, and the build would stop (parallel.py).
            lines = text.split("\n")
            at = next(i for i, line in enumerate(lines) if re.match(r"[\u4e00-\u9fff]", line))
            lines[at] += mark
            chapter.write_text("\n".join(lines), encoding="utf-8")
            times["markdown"].append(wait_for(base + "reports/green-silk-road-2023/part-1-2/", mark))
            settle(mark, True)
            chapter.write_text(text, encoding="utf-8")
            wait_gone(base + "reports/green-silk-road-2023/part-1-2/", mark)
            settle(mark, False)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--back-to-back", action="store_true",
                        help="save the next change as soon as the page shows the last (work may still run)")
    args = parser.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        for name in ("hooks", "overrides", "docs", "data"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        for one_language, label in ((False, "zh + en + zh-hant"), (True, "zh only (SITE_LANGS=zh)")):
            times = measure(project, one_language, args.rounds, args.back_to_back)
            for kind, values in times.items():
                median = statistics.median(values)
                print(f"{label:>24}  {kind:8}  median {median:4.1f} s  ({', '.join(f'{v:.1f}' for v in values)})")
                if one_language:
                    worst = max(worst, median)
    if worst > TARGET:
        print(f"MISSED: the one-language preview takes {worst:.1f} s > {TARGET} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
