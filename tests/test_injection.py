"""A hostile contributor's pull request, built for real: nothing it holds runs or breaks a page.

The fixture copies the project, plants payloads in a case file, the glossary,
the interface labels and a hand-written page (each payload is input the
loader accepts: markup it rejects is covered in test_untrusted_*.py), builds
the site with `mkdocs build --strict` and checks every built page: no script
from data or Markdown, no event handler, no javascript:/data: URL, no meta
refresh, attributes intact, titles and descriptions exactly the text written.
One page is then loaded in the real browser: no dialog, no navigation.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import re
import shutil
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, free_port, run_build

TITLE_EN = "Rail \"quoted\" & 'single' [x](javascript:alert(1)) {onclick=alert(1)} a < b 😀 𠀀"
TITLE_ZH = "铁路“引号”与'撇号' [x](javascript:alert(2)) {onclick=alert(2)} 𠀀"
SUMMARY_EN = 'A summary with " http-equiv="refresh" content="0;url=https://evil.example/" and {: onclick=alert(3)}'
BODY_EN = """\
[click](javascript:alert(4)){onclick="alert(5)"} and ![img](javascript:alert(6))
and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==) and [ref][r].

[r]: javascript:alert(8)

{: onmouseover="alert(9)" }
"""
NOTE_EN = "[note](javascript:alert(10)) {#__config} *not emphasis*"
FACT_LABEL = '=HYPERLINK("https://evil.example","x")'
PAGE_MD = """\
---
title: 'Page "title" & < b > stays text'
description: 'Description with " quotes'
---

# Hostile page

<script>alert(11)</script>
<img src="x" onerror="alert(12)">
<a href="javascript:alert(13)">js link</a> <a href=" JAVASCRIPT:alert(14)">spaced</a>
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<iframe src="https://evil.example/"></iframe>
<style>body{display:none}</style>
<svg><script>alert(15)</script><a href="javascript:alert(16)"><circle r="1"/></a></svg>

A paragraph with an attribute list.
{: onclick="alert(17)" style="color:red" }

[md link](javascript:alert(18)) and <javascript:alert(19)>

## &lt;script&gt;alert(20)&lt;/script&gt; heading

