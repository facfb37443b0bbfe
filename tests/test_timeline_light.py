"""The timeline, made light (issue 9) without taking anything from readers: its 135 events carry
their copy buttons once (assets/timeline.js gives every citation its own in the browser), the
filter form holds its place from the first paint (nothing below it moves when filters.js runs),
and the events the browser does not render until they are near the screen (site.css
`content-visibility`) all print. In every language the site is built in."""

from __future__ import annotations

import io

import pytest

import search_harness as sh
from conftest import ROOT
from hooks.data import sitedata

DATA = sitedata.load_site(ROOT / "data")
EVENTS = [e.id for e in DATA.events]
# The suffixes of an event's three citation texts (overrides/fragments/timeline.html).
TEXTS = ("-cite-apa", "-cite-gbt", "-source")


def roots(site) -> list[str]:
    """The language folders ("", "en/", …) whose timeline was built."""
    return [root for root in sh.LANG_ROOT.values() if (site.root / root / "timeline" / "index.html").is_file()]


def test_the_page_carries_one_set_of_copy_buttons(site):
    for root in roots(site):
        soup = site.soup(f"{root}timeline/index.html")
        articles = soup.select("article.timeline-event")
        first = articles[0]["id"]
        buttons = soup.select("button.site-copy")
        assert [b["data-copy"] for b in buttons] == [first + s for s in TEXTS], root
        assert all(b.has_attr("hidden") for b in buttons)  # shown only by cite.js
        # ... while every event keeps its citation texts in the page (no JavaScript needed to read them)
        for article in articles:
            assert [t["id"] for t in article.select(".site-cite-event .site-cite__text[id]")] == \
                [article["id"] + s for s in TEXTS], (root, article["id"])


def test_every_citation_gets_its_own_copy_button(browser, served, site):  # noqa: F811
    for root in roots(site):
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(served.url + f"{root}timeline/")
        pairs = page.evaluate("""() => Array.from(document.querySelectorAll('.site-cite-event .site-cite__text[id]'))
          .map(t => { const b = t.nextElementSibling;
                      return [t.id, b && b.matches('button.site-copy') && !b.hidden ? b.dataset.copy : null]; })""")
        assert len(pairs) == len(EVENTS) * len(TEXTS), root
        assert [b for t, b in pairs] == [t for t, b in pairs], root
        assert page.locator("button.site-copy").count() == len(pairs)  # one each, none twice
        last = EVENTS[-1]
        event = page.locator(f"article[id='{last}']")
        event.locator("details summary").click()
        button = event.locator(f'button[data-copy="{last}-source"]')
        label = button.text_content()
        button.click()
        page.wait_for_function(f"document.querySelector('button[data-copy=\"{last}-source\"]')"
                               ".classList.contains('site-copied')")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == " ".join(page.locator(f"[id='{last}-source']").inner_text().split())
        assert copied and label  # the words come from the page
        assert errors == []
        context.close()


FORM_AND_FIRST_EVENT = """() => {
  const form = document.querySelector('form.site-filter').getBoundingClientRect();
  const event = document.querySelector('article.timeline-event').getBoundingClientRect();
  return {shown: form.height > 0, height: Math.round(form.height), event: Math.round(event.top)};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_filter_form_holds_its_place_before_its_script_runs(browser, served, site, width):  # noqa: F811
    """The page as first painted (filters.js not run yet) and as it settles lay out the same."""
    for root in roots(site):
        url = served.url + f"{root}timeline/"
        layouts = {}
        for name, script in (("before", False), ("after", True)):
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            if not script:
                page.route("**/assets/filters.js", lambda route: route.abort())
            page.goto(url)
            layouts[name] = page.evaluate(FORM_AND_FIRST_EVENT)
            if script:
                assert page.locator("form.site-filter .site-filter__count").text_content() == \
                    f"{len(EVENTS)} / {len(EVENTS)}"
            context.close()
        assert layouts["before"]["shown"], (root, width)
        assert layouts["before"] == layouts["after"], (root, width, layouts)
        # Without JavaScript the form, which would do nothing, stays hidden.
        context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=False)
        page = context.new_page()
        page.goto(url)
        assert not page.evaluate(FORM_AND_FIRST_EVENT)["shown"], (root, width)
        context.close()


def test_events_off_screen_still_print(browser, served):  # noqa: F811
    """Printed whole, the timeline holds every event, those the screen never rendered too.
    (English: CI has no CJK font, so only Latin text reads back from the PDF.)"""
    from pypdf import PdfReader
    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url + "en/timeline/")
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    context.close()
    titles = ["".join(e.title.en.split()) for e in DATA.events]
    assert [t for t in titles if t not in text] == []
