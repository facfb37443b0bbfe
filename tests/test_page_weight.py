"""What a page loads before the reader does anything (issue 9: a light cold load).

- Each of the site's scripts is on exactly the pages that hold what it works on (map.js where
  there is a case map, filters.js where there is a filter form, timeline.js on the timeline),
  in the order mkdocs.yml gives; cite.js and lang-switch.js are on every page.
- Material's stylesheets are cut to the rules the built pages can use (hooks/rendering/
  unused_css.py): unit tests of the rule, and in the browser every element of a set of pages
  (pseudo-elements included, on a phone and a desktop, search results open) has the same computed
  style under the cut sheets as under Material's full ones.

Sizes and bytes are measured in bench/search_weight.py, not here.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import yaml

from conftest import ROOT
from hooks.rendering import unused_css
import search_harness as sh
from readers import LANG_PREFIXES, open_page

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SCRIPTS = CONFIG["extra"]["site_scripts"]
THEME = Path(material.__file__).parent / "templates"


def _scripts(html: str) -> list[str]:
    return [re.sub(r"^(\.\./)+|^/", "", s) for s in re.findall(r'<script src="([^"]+)"', html)]


def test_each_script_is_on_the_pages_that_need_it_in_order(site):
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 400
    seen = {s["src"]: 0 for s in SCRIPTS}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        loaded = [s for s in _scripts(html) if s in seen]
        body = html.split('<div class="md-content"', 1)[-1]
        wanted = [s["src"] for s in SCRIPTS if not s.get("needs") or s["needs"] in body]
        assert loaded == wanted, page.relative_to(site.root)
        for s in loaded:
            seen[s] += 1
    # each page kind gets what it runs, and nothing else
    assert set(_scripts(site.html("cases/mombasa-nairobi-sgr/index.html"))) >= {"assets/cite.js", "assets/lang-switch.js"}
    for path in ("cases/mombasa-nairobi-sgr/index.html", "en/about/index.html", "reports/green-silk-road-2023/index.html"):
        assert not {"assets/map.js", "assets/filters.js", "assets/timeline.js"} & set(_scripts(site.html(path))), path
    for prefix in LANG_PREFIXES:
        assert {"assets/map.js", "assets/filters.js"} <= set(_scripts(site.html(f"{prefix}cases/index.html")))
        assert "assets/map.js" in _scripts(site.html(f"{prefix}index.html"))
        timeline = _scripts(site.html(f"{prefix}timeline/index.html"))
        assert timeline.index("assets/timeline.js") < timeline.index("assets/cite.js")  # it adds buttons cite.js binds
        assert "assets/filters.js" in _scripts(site.html(f"{prefix}glossary/index.html"))
    assert all(seen.values()), seen


# ---------------------------------------------------------------- the cut stylesheets

def _usage(html: str = "", script: str = "") -> unused_css.Usage:
    usage = unused_css.Usage()
    usage.add_html(html)
    usage.add_script(script)
    return usage


def test_a_rule_goes_only_when_no_selector_can_match():
    usage = _usage('<p class="a b"></p><body data-md-color-scheme="default">', "el.classList.add('dyn')")
    css = (".a{color:red}.gone{color:blue}.a .gone,.b{margin:0}.a:not(.gone){top:0}"
           ".dyn{left:0}p{x:1}[data-md-color-scheme=slate]{y:1}[data-md-color-scheme=default] .a{z:1}"
           "@media screen{.gone{a:1}.b{b:1}}@media print{.gone{c:1}}@keyframes k{0%{opacity:0}}"
           ":root{--md-x-icon:url(\"data:a\");--md-y-icon:url(\"data:b\");--md-keep:1}.b{mask:var(--md-y-icon)}")
    out = unused_css.purge(css, usage)
    assert ".gone{" not in out and "color:blue" not in out
    assert ".b{margin:0}" in out and ".a .gone" not in out      # the selector that can match stays
    assert ".a:not(.gone){top:0}" in out                           # what :not() names is not required
    assert ".dyn{left:0}" in out and "p{x:1}" in out                # classes scripts add; element rules
    assert "slate" not in out and "[data-md-color-scheme=default] .a{z:1}" in out
    assert "@media screen{.b{b:1}}" in out and "@media print" not in out
    assert "@keyframes k" in out
    assert "--md-y-icon" in out and "--md-x-icon" not in out and "--md-keep:1" in out
    assert "--md-x-icon" in unused_css.purge(css, usage, also_reads="a{b:var(--md-x-icon)}")


def test_the_built_sheets_are_cut_from_the_theme_and_lose_their_maps(site):
    for name in ("main", "palette"):
        built = next((site.root / "assets/stylesheets").glob(f"{name}.*.min.css"))
        full = (THEME / "assets/stylesheets" / built.name).read_text(encoding="utf-8")
        text = built.read_text(encoding="utf-8")
        assert len(text) < 0.8 * len(full), name
        assert not built.with_name(built.name + ".map").exists()
        assert "sourceMappingURL" not in text
    main = next((site.root / "assets/stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert ".md-search-result__item" in main          # made by Material's bundle at run time
    assert ".md-typeset .admonition" in main          # used by the disagreement records
    assert ".highlighttable" not in main and ".md-post" not in main and "--md-admonition-icon--bug" not in main


# Every computed property of every element and of its ::before/::after: one string per element
# (`detail`), or its hash (a 32-bit FNV-1a, so that only numbers cross to Python for the whole
# page). Custom properties are left out: the cut sheets drop unused ones on purpose, and what uses
# one (a mask-image, a colour) is compared itself.
STYLES = """(detail) => Array.from(document.querySelectorAll('body *')).map((el, i) => {
  const out = [i + ':' + el.tagName + '.' + el.className];
  for (const pseudo of [null, '::before', '::after']) {
    const cs = getComputedStyle(el, pseudo);
    const parts = [];
    for (let k = 0; k < cs.length; k++) {
      if (!cs[k].startsWith('--')) parts.push(cs[k] + '=' + cs.getPropertyValue(cs[k]));
    }
    out.push(parts.join(';'));
  }
  const text = out.join('|');
  if (detail) return text;
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) { h ^= text.charCodeAt(k); h = Math.imul(h, 0x01000193) >>> 0; }
  return out[0] + '#' + h;
})"""

PAGES = ["", "cases/mombasa-nairobi-sgr/", "en/cases/", "en/glossary/", "reports/green-silk-road-2023/part-1-1/",
         "en/reports/eco-friendly-modernization-2025/chapter-2/parallel/", "disagreements/", "en/404.html"]


def _serve(body: bytes):
    return lambda route, request: route.fulfill(body=body, content_type="text/css")


def _styles(browser, url: str, width: int, full: bool, search: str = "", detail: bool = False) -> list[str]:  # noqa: F811
    with open_page(browser, "about:blank", width) as page:
        if full:  # serve Material's own sheets in place of the cut ones
            for sheet in (THEME / "assets/stylesheets").glob("*.min.css"):
                page.route(f"**/assets/stylesheets/{sheet.name}", _serve(sheet.read_bytes()))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if search:
            page.locator("input.md-search__input").click()
            sh.type_query(page, search)
            page.locator(".md-search-result__item").first.wait_for()
            page.wait_for_timeout(300)
        return page.evaluate(STYLES, detail)


def _difference(cut: str, full: str) -> str:
    """The element and the properties whose values differ (cut → full)."""
    name, *a = cut.split("|")
    _, *b = full.split("|")
    out = []
    for where, x, y in zip(("", "::before", "::after"), a, b, strict=True):
        px = dict(p.split("=", 1) for p in x.split(";") if "=" in p)
        py = dict(p.split("=", 1) for p in y.split(";") if "=" in p)
        out += [f"{where}{k}: {px.get(k)} → {py.get(k)}" for k in sorted(set(px) | set(py)) if px.get(k) != py.get(k)]
    return f"{name}: " + "; ".join(out[:4])


def _assert_same(browser, url: str, width: int, search: str = "") -> None:  # noqa: F811
    cut, full = _styles(browser, url, width, False, search), _styles(browser, url, width, True, search)
    assert len(cut) == len(full) > 50
    if cut != full:
        cut, full = (_styles(browser, url, width, f, search, detail=True) for f in (False, True))
        differ = [_difference(a, b) for a, b in zip(cut, full, strict=True) if a != b]
        assert not differ, f"{len(differ)} element(s) styled differently: {differ[:3]}"


# A dropped selector, made broader: no pseudo-element, no state (hover, focus, checked…), so that
# it matches an element whenever the selector could ever apply to it.
_PSEUDO = re.compile(r"::?(?:before|after|marker|placeholder|selection|first-line|first-letter|backdrop"
                     r"|-webkit-[\w-]+|-moz-[\w-]+|-ms-[\w-]+)(?:\([^)]*\))?")
_STATE = re.compile(r":(?:hover|focus|focus-visible|focus-within|active|visited|link|target|checked|disabled"
                    r"|enabled|indeterminate|placeholder-shown|invalid|valid|required|empty|only-child"
                    r"|first-child|last-child|(?:first|last|only)-of-type|nth-(?:child|of-type|last-child)\([^)]*\)"
                    r"|not\((?:[^()]|\([^()]*\))*\)|is\((?:[^()]|\([^()]*\))*\)|where\((?:[^()]|\([^()]*\))*\)"
                    r"|has\((?:[^()]|\([^()]*\))*\)|host|root|dir\([^)]*\)|lang\([^)]*\))")


def _selectors(css: str) -> set[str]:
    import tinycss2

    out = set()

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                out.update(x.strip() for x in tinycss2.serialize(rule.prelude).split(","))
            elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
                walk(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True))
    walk(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))
    return out


def _dropped(site) -> list[str]:
    """Material's selectors that the cut sheets no longer hold, broadened."""
    out = set()
    for built in (site.root / "assets/stylesheets").glob("*.min.css"):
        full = _selectors((THEME / "assets/stylesheets" / built.name).read_text(encoding="utf-8"))
        for sel in full - _selectors(built.read_text(encoding="utf-8")):
            broad = _STATE.sub("", _PSEUDO.sub("", sel))
            # a compound left empty (`> :first-child`) becomes `*`
            broad = re.sub(r"(^|[>+~ ])(?=[>+~ ]|$)", r"\1*", broad).strip()
            out.add(broad)
    return sorted(out)


