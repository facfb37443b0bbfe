"""The real site, built with `mkdocs build --strict`, checked on its HTML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlparse

import yaml

from conftest import ROOT

CASE_IDS = sorted(p.stem for p in (ROOT / "data" / "cases").glob("*.yml"))


def docs_pages() -> list[str]:
    """Every hand-written page, as its output path in the Chinese build."""
    out = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").as_posix()
        if rel.endswith(".en.md"):
            continue
        stem = rel[:-3]
        out.append("index.html" if stem == "index" else
                   (stem[:-5] + "index.html" if stem.endswith("/index") else f"{stem}/index.html"))
    return out


def all_pages() -> list[str]:
    generated = ["cases/index.html", "timeline/index.html"] + [f"cases/{c}/index.html" for c in CASE_IDS]
    return docs_pages() + generated


def test_build_log_is_clean(site):
    assert "WARNING" not in site.log
    assert "Unhandled file case" not in site.log


def test_every_page_exists_in_both_languages(site):
    for page in all_pages():
        assert (site.root / page).exists(), page
        assert (site.root / "en" / page).exists(), f"en/{page}"


def test_lang_attributes(site):
    for page in all_pages():
        assert site.soup(page).html["lang"] == "zh-Hans", page
        assert site.soup("en/" + page).html["lang"] == "en", page
        assert site.soup("zh-hant/" + page).html["lang"] == "zh-Hant", page


def test_hreflang_alternates_are_absolute_and_point_at_the_counterpart(site):
    for page in all_pages():
        for lang_page in (page, "en/" + page, "zh-hant/" + page):
            links = {link["hreflang"]: link["href"] for link in site.soup(lang_page).select('link[rel="alternate"][hreflang]')}
            path = page.removesuffix("index.html")
            assert links == {"zh-Hans": site.url + path, "en": site.url + "en/" + path,
                             "zh-Hant": site.url + "zh-hant/" + path, "x-default": site.url + path}, lang_page


def test_language_switcher_points_at_the_same_page(site):
    for page in all_pages():
        here = site.url + page
        zh = site.soup(page).select_one('a.md-select__link[hreflang="en"]')
        en = site.soup("en/" + page).select_one('a.md-select__link[hreflang="zh-Hans"]')
        assert urljoin(here, zh["href"]) == site.url + "en/" + page.removesuffix("index.html"), page
        assert urljoin(site.url + "en/" + page, en["href"]) == site.url + page.removesuffix("index.html"), page


def test_sitemap_lists_both_languages(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {el.text for el in ET.parse(site.root / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    for page in all_pages():
        path = page.removesuffix("index.html")
        assert site.url + path in locs, path
        assert site.url + "en/" + path in locs, "en/" + path


def test_no_third_party_urls(site):
    """No link, script, img or CSS url() points anywhere but the site itself."""
    allowed = {urlparse(site.url).netloc}
    for html in site.root.rglob("*.html"):
        soup = site.soup(html.relative_to(site.root).as_posix())
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"),
                          ("source", "src"), ("image", "href")):
            for el in soup.find_all(tag):
                url = el.get(attr)
                if url and urlparse(url).netloc:
                    assert urlparse(url).netloc in allowed, f"{html}: <{tag} {attr}={url}>"
    for css in site.root.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8")):
            url = url.strip("'\"")
            assert not re.match(r"(https?:)?//", url), f"{css}: {url}"


def test_search_index_split_by_language(site):
    import json
    zh = json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))
    en = json.loads((site.root / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert zh["docs"] and en["docs"]
    assert not any(d["location"].startswith("en/") for d in zh["docs"])
    assert en["config"]["lang"] == ["en"]
    zh_titles = {d["title"] for d in zh["docs"]}
    assert "蒙内铁路" in "".join(zh_titles) or any("蒙内" in d["text"] for d in zh["docs"])
    assert any(d["location"].startswith("cases/mombasa-nairobi-sgr/") for d in en["docs"])


def test_case_page_shows_its_data(site):
    case = yaml.safe_load((ROOT / "data/cases/mombasa-nairobi-sgr.yml").read_text(encoding="utf-8"))
    for lang, prefix in (("zh", ""), ("en", "en/")):
        soup = site.soup(f"{prefix}cases/mombasa-nairobi-sgr/index.html")
        assert soup.h1.get_text(strip=True).rstrip("¶") == case["title"][lang]
        text = soup.get_text(" ")
        assert ("肯尼亚" if lang == "zh" else "Kenya") in text
        for fact in case["facts"]:
            assert fact["as_stated"] in text
            assert fact["label"][lang] in text


def test_edit_link_opens_the_source(site):
    edit = site.soup("en/cases/mombasa-nairobi-sgr/index.html").select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"].endswith("/edit/main/data/cases/mombasa-nairobi-sgr.yml")
    edit = site.soup("en/about/index.html").select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"].endswith("/edit/main/docs/about.en.md")
    edit = site.soup("about/index.html").select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"].endswith("/edit/main/docs/about.md")


def test_timeline_events_have_permalink_ids(site):
    events = [e for f in sorted((ROOT / "data/timeline").glob("*.yml"))
              for e in yaml.safe_load(f.read_text(encoding="utf-8"))]
    for prefix in ("", "en/"):
        soup = site.soup(f"{prefix}timeline/index.html")
        ids = {a["id"] for a in soup.select("article.timeline-event")}
        assert ids == {e["id"] for e in events}


def test_dates_written_in_each_language(site):
    zh = site.soup("timeline/index.html").find("time", attrs={"datetime": "2017-04-26"})
    en = site.soup("en/timeline/index.html").find("time", attrs={"datetime": "2017-04-26"})
    assert zh.get_text() == "2017年4月26日"
    assert en.get_text() == "26 April 2017"
    zh_month = site.soup("timeline/index.html").find("time", attrs={"datetime": re.compile(r"^\d{4}-\d{2}$")})
    assert re.fullmatch(r"\d{4}年\d{1,2}月", zh_month.get_text())


def test_chinese_heading_anchors_are_readable(site):
    ids = [h.get("id") for h in site.soup("about/index.html").select("h2[id]")]
    assert ids and not any(re.fullmatch(r"_\d*", i) for i in ids)
    assert any(re.search(r"[\u4e00-\u9fff]", i) for i in ids)


def test_case_marker_renders_the_box_from_data(site):
    soup = site.soup("reports/eco-friendly-modernization-2025/chapter-2/index.html")
    box = soup.select_one("#case-zijin-bor-copper-serbia")
    assert box is not None
    case = yaml.safe_load((ROOT / "data/cases/zijin-bor-copper-serbia.yml").read_text(encoding="utf-8"))
    for fact in case["facts"]:
        assert fact["as_stated"] in box.get_text()
    link = box.find("a", string=re.compile("查看案例页面"))
    assert urljoin(site.url + "reports/eco-friendly-modernization-2025/chapter-2/", link["href"]) == \
        site.url + "cases/zijin-bor-copper-serbia/"


def test_build_is_deterministic(site, tmp_path):
    from conftest import run_build
    again = tmp_path / "again"
    assert run_build(again, site.url).returncode == 0
    for path in site.root.rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            other = again / path.relative_to(site.root)
            assert other.read_bytes() == path.read_bytes(), path.relative_to(site.root)


def test_sources_link_to_the_page_that_covers_them(site):
    # an event cited to §2.2 of the 2025 report links to chapter 2; annex entries to their year
    soup = site.soup("en/cases/vientiane-saysettha-low-carbon-zone/index.html")
    hrefs = {a.get_text(strip=True): a["href"] for a in soup.find(id="sources").find_next("ul").find_all("a")}
    base = site.url + "en/cases/vientiane-saysettha-low-carbon-zone/"
    assert urljoin(base, hrefs["Green Silk Road development report (2023) · Box 6 (1)"]) == \
        site.url + "en/reports/green-silk-road-2023/part-1-7/"
    assert urljoin(base, hrefs["Green Silk Road development report (2023) · Annex, 2020"]) == \
        site.url + "en/timeline/#year-2020"


def test_report_pages_list_the_cases_and_events_drawn_from_them(site):
    for prefix in ("", "en/"):
        soup = site.soup(f"{prefix}reports/eco-friendly-modernization-2025/chapter-2/index.html")
        mentions = soup.select_one(".site-mentions")
        assert mentions is not None
        links = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in mentions.find_all("a") if "cases/" in a["href"]}
        assert {"international-mangrove-center", "zijin-bor-copper-serbia", "thwake-dam-kenya"} <= links
        assert any("timeline/#" in a["href"] for a in mentions.find_all("a"))


def test_downloads_hold_the_data_and_every_link_resolves(site):
    import csv
    import json
    with open(site.root / "downloads/cases.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["id"] for r in rows) == CASE_IDS
    sgr = next(r for r in rows if r["id"] == "mombasa-nairobi-sgr")
    assert sgr["countries"] == "KE" and sgr["url_en"] == site.url + "en/cases/mombasa-nairobi-sgr/"
    timeline = json.loads((site.root / "downloads/timeline.json").read_text(encoding="utf-8"))
    assert timeline["licence"] == "CC BY 4.0"
    assert all(isinstance(e["date"], str) for e in timeline["events"])
    with open(site.root / "downloads/facts.csv", encoding="utf-8-sig", newline="") as fh:
        facts = list(csv.DictReader(fh))
    assert any(f["record_id"] == "mombasa-nairobi-sgr" and f["as_stated"] for f in facts)
    for page in ("downloads/index.html", "en/downloads/index.html"):
        links = [a["href"] for a in site.soup(page).select("article a[download]")]
        assert len(links) >= 12
        for href in links:
            target = urljoin(site.url + page, href)
            assert (site.root / target.removeprefix(site.url)).is_file(), target


def test_each_language_has_its_own_404_page(site):
    assert site.soup("404.html").html["lang"] == "zh-Hans"
    assert site.soup("en/404.html").html["lang"] == "en"


def test_html_fixes_for_validators_and_screen_readers(site):
    for page in ("index.html", "en/index.html", "cases/mombasa-nairobi-sgr/index.html"):
        soup = site.soup(page)
        assert not soup.select('input[type="checkbox"][autocomplete]'), page
        assert soup.select_one('div.md-search[role="dialog"]')["aria-label"] in ("搜索", "Search")


def test_glossary_page_anchors_every_term_in_both_languages(site):
    terms = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    for prefix in ("", "en/"):
        soup = site.soup(f"{prefix}glossary/index.html")
        ids = {h["id"] for h in soup.select("article h2[id]")}
        assert {t["id"] for t in terms} == ids


def test_report_pages_explain_glossary_terms_where_they_appear(site):
    terms = {t["id"]: t for t in yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))}
    for report in ("eco-friendly-modernization-2025", "intl-cooperation-2023", "green-silk-road-2023"):
        for prefix, lang in (("", "zh"), ("en/", "en")):
            # (a parallel view shows both languages, each with its own definitions: test_parallel.py)
            links = [a for page in (site.root / prefix / "reports" / report).rglob("index.html")
                     if page.parent.name != "parallel"
                     for a in site.soup(page.relative_to(site.root).as_posix()).select("a.glossary-term")]
            assert len(links) >= 10, (report, lang)
            for a in links:
                term_id = a["href"].rsplit("#", 1)[1]
                assert a["title"] == terms[term_id]["definition"][lang]
