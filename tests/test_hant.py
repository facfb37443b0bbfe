"""The Traditional Chinese edition (/zh-hant/), made at build time from the Simplified pages.

- every Simplified page has a Traditional twin, and no Traditional file is kept by hand;
- the conversion is OpenCC's s2t, script only (软件 -> 軟件, never the Taiwan word 軟體);
- no Simplified-only character is left in a Traditional page's text, except the printed
  records (`as_stated`), which keep the form the report printed (lang="zh-Hans");
- dates from Babel's zh_Hant locale; country names the mainland names converted (肯尼亞);
- `lang`, hreflang alternates, the language switch, the sitemap, the search index and the
  parallel views are right for all three languages;
- search on a Traditional page finds what the Simplified query finds.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlparse

import pytest
import yaml

from conftest import ROOT

from hooks.rendering import formatting, hant

HANT = "zh-hant/"
TREES = {"zh": "", "en": "en/", "zh-hant": HANT}
TAGS = {"zh": "zh-Hans", "en": "en", "zh-hant": "zh-Hant"}


def simplified_pages(site) -> list[str]:
    """Every page of the Simplified tree (relative to the site root)."""
    out = []
    for path in sorted(site.root.rglob("*.html")):
        rel = path.relative_to(site.root).as_posix()
        if rel.startswith(("en/", HANT, "assets/", "downloads/")) or rel == "404.html":
            continue
        out.append(rel)
    return out


def visible_text(soup) -> str:
    """What a reader reads or hears in Traditional Chinese: text and the attributes that are
    shown or spoken, leaving out scripts and whatever is marked as another language: the
    printed records kept in Simplified (lang="zh-Hans"), the English column of a parallel view
    and the names of the other languages in the switch."""
    for node in soup.select('script, style, body [lang]:not([lang="zh-Hant"])'):
        node.decompose()
    parts = [soup.get_text(" ")]
    for attr in ("title", "aria-label", "alt", "placeholder"):
        parts += [el[attr] for el in soup.select(f"[{attr}]")]
    parts += [m["content"] for m in soup.select('meta[name="description"], meta[property^="og:"][content]')
              if not m["content"].startswith("http")]
    return "\n".join(parts)


# ---------------------------------------------------------------- the conversion itself

@pytest.mark.parametrize("simplified, traditional", [
    ("发展", "發展"), ("生态", "生態"), ("软件", "軟件"), ("网络", "網絡"), ("信息", "信息"),
    ("生态文明建设", "生態文明建設"), ("绿色丝绸之路", "綠色絲綢之路"), ("肯尼亚", "肯尼亞"),
])
def test_s2t_converts_script_only(simplified, traditional):
    # s2t, not s2twp: mainland words stay (軟件, 網絡, 信息; Taiwan would say 軟體, 網路, 資訊).
    assert hant.convert(simplified) == traditional


def test_kept_spans_are_left_as_printed_and_the_marks_removed():
    text = "报告称" + hant.keep("1000多万") + "人受益" + hant.KEEP_OPEN
    assert hant.convert_marked(text) == "報告稱1000多万人受益"


def test_no_traditional_file_may_be_kept_by_hand(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "reports" / "a.en.md").write_text("x", encoding="utf-8")
    assert hant.twins(tmp_path) == {"reports/a.zh-hant.md": "reports/a.md"}
    (tmp_path / "reports" / "a.zh-hant.md").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^docs/reports/a\.zh-hant\.md:1: \(file\): .*edit docs/reports/a\.md"):
        hant.twins(tmp_path)


def test_dates_follow_babel_zh_hant_and_country_names_the_mainland_form():
    import datetime as dt

    from babel.dates import format_interval
    # zh_Hant writes a span of years differently from zh_Hans ("2021至2022" / "2021–2022年").
    assert formatting.format_range("2021", "2022", "zh-hant") == \
        format_interval(dt.date(2021, 1, 1), dt.date(2022, 1, 1), "y", locale="zh_Hant")
    assert formatting.format_date("2017-05", "zh-hant") == "2017年5月"
    # CLDR's zh_Hant names are Taiwan's (肯亞, 衣索比亞, 寮國): the edition converts the mainland
    # ones with its pages (country_name gives the Simplified name; the page is converted whole).
    names = [formatting.country_name(c, "zh-hant") for c in ("KE", "ET", "LA")]
    assert names == [formatting.country_name(c, "zh") for c in ("KE", "ET", "LA")]
    assert [hant.convert(n) for n in names] == ["肯尼亞", "埃塞俄比亞", "老撾"]


# ---------------------------------------------------------------- the built edition

def test_every_simplified_page_has_a_traditional_twin(site):
    pages = simplified_pages(site)
    assert len(pages) > 150
    missing = [p for p in pages if not (site.root / HANT / p).exists()]
    assert missing == []
    assert (site.root / HANT / "404.html").exists()
    assert not list((ROOT / "docs").rglob("*.zh-hant.md"))


def article_text(soup, tag: str, site_url: str) -> str:
    """A page's content as read in its language `tag`: no scripts, no dates (<time>: Babel's
    zh_Hant and zh_Hans write some spans of years differently), no part marked as another
    language, no printed record beside a converted one; the edition's URLs made the same."""
    art = soup.select_one("article")
    for node in art.select(f'script, style, time, .site-printed, [lang]:not([lang="{tag}"])'):
        node.decompose()
    parts = [art.get_text(" ")] + [el[a] for a in ("title", "aria-label", "alt") for el in art.select(f"[{a}]")]
    return " ".join(" ".join(parts).replace(site_url + HANT, site_url).split())


