"""Real-browser checks: Debian's chromium driven by Playwright, on localhost."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def page(browser, served):
    """A page that records every request and console error."""
    context = browser.new_context()
    pg = context.new_page()
    pg.requests, pg.errors = [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("response", lambda r: pg.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    # 404s are reported with their URL by the response hook above.
    pg.on("console", lambda m: pg.errors.append(m.text)
          if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    hosts = {urlparse(u).hostname for u in pg.requests if urlparse(u).scheme in ("http", "https")}
    assert hosts <= {"127.0.0.1"}, f"requests left localhost: {hosts}"
    assert pg.errors == [], pg.errors
    context.close()


def test_switch_language_keeps_the_case(page, served):
    page.goto(served.url + "cases/mombasa-nairobi-sgr/")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == "蒙内铁路"
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(served.url + "en/cases/mombasa-nairobi-sgr/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Mombasa" in page.locator("h1").inner_text()
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="zh-Hans"]').click()
    page.wait_for_url(served.url + "cases/mombasa-nairobi-sgr/")


def search(page, url: str, query: str) -> list[str]:
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    # wait until the worker has loaded the index, then type as a reader would
    page.wait_for_function("document.querySelector('.md-search-result__meta') && "
                           "!/Initializing|正在初始化/.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=20000)
    box.fill(query)
    box.press("End")  # a key event, as Material reacts to keyboard input
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0 || "
                           "/No matching|没有找到/.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=20000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


def test_chinese_search_finds_the_mangrove_case_in_chinese_only(page, served):
    hits = search(page, served.url, "红树林")
    assert any("cases/international-mangrove-center/" in h for h in hits), hits
    assert hits and not any("/en/" in h for h in hits), hits


def test_english_search_finds_inflected_words_in_english_only(page, served):
    hits = search(page, served.url + "en/", "civilization")
    assert hits, "no result for 'civilization'"
    assert all("/en/" in h for h in hits), hits
    hits = search(page, served.url + "en/", "mangrove")
    assert any("en/cases/international-mangrove-center/" in h for h in hits), hits


def test_timeline_filter_and_permalink(page, served):
    page.goto(served.url + "timeline/#2017-04-26-green-bri-guidance")
    assert page.locator("article.timeline-event:target").count() == 1
    total = page.locator("article.timeline-event").count()
    page.select_option("form.site-filter select[name=theme]", "biodiversity")
    shown = page.locator("article.timeline-event:visible").count()
    assert 0 < shown < total
    assert "theme=biodiversity" in page.url


def test_case_index_filter_without_and_with_javascript(browser, served, page):
    page.goto(served.url + "en/cases/")
    rows = page.locator("tr.case-row")
    total = rows.count()
    page.select_option("form.site-filter select[name=country]", "KE")
    assert 0 < page.locator("tr.case-row:visible").count() < total
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(served.url + "en/cases/")
    assert plain.locator("tr.case-row:visible").count() == total
    assert plain.locator("form.site-filter").is_hidden()
    context.close()


A11Y_PAGES = ["", "en/", "cases/mombasa-nairobi-sgr/", "en/cases/", "timeline/", "en/glossary/",
              "reports/green-silk-road-2023/part-1-3/", "en/reports/eco-friendly-modernization-2025/chapter-2/",
              "zh-hant/", "zh-hant/cases/mombasa-nairobi-sgr/", "zh-hant/timeline/",
              "zh-hant/reports/green-silk-road-2023/part-2/parallel/"]


@pytest.mark.parametrize("path", A11Y_PAGES)
def test_no_serious_accessibility_violation(page, served, path):
    """axe-core (bundled in axe-playwright-python) on representative pages."""
    from axe_playwright_python.sync_playwright import Axe
    page.goto(served.url + path)
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
