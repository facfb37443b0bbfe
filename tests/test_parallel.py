"""Parallel reading: every chapter side by side in Chinese and English, block for block.

Unit tests of hooks/rendering/parallel.py (splitting, anchors, the alignment check and
its message, link rebasing); the built site (a parallel view of every chapter
in each language tree, shared `p-<n>` anchors in all three views, links both
ways); a deliberately misaligned chapter stops a real build naming the file
and the block; and the real browser (no sideways scroll at 390 px, two
columns on a desktop and stacked blocks on a phone, anchors that land,
no JavaScript needed, print, axe).
"""

from __future__ import annotations

import re
import shutil
from urllib.parse import urljoin, urlparse

import pytest

from conftest import ROOT, run_build
from hooks.data import langs
from hooks.rendering import hant, parallel, render
from test_browser import page  # noqa: F401 (fixture)

CHAPTERS = parallel.chapters(ROOT / "docs")
LANGS = render.LANGS


def prefix(lang: str) -> str:
    return "" if lang == LANGS[0] else f"{lang}/"


# ---------------------------------------------------------------- units

CONTENT = ('<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>\n<p>One <a href="../x/">x</a></p>\n'
           '<table><tr><td>1</td></tr></table>\n<hr>\n<div class="admonition note"><p class="admonition-title">N</p>'
           '<p>n</p></div>\n<div class="site-mentions"><h2 id="site-mentions">M</h2></div>\n')


def test_split_cuts_the_top_level_blocks_exactly():
    blocks = parallel.split(CONTENT)
    assert [b.tag for b in blocks] == ["h1", "p", "table", "hr", "div", "div"]
    assert "".join(CONTENT[b.start:b.end] for b in blocks) == "".join(b.html for b in blocks)
    assert blocks[4].classes == ("admonition", "note") and blocks[1].text == "One x"


def test_number_adds_anchors_and_keeps_everything_else():
    out, own = parallel.number(CONTENT, '<p class="link">L</p>')
    assert len(own) == 5  # the site's own appendix (site-mentions) is not the chapter's
    assert '<h1 id="t"><span id="p-1"></span>Title' in out
    assert '<p id="p-2">One' in out and '<table id="p-3">' in out and '<hr id="p-4">' in out
    assert '<div id="p-5" class="admonition note">' in out and 'id="p-6"' not in out
    assert out.index('<p class="link">L</p>') < out.index('id="p-2"')
    stripped = re.sub(r' id="p-\d+"|<span id="p-\d+"></span>|\n<p class="link">L</p>', "", out)
    assert stripped == CONTENT


def test_a_misaligned_chapter_names_the_file_the_block_and_both_sides():
    zh = parallel.split('<h1 id="a">标题</h1>\n<p>第一段</p>\n<h2 id="b">小节</h2>\n<p>第二段</p>\n')
    en = parallel.split('<h1 id="c">Title</h1>\n<p>First</p>\n<p>Section</p>\n<p>Second</p>\n')
    sources = {"zh": ("docs/reports/x/p.md", "---\ntitle: t\n---\n\n# 标题\n\n第一段\n\n## 小节\n\n第二段\n"),
               "en": ("docs/reports/x/p.en.md", "---\ntitle: t\n---\n\n# Title\n\nFirst\n\nSection\n\nSecond\n")}
    assert parallel.check("reports/x/p", {"zh": zh, "en": en}, sources, ("zh", "en")) == [
        "docs/reports/x/p.en.md:9: block p-3: does not align with docs/reports/x/p.md:9: zh has heading (##) "
        "“小节”, en has paragraph “Section”; the languages of a chapter must match block for block "
        "(headings, paragraphs, tables, lists, boxes), for the parallel view"]


def test_a_missing_block_and_a_different_box_are_misalignments():
    zh = parallel.split('<p>a</p>\n<div class="case-box" id="case-x">x</div>\n<p>b</p>\n')
    other_box = parallel.split('<p>a</p>\n<div class="case-box" id="case-y">y</div>\n<p>b</p>\n')
    shorter = parallel.split('<p>a</p>\n<div class="case-box" id="case-x">x</div>\n')
    assert parallel.mismatch(zh, other_box) == 1
    assert parallel.mismatch(zh, shorter) == 2
    assert parallel.describe(None) == "nothing (the page ends here)"
    assert parallel.describe(zh[1]) == "case box (x) “x”"


def test_links_are_rebased_for_the_parallel_page():
    assert parallel.rebase("../../../glossary/#a", "en/reports/r/p/", "reports/r/p/parallel/") == \
        "../../../../en/glossary/#a"
    assert parallel.rebase("#s", "en/reports/r/p/", "en/reports/r/p/parallel/") == "../#s"
    assert parallel.rebase("https://example.org/x", "reports/r/p/", "reports/r/p/parallel/") == "https://example.org/x"
    block = parallel.split('<h2 id="s">S<a class="headerlink" href="#s">¶</a></h2>')[0]
    assert parallel.cell(block, "reports/r/p/", "reports/r/p/parallel/", {"s"}) == block.html  # own language
    assert parallel.cell(block, "en/reports/r/p/", "reports/r/p/parallel/", None) == \
        '<h2>S<a class="headerlink" href="../../../../en/reports/r/p/#s">¶</a></h2>'  # other language


