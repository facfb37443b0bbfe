"""Anchors everywhere (issue 10): every fact row, timeline event, glossary term and case box
has an id and a visible "copy link" control; every link to a fragment resolves; the
controls are at least 24×24 px at 4.5:1 contrast; landing on an anchor highlights it."""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from conftest import ROOT
from hooks.data import sitedata
from test_browser import page  # noqa: F401  (fixture: an error-free page)


@pytest.fixture(scope="module")
def data():
    return sitedata.load_site(ROOT / "data")


def pages(site):
    return sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*.html"))


def test_ids_are_unique_and_every_anchor_control_points_at_its_target(site):
    ids: dict[str, Counter] = {}

    def ids_of(path: str) -> Counter:
        if path not in ids:
            ids[path] = Counter(el["id"] for el in site.soup(path).find_all(id=True))
        return ids[path]

    controls = 0
    for path in pages(site):
        dupes = [i for i, n in ids_of(path).items() if n > 1]
        assert not dupes, (path, dupes[:5])
        base = site.url + path.removesuffix("index.html")
        for a in site.soup(path).select("a.site-anchor"):
            controls += 1
            url, fragment = urldefrag(urljoin(base, a["href"]))
            target = url.removeprefix(site.url)
            target = target + "index.html" if target.endswith("/") or not target else target
            assert fragment and fragment in ids_of(target), (path, a["href"])
            assert a.get("aria-label"), (path, a["href"])
    assert controls > 1000


def test_facts_events_terms_and_boxes_have_anchor_controls(site, data):
    for prefix in ("", "en/"):
        for case in data.cases.values():
            soup = site.soup(f"{prefix}cases/{case.id}/index.html")
            rows = soup.select("tr.site-fact")
            assert [r["id"] for r in rows] == [f"fact-{n}" for n in range(1, len(case.facts) + 1)], case.id
            assert all(r.select_one(f'a.site-anchor[href="#{r["id"]}"]') for r in rows)
        soup = site.soup(f"{prefix}timeline/index.html")
        for event in data.events:
            article = soup.find("article", id=event.id)
            assert article.select_one(f'a.site-anchor[href="#{event.id}"]'), event.id
            assert [r["id"] for r in article.select("tr.site-fact")] == \
                [f"{event.id}-fact-{n}" for n in range(1, len(event.facts) + 1)]
        soup = site.soup(f"{prefix}glossary/index.html")
        for term in data.glossary:
            heading = soup.find(id=term.id)
            assert heading is not None and heading.name == "h2", term.id
            assert soup.select_one(f'a.site-anchor[href="#{term.id}"]'), term.id
    boxes = 0
    for path in pages(site):
        if "/reports/" not in "/" + path:
            continue
        for box in site.soup(path).select("div.case-box[id]"):
            boxes += 1
            assert box.select_one(f'.case-box__kicker a.site-anchor[href="#{box["id"]}"]'), (path, box["id"])
            case_id = box["id"].removeprefix("case-")
            assert [r["id"] for r in box.select("tr.site-fact")] == \
                [f"case-{case_id}-fact-{n}" for n in range(1, len(data.cases[case_id].facts) + 1)]
    assert boxes >= 30


def test_every_link_to_a_fragment_resolves(site):
    """Follows each link with a #fragment on every page (events, terms, facts, boxes, headings)."""
    ids: dict[str, set[str]] = {}

    def ids_of(path: str) -> set[str]:
        if path not in ids:
            ids[path] = {el["id"] for el in site.soup(path).find_all(id=True)}
        return ids[path]

    followed = 0
    for path in pages(site):
        base = site.url + path.removesuffix("index.html")
        for a in site.soup(path).select("a[href*='#']"):
            url, fragment = urldefrag(urljoin(base, a["href"]))
            if not fragment or not url.startswith(site.url):
                continue
            target = url.removeprefix(site.url).split("?")[0]
            target = target + "index.html" if target.endswith("/") or not target else target
            if not (site.root / target).is_file():
                continue  # a file link (downloads); not a page
            assert fragment in ids_of(target), (path, a["href"])
            followed += 1
    assert followed > 3000


# ---------------------------------------------------------------- in the browser

