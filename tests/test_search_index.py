"""The search index of the built site: one per language, reading text only, anchors that exist,
and on the real Chinese index, queries cut into the index's own words (jieba's)."""

from __future__ import annotations

import json
import re

import pytest

import search_harness as sh
from hooks.data import sitedata
from hooks.rendering import search_text, search_zh

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
PATHS = {"zh": "search/search_index.json", "en": "en/search/search_index.json"}


@pytest.fixture(scope="module")
def indexes(site):
    return {lang: json.loads((site.root / path).read_text(encoding="utf-8")) for lang, path in PATHS.items()}


@pytest.fixture(scope="module")
def data():
    return sitedata.load_site(sh.ROOT / "data")


def entries(index):
    """(location, title, text, terms) of every page and section, as readers see them; a location
    ending in "#" still has its anchor to rebuild from the title."""
    mark = index["config"]["site"]["mark"]
    clean = (lambda s: s.replace(mark, "")) if mark else (lambda s: s)
    for doc in index["docs"]:
        yield doc["location"], clean(doc["title"]), clean(doc["text"]), [clean(t) for t in doc.get("terms", [])]


SLUGS = """
import { slug } from './assets/search-engine.js'
print(data.map(slug))
"""


@pytest.fixture(scope="module")
def anchored(indexes, tmp_path_factory):
    """Every entry's full location: the anchors the index leaves out rebuilt as the browser does."""
    js = sh.node_modules(tmp_path_factory.mktemp("slug-js"))
    out = {}
    for lang, index in indexes.items():
        items = list(entries(index))
        missing = [title for loc, title, _, _ in items if loc.endswith("#")]
        slugs = iter(sh.run_node(js, SLUGS, missing))
        out[lang] = [(loc + next(slugs) if loc.endswith("#") else loc, title, text, terms)
                     for loc, title, text, terms in items]
    return out


