"""Chinese word segmentation of the search index: jieba, with the site's own words.

jieba cuts every Han run of the Chinese index, with a user dictionary of what
its own dictionary lacks and readers type: glossary terms and their other
forms, case titles, partner, place and country names, report titles and the
vocabularies' labels. The index carries jieba's cut as MARK between the words
of each run; the browser (docs/assets/search-tokens.js) learns the words from
it, records in the index every known word each run contains, and cuts queries
into the same words, so that a query word found in a text is an index word of
that text (tests/test_search_tokens.py checks this on the site's texts and the
reader queries). No MkDocs import.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MARK = "^"  # joins jieba's words inside a Han run in the index (never shown to readers)
LITERAL_MARK = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])\^(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
MAX_WORD = 8  # longer titles are cut by jieba like any other text (their names stay words)
NAME_PARTS = re.compile(r"[\s—–\-·、，,（）()《》“”\"'：:]+")

_base = None  # jieba's default dictionary, loaded once per process and copied per build


def _tokenizer():
    global _base
    import jieba
    if _base is None:
        jieba.setLogLevel(60)
        _base = jieba.Tokenizer()
        _base.initialize()
    tok = copy.copy(_base)  # user words of one build never leak into the next
    tok.FREQ = dict(_base.FREQ)
    return tok


class Segmenter:
    """jieba with the site's user dictionary (a tokenizer of its own: the global one is Material's)."""

    def __init__(self, user_words: Iterable[str]):
        self.tok = _tokenizer()
        self._cuts: dict[str, list[int]] = {}  # a Simplified run -> its words' lengths
        for word in sorted(set(user_words)):
            for run in HAN.findall(word):
                if 1 < len(run) <= MAX_WORD:
                    self.tok.add_word(run)

    def cut(self, run: str, simplify=None) -> list[str]:
        """jieba's words of a Han run. `simplify`: for Traditional text, a Traditional -> Simplified
        converter (hant.simplify): jieba cuts the Simplified form (its dictionary and the user
        words are Simplified) and the cut is laid on the Traditional run, character for
        character, so both editions' indexes hold the same words (each cut is made once)."""
        simple = simplify(run) if simplify is not None else run
        if len(simple) != len(run):  # never seen on the site's text; cut the run as it is
            simple = run
        lengths = self._cuts.get(simple)
        if lengths is None:
            lengths = self._cuts[simple] = [len(w) for w in self.tok.lcut(simple)]
        out, at = [], 0
        for n in lengths:
            out.append(run[at:at + n])
            at += n
        return out

    def cuts(self) -> dict[str, list[int]]:
        """The cuts made so far (a Simplified run -> its words' lengths), to hand to another
        segmenter of the same words (search_split.Ahead: made in a child process)."""
        return dict(self._cuts)

    def learn(self, cuts: dict[str, list[int]]) -> None:
        """Take cuts another segmenter of the same words made."""
        self._cuts.update(cuts)

    def mark(self, text: str, simplify=None) -> str:
        """`text` with MARK between jieba's words inside each Han run (`simplify`: see cut)."""
        text = LITERAL_MARK.sub("\uff3e", text)  # a literal MARK between Han characters (never seen)
        return HAN.sub(lambda m: MARK.join(self.cut(m.group(0), simplify)), text)


def user_words(data) -> list[str]:
    """The site's own words (from SiteData), whole and cut at their separators (肯尼亚内罗毕—蒙巴萨)."""
    from .formatting import country_name
    words: list[str] = []
    for entry in data.glossary:
        words += [entry.term("zh"), *entry.aliases.zh]
    for case in data.cases.values():
        words.append(case.title("zh"))
        words += [p("zh") for p in case.partners]
        if case.location:
            words.append(case.location.name("zh"))
        words += [country_name(c, "zh") for c in case.countries]
    for report in data.reports.values():
        words += [report.short("zh"), report.title("zh")]
    for vocab in (data.sectors, data.themes, data.regions):
        words += [v.label("zh") for v in vocab.values()]
    parts = [p for w in words for p in NAME_PARTS.split(w) if p]
    return sorted(set(words + parts))