CONTRAST = """(el) => {
  function rgb(s) { const m = s.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
  function lum(c) { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); }
  let bg = null, node = el;
  while (node && node.nodeType === 1) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.a > 0) { bg = c; break; }
    node = node.parentElement;
  }
  bg = bg || {r: 255, g: 255, b: 255};
  const fg = rgb(getComputedStyle(el).color), a = lum(fg), b = lum(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""

PAGES = ["en/cases/mombasa-nairobi-sgr/", "cases/sihanoukville-low-carbon-zone/", "en/timeline/", "glossary/",
         "en/reports/green-silk-road-2023/part-1-2/", "reports/eco-friendly-modernization-2025/chapter-2/"]


@pytest.mark.parametrize("path", PAGES)
def test_copy_link_controls_are_big_enough_and_contrasted(page, served, path):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe
    page.goto(served.url + path)
    controls = page.locator("a.site-anchor")
    assert controls.count() > 0
    checked = 0
    for i in range(controls.count()):
        control = controls.nth(i)
        if not control.is_visible():
            continue  # in a filtered-out or closed part of the page
        control.scroll_into_view_if_needed()
        box = control.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (path, i, box)
        assert control.evaluate(CONTRAST) >= 4.5, (path, i)
        checked += 1
        if checked >= 40:
            break
    assert checked > 0
    buttons = page.locator("button.site-copy:visible")
    for i in range(min(buttons.count(), 10)):
        box = buttons.nth(i).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
        assert buttons.nth(i).evaluate(CONTRAST) >= 4.5
    # axe on the controls and citations themselves (the whole page: test_browser.py)
    context = {"include": [["a.site-anchor"], ["button.site-copy"], [".site-cite"], [".site-cite__source"]]}
    violations = Axe().run(page, context=context, options={"resultTypes": ["violations"]}).response["violations"]
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical") or v["id"] in ("target-size", "color-contrast")]
    assert serious == [], serious


@pytest.mark.parametrize("path,target", [
    ("en/cases/mombasa-nairobi-sgr/", "fact-2"), ("timeline/", "2017-04-26-green-bri-guidance"),
    ("en/glossary/", "ecological-civilization"),
    ("reports/eco-friendly-modernization-2025/chapter-2/", "case-zijin-bor-copper-serbia"),
    ("en/reports/eco-friendly-modernization-2025/chapter-2/", "case-zijin-bor-copper-serbia-fact-1")])
def test_landing_on_an_anchor_highlights_it_below_the_header(page, served, path, target):  # noqa: F811
    page.goto(served.url + path + "#" + target)
    el = page.locator(f"[id='{target}']")
    assert el.evaluate("e => e.matches(':target')")
    shown = el.evaluate("e => { const c = e.matches('tr') ? e.cells[0] : e; return getComputedStyle(c).backgroundColor; }")
    assert shown not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), shown
    header = page.locator(".md-header").bounding_box()["height"]
    assert el.bounding_box()["y"] >= header - 1


def test_a_copy_link_control_copies_the_full_address(browser, served):  # noqa: F811
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    pg.goto(served.url + "en/cases/mombasa-nairobi-sgr/")
    pg.locator('a.site-anchor[href="#fact-2"]').click()
    pg.wait_for_function("document.querySelector('.site-copy__status') && "
                         "document.querySelector('.site-copy__status').textContent === 'Link copied'")
    assert pg.evaluate("navigator.clipboard.readText()") == served.url + "en/cases/mombasa-nairobi-sgr/#fact-2"
    assert pg.url.endswith("#fact-2")
    # a timeline filter in the address is not part of a permalink
    pg.goto(served.url + "timeline/?themes=biodiversity")
    pg.locator('a.site-anchor[href="#2010-aichi-biodiversity-targets-adopted"]').first.click()
    assert pg.evaluate("navigator.clipboard.readText()") == served.url + "timeline/#2010-aichi-biodiversity-targets-adopted"
    context.close()


def test_copying_a_citation_fills_in_todays_date(browser, served):  # noqa: F811
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    today = _dt.date.today()
    for path, button, date in (
            ("en/cases/mombasa-nairobi-sgr/", "cite-apa", f"{today:%B} {today.day}, {today.year}"),
            ("cases/mombasa-nairobi-sgr/", "cite-apa", f"{today.year}年{today.month}月{today.day}日"),
            ("cases/mombasa-nairobi-sgr/", "cite-gbt", f"[{today:%Y-%m-%d}]"),
            ("en/reports/intl-cooperation-2023/", "report-apa", "https://doi.org/10.19758/")):
        pg.goto(served.url + path)
        pg.locator(f'button.site-copy[data-copy="{button}"]').click()
        pg.wait_for_function(f"document.querySelector('button[data-copy=\"{button}\"]').classList.contains('site-copied')")
        copied = pg.evaluate("navigator.clipboard.readText()")
        assert date in copied, (path, copied)
        assert "date of access" not in copied and "引用日期" not in copied
        assert copied == re.sub(r"\s+", " ", pg.locator(f"#{button}").inner_text()).strip()
    # the event's citation, opened from its permalink
    pg.goto(served.url + "en/timeline/#2017-04-26-green-bri-guidance")
    event = pg.locator("article[id='2017-04-26-green-bri-guidance']")
    event.locator("details summary").click()
    event.locator('button[data-copy="2017-04-26-green-bri-guidance-cite-gbt"]').click()
    pg.wait_for_function("document.querySelector('button[data-copy=\"2017-04-26-green-bri-guidance-cite-gbt\"]')"
                         ".classList.contains('site-copied')")
    copied = pg.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"[{today:%Y-%m-%d}]. {served.url}en/timeline/#2017-04-26-green-bri-guidance.")
    context.close()


def test_without_javascript_anchors_are_links_and_copy_buttons_stay_hidden(browser, served):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(served.url + "en/cases/mombasa-nairobi-sgr/")
    assert pg.locator("button.site-copy:visible").count() == 0
    assert "[date of access]" in pg.locator("#cite-apa").inner_text()
    pg.locator('a.site-anchor[href="#fact-1"]').click()
    assert urlparse(pg.url).fragment == "fact-1"
    assert pg.locator("#fact-1").evaluate("e => e.matches(':target')")
    context.close()

