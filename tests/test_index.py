"""Ways in: the case index (sorting, filters, reading order, shareable links and
the fallback without JavaScript), the language switch that keeps the reader's
place, and the home page's counts."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin

import pytest
import yaml

from conftest import ROOT
from hooks.data import sitedata
from hooks.rendering import case_index, collation
from readers import open_page

CASES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data/cases").glob("*.yml"))}
REGIONS = {r["id"]: set(r["countries"]) for r in yaml.safe_load((ROOT / "data/vocab/regions.yml").read_text(encoding="utf-8"))}
AFRICA = {cid for cid, c in CASES.items() if set(c["countries"]) & REGIONS["africa"]}
ENERGY = {cid for cid, c in CASES.items() if c["sector"] == "energy"}


def row_ids(page) -> list[str]:
    return page.locator("tr.case-row:visible").evaluate_all("rows => rows.map(r => r.dataset.case)")


def html_row_ids(soup) -> list[str]:
    return [tr["data-case"] for tr in soup.select("tr.case-row")]


# ---------------------------------------------------------------- reading order

def test_chinese_country_options_follow_pinyin(site):
    soup = site.soup("cases/index.html")
    codes = [o["value"] for o in soup.select('select[name="country"] option') if o["value"]]
    # 阿根廷 (a) < 巴基斯坦 (ba) < 肯尼亚 (ken): in code-point order 巴 (U+5DF4) comes
    # before 肯 (U+80AF) before 阿 (U+963F), so the test would catch a code-point sort.
    assert codes.index("AR") < codes.index("PK") < codes.index("KE")
    assert sorted(["阿根廷", "巴基斯坦", "肯尼亚"]) != ["阿根廷", "巴基斯坦", "肯尼亚"]
    en = [o["value"] for o in site.soup("en/cases/index.html").select('select[name="country"] option') if o["value"]]
    assert en.index("AR") < en.index("KE") < en.index("PK")  # Argentina, Kenya, Pakistan


def test_chinese_case_list_follows_pinyin_and_english_the_alphabet(site):
    zh = html_row_ids(site.soup("cases/index.html"))
    titles = {cid: c["title"] for cid, c in CASES.items()}
    assert zh == sorted(CASES, key=lambda c: collation.sort_key(titles[c]["zh"], "zh"))
    # a known triple: 阿联酋迪拜… (a) before 巴基斯坦卡洛特… (ba) before 长江流域禁捕 (chang, not zhang)
    assert zh.index("dubai-950mw-csp-pv") < zh.index("karot-hydropower") < zh.index("yangtze-fishing-ban")
    en = html_row_ids(site.soup("en/cases/index.html"))
    def latin(text):  # alphabetical: no case, accents or punctuation (CO₂ reads CO2)
        return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKD", text).casefold())
    assert en == sorted(CASES, key=lambda c: latin(titles[c]["en"]))
    assert en != zh


def test_the_index_shows_country_sector_report_status_and_year(site):
    data = sitedata.load_site(ROOT / "data")
    soup = site.soup("en/cases/index.html")
    heads = [th.get_text(" ", strip=True) for th in soup.select("table.case-table thead th")]
    assert [re.sub(r"^Sort by: ", "", h) for h in heads] == ["Case study", "Countries", "Sector", "Report", "Status", "Year"]
    sgr = soup.select_one('tr[data-case="mombasa-nairobi-sgr"]')
    cells = [td.get_text(strip=True) for td in sgr.find_all("td")]
    assert cells[1:] == ["Kenya", "Transport", "Green Silk Road development report (2023)", "In operation", "2017"]
    # the year is the first dated step (milestone or period start); none -> a dash
    for cid, case in data.cases.items():
        cell = soup.select_one(f'tr[data-case="{cid}"]').find_all("td")[5].get_text(strip=True)
        assert cell == (case_index.case_year(case) or "—"), cid
    assert case_index.case_year(data.cases["yangtze-fishing-ban"]) == "2003"


# ---------------------------------------------------------------- sorting

def years_of(ids: list[str]) -> list[int]:
    data = sitedata.load_site(ROOT / "data")
    return [int(case_index.case_year(data.cases[i]) or 9999) for i in ids]


def test_sorting_without_javascript_follows_links_to_sorted_pages(browser, served):  # noqa: F811
    with open_page(browser, served.url + "en/cases/", 390, js=False) as page:
        page.locator("th a.case-sort[data-sort=year]").click()
        page.wait_for_url(served.url + "en/cases/sort/year/")
        ids = row_ids(page)
        assert len(ids) == len(CASES) and years_of(ids) == sorted(years_of(ids))
        assert page.locator("th[aria-sort=ascending] a").get_attribute("data-sort") == "year"
        page.locator("th a.case-sort[data-sort=country]").click()
        page.wait_for_url(served.url + "en/cases/sort/country/")
        page.locator("th a.case-sort[data-sort=name]").click()
        page.wait_for_url(served.url + "en/cases/")


def test_sorting_with_javascript_sorts_in_place_and_in_the_url(browser, served):  # noqa: F811
    with open_page(browser, served.url + "en/cases/", 1280) as page:
        page.locator("th a.case-sort[data-sort=year]").click()
        assert page.url == served.url + "en/cases/?sort=year"
        ids = row_ids(page)
        assert years_of(ids) == sorted(years_of(ids)) and len(ids) == len(CASES)
        assert page.locator("th[aria-sort=ascending] a").get_attribute("data-sort") == "year"
        page.locator("th a.case-sort[data-sort=year]").click()
        assert page.url == served.url + "en/cases/?sort=year&dir=desc"
        assert years_of(row_ids(page)) == sorted(years_of(ids), reverse=True)
        assert page.locator("th[aria-sort=descending] a").get_attribute("data-sort") == "year"
        page.select_option("form.site-filter select[name=sector]", "energy")
        assert "sector=energy" in page.url and "sort=year" in page.url
        shown = row_ids(page)
        assert set(shown) == ENERGY and years_of(shown) == sorted(years_of(shown), reverse=True)
    with open_page(browser, served.url + "en/cases/?sort=status", 1280) as page:  # a shared sorted link
        assert page.locator("th[aria-sort=ascending] a").get_attribute("data-sort") == "status"
        order = ["planned", "under-construction", "ongoing", "operational", "completed", None]
        statuses = [order.index(CASES[i].get("status")) for i in row_ids(page)]
        assert statuses == sorted(statuses)


# ---------------------------------------------------------------- filters and links

def test_a_shared_filter_link_restores_the_filter(browser, served):  # noqa: F811
    for prefix in ("", "en/"):
        with open_page(browser, served.url + prefix + "cases/?region=africa", 390) as page:
            assert page.locator("select[name=region]").input_value() == "africa"
            assert set(row_ids(page)) == AFRICA
            assert page.locator(".site-filter__count").inner_text() == f"{len(AFRICA)} / {len(CASES)}"
            page.select_option("select[name=region]", "")
            assert page.url == served.url + prefix + "cases/"
            assert len(row_ids(page)) == len(CASES)


def test_without_javascript_a_notice_and_pages_per_region_and_sector(browser, served):  # noqa: F811
    with open_page(browser, served.url + "en/cases/?region=africa", 390, js=False) as page:
        notice = page.locator(".site-noscript")
        assert notice.is_visible()
        assert "?region=africa" in notice.inner_text() and "shows every case" in notice.inner_text()
        assert len(row_ids(page)) == len(CASES)  # as the notice says
        page.locator("nav.case-browse a", has_text="Africa").click()
        page.wait_for_url(served.url + "en/cases/region/africa/")
        assert set(row_ids(page)) == AFRICA
        assert page.locator("svg.case-map__svg").is_visible()
        page.locator("nav.case-browse a", has_text="Energy").click()
        page.wait_for_url(served.url + "en/cases/sector/energy/")
        assert set(row_ids(page)) == ENERGY
        back = page.locator("a", has_text="All cases, with filters")
        assert urljoin(page.url, back.get_attribute("href")) == served.url + "en/cases/?sector=energy"
    with open_page(browser, served.url + "en/cases/", 390) as page:
        assert page.locator(".site-noscript").count() == 0 or page.locator(".site-noscript").is_hidden()
        assert page.locator("form.site-filter").is_visible()


def test_static_variant_pages_exist_in_both_languages_and_stay_out_of_search(site):
    import json
    for variant in case_index.variants(sitedata.load_site(ROOT / "data")):
        base = case_index.page_base(variant)
        for prefix in ("", "en/"):
            soup = site.soup(f"{prefix}{base}/index.html")
            assert soup.select("tr.case-row"), (prefix, variant)
    zh_index = json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))
    locations = [d.get("location", d.get("l", "")) for d in zh_index["docs"]]  # full or compact index
    assert any(loc.startswith("cases/") for loc in locations)
    assert not any(loc.startswith(("cases/region/", "cases/sector/", "cases/sort/")) for loc in locations)


# ---------------------------------------------------------------- the language switch

def switch(page, lang: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'a.md-select__link[hreflang="{lang}"]').click()


def test_language_switch_keeps_the_event_anchor(browser, served):  # noqa: F811
    event = "2017-05-14-first-forum-xi-green-measures"
    with open_page(browser, served.url + f"en/timeline/#{event}", 1280) as page:
        switch(page, "zh-Hans")
        page.wait_for_url(served.url + f"timeline/#{event}")
        assert page.locator("html").get_attribute("lang") == "zh-Hans"
        assert page.locator("article.timeline-event:target").get_attribute("id") == event
        switch(page, "en")
        page.wait_for_url(served.url + f"en/timeline/#{event}")
        assert page.locator("article.timeline-event:target").get_attribute("id") == event


def test_language_switch_keeps_the_filters(browser, served):  # noqa: F811
    with open_page(browser, served.url + "en/cases/", 1280) as page:
        page.select_option("select[name=region]", "africa")
        page.locator("th a.case-sort[data-sort=year]").click()
        switch(page, "zh-Hans")
        page.wait_for_url(served.url + "cases/?region=africa&sort=year")
        assert page.locator("select[name=region]").input_value() == "africa"
        assert set(row_ids(page)) == AFRICA
        assert page.locator("th[aria-sort=ascending] a").get_attribute("data-sort") == "year"
        switch(page, "en")
        page.wait_for_url(served.url + "en/cases/?region=africa&sort=year")
        assert set(row_ids(page)) == AFRICA


def test_language_switch_keeps_a_glossary_term(browser, served):  # noqa: F811
    with open_page(browser, served.url + "glossary/#green-finance", 1280) as page:
        switch(page, "en")
        page.wait_for_url(served.url + "en/glossary/#green-finance")
        assert page.evaluate("location.hash") == "#green-finance"


def test_without_javascript_the_switch_keeps_the_static_variant(site):
    soup = site.soup("en/cases/region/africa/index.html")
    link = soup.select_one('a.md-select__link[hreflang="zh-Hans"]')
    assert urljoin(site.url + "en/cases/region/africa/", link["href"]) == site.url + "cases/region/africa/"


# ---------------------------------------------------------------- home page

def test_home_page_counts_equal_the_data(site):
    expected = {
        "reports": len(yaml.safe_load((ROOT / "data/reports.yml").read_text(encoding="utf-8"))),
        "cases": len(list((ROOT / "data/cases").glob("*.yml"))),
        "events": sum(len(yaml.safe_load(p.read_text(encoding="utf-8")))
                      for p in (ROOT / "data/timeline").glob("*.yml")),
        "terms": len(yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))),
    }
    for page, words in (("index.html", ("份来源文件", "个案例", "条大事", "个术语")),
                        ("en/index.html", ("source documents", "cases", "events", "glossary terms"))):
        soup = site.soup(page)
        counts = {el["data-count"]: int(el.get_text()) for el in soup.select(".site-stats [data-count]")}
        assert counts == expected, page
        links = [a["href"] for a in soup.select(".site-stats a")]
        assert [urljoin(site.url + page, h).removeprefix(site.url).removeprefix("en/") for h in links] == \
            ["reports/", "cases/", "timeline/", "glossary/"]
        text = soup.select_one(".site-stats").get_text(" ")
        assert all(w in text for w in words)
        featured = [a["data-case"] for a in soup.select(".site-featured a[data-case]")]
        assert len(featured) >= 3 and set(featured) <= set(CASES)
        kicker = soup.select_one(".site-featured__kicker").get_text()
        assert ("交通运输" if page == "index.html" else "Transport") in kicker  # sector · place
        assert soup.select_one("figure[data-map] svg.case-map__svg") is not None


@pytest.mark.parametrize("marker,message", [
    ("<!-- site-statistics -->", "not a valid marker '<!-- site-statistics -->'"),
    ("<!-- site-featured -->", "site-featured needs at least one case id"),
    ("<!-- site-featured: atlantis -->", "unknown case id 'atlantis'"),
    ("<!-- site-stats: mombasa-nairobi-sgr -->", "site-stats takes no arguments"),
])
def test_bad_site_markers_stop_the_build_with_page_and_line(marker, message):
    from hooks.rendering import site_markers
    with pytest.raises(site_markers.MarkerError) as info:
        site_markers.expand(f"# Home\n\n{marker}\n", "docs/index.md", set(CASES), lambda n, a: "", line_offset=4)
    assert str(info.value).startswith(f"docs/index.md:7: site marker: {message}")


def test_site_markers_in_code_are_text():
    from hooks.rendering import site_markers
    text = "```\n<!-- site-nothing -->\n```\n"
    assert site_markers.expand(text, "docs/x.md", set(), lambda n, a: "X") == text
