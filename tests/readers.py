"""Helpers for the reader tests (test_reflow, test_map, test_index): pages at a
given width, with or without JavaScript, that fail the test on any console
error, failed request or request leaving localhost."""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import urlparse

LANG_PREFIXES = ("", "en/", "zh-hant/")


@contextmanager
def open_page(browser, url: str, width: int = 1280, js: bool = True, touch: bool = False, height: int = 800):
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=js,
                                  has_touch=touch, is_mobile=touch)
    pg = context.new_page()
    requests, errors = [], []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("response", lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    pg.on("console", lambda m: errors.append(m.text)
          if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(url)
    try:
        yield pg
    finally:
        context.close()
    hosts = {urlparse(u).hostname for u in requests if urlparse(u).scheme in ("http", "https")}
    assert hosts <= {"127.0.0.1"}, f"requests left localhost: {hosts}"
    assert errors == [], errors


# The visible targets of a case map: points and clusters, with their hit boxes,
# in DOM (keyboard) order.
MAP_TARGETS = """(fig) => Array.from(fig.querySelectorAll('a.case-map__point, a.case-map__cluster'))
  .filter(a => getComputedStyle(a).display !== 'none')
  .map(a => { const r = a.querySelector('.case-map__hit').getBoundingClientRect();
              return {kind: a.classList.contains('case-map__cluster') ? 'cluster' : 'point',
                      id: a.dataset.case || a.dataset.members, x: r.x, y: r.y, w: r.width, h: r.height,
                      cx: r.x + r.width / 2, cy: r.y + r.height / 2}; })"""

HIT_AT_CENTRES = """(fig) => Array.from(fig.querySelectorAll('a.case-map__point, a.case-map__cluster'))
  .filter(a => getComputedStyle(a).display !== 'none')
  .map(a => { const r = a.querySelector('.case-map__hit').getBoundingClientRect();
              const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
              return hit !== null && hit.closest('a') === a; })"""


def map_targets(page, selector: str = "figure[data-map]") -> list[dict]:
    return page.locator(selector).evaluate(MAP_TARGETS)


def assert_targets_usable(page, selector: str = "figure[data-map]") -> list[dict]:
    """Every visible point or cluster: a hit box of at least 24 × 24 px, none
    overlapping another, and the target itself at the centre (elementFromPoint)."""
    page.locator(selector).evaluate("(fig) => fig.querySelector('svg').scrollIntoView({block: 'center'})")
    targets = map_targets(page, selector)
    assert targets, "no visible point on the map"
    small = [t for t in targets if t["w"] < 24 or t["h"] < 24]
    assert not small, small
    for i, a in enumerate(targets):
        for b in targets[i + 1:]:
            apart = (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or
                     a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])
            assert apart, f"hit areas overlap: {a['id']} and {b['id']}"
    on_top = page.locator(selector).evaluate(HIT_AT_CENTRES)
    covered = [t["id"] for t, ok in zip(targets, on_top, strict=True) if not ok]
    assert not covered, f"covered at their centre: {covered}"
    return targets