def test_each_language_has_its_own_index_of_its_own_pages(site, anchored, data):
    for lang, items in anchored.items():
        pages = {loc.split("#")[0] for loc, *_ in items}
        root = site.root / "en" if lang == "en" else site.root
        built = {"" if p.parent == root else f"{p.parent.relative_to(root).as_posix()}/"
                 for p in root.rglob("index.html")}
        built = {b for b in built if lang == "en" or not b.startswith("en/")}
        assert pages <= built, lang  # pages of this language only (`search: exclude` ones left out)
        assert {"", "glossary/", "timeline/", "about/", *(f"cases/{c}/" for c in data.cases)} <= pages
        assert {f"{r.page.removesuffix('index')}/".replace("//", "/") for rep in data.reports.values()
                for r in rep.pages} <= pages
        for page in pages:
            assert not page.startswith("en/"), (lang, page)
            html = (site.root / ("en/" if lang == "en" else "") / page / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{"zh-Hans" if lang == "zh" else "en"}"' in html, page


def test_every_entry_opens_at_an_anchor_of_its_page(site, anchored):
    ids = {}
    for lang, items in anchored.items():
        for loc, title, _, _ in items:
            page, _, anchor = loc.partition("#")
            if not anchor:
                continue
            key = (lang, page)
            if key not in ids:
                html = (site.root / ("en/" if lang == "en" else "") / page / "index.html").read_text(encoding="utf-8")
                ids[key] = set(re.findall(r'\bid="([^"]+)"', html))
            assert anchor in ids[key], (lang, loc, title)


def test_the_index_holds_reading_text_only(indexes, anchored, data):
    for lang, items in anchored.items():
        text = "\n".join(f"{t} {x} {' '.join(k)}" for _, t, x, k in items)
        assert "\u200b" not in text and "\ufeff" not in text
        by_page = {loc: x for loc, _, x, _ in items if "#" not in loc}
        # filter forms: no "All/全部" options, no list of the vocabularies' labels
        sectors = [s.label(lang) for s in data.sectors.values()]
        for page in ("cases/", "timeline/"):
            assert data.labels["filter_all"](lang) not in by_page[page].split(), page
            assert sum(label in by_page[page] for label in sectors) <= 1, page
        # no table header or label run into its value
        header = "".join(data.labels[k](lang) for k in ("fact_item", "fact_figure", "fact_as_stated"))
        assert header not in text
        if lang == "en":
            for label in ("countries", "region", "sector", "themes"):
                assert not re.search(re.escape(data.labels[label]("en")) + r"[A-Z]", text), label
    # the Chinese index marks jieba's words only between two Han characters
    zh = json.dumps(indexes["zh"]["docs"], ensure_ascii=False)
    assert all(HAN.match(zh[i - 1]) and HAN.match(zh[i + 1]) for i, c in enumerate(zh) if c == "^")


def test_a_disagreement_record_is_indexed_once_on_its_own_page(anchored, data):
    """Shown in place on chapters, cases and events, a record's text is indexed only on the page
    "Where the reports disagree" (the in-place copies would weigh ~10 KB per index)."""
    for lang, items in anchored.items():
        for record in data.disagreements.values():
            said = " ".join(str((record.reading or record.not_a_conflict)(lang)).split())[:24]
            pages = {loc.split("#")[0] for loc, _, text, _ in items if said in text}
            assert pages == {"disagreements/"}, (lang, record.id, pages)


def test_english_reading_text_has_no_chinese(anchored):
    for loc, title, text, _ in anchored["en"]:
        assert not HAN.search(title + text), loc


def test_glossary_entries_carry_their_terms(anchored, data):
    for lang, items in anchored.items():
        terms = {loc: k for loc, _, _, k in items if loc.startswith("glossary/#")}
        titles = {loc: t for loc, t, _, _ in items if loc.startswith("glossary/#")}
        other = "en" if lang == "zh" else "zh"
        for entry in data.glossary:
            loc = f"glossary/#{entry.id}"
            assert titles[loc] == entry.term(lang) and entry.term(other) in terms[loc], entry.id
            assert set(getattr(entry.aliases, lang)) <= set(terms[loc]), entry.id


REAL = """
import { Chinese, indexTerms, queryTerms, display } from './assets/search-tokens.js'
const zh = new Chinese('^')
const texts = []
for (const doc of data.docs) texts.push(doc.title, doc.text, ...(doc.terms || []))
for (const t of texts) zh.learn(t)
const out = { cuts: {}, pairs: 0, missing: [] }
for (const q of data.queries) {
  const words = queryTerms(q, zh).map(w => w.term)
  out.cuts[q] = queryTerms(q, zh).filter(w => !w.latin).map(w => w.term)
  for (const t of texts) {
    if (!display(t, '^').includes(q.replace(/\\s+/g, ''))) continue
    out.pairs++
    const index = new Set(indexTerms(t, zh))
    const lacking = words.filter(w => !index.has(w))
    if (lacking.length) out.missing.push([q, lacking])
  }
}
print(out)
"""


def test_chinese_queries_meet_the_real_index_in_its_own_words(indexes, data, tmp_path_factory):
    """On the built Chinese index: a query word found in an entry is an index word of that entry,
    and queries are cut as jieba (with the site's user dictionary) cuts them."""
    queries = sorted({q.q for q in sh.load_queries()["zh"]} | {c.title("zh") for c in data.cases.values()}
                     | {w for g in data.glossary for w in (g.term("zh"), *g.aliases.zh)})
    js = sh.node_modules(tmp_path_factory.mktemp("real-js"))
    out = sh.run_node(js, REAL, {"docs": indexes["zh"]["docs"], "queries": queries})
    assert out["pairs"] > 1000
    assert out["missing"] == []
    segmenter = search_zh.Segmenter(search_zh.user_words(data))
    same = sum(cut == [w for run in search_zh.HAN.findall(q) for w in segmenter.cut(run)]
               for q, cut in out["cuts"].items())
    assert same / len(out["cuts"]) >= 0.97, (same, len(out["cuts"]))


def test_page_text_is_cut_into_sections_without_interface_parts():
    html = """<article class="md-content__inner md-typeset">
    <a class="md-content__button" href="x">edit</a>
    <h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>
    <form class="site-filter"><label>Region <select><option>All</option><option>Africa</option></select></label></form>
    <dl class="case-meta"><dt>Countries</dt><dd>Kenya</dd><dt>Region</dt><dd>Africa</dd></dl>
    <p>Intro with a <a class="glossary-term" href="../glossary/#x">term</a>.</p>
    <h2 id="facts">Facts</h2>
    <div class="site-facts"><table><thead><tr><th>Item</th><th>Figure</th><th>Source</th></tr></thead>
    <tbody><tr><td>Length</td><td>471 km</td><td>Report · Box 1</td></tr></tbody></table></div>
    <h2 id="sources">Sources</h2><ul><li><a href="../r/">Report · Box 1</a></li></ul>
    <p>See also: <a href="#a">A</a>, <a href="#b">B</a></p>
    <div class="case-box"><p>Repeated box</p></div>
    <section><h2 id="y">2017</h2><article class="timeline-event" id="e1"><p class="timeline-event__date">
    <time>May 2017</time> <a class="timeline-event__link" href="#e1">#</a></p>
    <p class="timeline-event__title">Railway opens</p><p>It opened <span lang="zh-Hans">通车</span>.</p></article></section>
    </article>"""
    got = [(s.anchor, s.title, s.text) for s in search_text.sections(html, "en", {"Source"})]
    assert got == [(None, "Title", "Countries: Kenya; Region: Africa; Intro with a term."),
                   ("facts", "Facts", "Length · 471 km"),
                   ("sources", "Sources", ""),
                   ("y", "2017", ""),
                   ("e1", "Railway opens", "May 2017 It opened .")]