def test_every_chapter_is_found():
    assert len(CHAPTERS) >= 30 and all(not c.endswith("/index") for c in CHAPTERS)
    assert {c.split("/")[1] for c in CHAPTERS} == {p.name for p in (ROOT / "docs/reports").iterdir() if p.is_dir()}


# ---------------------------------------------------------------- the built site

def chapter_file(chapter: str, lang: str) -> str:
    return f"{prefix(lang)}{chapter}/index.html"


def view_file(chapter: str, lang: str) -> str:
    return f"{prefix(lang)}{chapter}/parallel/index.html"


def anchors(soup) -> list[str]:
    return [el["id"] for el in soup.select('article [id^="p-"]') if re.fullmatch(r"p-\d+", el["id"])]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_a_parallel_view_in_each_language_tree(site, chapter):
    counts = {lang: len(anchors(site.soup(chapter_file(chapter, lang)))) for lang in LANGS}
    assert len(set(counts.values())) == 1 and counts[LANGS[0]] > 3, counts
    n = counts[LANGS[0]]
    for tree in LANGS:
        soup = site.soup(view_file(chapter, tree))
        assert soup.html["lang"] == render.LANG_TAGS[tree]
        rows = soup.select("div.site-parallel__row")
        assert [r["id"] for r in rows] == [f"p-{i}" for i in range(1, n + 1)]
        for row in rows:  # one cell per language of the tree's pair, in order, each marked with its language
            assert [c["lang"] for c in row.select(":scope > div.site-parallel__cell")] == \
                [render.LANG_TAGS[lang] for lang in langs.PARALLEL[tree]]
        assert "site-parallel-slot" not in site.html(view_file(chapter, tree))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_and_parallel_view_link_to_each_other(site, chapter):
    for lang in LANGS:
        here = site.url + chapter_file(chapter, lang).removesuffix("index.html")
        link = site.soup(chapter_file(chapter, lang)).select_one("p.site-parallel-link a")
        assert urljoin(here, link["href"]) == here + "parallel/"
        there = here + "parallel/"
        back = site.soup(view_file(chapter, lang)).select_one("p.site-parallel-back a")
        assert urljoin(there, back["href"]) == here


def test_paragraph_anchors_match_across_the_three_views(site):
    """p-n names the same block in the Chinese, English and parallel views (of every tree)."""
    for chapter, tree in [(c, t) for c in CHAPTERS for t in ("zh", "zh-hant")]:
        zh, en = (site.soup(chapter_file(chapter, lang)) for lang in langs.PARALLEL[tree])
        view = site.soup(view_file(chapter, tree))
        for anchor in anchors(zh):
            row = view.find(id=anchor)
            zh_block, en_block = (_block_of(s.find(id=anchor)) for s in (zh, en))
            cells = row.select(":scope > div.site-parallel__cell")
            assert zh_block.name == en_block.name == cells[0].find(True).name == cells[1].find(True).name, \
                (chapter, anchor)
            assert _text(cells[0]) == _text(zh_block) and _text(cells[1]) == _text(en_block), (chapter, anchor)


def _block_of(el):
    """The top-level block an anchor names (the anchor itself, or the heading holding its span)."""
    return el.parent if el.name == "span" and not el.contents else el


def _text(el) -> str:
    return re.sub(r"\s+", " ", el.get_text(" ")).strip()


