"""The search's tokenisers and engine, run with node on the site's own texts (no build, no browser).

Chinese: jieba (hooks/rendering/search_zh.py) cuts the index at build time; the browser
(docs/assets/search-tokens.js) learns those words and cuts queries with them.
These tests prove the two sides agree: every word of a reader query that
occurs in a text is an index word of that text, and queries are cut as jieba
cuts them. English: stemming is the same function at index and query time,
so inflected forms meet. Also: the vendored libraries are the pinned npm
packages, and the engine's HTML is escaped and free of index marks.
"""

from __future__ import annotations

import re

import pytest

import search_harness as sh
from hooks.data import sitedata
from hooks.rendering import search_zh

ROOT = sh.ROOT


@pytest.fixture(scope="module")
def js(tmp_path_factory):
    return sh.node_modules(tmp_path_factory.mktemp("search-js"))


@pytest.fixture(scope="module")
def data():
    return sitedata.load_site(ROOT / "data")


@pytest.fixture(scope="module")
def corpus(data):
    """Chinese texts of the site (titles, summaries, terms, definitions), cut by jieba and marked."""
    texts = []
    for case in data.cases.values():
        texts += [case.title("zh"), case.summary("zh")]
    for event in data.events:
        texts += [event.title("zh"), event.summary("zh")]
    for entry in data.glossary:
        texts += [entry.term("zh"), entry.definition("zh"), *entry.aliases.zh]
    segmenter = search_zh.Segmenter(search_zh.user_words(data))
    return segmenter, texts, [segmenter.mark(t) for t in texts]


def reader_words(data) -> list[str]:
    """What readers type in Chinese: the query set, case titles, glossary terms and their forms."""
    words = [q.q for q in sh.load_queries()["zh"]]
    words += [c.title("zh") for c in data.cases.values()]
    words += [w for g in data.glossary for w in (g.term("zh"), *g.aliases.zh)]
    return sorted(set(words))


CHINESE = """
import { Chinese, indexTerms, queryTerms } from './assets/search-tokens.js'
const zh = new Chinese('^')
for (const t of data.marked) zh.learn(t)
const out = { pairs: 0, missing: [], cuts: {} }
for (const q of data.queries) {
  const words = queryTerms(q, zh).map(w => w.term)
  out.cuts[q] = queryTerms(q, zh).filter(w => !w.latin).map(w => w.term)
  data.texts.forEach((text, i) => {
    if (!text.includes(q.replace(/\\s+/g, ''))) return
    out.pairs++
    const index = new Set(indexTerms(data.marked[i], zh))
    const lacking = words.filter(w => !index.has(w))
    if (lacking.length) out.missing.push([q, text.slice(0, 40), lacking])
  })
}
out.learnt = [...zh.counts.keys()].sort()
print(out)
"""


@pytest.fixture(scope="module")
def chinese(js, data, corpus):
    segmenter, texts, marked = corpus
    return sh.run_node(js, CHINESE, {"queries": reader_words(data), "texts": texts, "marked": marked})


def test_every_query_word_found_in_a_text_is_an_index_word_of_it(chinese):
    assert chinese["pairs"] > 300  # reader words that occur verbatim in the site's texts
    assert chinese["missing"] == []


def test_the_browser_learns_exactly_the_words_jieba_cut(corpus, chinese):
    segmenter, texts, _ = corpus
    jieba_words = {w for t in texts for run in search_zh.HAN.findall(t) for w in segmenter.cut(run)}
    assert set(chinese["learnt"]) == jieba_words


def test_queries_are_cut_as_jieba_cuts_them(corpus, chinese, data):
    segmenter, _, _ = corpus
    titles = {c.title("zh") for c in data.cases.values()} | {g.term("zh") for g in data.glossary}
    same = differ = 0
    for q, cut in chinese["cuts"].items():
        jieba_cut = [w for run in search_zh.HAN.findall(q) for w in segmenter.cut(run)]
        if cut == jieba_cut:
            same += 1
        else:
            differ += 1
            # The site's own names (user dictionary) are always cut whole, as jieba cuts them.
            assert q not in titles or len(cut) != 1, (q, cut, jieba_cut)
    assert same / (same + differ) >= 0.95, (same, differ)


def test_user_dictionary_keeps_the_sites_terms_whole(corpus):
    segmenter, _, _ = corpus
    for term in ("碳达峰", "碳中和", "生态保护红线", "新质生产力", "人类命运共同体", "蒙内铁路", "中老铁路"):
        assert segmenter.cut(term) == [term]


ENGLISH = """
import { indexTerms, queryTerms, term } from './assets/search-tokens.js'
print({
  index: data.pairs.map(([a]) => indexTerms(a, null)),
  query: data.pairs.map(([, b]) => queryTerms(b, null).map(w => w.term)),
  sentence: [indexTerms(data.sentence, null), queryTerms(data.sentence, null).map(w => w.term)],
})
"""

PAIRS = [("railways", "railway"), ("dams", "dam"), ("financing", "financed"), ("planting", "plants"),
         ("civilizations", "civilization"), ("ecological", "ecology"), ("Lomé", "Lome"),
         ("COP15", "cop 15"), ("950MW", "950 MW"), ("ＧＩＰ", "gip"), ("Wind Farms", "wind farm")]


