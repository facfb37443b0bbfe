"""Reading text of a built page, divided into search sections.

Owns what goes into the search index from a page: its content (`<article
class="md-content__inner">`), cut into one section per heading with an id and
one per timeline event (`<article id=…>`), as plain text. Left out, because a
reader never searches for them and they pull the wrong pages up:

- interface parts: filter forms and their options ("All/全部"), buttons, the
  map, permalink signs, admonition titles, rendering labels, "edit" buttons,
  asides (page information, "report an error"), print-only lines;
- a glossary entry's term pair and "other forms" line (hooks/glue/search_split.py
  gives the index those forms as the entry's `terms`);
- repeated content: case boxes on report pages (the case page holds the same
  text), disagreement records shown in place on chapters, cases and timeline
  events (the page "Where the reports disagree" holds each one once), the
  "cases and events on this page" lists, citation blocks, table header rows,
  the "as printed" and "source" columns of fact tables;
- navigation: a paragraph or list item that is (almost) only links, such as
  "Sources: …", "Related cases", "Appears in: …", "See also: …";
- text in the other language (`lang` attributes), so results stay in the
  page's language.

Table cells, definition terms and list items are kept apart by separators, so
that no header or label runs into its value ("CountriesKenya"). No MkDocs
import: the input is HTML text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..data.langs import is_zh

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP_TAGS = {"script", "style", "svg", "form", "button", "select", "option", "template", "noscript", "thead",
             "output", "figure", "aside"}
# Classes of interface parts and repeated content (see the module docstring).
SKIP_CLASSES = {"headerlink", "md-content__button", "case-box", "site-disagreement", "site-mentions", "site-cite",
                "case-map", "admonition-title", "glossary-rendering", "timeline-event__link", "site-filter",
                "site-filter__empty", "case-row", "site-kicker", "glossary-pair", "glossary-aliases",
                "site-page-info"}
# ... and any class naming a citation, a permalink, a copy button or print-only text
# (site-cite, site-page-cite, site-cite-event, site-anchor, site-copy, site-print-head).
SKIP_CLASS_PART = re.compile(r"(?:^|[-_])(?:cite|citation|anchor|copy|print)(?:[-_]|$)")
BLOCKS = {"p", "div", "section", "article", "ul", "ol", "li", "dl", "table", "tbody", "tfoot", "tr",
          "blockquote", "pre", "details", "summary", "figcaption", "caption", "h1", "h2", "h3", "h4",
          "h5", "h6", "hr", "br"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# A block whose own (non-link) words are fewer than this share of its text is navigation.
NAV_SHARE = 0.2
WORD = re.compile(r"[^\W_]", re.UNICODE)
CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
CJK_BREAK = re.compile(rf"(?<=[{CJK}])\s*\n\s*(?=[{CJK}])")
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
SPACES = re.compile(r"\s+")
STRAY_SEPARATORS = re.compile(r"(?:\s*(?:·|\||;|；)\s*)+$|^(?:\s*(?:·|\||;|；)\s*)+")


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)  # Node or str

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


@dataclass
class Section:
    anchor: str | None  # None: the page itself (its first heading)
    title: str
    text: str = ""
    parts: list[str] = field(default_factory=list, repr=False, compare=False)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def content_of(page_html: str) -> str:
    """The page's content: Material's `<article class="md-content__inner …">`, nested articles included."""
    start = page_html.find('<article class="md-content__inner')
    if start < 0:
        return ""
    depth, pos = 0, start
    tags = re.compile(r"<(/?)article\b[^>]*>")
    for m in tags.finditer(page_html, start):
        depth += -1 if m.group(1) else 1
        pos = m.end()
        if depth == 0:
            break
    return page_html[start:pos]


def clean(text: str) -> str:
    """Plain text as a reader copies it: no invisible characters, single spaces, CJK lines joined."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = CJK_BREAK.sub("", text)
    text = SPACES.sub(" ", text).strip()
    return STRAY_SEPARATORS.sub("", text).strip()