def test_links_in_the_parallel_view_resolve(site):
    for chapter in CHAPTERS[:: max(1, len(CHAPTERS) // 6)]:  # a sample of chapters, every link in them
        for tree in LANGS:
            path = view_file(chapter, tree)
            base = site.url + path.removesuffix("index.html")
            for a in site.soup(path).select("div.site-parallel a[href]"):
                url = urlparse(urljoin(base, a["href"]))
                if url.netloc != urlparse(site.url).netloc:
                    continue
                target = url.path.lstrip("/")
                target = target + "index.html" if target.endswith("/") or not target else target
                assert (site.root / target).exists(), (path, a["href"])
                if url.fragment:
                    assert site.soup(target).find(id=url.fragment) is not None, (path, a["href"])


def test_each_cell_explains_glossary_terms_in_its_own_language(site):
    import yaml
    terms = {t["id"]: t for t in yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))}
    tags = {tag: lang for lang, tag in render.LANG_TAGS.items()}
    seen = 0
    for chapter in CHAPTERS[:: max(1, len(CHAPTERS) // 6)]:
        for tree in LANGS:
            for cell in site.soup(view_file(chapter, tree)).select("div.site-parallel__cell"):
                for a in cell.select("a.glossary-term"):
                    seen += 1
                    definition = terms[a["href"].rsplit("#", 1)[1]]["definition"]
                    lang = tags[cell["lang"]]
                    expected = hant.convert(definition["zh"]) if lang in langs.DERIVED else definition[lang]
                    assert a["title"] == expected
    assert seen > 20


def test_parallel_views_are_not_in_the_search_index(site):
    import json
    for lang in LANGS:
        docs = json.loads((site.root / prefix(lang) / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
        assert not any("/parallel/" in d["location"] for d in docs)


def test_the_language_switcher_keeps_the_parallel_view(site):
    chapter = CHAPTERS[0]
    zh = site.soup(view_file(chapter, "zh")).select_one('a.md-select__link[hreflang="en"]')
    assert urljoin(site.url + view_file(chapter, "zh"), zh["href"]) == site.url + f"en/{chapter}/parallel/"


# ---------------------------------------------------------------- a misaligned chapter stops the build

def test_a_misaligned_chapter_fails_the_build_naming_file_and_block(tmp_path, site):
    for name in ("hooks", "overrides", "docs", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    chapter = "reports/green-silk-road-2023/part-1-5"
    en = tmp_path / "docs" / f"{chapter}.en.md"
    text = en.read_text(encoding="utf-8")
    heading = "## 2. Improving green financial services"
    assert text.count(heading) == 1
    en.write_text(text.replace(heading, "Improving green financial services"), encoding="utf-8")
    line = text[:text.index(heading)].count("\n") + 1
    # the block number of that heading, from the real build
    real = next(h for h in site.soup(chapter_file(chapter, "en")).find_all("h2")
                if "Improving green financial services" in h.get_text())
    n = real.find("span")["id"]
    result = run_build(tmp_path / "site", "http://127.0.0.1:1/", config=tmp_path / "mkdocs.yml", cwd=tmp_path)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in out
    assert f"docs/{chapter}.en.md:{line}: block {n}: does not align with docs/{chapter}.md:" in out
    assert "zh has heading (##) “2. 提升绿色金融服务水平”, en has paragraph “Improving green financial services”" in out


# ---------------------------------------------------------------- the real browser

CHAPTER = "reports/green-silk-road-2023/part-1-5"  # tables, notes and a disagreement box
VIEWS = [f"{CHAPTER}/parallel/", f"en/{CHAPTER}/parallel/", f"zh-hant/{CHAPTER}/parallel/"]


@pytest.mark.parametrize("path", VIEWS)
def test_no_sideways_scroll_on_a_phone_and_blocks_alternate(page, served, path):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(served.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    boxes = page.evaluate("""[...document.querySelectorAll('.site-parallel__row')].slice(0, 12).map(r =>
        [...r.querySelectorAll(':scope > .site-parallel__cell')].map(c => c.getBoundingClientRect().toJSON()))""")
    for zh, en in boxes:  # on a phone: the English block under its Chinese block
        assert en["top"] >= zh["bottom"] - 1 and abs(en["left"] - zh["left"]) < 20


@pytest.mark.parametrize("path", ["disagreements/", "en/disagreements/", "zh-hant/disagreements/", f"{CHAPTER}/",
                                  "timeline/"])
def test_disagreement_boxes_and_page_fit_a_phone(page, served, path):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(served.url + path)
    assert page.locator(".site-disagreement, h3[id]").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("path", VIEWS)
def test_two_columns_on_a_desktop_without_javascript(browser, served, path):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto(served.url + path)
    boxes = pg.evaluate("""[...document.querySelectorAll('.site-parallel__row')].slice(0, 12).map(r =>
        [...r.querySelectorAll(':scope > .site-parallel__cell')].map(c => c.getBoundingClientRect().toJSON()))""")
    assert len(boxes) == 12
    for zh, en in boxes:
        assert en["left"] >= zh["right"] and abs(en["top"] - zh["top"]) < 2
    assert pg.evaluate("document.documentElement.scrollWidth") <= 1280
    context.close()


@pytest.mark.parametrize("path", [f"{CHAPTER}/", f"en/{CHAPTER}/", f"{CHAPTER}/parallel/", f"en/{CHAPTER}/parallel/"])
def test_a_paragraph_link_lands_in_all_three_views(page, served, path):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 800})
    for anchor in ("p-3", "p-9"):
        page.goto(served.url + path + "#" + anchor)
        target = page.evaluate("(() => { const t = document.querySelector(':target'); return t && "
                               "[t.id, t.getBoundingClientRect().top, innerHeight]; })()")
        assert target is not None and target[0] == anchor, (path, target)
        assert 0 <= target[1] < target[2], (path, anchor, target)


def test_the_parallel_view_prints_side_by_side(page, served):  # noqa: F811
    page.set_viewport_size({"width": 1000, "height": 1400})
    page.goto(served.url + VIEWS[0])
    page.emulate_media(media="print")
    zh, en = page.evaluate("""[...document.querySelectorAll('#p-4 > .site-parallel__cell')].map(c =>
        c.getBoundingClientRect().toJSON())""")
    assert en["left"] >= zh["right"] and abs(en["top"] - zh["top"]) < 2
    assert page.evaluate("getComputedStyle(document.querySelector('#p-4')).breakInside") == "avoid"


@pytest.mark.parametrize("path", VIEWS + ["disagreements/", "en/disagreements/"])
def test_no_serious_accessibility_violation(page, served, path):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe
    page.goto(served.url + path)
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
