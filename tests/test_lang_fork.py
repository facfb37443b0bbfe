"""Language builds in forked processes (hooks/glue/lang_fork.py): what a child hands back, how
its failure reaches the parent, and a bad English page failing the real build the same way
with and without forks. That the forked build is byte-identical to the serial one is
tests/test_reproducible.py's."""

from __future__ import annotations

import gzip
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from hooks.glue import lang_fork, postbuild
from hooks.rendering import parallel

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


class ClickLike(Exception):
    """Like MkDocs' Abort: a message, kept on the instance."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def test_a_child_builds_and_hands_back_what_it_collected(tmp_path):
    beside = lang_fork.Beside()
    out = tmp_path / "en.txt"
    seen = {}

    def build():
        seen["child"] = beside.in_child
        out.write_text("built in the child", encoding="utf-8")

    beside.start("en", build, lambda: {"in_child": seen["child"], "pid": os.getpid()})
    assert not beside.in_child  # the parent is not a child
    parts = beside.join()
    assert out.read_text(encoding="utf-8") == "built in the child"
    assert parts["en"]["in_child"] is True and parts["en"]["pid"] != os.getpid()
    assert beside.join() == {}  # joined once: nothing left


def test_children_come_back_in_start_order(tmp_path):
    beside = lang_fork.Beside()
    beside.start("en", lambda: time.sleep(0.3), lambda: "en")
    beside.start("fr", lambda: None, lambda: "fr")
    assert list(beside.join().items()) == [("en", "en"), ("fr", "fr")]


def test_a_failing_child_raises_its_own_exception_in_the_parent():
    beside = lang_fork.Beside()

    def build():
        raise ClickLike("Aborted with a BuildError!")
    beside.start("en", build, lambda: None)
    with pytest.raises(ClickLike, match="^Aborted with a BuildError!$"):
        beside.join()


def test_an_exception_that_cannot_cross_becomes_a_runtime_error_with_its_trace():
    class Local(Exception):  # not importable by pickle
        pass

    beside = lang_fork.Beside()

    def build():
        raise Local("the page could not be read")
    beside.start("en", build, lambda: None)
    with pytest.raises(RuntimeError, match="Local: the page could not be read") as info:
        beside.join()
    assert "Traceback" in str(info.value) and "in build" in str(info.value)


def test_a_child_that_dies_is_reported():
    beside = lang_fork.Beside()
    beside.start("en", lambda: os._exit(3), lambda: None)
    with pytest.raises(RuntimeError, match="'en' ended without a word"):
        beside.join()


def test_discard_stops_children_whose_parent_failed():
    beside = lang_fork.Beside()
    beside.start("en", lambda: time.sleep(30), lambda: None)
    pid = beside._jobs["en"][0]
    started = time.perf_counter()
    beside.discard()
    assert time.perf_counter() - started < 10
    assert beside._jobs == {}
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # reaped


def test_the_switch_turns_forks_off(monkeypatch):
    monkeypatch.setenv("SITE_FORK", "0")
    assert not lang_fork.Beside.available()
    monkeypatch.setenv("SITE_FORK", "1")
    assert lang_fork.Beside.available()


def test_chapters_handed_back_keep_the_language_order():
    here, there = parallel.Collector(), parallel.Collector()
    here.chapter("zh", "r/a", "/s/r/a/index.html", [])
    here.chapter("zh-hant", "r/a", "/s/zh-hant/r/a/index.html", [])
    here.view("zh", "r/a", "/s/r/a/parallel/index.html")
    there.chapter("en", "r/a", "/s/en/r/a/index.html", [])
    there.chapter("en", "r/b", "/s/en/r/b/index.html", [])
    there.view("en", "r/a", "/s/en/r/a/parallel/index.html")
    part = pickle.loads(pickle.dumps(there.part("en")))  # it crosses a pipe
    here.add("en", part, ("zh", "en", "zh-hant"))
    assert list(here.chapters["r/a"]) == ["zh", "en", "zh-hant"]
    assert list(here.chapters["r/b"]) == ["en"]
    assert list(here.views["r/a"]) == ["zh", "en"]
    assert here.chapters["r/a"]["en"].file == "/s/en/r/a/index.html"


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>"""


def _urls(*locs: str) -> str:
    return "\n".join(f"    <url>\n        <loc>https://example.org/{loc}</loc>\n    </url>" for loc in locs)


def test_sitemaps_merge_in_build_order_and_the_gz_keeps_its_time(tmp_path):
    mine = SITEMAP.format(urls=_urls("", "a/", "zh-hant/", "zh-hant/a/"))
    child = SITEMAP.format(urls=_urls("", "a/", "en/", "en/a/"))
    (tmp_path / "sitemap.xml").write_text(mine, encoding="utf-8")
    with gzip.GzipFile(tmp_path / "sitemap.xml.gz", mode="wb", mtime=1700000000) as gz:
        gz.write(mine.encode("utf-8"))
    postbuild.merge_sitemaps(tmp_path, [child])
    merged = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert merged == SITEMAP.format(urls=_urls("", "a/", "en/", "en/a/", "zh-hant/", "zh-hant/a/"))
    packed = (tmp_path / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == merged
    assert int.from_bytes(packed[4:8], "little") == 1700000000
    postbuild.merge_sitemaps(tmp_path, [])  # nothing handed back: left as it is
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == merged


def _bad_english_page_build(root: Path, fork: bool) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_URL": "http://127.0.0.1:1/", "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": "1700000000", "SITE_FORK": "1" if fork else "0"}
    env.pop("SITE_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / f"site-{fork}")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=900)


def test_a_bad_english_page_fails_the_build_alike_with_and_without_forks(tmp_path):
    """English is built in a forked child: its error, logged there, stops the build in the parent
    with the same lines and exit status as a build without forks, and no traceback."""
    for name in ("hooks", "overrides", "docs", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    page = tmp_path / "docs/reports/biodiversity-position-2020/index.en.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n<!-- case: no-such-case -->\n"
    page.write_text(text, encoding="utf-8")
    line = text.count("\n")
    results = {fork: _bad_english_page_build(tmp_path, fork) for fork in (True, False)}
    message = (f"docs/reports/biodiversity-position-2020/index.en.md:{line}: "
               "case marker: unknown case id 'no-such-case'")
    for result in results.values():
        out = result.stdout + result.stderr
        assert result.returncode == 1, out[-3000:]
        assert "Traceback" not in out
        assert out.count(message) == 1, out[-3000:]
        assert "Aborted with a BuildError!" in out
    assert sorted(results[True].stderr.splitlines()) == sorted(results[False].stderr.splitlines())
