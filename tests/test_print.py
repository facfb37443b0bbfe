"""Print (issue 10): Chromium's page.pdf(format="A4") of real pages, read back with pypdf.

A case page fits on at most two A4 sheets with nothing wider than the printable
area; the sheet names the site, the page's address and the date of printing;
a timeline event printed from its permalink prints alone, on one sheet."""

from __future__ import annotations

import datetime as _dt
import io

import pytest

from conftest import ROOT
from hooks.data import sitedata

# A4 is 210 mm wide; assets/print.css sets 12 mm margins: 186 mm of printable width at 96 px per inch.
PRINTABLE_PX = 186 / 25.4 * 96
SITE = {"zh": "生态文明与绿色丝绸之路资料库", "en": "Ecological Civilization and the Green Silk Road — a reference"}


def biggest_cases(n: int = 3) -> list[str]:
    """The case pages with the most to print: facts, body text and notes."""
    data = sitedata.load_site(ROOT / "data")
    size = {c.id: len(c.facts) * 250 + len(c.body.en if c.body else "") + sum(len(x.en) for x in c.notes)
            + len(c.milestones) * 150 for c in data.cases.values()}
    return sorted(size, key=lambda cid: -size[cid])[:n]


CASES = biggest_cases()


@pytest.fixture(scope="module")
def printer(browser, served):  # noqa: F811
    context = browser.new_context()
    pg = context.new_page()

    def pdf(path: str):
        from pypdf import PdfReader
        pg.goto(served.url + path)
        reader = PdfReader(io.BytesIO(pg.pdf(format="A4")))
        return reader, "".join(p.extract_text() for p in reader.pages)

    pdf.page = pg
    yield pdf
    context.close()


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case_id", CASES)
def test_a_case_prints_on_at_most_two_sheets_with_its_address(printer, served, case_id, lang):
    path = ("" if lang == "zh" else "en/") + f"cases/{case_id}/"
    reader, text = printer(path)
    assert len(reader.pages) <= 2, (path, len(reader.pages))
    assert (served.url + path) in flat(text)
    assert flat(SITE[lang]) in flat(text) or lang == "zh"  # CJK text reads back only where a CJK font is installed
    assert _dt.date.today().isoformat() in text  # the date of printing
    for absent in ("Skip to content", "跳转至", "Search", "搜索", "Copy", "复制"):
        assert absent not in text, absent


@pytest.mark.parametrize("case_id", CASES)
def test_nothing_is_wider_than_the_printable_area(printer, served, case_id):
    pg = printer.page
    pg.set_viewport_size({"width": int(PRINTABLE_PX), "height": 1000})
    pg.emulate_media(media="print")
    try:
        for prefix in ("en/", ""):
            pg.goto(served.url + prefix + f"cases/{case_id}/")
            widest = pg.evaluate("""(limit) => {
              const over = [];
              for (const el of document.querySelectorAll('body *:not(svg *)')) {
                const r = el.getBoundingClientRect();
                if (r.width && r.right > limit + 1) over.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
              }
              return {scroll: document.documentElement.scrollWidth, over: over.slice(0, 5)};
            }""", PRINTABLE_PX)
            assert widest["over"] == [] and widest["scroll"] <= PRINTABLE_PX + 1, (prefix, case_id, widest)
            table = pg.locator(".site-facts table")
            if table.count():
                assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1")
                assert table.evaluate("t => getComputedStyle(t).breakInside") == "avoid"
            colour = pg.locator("h2").first.evaluate("h => getComputedStyle(h).color")
            assert colour == "rgb(0, 0, 0)", colour
    finally:  # back to the browser's own media and window for the PDFs ("screen" would print screen styles)
        pg.emulate_media(media="null")
        pg.set_viewport_size({"width": 1280, "height": 720})


def test_a_timeline_event_prints_alone_from_its_permalink(printer, served):
    data = sitedata.load_site(ROOT / "data")
    event = data.event("2017-04-26-green-bri-guidance")
    for prefix, lang in (("en/", "en"), ("", "zh")):
        reader, text = printer(f"{prefix}timeline/#{event.id}")
        assert len(reader.pages) == 1
        assert (served.url + f"{prefix}timeline/#{event.id}") in flat(text)
        if lang == "en":
            assert flat(event.title.en) in flat(text)
            others = [e for e in data.events if e.id != event.id and len(e.title.en) > 25]
            assert not [e.id for e in others if flat(e.title.en) in flat(text)]
            assert "[EB/OL]" in text and "Timeline entry" in text  # the event's citation prints with it


def test_a_year_prints_alone_from_its_heading(printer, served):
    data = sitedata.load_site(ROOT / "data")
    reader, text = printer("en/timeline/#year-2019")
    year = [e for e in data.events if e.date.startswith("2019")]
    others = [e for e in data.events if not e.date.startswith("2019") and len(e.title.en) > 25]
    assert all(flat(e.title.en) in flat(text) for e in year)
    assert not [e.id for e in others if flat(e.title.en) in flat(text)]
    full, _ = printer("en/timeline/")
    assert len(reader.pages) < len(full.pages) / 4


def test_a_chapter_prints_as_a_clean_article(printer, served):
    reader, text = printer("en/reports/green-silk-road-2023/part-1-2/")
    assert (served.url + "en/reports/green-silk-road-2023/part-1-2/") in flat(text)
    for absent in ("Skip to content", "Table of contents", "Previous", "Next", "Search", "Downloads"):
        assert absent not in text, absent
    assert "Box 1" in text and "[EB/OL]" in text
