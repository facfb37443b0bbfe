"""Every page reads on a phone: no sideways scrolling at 320 px and 390 px
(320 px is also 1280 px at 400 % zoom, WCAG 1.4.10), in both languages, with
and without JavaScript; wide tables scroll inside their own box with a
visible cue; the timeline's year navigator stays in view on a phone."""

from __future__ import annotations

import pytest

from readers import LANG_PREFIXES, open_page

PAGES = ["", "cases/", "cases/mombasa-nairobi-sgr/", "timeline/", "glossary/", "downloads/",
         "reports/green-silk-road-2023/part-1-3/", "cases/region/africa/"]
NO_SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("prefix", LANG_PREFIXES, ids=["zh", "en", "zh-hant"])
@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_no_page_scrolls_sideways(browser, served, path, prefix, width):  # noqa: F811
    with open_page(browser, served.url + prefix + path, width) as page:
        assert page.evaluate(NO_SIDEWAYS), (page.evaluate("document.documentElement.scrollWidth"), width)


@pytest.mark.parametrize("path", ["en/cases/", "timeline/", "en/cases/mombasa-nairobi-sgr/"])
def test_no_sideways_scrolling_without_javascript(browser, served, path):  # noqa: F811
    with open_page(browser, served.url + path, 320, js=False) as page:
        assert page.evaluate(NO_SIDEWAYS)


def test_four_hundred_percent_zoom_of_a_desktop_window(browser, served):  # noqa: F811
    # 1280 px at 400 %: a 320 CSS px viewport with four device pixels per CSS pixel.
    context = browser.new_context(viewport={"width": 320, "height": 256}, device_scale_factor=4)
    try:
        page = context.new_page()
        for path in ("en/cases/", "en/timeline/", "en/glossary/"):
            page.goto(served.url + path)
            assert page.evaluate(NO_SIDEWAYS), path
    finally:
        context.close()


# Each visible table in the content and its scroll box: itself, or the nearest
# ancestor that scrolls (Material wraps tables in .md-typeset__scrollwrap).
WIDE_TABLES = """() => Array.from(document.querySelectorAll('article table')).filter(t => t.offsetParent !== null)
  .map(t => { const article = t.closest('article');
              const overflows = t.getBoundingClientRect().width > article.clientWidth + 1 || t.scrollWidth > t.clientWidth + 1;
              let box = t;
              while (box !== article && !(['auto', 'scroll'].includes(getComputedStyle(box).overflowX) &&
                                          box.scrollWidth > box.clientWidth + 1)) box = box.parentElement;
              const s = getComputedStyle(box);
              return {overflows: overflows, scrolls: box !== article, cue: s.backgroundImage.includes('gradient'),
                      right: box.getBoundingClientRect().right}; })"""


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("path", ["en/cases/zijin-bor-copper-serbia/", "reports/green-silk-road-2023/part-1-3/"])
def test_wide_tables_scroll_in_their_own_box_with_a_cue(browser, served, path, js):  # noqa: F811
    with open_page(browser, served.url + path, 320, js=js) as page:
        tables = page.evaluate(WIDE_TABLES)
        wide = [t for t in tables if t["overflows"]]
        assert wide, "expected a table wider than a 320 px phone"
        assert all(t["scrolls"] and t["cue"] and t["right"] <= 320 for t in wide), wide
        assert page.evaluate(NO_SIDEWAYS)


def test_case_list_becomes_cards_on_a_phone(browser, served):  # noqa: F811
    with open_page(browser, served.url + "en/cases/", 320) as page:
        row = page.locator("tr.case-row").first
        assert page.evaluate("getComputedStyle(document.querySelector('tr.case-row')).display") == "block"
        assert row.bounding_box()["width"] <= 320
        label = page.evaluate("getComputedStyle(document.querySelector('tr.case-row td[data-label]'), '::before').content")
        assert "Countries" in label


def test_filter_controls_wrap_and_shrink(browser, served):  # noqa: F811
    with open_page(browser, served.url + "en/timeline/", 320) as page:
        boxes = page.locator("form.site-filter select").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().right)")
        assert boxes and max(boxes) <= 320


def test_year_navigator_stays_in_view_on_a_phone(browser, served):  # noqa: F811
    with open_page(browser, served.url + "timeline/", 390, height=700) as page:
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        page.wait_for_function("window.scrollY > 1000")
        nav = page.locator("nav.timeline-years")
        box = nav.bounding_box()
        assert 0 <= box["y"] < 120 and box["height"] < 80, box  # stuck under the header
        assert nav.evaluate("n => n.scrollWidth > n.clientWidth")  # scrolls in its own box
        assert page.evaluate(NO_SIDEWAYS)
        # its links jump to the year
        page.locator("nav.timeline-years a[data-year='2015']").click()
        page.wait_for_url("**/timeline/#year-2015")


@pytest.mark.parametrize("path", ["en/cases/", "cases/mombasa-nairobi-sgr/", "en/timeline/", ""])
def test_no_serious_accessibility_violation_on_a_phone(browser, served, path):  # noqa: F811
    """axe-core on the phone layout of the content (the header and footer are the
    same at every width and checked in test_browser.py)."""
    from axe_playwright_python.sync_playwright import Axe
    with open_page(browser, served.url + path, 390) as page:
        violations = Axe().run(page, context={"include": [[".md-main"]]}).response["violations"]
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], serious
