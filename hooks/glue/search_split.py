"""One clean search index per language, written once every language is built.

mkdocs-static-i18n leaves a single search/search_index.json with every
language's pages. After the last language's build this module replaces it:
Chinese pages go to search/search_index.json, each other language's pages to
<lang>/search/search_index.json (locations relative to that language's root,
since overrides/main.html points English pages' search at /en/). The text of
each page is read again from the built HTML (hooks/rendering/search_text.py), so that
only reading text is indexed, cut into one entry per section, with:

- `terms`: a glossary entry's term and other forms, boosted like titles;
- Chinese only: jieba's words, joined by MARK inside Han runs
  (hooks/rendering/search_zh.py). The browser splits on MARK to learn the words and
  strips it before showing any text (docs/assets/search-tokens.js);
- English only: no Chinese (the original wording quoted in parentheses), so
  results and snippets stay in the page's language.

The file keeps Material's shape, {"config", "docs"}, each doc {"location",
"title", "text"} (+ "terms"), a page followed by its sections: Material's main
script hands `docs` to our worker (docs/assets/search-worker.js) untouched and
reads `config.separator` for highlighting on the page a result opens. A
section whose anchor the browser rebuilds from its title has a location ending
in "#" (see `slug`). No MkDocs import.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import pickle
import re
from pathlib import Path

from . import lang_fork
from ..data import langs
from ..rendering import hant, search_text, search_zh
from ..data.langs import is_zh

MARK = search_zh.MARK
# Material's settings: only its highlighter reads them (it splits the highlighted words on
# `separator`); Chinese keeps the separator of mkdocs.yml, English gets Material's English one.
ENGLISH = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": [], "fields": {}}
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
QUOTED_HAN = re.compile(rf"\s*[（(][^()（）]*[{HAN}][^()（）]*[)）]")
HAN_TEXT = re.compile(rf"[0-9A-Za-z]*[{HAN}][{HAN}{CJK_PUNCT}0-9A-Za-z]*|[{CJK_PUNCT}]+")
EMPTY_ITEMS = re.compile(r"(?<=[,;:])(?:\s*[,;])+|\s+(?=[,;.])")
# Titles whose anchor `slug()` rebuilds, as docs/assets/search-engine.js does: ASCII and CJK only.
SLUGGABLE = re.compile(rf"[\x20-\x7e{HAN}\u2000-\u206f\u3000-\u303f\uff00-\uffef]*")
SLUG_DROP = re.compile(rf"[^a-z0-9_\- {HAN}]")


def split(site_dir: Path | str, languages: list[str], data=None,
          indexed: list[tuple[str, str]] | None = None, ahead: "Ahead | None" = None) -> dict[str, int]:
    """Write each language's index; return the number of entries (pages and sections) per language.
    `indexed`: the pages to index, (URL path, title) in build order, as the build recorded them
    (hooks/glue/main.py, which keeps Material's own indexer idle); without it, the pages of the
    index Material wrote. `ahead`: languages whose entries a forked process has made already."""
    root = Path(site_dir)
    merged = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = merged["docs"] if indexed is None else [{"location": loc, "title": title} for loc, title in indexed]
    pages = _pages(entries, languages)
    state = _State(data)
    counts, used = {}, {}
    for lang, locations in pages.items():
        made = ahead.take(lang, state) if ahead is not None else None
        page_docs_used = made if made is not None else _language(root, lang, locations, data, entries, state)
        docs = [d for _, page_docs in page_docs_used for d in page_docs]
        used.update(page_docs_used)
        material = {**merged["config"], "lang": ["zh"], "pipeline": []} if is_zh(lang) else ENGLISH
        config = {**material, "site": {"lang": lang, "mark": MARK if is_zh(lang) else ""}}
        path = root / langs.root(lang) / "search" / "search_index.json"
        _write(path, config, docs)
        counts[lang] = len(docs)
    _CACHE.clear()
    _CACHE.update(used)  # only this build's pages: the cache never outgrows the site
    return counts


class _State:
    """What the languages of one split share: the site's words and one segmenter (made when a
    Chinese page first needs it), so that a run both Chinese editions hold is cut once."""

    def __init__(self, data) -> None:
        self.data = data
        self.words = search_zh.user_words(data) if data is not None else []
        self.words_key = _digest(self.words)
        self._segmenter = None

    def segmenter(self) -> "search_zh.Segmenter":
        if self._segmenter is None:
            self._segmenter = _segmenter(self.words, self.words_key)
        return self._segmenter


def _language(root: Path, lang: str, locations: list[str], data, entries: list[dict],
              state: _State) -> list[tuple[tuple, list[dict]]]:
    """The entries of one language's pages, page by page, each under its cache key."""
    extra = _extras(data, lang)
    extra_key = _digest([sorted(extra["terms"].items()), sorted(extra["skip"]), state.words_key if is_zh(lang) else ""])
    out = []
    for loc in locations:
        path = root / loc / "index.html" if not loc.endswith(".html") else root / loc
        if not path.is_file():
            continue
        content = search_text.content_of(path.read_text(encoding="utf-8"))
        key = (lang, loc, _digest(content), _fallback_title(entries, loc), extra_key)
        page_docs = _CACHE.get(key)
        if page_docs is None:
            page_docs = _page(content, loc, lang, extra, entries)
            if is_zh(lang):
                page_docs = _chinese(page_docs, data, lang, state.segmenter())
            else:
                page_docs = [_without_chinese(d) for d in page_docs]
        out.append((key, page_docs))
    return out


