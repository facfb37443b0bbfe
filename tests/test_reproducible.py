"""Two builds of the same commit on different days are byte-identical. One forks: English is
built whole in a child beside the Traditional edition (hooks/glue/lang_fork.py), and the search
entries of the Simplified pages are made in another while English builds (search_split.Ahead).
The other builds everything in one process (SITE_FORK=0). So this also shows that a forked
build writes the very site a serial one does, and that no page changes after its language's
entries are taken."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def _build(out: Path, day: str, epoch: str, fork: bool = True) -> dict[str, str]:
    if shutil.which("faketime") is None:
        pytest.fail("faketime is required: scripts/setup.sh --browser installs it")
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": "https://example.org/", "PYTHONHASHSEED": "random", "SITE_FORK": "1" if fork else "0"}
    env.pop("SITE_DATA_DIR", None)
    result = subprocess.run(["faketime", day, sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_rebuild_on_another_day_is_byte_identical(tmp_path):
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip() or "1700000000"
    first = _build(tmp_path / "a", "2030-01-15 08:00:00", epoch)
    second = _build(tmp_path / "b", "2031-07-20 23:30:00", epoch, fork=False)
    assert len(first) > 300
    assert first.keys() == second.keys()
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"{len(differ)} file(s) differ, e.g. {differ[:5]}"


def test_the_scripts_take_source_date_epoch_from_the_last_commit():
    script = (ROOT / "scripts/build.sh").read_text(encoding="utf-8")
    assert "git log -1 --format=%ct" in script and "export SOURCE_DATE_EPOCH" in script
    workflow = (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    assert "fetch-depth: 0" in workflow and "scripts/build.sh" in workflow


def _git_day(path: str) -> str:
    out = subprocess.run(["git", "log", "-1", "--format=%cI", "--", path], cwd=ROOT,
                         capture_output=True, text=True).stdout.strip()
    return out[:10]


@pytest.mark.parametrize("page,source,text", [
    ("reports/green-silk-road-2023/part-1-2/index.html", "docs/reports/green-silk-road-2023/part-1-2.md", None),
    ("en/reports/green-silk-road-2023/part-1-2/index.html", "docs/reports/green-silk-road-2023/part-1-2.en.md", None),
    ("cases/mombasa-nairobi-sgr/index.html", "data/cases/mombasa-nairobi-sgr.yml", None),
    ("en/cases/mombasa-nairobi-sgr/index.html", "data/cases/mombasa-nairobi-sgr.yml", None),
])
def test_each_page_shows_its_last_change_from_git(site, page, source, text):
    day = _git_day(source)
    assert day, f"{source} has no commit"
    foot = site.soup(page).select_one(".site-page-info__updated time")
    assert foot is not None and foot["datetime"] == day
    y, m, d = (int(x) for x in day.split("-"))
    expected = f"{y}年{m}月{d}日" if not page.startswith("en/") else None
    if expected:
        assert foot.get_text() == expected
    else:
        assert foot.get_text().endswith(str(y)) and str(d) in foot.get_text()


def test_every_page_has_a_prefilled_report_link(site):
    from urllib.parse import parse_qs, urlparse
    for page, lang in (("cases/mombasa-nairobi-sgr/index.html", "zh-Hans"), ("en/timeline/index.html", "English")):
        link = site.soup(page).select_one("a.site-report-error")
        url = urlparse(link["href"])
        assert url.netloc == "github.com" and url.path.endswith("/issues/new")
        body = parse_qs(url.query)["body"][0]
        assert site.url + page.removesuffix("index.html") in body and lang in body
        if "cases/" in page:
            assert "Case: mombasa-nairobi-sgr" in body
    pages = [p for p in site.root.rglob("index.html") if "/downloads/schema" not in str(p)]
    missing = [str(p.relative_to(site.root)) for p in pages if 'class="site-report-error"' not in p.read_text(encoding="utf-8")]
    assert not missing, missing[:5]
