"""Content rules checked on the sources and the built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DOCS = ROOT / "docs"
SHARED = ROOT.parent / "shared"


def headings(path: Path) -> list[int]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", text, re.M)]


PAIRS = sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md"))


@pytest.mark.parametrize("zh", PAIRS, ids=[p.relative_to(DOCS).as_posix() for p in PAIRS])
def test_each_page_has_an_english_twin_with_the_same_headings(zh):
    en = zh.with_name(zh.stem + ".en.md")
    assert en.exists(), f"missing {en.relative_to(ROOT)}"
    assert headings(zh) == headings(en), f"{zh.name}: heading levels differ between languages"


def test_every_case_marker_in_both_languages():
    for zh in PAIRS:
        en = zh.with_name(zh.stem + ".en.md")
        marker = re.compile(r"<!--\s*case:\s*([^\s>]+)\s*-->")
        assert marker.findall(zh.read_text(encoding="utf-8")) == marker.findall(en.read_text(encoding="utf-8")), zh


# OCR slips, the truncation banner of green-bri-guidance-2017, and words that the
# extraction split with a space (seen in the source headings).
ARTEFACTS = ["时代之间", "目益", "纳人", "谣谣领先", "世界之间", "PM25", "预览已结束", "yunbaogao",
             "发展 绿色根基", "全球环 境", "世界的 中国"]


# Lost subscripts and superscripts: CO2 for CO₂, PM25 for PM2.5, m2 for m².
LOST_SCRIPTS = re.compile(r"CO2(?!\d)|PM25|\d\s?m2\b")


def test_no_extraction_artefact_in_the_built_site(site):
    for html in site.root.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for bad in ARTEFACTS:
            assert bad not in text, f"{html.relative_to(site.root)}: {bad}"
        visible = site.soup(html.relative_to(site.root).as_posix()).select_one("article")
        if visible is not None:
            found = LOST_SCRIPTS.search(visible.get_text(" "))
            assert found is None, f"{html.relative_to(site.root)}: {found.group()}"


BOX_CASES = {
    "eco-friendly-modernization-2025": 8,
    "green-silk-road-2023": 21,
}


def test_every_box_project_has_a_case():
    boxes: dict[str, int] = {}
    for path in (ROOT / "data/cases").glob("*.yml"):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        first = case["sources"][0]
        if "专栏" in first["locator"]:
            boxes[first["report"]] = boxes.get(first["report"], 0) + 1
    assert boxes == BOX_CASES


def test_annex_holds_sixty_entries_by_year():
    events = yaml.safe_load((ROOT / "data/timeline/green-silk-road-2023-annex.yml").read_text(encoding="utf-8"))
    per_year: dict[str, int] = {}
    for e in events:
        assert any(s["locator"] == f"附件·{e['date'][:4]}年" for s in e["sources"]), e["id"]
        per_year[e["date"][:4]] = per_year.get(e["date"][:4], 0) + 1
    # as printed in the annex: 2015: 3, 2016: 7, 2017: 7, 2018: 3, 2019: 8, 2020: 4, 2021: 9, 2022: 7, 2023: 12
    assert per_year == {"2015": 3, "2016": 7, "2017": 7, "2018": 3, "2019": 8, "2020": 4,
                        "2021": 9, "2022": 7, "2023": 12}


@pytest.mark.skipif(not (SHARED / "seeds").exists(), reason="../shared is not beside the checkout")
def test_annex_count_matches_the_printed_annex():
    text = (SHARED / "seeds/003_2147d902607a0425.txt").read_text(encoding="utf-8")
    annex = text[text.index("绿色丝绸之路发展大事记"):]
    printed = re.findall(r"^\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?", annex, re.M)
    events = yaml.safe_load((ROOT / "data/timeline/green-silk-road-2023-annex.yml").read_text(encoding="utf-8"))
    assert len(printed) == len(events) == 60


def test_timeline_page_lists_every_annex_event(site):
    soup = site.soup("timeline/index.html")
    events = yaml.safe_load((ROOT / "data/timeline/green-silk-road-2023-annex.yml").read_text(encoding="utf-8"))
    ids = {a["id"] for a in soup.select("article.timeline-event[data-reports~='green-silk-road-2023']")}
    assert {e["id"] for e in events} <= ids


def test_no_doubled_heading_or_stray_page_number_in_report_pages(site):
    for html in (site.root / "reports").rglob("index.html"):
        if html.parent.name == "parallel":
            continue  # a chapter's two languages side by side: its blocks are checked on the chapter pages
        for prefix_root in (html, site.root / "en" / html.relative_to(site.root)):
            soup = site.soup(prefix_root.relative_to(site.root).as_posix())
            article = soup.select_one("article")
            heads = [h.get_text(strip=True) for h in article.find_all(re.compile("^h[1-6]$"))]
            assert all(a != b for a, b in zip(heads, heads[1:], strict=False)), f"{prefix_root}: doubled heading"
            for p in article.find_all("p"):
                assert not re.fullmatch(r"\s*\d{1,3}\s*", p.get_text()), f"{prefix_root}: stray page number"


# -- biodiversity-position-2020 and green-bri-guidance-2017 (issue: the last two reports)

REPORT_PAGES = {
    "biodiversity-position-2020": ["index", "introduction", "part-1", "part-2", "part-3", "part-4", "part-5", "part-6"],
    "green-bri-guidance-2017": ["index", "introduction", "part-1", "part-2", "part-3"],
}
SUBSECTIONS_002 = {"part-2": 7, "part-3": 3, "part-4": 3, "part-5": 3, "part-6": 2}


@pytest.mark.parametrize("report", sorted(REPORT_PAGES))
def test_every_part_of_the_last_two_reports_is_on_the_site(site, report):
    for page in REPORT_PAGES[report]:
        for prefix in ("", "en/"):
            path = f"{prefix}reports/{report}/" + ("" if page == "index" else f"{page}/") + "index.html"
            assert (site.root / path).exists(), path
    nav = site.soup(f"reports/{report}/index.html").select_one("nav.md-nav--primary")
    linked = {a.get("href", "") for a in nav.select("a")}
    for page in REPORT_PAGES[report][1:]:
        assert any(h.rstrip("/").endswith(page) for h in linked), f"{report}/{page} not in the navigation"


@pytest.mark.parametrize("page,count", sorted(SUBSECTIONS_002.items()))
def test_every_numbered_subsection_of_002_has_its_heading(page, count):
    text = (DOCS / f"reports/biodiversity-position-2020/{page}.md").read_text(encoding="utf-8")
    found = re.findall(r"^## （[一二三四五六七]）", text, re.M)
    assert len(found) == count, f"{page}: {found}"


def test_guidance_pages_say_where_the_text_breaks_off():
    for name in ("part-3.md", "index.md"):
        assert "三（三）1." in (DOCS / "reports/green-bri-guidance-2017" / name).read_text(encoding="utf-8"), name
    for name in ("part-3.en.md", "index.en.md"):
        text = (DOCS / "reports/green-bri-guidance-2017" / name).read_text(encoding="utf-8")
        assert "III (3) 1" in text and "breaks off" in text, name


HIGH_002 = ["wufeng-beekeeping", "baqing-village-weichang", "yangtze-fishing-ban",
            "ant-forest-chengduo-jiatang", "kubuqi-desert"]


@pytest.mark.parametrize("case_id", HIGH_002)
def test_every_high_project_of_002_has_a_case_page(site, case_id):
    data = yaml.safe_load((ROOT / f"data/cases/{case_id}.yml").read_text(encoding="utf-8"))
    assert any(s["report"] == "biodiversity-position-2020" for s in data["sources"])
    assert (site.root / f"cases/{case_id}/index.html").exists()
    assert (site.root / f"en/cases/{case_id}/index.html").exists()


def _dated_statements(path: Path) -> list[tuple[str, str, int]]:
    """(locator, year, line) of every year printed as a date in report 002's text."""
    numerals = "一二三四五六七八九十"
    part = sub = None
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.strip()
        if m := re.match(rf"^([{numerals}])、", text):
            part, sub = m.group(1), None
            continue
        if (m := re.match(rf"^[（(]\s*([{numerals}])\s*[)）]", text)) and part:
            sub = m.group(1)
            continue
        locator = "引言" if part is None else part + (f"（{sub}）" if sub else "")
        # A year is a four-digit number followed by 年 or by a range dash; "2000多人次" is a count.
        for year in re.findall(r"(?<![0-9])((?:19|20)[0-9]{2})(?=\s*年|\s*[—–\-－])", text):
            out.append((locator, year, number))
    return out