class Ahead:
    """A language's index entries made in a forked process as soon as its pages are written,
    while the next language builds (mkdocs-static-i18n builds them one after another): on two
    cores the indexes of all but the last language cost no time. The entries come back through
    a pipe and are written by `split` exactly as if made there (same function, same order), and
    the words the child cut join the parent's segmenter, so the Traditional edition still reuses
    the Simplified cuts. Only where the platform forks (POSIX), and never under `mkdocs serve`,
    whose server threads a fork would copy mid-work (SearchWriter serves that case)."""

    def __init__(self) -> None:
        self._jobs: dict[str, tuple[int, int]] = {}
        self._ready: dict[str, tuple[list, dict]] = {}  # made elsewhere and handed in (put)

    available = staticmethod(lang_fork.available)

    @staticmethod
    def make(site_dir: Path | str, lang: str, languages: list[str], data,
             indexed: list[tuple[str, str]]) -> tuple[list, dict]:
        """`lang`'s entries from the pages `indexed` so far (that language's are complete), and
        the words cut for them that the segmenter did not hold before."""
        entries = [{"location": loc, "title": title} for loc, title in indexed]
        locations = _pages(entries, languages)[lang]
        state = _State(data)
        before = state.segmenter().cuts() if is_zh(lang) else {}
        made = _language(Path(site_dir), lang, locations, data, entries, state)
        cuts = {k: v for k, v in state.segmenter().cuts().items() if k not in before} if is_zh(lang) else {}
        return made, cuts

    def start(self, site_dir: Path | str, lang: str, languages: list[str], data,
              indexed: list[tuple[str, str]]) -> None:
        """Begin `lang`'s entries (see `make`) in a forked child."""
        self.discard(lang)
        if is_zh(lang):
            _State(data).segmenter()  # jieba loads here, once, and both processes share it
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: make the entries, send them, and leave, whatever happens
            try:
                os.close(read)
                try:
                    made, cuts = self.make(site_dir, lang, languages, data, indexed)
                    payload = pickle.dumps(("ok", made, cuts), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # noqa: BLE001 (sent to the parent, raised there)
                    payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}", None))
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
            finally:
                os._exit(0)
        os.close(write)
        self._jobs[lang] = (pid, read)

    def put(self, lang: str, made: list, cuts: dict) -> None:
        """`lang`'s entries, made by `make` in another process (hooks/glue/lang_fork.py)."""
        self.discard(lang)
        self._ready[lang] = (made, cuts)

    def gather(self, data) -> None:
        """Take in what every child made (waiting for those still at work), their cuts joining
        the segmenter of `data`'s words, so that entries made next reuse them."""
        state = _State(data)
        for lang in list(self._jobs):
            made = self.take(lang, state)
            self._ready[lang] = (made, {})

    def take(self, lang: str, state: _State):
        """`lang`'s entries, if made ahead (else None); their cuts join `state`'s segmenter."""
        if lang in self._ready:
            made, cuts = self._ready.pop(lang)
            if cuts:
                state.segmenter().learn(cuts)
            return made
        job = self._jobs.pop(lang, None)
        if job is None:
            return None
        pid, read = job
        with os.fdopen(read, "rb") as inp:
            payload = inp.read()
        os.waitpid(pid, 0)
        status, made, cuts = pickle.loads(payload) if payload else ("error", "the indexing process died", None)
        if status != "ok":
            raise RuntimeError(f"search index of {lang}: {made}")
        if cuts:
            state.segmenter().learn(cuts)
        return made

    def discard(self, lang: str | None = None) -> None:
        """Wait for and drop the children of `lang` (all: None), e.g. after a failed build."""
        for key in [k for k in self._ready if lang is None or k == lang]:
            del self._ready[key]
        for key in [k for k in self._jobs if lang is None or k == lang]:
            pid, read = self._jobs.pop(key)
            os.close(read)
            os.waitpid(pid, 0)