class _Walker:
    def __init__(self, lang: str, skip_columns: set[str]):
        self.lang = lang
        self.skip_columns = {clean(s).lower() for s in skip_columns}
        self.sections: list[Section] = []
        self.open: list[Section] = []  # the page, a heading's section, a timeline entry: innermost last

    # -- sections -------------------------------------------------------------
    def start(self, anchor: str | None, title: str) -> None:
        section = Section(anchor, title)
        self.sections.append(section)
        self.open.append(section)

    def end(self) -> None:
        section = self.open.pop()
        section.text = clean("".join(section.parts))
        section.parts.clear()

    def emit(self, text: str) -> None:
        if not self.open:
            self.start(None, "")
        self.open[-1].parts.append(text)

    # -- tree -----------------------------------------------------------------
    def skipped(self, node: Node) -> bool:
        if node.tag in SKIP_TAGS or node.classes & SKIP_CLASSES or "data-search-exclude" in node.attrs:
            return True
        if any(SKIP_CLASS_PART.search(c) for c in node.classes) or "hidden" in node.attrs:
            return True
        lang = node.attrs.get("lang")
        return bool(lang) and not lang.lower().startswith(self.lang)

    def walk(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.emit(child)
            else:
                self.element(child)

    def element(self, node: Node) -> None:
        if self.skipped(node):
            return
        if node.tag in HEADINGS and node.attrs.get("id"):
            # The page's first heading names the page; each later one starts a section that runs
            # to the next heading (text before the first heading belongs to the page).
            if not self.sections:
                self.start(None, text_of(node, self))
            elif self.sections[0].title == "" and len(self.sections) == 1 and node.tag == "h1":
                self.sections[0].title = text_of(node, self)
            else:
                if len(self.open) > 1:
                    self.end()
                self.start(node.attrs["id"], text_of(node, self))
            return
        if node.tag == "article" and node.attrs.get("id"):
            self.entry(node)
            return
        if node.tag in ("p", "li", "dd") and is_navigation(node, self):
            return
        if node.tag == "table":
            self.table(node)
            return
        if node.tag == "dt":
            self.emit(" " + text_of(node, self) + ("：" if is_zh(self.lang) else ": "))
            return
        block = node.tag in BLOCKS or node.tag == "dd"
        if block:
            self.emit(" ")
        self.walk(node)
        if node.tag == "dd":
            self.emit("；" if is_zh(self.lang) else "; ")
        elif block:
            self.emit(" ")

    def entry(self, node: Node) -> None:
        """A timeline event: its own section, titled by its `…__title` paragraph."""
        title_node = find(node, lambda n: any(c.endswith("__title") for c in n.classes))
        title = text_of(title_node, self) if title_node else ""
        self.start(node.attrs["id"], title)
        for child in node.children:
            if isinstance(child, Node) and child is title_node:
                continue
            if isinstance(child, str):
                self.emit(child)
            else:
                self.element(child)
        self.end()

    def table(self, node: Node) -> None:
        header = find(node, lambda n: n.tag == "thead")
        drop: set[int] = set()
        if header is not None:
            cells = [c for c in iter_nodes(header) if c.tag in ("th", "td")]
            drop = {i for i, c in enumerate(cells) if text_of(c, self).lower() in self.skip_columns}
        for row in iter_nodes(node):
            if row.tag != "tr" or self.skipped(row) or in_thead(node, row):
                continue
            cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]
            values = [text_of(c, self) for i, c in enumerate(cells) if i not in drop and not self.skipped(c)]
            values = [v for v in values if v]
            if values:
                self.emit(" " + " · ".join(values) + " | ")


def iter_nodes(node: Node):
    for child in node.children:
        if isinstance(child, Node):
            yield child
            yield from iter_nodes(child)


def find(node: Node, pred) -> Node | None:
    return next((n for n in iter_nodes(node) if pred(n)), None)


def in_thead(table: Node, row: Node) -> bool:
    return any(row in list(iter_nodes(h)) for h in iter_nodes(table) if h.tag == "thead")


def text_of(node: Node | None, walker: _Walker) -> str:
    """The reading text of a node, with the walker's exclusions."""
    if node is None:
        return ""
    parts: list[str] = []

    def collect(n: Node) -> None:
        for child in n.children:
            if isinstance(child, str):
                parts.append(child)
            elif not walker.skipped(child):
                block = child.tag in BLOCKS
                if block:
                    parts.append(" ")
                collect(child)
                if block:
                    parts.append(" ")
    collect(node)
    return clean("".join(parts))


def is_navigation(node: Node, walker: _Walker) -> bool:
    """Mostly links (glossary annotations in prose do not count): "Sources: …", "See also: …"."""
    own, linked = [], []

    def collect(n: Node, in_link: bool) -> None:
        for child in n.children:
            if isinstance(child, str):
                (linked if in_link else own).append(child)
            elif not walker.skipped(child):
                link = child.tag == "a" and "href" in child.attrs and "glossary-term" not in child.classes
                collect(child, in_link or link)
    collect(node, False)
    linked_text = "".join(linked)
    if not WORD.search(linked_text):
        return False
    own_text = re.sub(r"^[^:：]{0,24}[:：]", "", clean("".join(own)))  # a leading label is not content
    own_n, link_n = len(WORD.findall(own_text)), len(WORD.findall(linked_text))
    return own_n < NAV_SHARE * (own_n + link_n)


def sections(page_html: str, lang: str, skip_columns: set[str] = frozenset()) -> list[Section]:
    """The page's search sections; the first one (anchor None) is the page itself."""
    content = content_of(page_html)
    if not content:
        return []
    walker = _Walker(lang, set(skip_columns))
    walker.walk(parse(content))
    while walker.open:
        walker.end()
    return walker.sections