def test_traditional_pages_are_the_simplified_pages_converted_once(site):
    """Each Traditional page's content is its Simplified page's content converted by s2t once:
    nothing left unconverted, nothing converted twice (s2t of s2t turns 干擾 into 幹擾)."""
    differ = {}
    for page in simplified_pages(site):
        zh = article_text(site.soup(page), "zh-Hans", site.url)
        tw = article_text(site.soup(HANT + page), "zh-Hant", site.url)
        expected = hant.convert_text(zh)
        if tw != expected:
            at = next(i for i, (a, b) in enumerate(zip(tw + "\0", expected + "\0", strict=False)) if a != b)
            differ[page] = (tw[max(0, at - 20):at + 20], expected[max(0, at - 20):at + 20])
    assert differ == {}


# Characters that exist only in Simplified writing, among those the site uses: they change under
# s2t and never occur in s2t's output of the site's own text (干, 里, 制 do: 干擾, 萬里, 製作).
COMMON_SIMPLIFIED = "们这个发说为国来对时会后过还没么与体动处谐脚"


def simplified_only(site) -> set[str]:
    corpus = "".join(visible_text(site.soup(page)) for page in simplified_pages(site))
    converted = hant.convert_text(corpus)
    return {c for c in set(corpus) | set(COMMON_SIMPLIFIED) if hant.convert(c) != c and c not in converted}


def test_no_simplified_only_character_on_traditional_pages(site):
    """Whole pages, theme included (navigation, search box, footer, 404), outside the parts
    marked as another language and the printed records."""
    banned = simplified_only(site)
    assert len(banned) > 300  # the check has teeth
    found = {}
    for page in simplified_pages(site) + ["404.html"]:
        chars = set(visible_text(site.soup(HANT + page))) & banned
        if chars:
            found[page] = "".join(sorted(chars))
    assert found == {}


def test_traditional_pages_read_in_traditional(site):
    home = site.soup(HANT + "index.html")
    assert home.html["lang"] == "zh-Hant"
    assert "生態文明" in home.get_text() and "生态文明" not in home.get_text()
    assert home.title.get_text().endswith("生態文明與綠色絲綢之路資料庫")
    nav = [a.get_text(" ", strip=True) for a in home.select(".md-tabs__link")]
    assert "報告" in nav and "術語表" in nav, nav
    footer = home.select_one(".md-copyright").get_text(" ", strip=True)
    assert "內容與數據" in footer and "CC BY 4.0" in footer, footer
    case = site.soup(HANT + "cases/mombasa-nairobi-sgr/index.html").get_text(" ")
    assert "肯尼亞" in case and "肯亞" not in case
    assert "2017年5月建成通車" in case