@pytest.mark.skipif(not (SHARED / "seeds").exists(), reason="../shared is not beside the checkout")
def test_every_dated_statement_of_002_is_an_event_or_a_recorded_non_event():
    from hooks.data import sitedata
    data = sitedata.load_site(ROOT / "data")
    report = "biodiversity-position-2020"
    statements = _dated_statements(SHARED / "seeds/002_dc9856d8e42a851b.txt")
    assert len(statements) > 40

    def covered(locator: str, year: str) -> bool:
        for e in data.events:
            if any(s.report == report and s.locator == locator for s in e.sources):
                text = " ".join([e.date, e.end_date or "", e.title.zh, e.summary.zh, *[f.as_stated for f in e.facts]])
                if year in text:
                    return True
        return any(n.report == report and n.locator == locator and year in n.as_printed for n in data.not_events)

    missing = [f"002:{line} {locator} {year}" for locator, year, line in statements if not covered(locator, year)]
    assert not missing, "dated statements neither on the timeline nor in data/not-events.yml:\n" + "\n".join(missing)


def test_inferred_dates_say_so_on_the_timeline(site):
    from hooks.data import sitedata
    data = sitedata.load_site(ROOT / "data")
    inferred = [e for e in data.events if e.date_inferred]
    assert inferred, "the 2020 paper's 今年6月 is an inferred date"
    soup = site.soup("timeline/index.html")
    for event in inferred:
        article = soup.find(id=event.id)
        assert "日期为推定" in article.get_text(), event.id


# -- the milestone model (a date is a milestone, not the end of a period)

@pytest.mark.parametrize("prefix,expected", [("", "2017年5月建成通车"), ("en/", "opened May 2017")])
def test_an_opening_date_reads_as_an_opening(site, prefix, expected):
    soup = site.soup(f"{prefix}cases/mombasa-nairobi-sgr/index.html")
    meta = soup.select_one("dl.case-meta").get_text(" ")
    assert expected in meta
    assert "until" not in meta and "至2017" not in meta


def test_no_case_page_reads_a_milestone_as_the_end_of_a_period(site):
    for path in sorted((site.root / "en/cases").glob("*/index.html")):
        meta = site.soup(path.relative_to(site.root).as_posix()).select_one("dl.case-meta")
        assert "until" not in meta.get_text(" "), path.parent.name
        assert not re.search(r"(\d{4}) – \1\b", meta.get_text(" ")), path.parent.name
