"""Parallel reading: every chapter side by side in its languages, block for block.

Owns three steps on the HTML of chapter pages (every docs/reports/<id>/<page>
except the overviews), none of which changes what a chapter says:

- `split`: the top-level blocks of a page's content (headings, paragraphs,
  tables, lists, boxes, rules), found with the standard library's HTML parser
  on the sanitised HTML and cut out of it byte for byte;
- `number`: every block gets the anchor `p-<n>` (an `id` on the block, or an
  empty `<span id>` at its start when the block already has an id of its own,
  such as a heading), the same in every language, so that `#p-3` points at one
  paragraph in the Chinese, the English and the parallel view;
- `check` and `compose`, once every language is built: the languages of a
  chapter must align block for block (same kind of block at each position:
  heading level, paragraph, table, list, box and which box), else the build
  stops naming the file and the first block that differs; then each language
  tree's parallel page (`<chapter>/parallel/`) gets one row per block, a cell
  per language, with links rebased to the parallel page's address.

The blocks the site appends to report pages (what the page mentions, how to
cite it) are not part of the chapter and are neither numbered nor paired.
No MkDocs import.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..data import yamlsource
from ..data.pagesource import FRONT_MATTER

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Appended to every report page by the site (main.on_page_markdown): not chapter text.
APPENDED = {"site-mentions", "site-page-cite"}
# Blocks that may hold an empty <span id="p-n"> at their start (a heading keeps its own id).
SPAN_OK = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "section", "blockquote", "figure", "article"}
SLOT = '<div class="site-parallel-slot"></div>'
CHAPTER = re.compile(r"reports/[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*")
_ATTR = re.compile(r'\s(?P<name>[^\s"\'>/=]+)="(?P<value>[^"]*)"')


# ---------------------------------------------------------------- chapters

def chapters(docs_dir: Path) -> list[str]:
    """Base paths (`reports/<id>/<page>`) of every chapter page of the default language."""
    out = []
    for path in sorted((docs_dir / "reports").glob("*/*.md")):
        base = path.relative_to(docs_dir).as_posix()[:-3]
        if "." not in base and CHAPTER.fullmatch(base) and not base.endswith("/index"):
            out.append(base)
    return out


def chapter_of(src: str, known) -> str | None:
    """The chapter base of a page's source path (`reports/x/p.en.md` -> `reports/x/p`), if it is one."""
    base = re.sub(r"(\.[a-z]{2}(?:-[A-Za-z]+)?)?\.md$", "", src)
    return base if base in known else None


def titles(docs_dir: Path, langs, suffix) -> dict[str, dict[str, str]]:
    """`title` of every hand-written page in docs/ (front matter), by base path and language."""
    out: dict[str, dict[str, str]] = {}
    for lang in langs:
        tail = suffix(lang)
        for path in sorted(docs_dir.rglob(f"*{tail}")):
            rel = path.relative_to(docs_dir).as_posix()
            base = rel[: -len(tail)]
            if "." in posixpath.basename(base):
                continue  # another language's file (x.en.md when tail is .md)
            m = FRONT_MATTER.match(path.read_text(encoding="utf-8-sig").replace("\r\n", "\n"))
            try:
                meta = yamlsource.loads(m.group(1))[0] if m else None
            except yamlsource.YamlError:
                meta = None  # reported with its line by pagesource.check
            if isinstance(meta, dict) and isinstance(meta.get("title"), str):
                out.setdefault(base, {})[lang] = meta["title"]
    return out


# ---------------------------------------------------------------- blocks

@dataclass
class Block:
    html: str
    tag: str
    classes: tuple[str, ...] = ()
    id: str | None = None
    text: str = ""
    start: int = 0  # where the block lies in the content it was cut from
    end: int = 0

    def kind(self) -> tuple:
        """What must match across languages: the element, its classes and, for a
        box drawn from a marker (case, disagreement), which record it shows."""
        return (self.tag, self.classes, self.id if self.tag == "div" else None)


