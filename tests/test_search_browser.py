"""Search in a real browser (Debian's chromium): what a reader finds, and what it costs.

- the reader query set (tests/search_queries.yml): hit@1 >= 95 %, hit@3 >= 99 % per language,
  no empty result for a query whose words are on the site, results in the page's language;
- a page load makes no search-index request; the first focus of the search box (or the keyboard
  shortcut) makes exactly one, for the page's own language;
- result titles and snippets are clean (no index marks, no zero-width spaces) and highlighted,
  and the page a result opens highlights the searched words.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest

import search_harness as sh

PAGES = ["", "cases/mombasa-nairobi-sgr/", "timeline/", "en/", "en/cases/mombasa-nairobi-sgr/", "en/glossary/"]


@pytest.fixture
def page(browser, served):
    """A fresh page (empty cache) recording every request and error."""
    context = browser.new_context()
    pg = context.new_page()
    pg.requests, pg.errors = [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("response", lambda r: pg.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    pg.on("console", lambda m: pg.errors.append(m.text)
          if (m.type == "error" and not m.text.startswith("Failed to load resource"))
          or m.text.startswith("search failed") else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    hosts = {urlparse(u).hostname for u in pg.requests if urlparse(u).scheme in ("http", "https")}
    assert hosts <= {"127.0.0.1"}, f"requests left localhost: {hosts}"
    assert pg.errors == [], pg.errors
    context.close()


def index_requests(page) -> list[str]:
    return [urlparse(u).path for u in page.requests if urlparse(u).path.endswith("/search/search_index.json")]


def site_text(site, lang: str) -> str:
    """Everything the language's index holds, as readers see it (lower case)."""
    index = json.loads((site.root / ("en/" if lang == "en" else "") / "search/search_index.json").read_text("utf-8"))
    return json.dumps(index["docs"], ensure_ascii=False).replace("^", "").lower()


def query_words(query: str) -> list[str]:
    return re.findall(r"[\u4e00-\u9fff]|[^\s\u4e00-\u9fff]+", query.lower())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reader_queries_find_the_right_page_first(page, served, lang):
    queries = sh.load_queries()[lang]
    assert len(queries) >= 60
    outcomes = sh.run(page, served.url, queries)
    s = sh.summary(outcomes)
    misses = [(o.query.q, o.pages[:3]) for o in outcomes if not o.hit1]
    assert s["hit1"] >= 0.95, (s, misses)
    assert s["hit3"] >= 0.99, (s, [(o.query.q, o.pages[:3]) for o in outcomes if not o.hit3])
    text = site_text(served, lang)
    # its words are on the site: each Chinese character and each Latin word occurs in the index
    on_site = [o for o in outcomes if all(w in text for w in query_words(o.query.q))]
    assert len(on_site) >= len(outcomes) - 10  # the typos are not
    assert [o.query.q for o in on_site if not o.groups] == []
    en_root = served.url + "en/"
    for o in outcomes:
        assert o.urls, o.query.q  # typos included
        assert all(u.startswith(en_root) == (lang == "en") for u in o.urls), (o.query.q, o.urls)


@pytest.mark.parametrize("path", PAGES)
def test_a_page_load_fetches_no_index_and_the_first_focus_one(page, served, path):
    page.goto(served.url + path, wait_until="networkidle")
    page.wait_for_timeout(300)
    assert index_requests(page) == []
    page.locator("input.md-search__input").click()
    page.wait_for_function(f"!{sh.INITIALISING}.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=30000)
    own = "/en/search/search_index.json" if path.startswith("en/") else "/search/search_index.json"
    assert index_requests(page) == [own]
    # later focuses and queries reuse it
    page.locator("input.md-search__input").blur()
    page.locator("input.md-search__input").click()
    sh.type_query(page, "COP15")
    assert page.locator(".md-search-result__item").count() > 0
    assert index_requests(page) == [own]


def test_the_keyboard_shortcut_loads_the_index_once(page, served):
    page.goto(served.url + "en/cases/", wait_until="networkidle")
    assert index_requests(page) == []
    page.keyboard.press("/")
    page.wait_for_function(f"!{sh.INITIALISING}.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=30000)
    assert index_requests(page) == ["/en/search/search_index.json"]


@pytest.mark.parametrize("lang, query, word", [("zh", "碳中和", "碳中和"), ("en", "railways", "railway")])
def test_results_are_clean_and_highlighted_and_so_is_the_page_they_open(page, served, lang, query, word):
    home = served.url + sh.LANG_ROOT[lang]
    sh.open_search(page, home)
    sh.type_query(page, query)
    results = page.locator(".md-search-result__list")
    shown = results.inner_text()
    assert "\u200b" not in shown and "^" not in shown
    marks = [m.lower() for m in page.locator(".md-search-result__list mark").all_inner_texts()]
    assert word in marks
    link = page.locator(".md-search-result__item > a").first
    assert "h=" in (link.get_attribute("href") or "")
    link.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("mark[data-md-highlight]", timeout=20000)
    highlighted = " ".join(page.locator("mark[data-md-highlight]").all_inner_texts()).lower()
    assert word in highlighted


def test_search_results_are_accessible(page, served):
    from axe_playwright_python.sync_playwright import Axe
    sh.open_search(page, served.url + "en/")
    sh.type_query(page, "wind farm")
    violations = Axe().run(page, context="div.md-search").response["violations"]  # the search dialog
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def test_the_language_selector_still_gets_its_sitemaps(page, served):
    """search-lazy.js holds Material's sitemap requests back until the selector is reached."""
    page.goto(served.url + "cases/mombasa-nairobi-sgr/", wait_until="networkidle")
    assert not [u for u in page.requests if u.endswith("sitemap.xml")]
    page.locator(".md-header__option .md-select").hover()
    page.wait_for_function("performance.getEntriesByType('resource').some(e => /sitemap\\.xml$/.test(e.name))")
    page.wait_for_load_state("networkidle")
    assert [u for u in page.requests if re.search(r"/(en/)?sitemap\.xml$", u)]
