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
        for prefix_root in (html, site.root / "en" / html.relative_to(site.root)):
            soup = site.soup(prefix_root.relative_to(site.root).as_posix())
            article = soup.select_one("article")
            heads = [h.get_text(strip=True) for h in article.find_all(re.compile("^h[1-6]$"))]
            assert all(a != b for a, b in zip(heads, heads[1:])), f"{prefix_root}: doubled heading"
            for p in article.find_all("p"):
                assert not re.fullmatch(r"\s*\d{1,3}\s*", p.get_text()), f"{prefix_root}: stray page number"