# `mkdocs serve` rebuilds the whole site after each save. A page whose language, location,
# content and index inputs (glossary terms, skipped labels, the site's words: `extra_key`) are
# unchanged gives the same entries, so they are kept between the builds of one process; the
# key holds every input, so a build never takes a stale entry.
_CACHE: dict[tuple, list[dict]] = {}
_SEGMENTERS: dict[str, "search_zh.Segmenter"] = {}


def _digest(value) -> str:
    return hashlib.sha1(repr(value).encode("utf-8")).hexdigest()


def _segmenter(words: list[str], key: str) -> "search_zh.Segmenter":
    """jieba with the site's words: made again only when the words change."""
    if key not in _SEGMENTERS:
        _SEGMENTERS.clear()
        _SEGMENTERS[key] = search_zh.Segmenter(words)
    return _SEGMENTERS[key]


def _pages(entries: list[dict], languages: list[str]) -> dict[str, list[str]]:
    """Page locations (with their language prefix) in the order Material indexed them."""
    out: dict[str, list[str]] = {langs.DEFAULT: [], **{lang: [] for lang in languages}}
    for entry in entries:
        location = entry["location"].split("#", 1)[0]
        lang = next((la for la in languages if location.startswith(f"{la}/")), langs.DEFAULT)
        if location not in out[lang]:
            out[lang].append(location)
    return out


def _extras(data, lang: str) -> dict:
    """What the pages' HTML does not say: glossary terms per anchor, fact-table columns to skip."""
    if data is None:
        return {"terms": {}, "skip": set()}
    # A glossary entry is found by its term (its title), its other forms and its rendering in the
    # other language (what the glossary is for); they replace its "Other forms" line in the text.
    other = "en" if is_zh(lang) else "zh"
    terms = {f"glossary/#{g.id}": [*_aliases(g, lang), g.term(other)] for g in data.glossary}
    skip = {data.labels[k](lang) for k in ("fact_source", "fact_as_stated") if k in data.labels}
    if lang in langs.DERIVED:  # the pages show them converted
        skip = {hant.convert(s) for s in skip}
    return {"terms": terms, "skip": skip}