MATCHING = """(sels) => {
  const hits = [], bad = [];
  for (const s of sels) {
    try { if (document.querySelector(s)) hits.push(s); } catch (e) { bad.push(s); }
  }
  return {hits, bad};
}"""

SWEEP = ["", "cases/mombasa-nairobi-sgr/", "cases/saihanba-forest-farm/", "en/cases/", "cases/sort/year/",
         "timeline/", "en/glossary/", "zh-hant/glossary/", "reports/green-silk-road-2023/part-1-1/",
         "en/reports/eco-friendly-modernization-2025/chapter-2/parallel/", "disagreements/", "en/downloads/",
         "en/about/", "en/404.html", "zh-hant/reports/biodiversity-position-2020/"]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_dropped_rule_matches_any_element(browser, served, site, width):  # noqa: F811
    """No selector the cut sheets dropped (broadened: any state, any pseudo-element) matches
    an element of the site's page kinds in any language, search results and drawer open."""
    dropped = _dropped(site)
    assert len(dropped) > 300 and "*" not in dropped
    for path in SWEEP:
        with open_page(browser, served.url + path, width) as page:
            page.wait_for_load_state("networkidle")
            found = page.evaluate(MATCHING, dropped)
            assert found["hits"] == [], (path, found["hits"][:5])
            assert len(found["bad"]) < 20, found["bad"][:5]  # selectors chromium cannot parse at all
    with open_page(browser, served.url + "en/", width) as page:  # what the bundle builds at run time
        page.wait_for_load_state("networkidle")
        if width < 800:
            page.locator("label[for=__search]").first.click()
        page.locator("input.md-search__input").click()
        sh.type_query(page, "railway")
        page.locator(".md-search-result__item").first.wait_for()
        found = page.evaluate(MATCHING, dropped)
        assert found["hits"] == [], found["hits"][:5]


@pytest.mark.parametrize("path,width", [("cases/mombasa-nairobi-sgr/", 390), ("en/", 1280), ("disagreements/", 1280)])
def test_the_cut_sheets_style_every_element_as_the_full_ones(browser, served, path, width):  # noqa: F811
    """End to end: every computed property of every element, under the cut sheets and under
    Material's own."""
    _assert_same(browser, served.url + path, width)