def test_printed_records_keep_the_form_the_report_printed(site):
    """A figure's `as_stated` is shown converted, followed by the printed form in Simplified."""
    record = yaml.safe_load((ROOT / "data" / "cases" / "mombasa-nairobi-sgr.yml").read_text(encoding="utf-8"))
    printed = [f["as_stated"] for f in record["facts"]]
    soup = site.soup(HANT + "cases/mombasa-nairobi-sgr/index.html")
    kept = [el.get_text() for el in soup.select('.site-printed [lang="zh-Hans"]')]
    changed = [p for p in printed if hant.convert(p) != p]
    assert changed and all(p in kept for p in changed), (changed, kept)
    cells = [td.get_text(" ", strip=True) for td in soup.select("tr.site-fact td:nth-child(3)")]
    assert any(c.startswith(hant.convert(changed[0])) for c in cells), cells
    # the Simplified and English pages keep the record as it was (one span, marked zh-Hans)
    zh = site.soup("cases/mombasa-nairobi-sgr/index.html")
    assert [td.select_one('[lang="zh-Hans"]').get_text() for td in zh.select("tr.site-fact td:nth-child(3)")] == printed
    assert not zh.select(".site-printed")


def test_lang_hreflang_and_switcher_for_all_three_languages(site):
    for page in ("index.html", "cases/mombasa-nairobi-sgr/index.html", "timeline/index.html",
                 "reports/green-silk-road-2023/part-2/index.html",
                 "reports/green-silk-road-2023/part-2/parallel/index.html"):
        path = page.removesuffix("index.html")
        for lang, tree in TREES.items():
            soup = site.soup(tree + page)
            assert soup.html["lang"] == TAGS[lang], (lang, page)
            links = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
            assert links == {"zh-Hans": site.url + path, "en": site.url + "en/" + path,
                             "zh-Hant": site.url + HANT + path, "x-default": site.url + path}, (lang, page)
            here = site.url + tree + page
            for other, other_tree in TREES.items():
                a = soup.select_one(f'a.md-select__link[hreflang="{TAGS[other]}"]')
                assert a is not None and a["lang"] == TAGS[other], (lang, other, page)
                assert urljoin(here, a["href"]) == site.url + other_tree + path, (lang, other, page)