def _aliases(entry, lang: str) -> list[str]:
    """A glossary entry's other forms in a language (the Traditional: the Simplified, converted)."""
    if lang in langs.DERIVED:
        return [hant.convert(str(a)) for a in getattr(entry.aliases, langs.DERIVED[lang])]
    return list(getattr(entry.aliases, lang))


def _page(content: str, location: str, lang: str, extra: dict, entries: list[dict]) -> list[dict]:
    """The page's entry, then one per section that has text (or glossary terms);
    `content`: the page's article (search_text.content_of)."""
    sections = search_text.sections(content, lang, extra["skip"])
    if not sections:
        return []
    rel = location[len(lang) + 1:] if lang != langs.DEFAULT and location.startswith(f"{lang}/") else location
    page, rest = sections[0], sections[1:]
    out = [{"location": rel, "title": page.title or _fallback_title(entries, location), "text": page.text}]
    for s in rest:
        terms = extra["terms"].get(f"{rel}#{s.anchor}")
        if s.text or terms:
            out.append({"location": f"{rel}#{_anchor(s.anchor, s.title)}", "title": s.title, "text": s.text,
                        **({"terms": terms} if terms else {})})
    return out


def slug(title: str) -> str | None:
    """The heading anchor Python-Markdown's toc (pymdownx slugify, lower case) gives `title`, for
    the titles where a simpler rule, the same in search-engine.js, gives it too; else None."""
    if not SLUGGABLE.fullmatch(title):
        return None
    text = re.sub(r"[A-Z]", lambda m: m.group(0).lower(), title.strip())
    return SLUG_DROP.sub("", text).replace(" ", "-")


def _anchor(anchor: str, title: str) -> str:
    """"" when the browser rebuilds the anchor from the title (saves a few KB per index)."""
    return "" if slug(title) == anchor else anchor


def _titles(entries: list[dict]) -> dict[str, str]:
    """Location -> the first title recorded for it, built once per list of entries."""
    key = id(entries)
    if _TITLES.get("key") != key or _TITLES.get("entries") is not entries:
        titles: dict[str, str] = {}
        for e in entries:
            titles.setdefault(e["location"], e["title"])
        _TITLES.update(key=key, entries=entries, titles=titles)
    return _TITLES["titles"]


_TITLES: dict = {}


def _fallback_title(entries: list[dict], location: str) -> str:
    title = _titles(entries).get(location, "")
    return search_text.clean(html.unescape(re.sub(r"<[^>]+>", "", title)))


def _chinese(docs: list[dict], data, lang: str = "zh", segmenter=None) -> list[dict]:
    """Join jieba's words with MARK inside every Han run (titles, text, terms); Traditional text
    is cut as its Simplified form is (search_zh.Segmenter.cut `simplify`), by the same segmenter."""
    if segmenter is None:
        segmenter = search_zh.Segmenter(search_zh.user_words(data) if data is not None else [])
    simplify = hant.simplify if lang in langs.DERIVED else None

    def mark(text: str) -> str:
        return segmenter.mark(text, simplify)
    return [{**d, "title": mark(d["title"]), "text": mark(d["text"]),
             **({"terms": [mark(t) for t in d["terms"]]} if "terms" in d else {})} for d in docs]


def _drop_chinese(text: str) -> str:
    """English text without the Chinese quoted in it (and the commas a dropped list item leaves)."""
    text = search_text.clean(HAN_TEXT.sub(" ", QUOTED_HAN.sub("", text)))
    return search_text.clean(EMPTY_ITEMS.sub("", text))


def _without_chinese(d: dict) -> dict:
    return {**d, "title": _drop_chinese(d["title"]) or d["title"], "text": _drop_chinese(d["text"])}


def _write(path: Path, config: dict, docs: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    part = path.with_name(path.name + ".tmp")  # replaced whole (under serve, a reader may fetch it)
    part.write_text(text, encoding="utf-8")
    part.replace(path)