def test_english_stemming_is_the_same_at_index_and_query_time(js):
    out = sh.run_node(js, ENGLISH, {"pairs": PAIRS, "sentence": "The railways of Kenya were financed by loans."})
    for (a, b), index, query in zip(PAIRS, out["index"], out["query"], strict=True):
        assert index == query, (a, b, index, query)
    index, query = out["sentence"]
    assert index == query == ["railwai", "kenya", "financ", "loan"]  # function words left out


ENGINE = """
import MiniSearch from './assets/vendor/minisearch/index.js'
import { Engine } from './assets/search-engine.js'
const engine = new Engine(MiniSearch, data.site, data.docs)
print(Object.fromEntries(data.queries.map(q => [q, engine.search(q).items])))
"""

DOCS = [
    {"location": "cases/kenya-dam/", "title": "Thwake Dam, Kenya", "text": "A dam <script>alert(1)</script> in Kenya & more."},
    {"location": "cases/kenya-dam/#key-facts", "title": "Key facts", "text": "Height · 81 m"},
    {"location": "glossary/", "title": "Glossary", "text": "Terms."},
    {"location": "glossary/#green-finance", "title": "green finance", "text": "Finance that supports green projects; dam loans.",
     "terms": ["绿色金融"]},
    {"location": "glossary/#", "title": "Dam safety", "text": "Rules for dams."},
    {"location": "timeline/", "title": "Timeline", "text": "Events."},
    {"location": "timeline/#2020-dam", "title": "Dam opens", "text": "A dam opened in Kenya."},
]
ZH_DOCS = [
    {"location": "cases/sgr/", "title": "蒙内^铁路", "text": "蒙内^铁路^全长^471^公里。"},
    {"location": "glossary/", "title": "术语表", "text": "术语。"},
    {"location": "glossary/#tan", "title": "碳达峰^碳中和", "text": "碳达峰^碳中和^是^目标。", "terms": ["碳达峰", "碳中和"]},
]


@pytest.fixture(scope="module")
def engine_en(js):
    queries = ["Thwake Dam, Kenya", "dams", "Kenia", "green finance", "xyzzy dam", "damm", "dam safety", "script"]
    return sh.run_node(js, ENGINE, {"site": {"lang": "en", "mark": ""}, "docs": DOCS, "queries": queries})


def test_an_exact_title_or_term_comes_first(engine_en):
    assert engine_en["Thwake Dam, Kenya"][0][0]["location"] == "cases/kenya-dam/"
    assert engine_en["green finance"][0][0]["location"] == "glossary/#green-finance"


def test_plurals_typos_and_partial_matches(engine_en):
    assert any(i[0]["location"] == "cases/kenya-dam/" for i in engine_en["dams"])
    assert engine_en["Kenia"] and engine_en["Kenia"][0][0]["location"].startswith("cases/kenya-dam/")  # 5 letters: one typo
    assert engine_en["damm"] == []  # four letters: no typo allowed
    # no entry has both words: the entries with most of them (OR) rather than nothing
    assert engine_en["xyzzy dam"]


def test_each_result_is_a_page_with_its_sections(engine_en):
    for items in engine_en.values():
        for group in items:
            pages = [i for i in group if "#" not in i["location"]]
            assert len(pages) == 1  # Material's list needs the page itself in every result
            assert len({i["location"].split("#")[0] for i in group}) == 1
    assert "glossary/#dam-safety" in [i["location"] for g in engine_en["dam safety"] for i in g]  # anchor rebuilt from the title


def test_result_html_is_escaped_and_marked(engine_en):
    html = " ".join(i["title"] + i["text"] for g in engine_en["dams"] for i in g)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>dam</mark>" in html.lower() or "<mark>Dam</mark>" in html
    assert re.sub(r"</?(mark|p)>", "", html).count("<") == 0


def test_chinese_results_carry_no_index_marks(js):
    out = sh.run_node(js, ENGINE, {"site": {"lang": "zh", "mark": "^"}, "docs": ZH_DOCS,
                                   "queries": ["碳中和", "蒙内铁路", "471公里"]})
    assert out["碳中和"][0][0]["location"] == "glossary/#tan"
    assert out["蒙内铁路"][0][0]["location"] == "cases/sgr/"
    assert out["471公里"][0][0]["location"] == "cases/sgr/"
    for items in out.values():
        for group in items:
            for item in group:
                assert "^" not in item["title"] + item["text"] and "\u200b" not in item["title"] + item["text"]
                assert all("^" not in t for t in item["terms"])
    assert "<mark>碳中和</mark>" in out["碳中和"][0][0]["title"] + out["碳中和"][0][0]["text"]


def test_vendored_libraries_are_the_pinned_npm_packages():
    modules = ROOT / "node_modules"
    assert modules.is_dir(), "run scripts/setup.sh --browser (npm ci installs the pinned packages)"
    for vendored, installed in sh.VENDORED.items():
        assert (sh.ASSETS / vendored).read_bytes() == (modules / installed).read_bytes(), vendored
    for licence in ("vendor/minisearch/LICENSE.txt", "vendor/stemmer/LICENSE.txt"):
        assert "MIT" in (sh.ASSETS / licence).read_text(encoding="utf-8")
