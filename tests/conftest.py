"""Shared fixtures: one strict build of the real site, served on localhost."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_build(site_dir: Path, site_url: str, config: Path = ROOT / "mkdocs.yml",
              cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": "1700000000"}
    strict = ["--strict"] if os.environ.get("SITE_TEST_STRICT", "1") == "1" else ["--no-strict"]  # 0: local debugging only
    return subprocess.run(MKDOCS + ["build", *strict, "-f", str(config), "-d", str(site_dir)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


class Site:
    def __init__(self, root: Path, url: str, log: str):
        self.root, self.url, self.log = root, url, log

    def html(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def soup(self, path: str):
        from bs4 import BeautifulSoup
        return BeautifulSoup(self.html(path), "html.parser")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    out = tmp_path_factory.mktemp("site")
    result = run_build(out, url)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{log[-5000:]}"
    built = Site(out, url, log)
    built.port = port
    return built


@pytest.fixture(scope="session")
def served(site):
    handler = functools.partial(_QuietHandler, directory=str(site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site.port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_data_dir(tmp_path: Path, case: str, timeline: str) -> Path:
    """A small valid data/ for bad-input tests: the real vocabularies, reports and
    labels, one case file (data/cases/good-case.yml) and one timeline file."""
    import shutil
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "vocab", root / "vocab")
    for name in ("reports.yml", "labels.yml"):
        shutil.copy(ROOT / "data" / name, root / name)
    (root / "cases").mkdir()
    (root / "timeline").mkdir()
    (root / "cases" / "good-case.yml").write_text(case, encoding="utf-8")
    (root / "timeline" / "events.yml").write_text(timeline, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright (search_harness.launch: its flags keep it off the
    network), one per test module."""
    from playwright.sync_api import sync_playwright

    import search_harness as sh
    assert os.path.exists(sh.CHROMIUM), "Debian's chromium is required: apt-get install chromium"
    with sync_playwright() as p:
        b = sh.launch(p)
        yield b
        b.close()