```html
<script>alert('code is text')</script>
```
"""


def _copy_project(dest: Path) -> Path:
    for name in ("hooks", "overrides", "docs", "data"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = _copy_project(tmp_path_factory.mktemp("hostile"))
    case = root / "data" / "cases" / "mombasa-nairobi-sgr.yml"
    _replace(case, "title: {zh: 蒙内铁路, en: Mombasa–Nairobi Standard Gauge Railway}",
             f"title: {{zh: {_yaml_str(TITLE_ZH)}, en: {_yaml_str(TITLE_EN)}}}")
    text = case.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  en: According to the report, the railway.*$", "  en: " + _yaml_str(SUMMARY_EN), text, count=1)
    text = text.replace("label: {zh: 线路全长, en: Total length}", f"label: {{zh: 线路全长, en: {_yaml_str(FACT_LABEL)}}}", 1)
    note = "  - {zh: 注释, en: " + _yaml_str(NOTE_EN) + "}\n"
    text = text.replace("\nnotes:\n", "\nnotes:\n" + note, 1) if "\nnotes:\n" in text else text.rstrip("\n") + "\nnotes:\n" + note
    case.write_text(text, encoding="utf-8")
    # The body: replace the English Markdown with the payload.
    text = case.read_text(encoding="utf-8")
    m = re.search(r"(?ms)^  en: \|\n(.*?)(?=^\S)", text)
    assert m, "case body.en not found"
    body = "".join("    " + line + "\n" if line else "\n" for line in BODY_EN.splitlines())
    case.write_text(text[:m.start(1)] + body + text[m.end(1):], encoding="utf-8")
    _replace(root / "data" / "labels.yml", "case_kicker: {zh: 案例, en: Case study}",
             "case_kicker: {zh: 案例, en: 'Case \"study\" [l](javascript:alert(21))'}")
    gloss = root / "data" / "glossary.yml"
    text = gloss.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(  definition:\n    zh: .*\n    en: ).*$",
                  lambda m: m.group(1) + _yaml_str('Definition "quoted" [g](javascript:alert(22)) {onclick=alert(23)}'),
                  text, count=1)
    gloss.write_text(text, encoding="utf-8")
    for suffix in (".md", ".en.md"):
        (root / "docs" / f"hostile{suffix}").write_text(PAGE_MD, encoding="utf-8")
    # Legitimate: a case file and a page saved with a byte-order mark and CRLF line ends.
    for path in (root / "data/cases/zijin-bor-copper-serbia.yml", root / "docs/about.en.md"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    result = run_build(root / "site", url, config=root / "mkdocs.yml", cwd=root)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-4000:]
    assert "Traceback" not in log
    return root / "site", url, port


def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path.read_text(encoding="utf-8")


SCRIPT_SOURCES = re.compile(r"^(\.\./)*(assets/|javascripts/|en/)?.*\.js$")


def test_no_script_handler_or_dangerous_url_on_any_page(hostile):
    site, _, _ = hostile
    for rel, html in pages(site):
        soup = BeautifulSoup(html, "html.parser")
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.lower().startswith("on"), f"{rel}: <{tag.name} {attr}=…>"
                if attr in ("href", "src", "action", "formaction", "xlink:href"):
                    v = re.sub(r"\s", "", str(value)).lower()
                    assert not v.startswith(("javascript:", "data:", "vbscript:")), f"{rel}: {attr}={value!r}"
                assert attr != "style", f"{rel}: style attribute on <{tag.name}>"
        for meta in soup.find_all("meta"):
            assert "http-equiv" not in meta.attrs, f"{rel}: {meta}"
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text(), f"{rel}: {script}"
            if script.get("src"):
                assert "evil" not in script["src"]
        assert soup.find("iframe") is None and soup.find("style") is None, rel
        assert "alert(11)" not in html and "alert(15)" not in html, rel


def test_titles_and_descriptions_are_exactly_the_text(hostile):
    site, _, _ = hostile
    soup = BeautifulSoup((site / "en/cases/mombasa-nairobi-sgr/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text() == f"{TITLE_EN} - Ecological Civilization and the Green Silk Road — a reference"
    assert soup.find("meta", attrs={"name": "description"})["content"] == SUMMARY_EN
    assert soup.h1.get_text().rstrip("¶") == TITLE_EN
    header = soup.select_one(".md-header__topic:last-child .md-ellipsis")
    assert header.get_text().strip() == TITLE_EN
    page = BeautifulSoup((site / "hostile/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.title.get_text().startswith('Page "title" & < b > stays text - ')
    assert page.find("meta", attrs={"name": "description"})["content"] == 'Description with " quotes'


def test_markdown_syntax_in_text_fields_stays_text(hostile):
    site, _, _ = hostile
    soup = BeautifulSoup((site / "en/cases/mombasa-nairobi-sgr/index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    text = article.get_text(" ")
    assert "[note](javascript:alert(10)) {#__config} *not emphasis*" in text
    assert soup.find(id="__config").name == "script"  # the note did not claim Material's id
    assert "Case \"study\" [l](javascript:alert(21))" in text
    zh = BeautifulSoup((site / "cases/mombasa-nairobi-sgr/index.html").read_text(encoding="utf-8"), "html.parser")
    assert zh.h1.get_text().rstrip("¶") == TITLE_ZH


def test_bom_and_crlf_files_render(hostile):
    site, _, _ = hostile
    case = BeautifulSoup((site / "en/cases/zijin-bor-copper-serbia/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Bor" in case.h1.get_text()
    about = BeautifulSoup((site / "en/about/index.html").read_text(encoding="utf-8"), "html.parser")
    assert about.h1 is not None and "---" not in about.select_one("article").get_text()[:200]


def test_code_stays_code(hostile):
    site, _, _ = hostile
    soup = BeautifulSoup((site / "hostile/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "<script>alert('code is text')</script>" in soup.find("code").get_text()
    headings = [h.get_text().rstrip("¶") for h in soup.select("article h2")]
    assert "<script>alert(20)</script> heading" in headings


def test_csv_download_neutralises_formulas(hostile):
    site, _, _ = hostile
    rows = list(csv.reader(io.StringIO((site / "downloads/facts.csv").read_text(encoding="utf-8-sig"))))
    labels = [r[3] for r in rows if r[1] == "mombasa-nairobi-sgr"]
    assert "'" + FACT_LABEL in labels
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), cell


def test_hostile_pages_load_without_dialog_or_navigation(hostile):
    from playwright.sync_api import sync_playwright
    from test_browser import ARGS, CHROMIUM

    site, url, port = hostile
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            pg = browser.new_page()
            dialogs: list[str] = []
            pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path in ("en/cases/mombasa-nairobi-sgr/", "cases/mombasa-nairobi-sgr/", "hostile/", "en/glossary/"):
                pg.goto(url + path)
                pg.wait_for_timeout(300)
                for link in pg.locator("article a").all()[:40]:
                    link.hover()
                assert pg.url == url + path, f"navigated away from {path} to {pg.url}"
            assert dialogs == []
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