def test_sitemaps_list_the_traditional_pages_with_their_tag(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for tree in TREES.values():
        root = ET.parse(site.root / tree / "sitemap.xml").getroot()
        locs = {el.text for el in root.findall("s:url/s:loc", ns)}
        assert site.url + HANT + "cases/mombasa-nairobi-sgr/" in locs
        tags = {el.get("hreflang") for el in root.findall("s:url/x:link", ns)}
        assert tags == {"zh-Hans", "en", "zh-Hant"}, tags


def test_edit_link_and_page_foot_point_at_the_simplified_source(site):
    soup = site.soup(HANT + "reports/green-silk-road-2023/part-2/index.html")
    edit = soup.select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"].endswith("/edit/main/docs/reports/green-silk-road-2023/part-2.md"), edit["href"]
    report = soup.select_one(".site-page-info a[href*='issues/new']")
    assert "zh-Hant" in report["href"] and "zh-hant%2Freports%2Fgreen-silk-road-2023%2Fpart-2" in report["href"]
    assert "本頁最後更新" in soup.select_one(".site-page-info").get_text()


def test_citations_point_at_the_traditional_page(site):
    soup = site.soup(HANT + "cases/mombasa-nairobi-sgr/index.html")
    url = site.url + HANT + "cases/mombasa-nairobi-sgr/"
    assert soup.select_one('meta[name="citation_public_url"]')["content"] == url
    assert soup.select_one('meta[name="citation_language"]')["content"] == "zh-hant"
    for name in ("citation.bib", "citation.ris", "citation.json"):
        assert url.removeprefix(site.url) + name in {a["href"] for a in soup.select("a[href]")} or \
            (site.root / HANT / "cases/mombasa-nairobi-sgr" / name).exists(), name
    bib = (site.root / HANT / "cases/mombasa-nairobi-sgr/citation.bib").read_text(encoding="utf-8")
    assert url in bib and "蒙內鐵路" in bib


def test_parallel_view_pairs_traditional_with_english(site):
    soup = site.soup(HANT + "reports/green-silk-road-2023/part-2/parallel/index.html")
    heads = [p.get_text(strip=True) for p in soup.select(".site-parallel__lang")]
    assert heads == ["中文", "英文"], heads
    rows = soup.select(".site-parallel__row")
    assert rows and all([c["lang"] for c in r.select(".site-parallel__cell")] == ["zh-Hant", "en"] for r in rows)
    chapter = site.soup(HANT + "reports/green-silk-road-2023/part-2/index.html")
    ids = {el["id"] for el in chapter.select('[id^="p-"]')}
    assert {r["id"] for r in rows} == ids


def test_downloads_page_has_traditional_labels_and_the_shared_files(site):
    soup = site.soup(HANT + "downloads/index.html")
    text = soup.get_text(" ")
    assert "數據下載" in text
    hrefs = [urljoin(site.url + HANT + "downloads/", a["href"]) for a in soup.select("a[href$='.csv']")]
    assert hrefs and all(urlparse(h).path.startswith("/downloads/") for h in hrefs), hrefs


def test_traditional_search_index(site):
    index = json.loads((site.root / HANT / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["site"] == {"lang": "zh-hant", "mark": "^"}
    locations = [d["location"] for d in index["docs"]]
    assert "cases/mombasa-nairobi-sgr/" in locations
    assert not any(loc.startswith(("en/", "zh-hant/")) for loc in locations)
    text = " ".join(d["title"] + d["text"] for d in index["docs"]).replace("^", "")
    assert set(text) & simplified_only(site) == set()  # Traditional throughout
    # cut into words as the Simplified text is (說法不一 is one word, not 說^法)
    zh = json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))
    first = {d["location"]: d["title"] for d in zh["docs"]}
    for d in index["docs"][:200]:
        if d["location"] in first:
            assert [len(w) for w in re.split(r"\^", d["title"])] == \
                [len(w) for w in re.split(r"\^", first[d["location"]])], d["location"]


# ---------------------------------------------------------------- in the browser

def test_traditional_search_finds_what_simplified_search_finds(browser, served):
    """The Chinese reader queries, converted to Traditional, on the Traditional home page."""
    import search_harness as sh
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(urlparse(r.url).path))
    queries = [sh.Query("zh-hant", hant.convert(q.q), q.first, q.top3, None) for q in sh.load_queries()["zh"]]
    outcomes = sh.run(page, served.url, queries)
    s = sh.summary(outcomes)
    assert s["hit1"] >= 0.95, (s, [(o.query.q, o.pages[:3]) for o in outcomes if not o.hit1])
    assert s["hit3"] >= 0.99, (s, [(o.query.q, o.pages[:3]) for o in outcomes if not o.hit3])
    assert all(u.startswith(served.url + HANT) for o in outcomes for u in o.urls)
    assert [p for p in requests if p.endswith("search_index.json")] == ["/zh-hant/search/search_index.json"]
    context.close()


def test_language_switch_reaches_the_traditional_page_and_back(browser, served):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url + "cases/mombasa-nairobi-sgr/")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="zh-Hant"]').click()
    page.wait_for_url(served.url + HANT + "cases/mombasa-nairobi-sgr/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert "蒙內鐵路" in page.locator("h1").inner_text()
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(served.url + "en/cases/mombasa-nairobi-sgr/")
    context.close()