class _Splitter(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source, self.blocks, self.depth = source, [], 0
        self._starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._open: dict | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            attrs = dict(attrs)
            self._open = {"start": self._offset(), "tag": tag, "id": attrs.get("id"),
                          "classes": tuple((attrs.get("class") or "").split()), "text": []}
            if tag in VOID:
                self._close(self._offset() + len(self.get_starttag_text()))
                return
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            self.handle_starttag(tag, attrs)
            if tag not in VOID:  # <x/> at the top: a block of its own
                self.depth -= 1
                self._close(self._offset() + len(self.get_starttag_text()))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.depth -= 1
        if self.depth == 0 and self._open is not None:
            end = self.source.index(">", self._offset()) + 1
            self._close(end)

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"].append(data)
        elif data.strip():  # loose text at the top level: a block of its own
            start = self._offset()
            self.blocks.append(Block(self.source[start:start + len(data)], "#text", text=data.strip(),
                                     start=start, end=start + len(data)))

    def _close(self, end: int) -> None:
        o, self._open = self._open, None
        text = re.sub(r"\s+", " ", "".join(o["text"])).replace("¶", "").strip()
        self.blocks.append(Block(self.source[o["start"]:end], o["tag"], o["classes"], o["id"], text,
                                 o["start"], end))


def split(content: str) -> list[Block]:
    """The top-level blocks of a page's content HTML, each cut out exactly."""
    parser = _Splitter(content)
    parser.feed(content)
    parser.close()
    return parser.blocks


def chapter_blocks(blocks: list[Block]) -> list[Block]:
    """The chapter's own blocks: everything before the first block the site appends."""
    for i, block in enumerate(blocks):
        if APPENDED & set(block.classes):
            return blocks[:i]
    return blocks


def number(content: str, after_first: str = "") -> tuple[str, list[Block]]:
    """The content with `p-<n>` anchors on the chapter's blocks, and those blocks
    (unnumbered, for the parallel view). `after_first` (HTML) goes after block 1."""
    own = chapter_blocks(split(content))
    out, pos = [], 0
    for n, block in enumerate(own, 1):
        out += [content[pos:block.start], _anchored(block, f"p-{n}")]
        if n == 1 and after_first:
            out.append("\n" + after_first)
        pos = block.end
    out.append(content[pos:])
    return "".join(out), own


def _anchored(block: Block, anchor: str) -> str:
    if block.tag == "#text":
        return f'<p id="{anchor}">{block.html}</p>'
    start = len(block.tag) + 1  # after "<tag"
    if block.id is None:
        return f'{block.html[:start]} id="{anchor}"{block.html[start:]}'
    if block.tag in SPAN_OK:
        close = _start_tag_end(block.html)
        return f'{block.html[:close]}<span id="{anchor}"></span>{block.html[close:]}'
    return f'<div id="{anchor}">{block.html}</div>'


def _start_tag_end(markup: str) -> int:
    """The offset just after the first start tag of `markup` (attribute values are double-quoted)."""
    pos, quoted = 0, False
    for pos, ch in enumerate(markup):
        if ch == '"':
            quoted = not quoted
        elif ch == ">" and not quoted:
            return pos + 1
    return len(markup)


# ---------------------------------------------------------------- alignment

_NAMES = {"p": "paragraph", "table": "table", "ul": "bulleted list", "ol": "numbered list", "hr": "rule",
          "dl": "definition list", "blockquote": "quotation", "pre": "code block", "details": "details box",
          "#text": "loose text"}


def describe(block: Block | None) -> str:
    """A block as a reader finds it in the Markdown: `heading (##) "…"`, `note box "…"`."""
    if block is None:
        return "nothing (the page ends here)"
    if re.fullmatch(r"h[1-6]", block.tag):
        name = f"heading ({'#' * int(block.tag[1])})"
    elif "case-box" in block.classes:
        name = f"case box ({(block.id or '').removeprefix('case-')})"
    elif "site-disagreement" in block.classes:
        name = f"disagreement box ({(block.id or '').removeprefix('disagreement-')})"
    elif "admonition" in block.classes:
        name = f"{' '.join(c for c in block.classes if c != 'admonition') or 'plain'} box (!!!)"
    elif block.tag in _NAMES:
        name = _NAMES[block.tag]
    else:
        name = f"<{block.tag}{''.join('.' + c for c in block.classes)}>"
    excerpt = block.text[:40] + ("…" if len(block.text) > 40 else "")
    return f"{name} “{excerpt}”" if excerpt else name


def source_line(markdown: str, block: Block | None) -> int | None:
    """Best effort: the line of the Markdown source where a block starts."""
    if block is None:
        return None
    lines = markdown.split("\n")
    marker = None
    if block.id and block.tag == "div":
        marker = re.compile(r"<!--\s*(case|disagreement):\s*" + re.escape(block.id.split("-", 1)[-1]) + r"\s*-->")
    probe = re.sub(r"\s+", "", block.text)[:8]
    for i, line in enumerate(lines, 1):
        if marker is not None and marker.search(line):
            return i
        if probe and marker is None and probe in re.sub(r"\s+|\[|\]\([^)]*\)|\*\*?", "", line):
            return i
    return None


def mismatch(default: list[Block], other: list[Block]) -> int | None:
    """The index of the first block whose kind differs (or that one side lacks)."""
    for i in range(max(len(default), len(other))):
        a = default[i] if i < len(default) else None
        b = other[i] if i < len(other) else None
        if a is None or b is None or a.kind() != b.kind():
            return i
    return None


def check(base: str, blocks: dict[str, list[Block]], sources: dict[str, tuple[str, str]],
          langs: tuple[str, ...]) -> list[str]:
    """Problems with one chapter: a language missing, or the first block that differs
    from the default language's. `sources` maps a language to (path, Markdown text)."""
    default, problems = langs[0], []
    for lang in langs[1:]:
        path = sources.get(lang, (f"docs/{base}.{lang}.md", ""))[0]
        if lang not in blocks:
            problems.append(f"{path}:1: (file): missing: every chapter exists in every language")
            continue
        i = mismatch(blocks[default], blocks[lang])
        if i is None:
            continue
        a = blocks[default][i] if i < len(blocks[default]) else None
        b = blocks[lang][i] if i < len(blocks[lang]) else None
        zh_path, zh_md = sources[default]
        line_a, line_b = source_line(zh_md, a), source_line(sources[lang][1], b)
        where_a = f"{zh_path}:{line_a}" if line_a else zh_path
        problems.append(
            f"{path}:{line_b or 1}: block p-{i + 1}: does not align with {where_a}: "
            f"{default} has {describe(a)}, {lang} has {describe(b)}; the languages of a chapter must "
            "match block for block (headings, paragraphs, tables, lists, boxes), for the parallel view")
    return problems


# ---------------------------------------------------------------- the parallel view

@dataclass
class Page:
    """A built page: where it is in the site (its URL path from the site root) and its file."""

    path: str
    file: str = ""
    blocks: list[Block] = field(default_factory=list)


def rebase(href: str, from_path: str, to_path: str) -> str:
    """A relative URL written on page `from_path`, rewritten for page `to_path` (site paths)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/") or not href:
        return href
    target = urlsplit(urljoin("http://site/" + from_path, href))
    folder = to_path if to_path.endswith("/") else posixpath.dirname(to_path)
    rel = posixpath.relpath(target.path, "/" + folder.rstrip("/") if folder else "/")
    if target.path.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")


def cell(block: Block, from_path: str, to_path: str, keep_ids: set[str] | None) -> str:
    """A block as a cell of the parallel page: links rebased; ids kept only in the
    page's own language (`keep_ids`: those ids), so that none is duplicated."""
    def tag(m: re.Match) -> str:
        text = m.group(0)

        def attr(a: re.Match) -> str:
            name, value = a.group("name"), html.unescape(a.group("value"))
            if name == "id" and keep_ids is None:
                return ""
            if name in ("href", "src"):
                if value.startswith("#") and keep_ids is not None and value[1:] in keep_ids:
                    return a.group(0)
                return f' {name}="{html.escape(rebase(value, from_path, to_path), quote=True)}"'
            return a.group(0)
        return _ATTR.sub(attr, text)
    return re.sub(r'<[A-Za-z][^\s/>]*(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*\s*/?>', tag, block.html)


def ids_in(blocks: list[Block]) -> set[str]:
    return {html.unescape(m.group(1)) for b in blocks for m in re.finditer(r'\sid="([^"]*)"', b.html)}


def rows(pages: dict[str, Page], tree: str, to_path: str, langs: tuple[str, ...]) -> list[dict]:
    """The rows of the parallel page of language tree `tree`: per block, a cell per language."""
    present = [lang for lang in langs if lang in pages]
    keep = ids_in(pages[tree].blocks) if tree in pages else set()
    count = max(len(pages[lang].blocks) for lang in present)
    out = []
    for i in range(count):
        cells = []
        for lang in present:
            blocks = pages[lang].blocks
            if i < len(blocks):
                cells.append({"lang": lang, "html": cell(blocks[i], pages[lang].path, to_path,
                                                         keep if lang == tree else None)})
        out.append({"n": i + 1, "cells": cells})
    return out


def fill(page_html: str, rows_html: str) -> str:
    """The parallel page's file with its slot replaced by the rows."""
    if SLOT not in page_html:
        raise ValueError("the parallel page has no slot for its rows")
    return page_html.replace(SLOT, rows_html, 1)


# ---------------------------------------------------------------- across the language builds

class Collector:
    """What the per-language builds of one outer build leave for the parallel views:
    each chapter's blocks and each parallel page's file, by language. Kept by
    hooks/glue/main.py across those builds, emptied when the outer build starts and ends."""

    def __init__(self):
        self.chapters: dict[str, dict[str, Page]] = {}  # chapter base -> language -> page
        self.views: dict[str, dict[str, str]] = {}      # chapter base -> language -> file

    def clear(self) -> None:
        self.chapters.clear()
        self.views.clear()

    def chapter(self, lang: str, base: str, dest: str, blocks: list[Block]) -> None:
        self.chapters.setdefault(base, {})[lang] = Page(dest, dest, blocks)

    def view(self, lang: str, base: str, dest: str) -> None:
        self.views.setdefault(base, {})[lang] = dest

    def part(self, lang: str) -> tuple[dict[str, Page], dict[str, str]]:
        """What one language's build left: its chapters and its views (by chapter base)."""
        return ({base: by_lang[lang] for base, by_lang in self.chapters.items() if lang in by_lang},
                {base: by_lang[lang] for base, by_lang in self.views.items() if lang in by_lang})

    def add(self, lang: str, part: tuple[dict[str, Page], dict[str, str]], order: tuple[str, ...]) -> None:
        """Take in `part` of a language built elsewhere, each chapter's languages kept in `order`
        (the order a build in this process would have left them in)."""
        chapters, views = part
        for mine, theirs in ((self.chapters, chapters), (self.views, views)):
            for base, value in theirs.items():
                by_lang = {**mine.get(base, {}), lang: value}
                mine[base] = {la: by_lang[la] for la in sorted(by_lang, key=_order_key(order))}

    def problems(self, docs_dir: Path, langs: tuple[str, ...], suffix) -> list[str]:
        """Every chapter whose languages do not align (only the languages this build made)."""
        built = tuple(lang for lang in langs if any(lang in p for p in self.chapters.values()))
        if len(built) < 2:
            return []  # a one-language preview (SITE_BUILD_EN=false): nothing to pair
        out = []
        for base in sorted(self.chapters):
            sources = {}
            for lang in built:
                path = docs_dir / f"{base}{suffix(lang)}"
                text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
                sources[lang] = (f"docs/{base}{suffix(lang)}", text)
            out += check(base, {lang: page.blocks for lang, page in self.chapters[base].items()}, sources, built)
        return out

    def write(self, site_dir: Path, langs: tuple[str, ...], render_rows, clean,
              pairs: dict[str, tuple[str, ...]] | None = None) -> int:
        """Fill every parallel page's slot with its rows; the number of pages written.
        `render_rows(chapter, lang, rows, columns)` gives the rows' HTML, `clean` sanitises it;
        `pairs`: the languages shown side by side in each language's tree (default: all)."""
        written = 0
        for base, files in sorted(self.views.items()):
            pages = {lang: Page(_site_path(site_dir, page.file), page.file, page.blocks)
                     for lang, page in self.chapters.get(base, {}).items()}
            if not pages:
                continue
            for lang, dest in files.items():
                shown = (pairs or {}).get(lang, langs)
                columns = [la for la in shown if la in pages]
                target = Path(dest)
                rows_html = clean(render_rows(base, lang, rows(pages, lang, _site_path(site_dir, dest), tuple(shown)),
                                              columns))
                target.write_text(fill(target.read_text(encoding="utf-8"), rows_html), encoding="utf-8")
                written += 1
        return written


def _order_key(order: tuple[str, ...]):
    return lambda lang: (order.index(lang) if lang in order else len(order), lang)


def _site_path(site_dir: Path, dest: str) -> str:
    """A built file's URL path from the site root: `en/reports/x/p/` for en/reports/x/p/index.html."""
    rel = Path(dest).resolve().relative_to(site_dir.resolve()).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel
