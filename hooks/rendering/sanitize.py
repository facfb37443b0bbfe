"""The allow-list every page's HTML content passes through (nh3 / ammonia).

Owns the guarantee for Markdown, which contributors write in docs/ and in
`body` fields: whatever the input, the HTML of a page's content holds only the
tags and attributes listed here, and links only to http, https, mailto or
relative URLs. No `<script>`, `<style>`, `<iframe>`, `<meta>`, event handler
(`on*=`), `style` attribute, `javascript:` or `data:` URL gets through. The
generated pages (cases, timeline, glossary, downloads) pass through it too,
so the list also holds what their templates need (the SVG map, filter forms).
"""

from __future__ import annotations

import nh3

TAGS = {
    # text and structure (Python-Markdown, pymdown-extensions, admonitions, footnotes)
    "a", "abbr", "article", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    # the filter forms of generated pages, their fallbacks and index navigation
    "form", "label", "select", "option", "optgroup", "button", "output", "nav", "noscript",
    # the SVG case map
    "svg", "g", "path", "circle", "rect", "line", "title", "text", "tspan",
}
GENERIC = {"class", "id", "title", "lang", "hidden", "role"}
ATTRIBUTES = {
    "*": GENERIC,
    "a": GENERIC | {"href", "hreflang", "download"},
    "img": GENERIC | {"src", "alt", "width", "height", "loading"},
    "td": GENERIC | {"colspan", "rowspan", "align"},
    "th": GENERIC | {"colspan", "rowspan", "scope", "align"},
    "ol": GENERIC | {"start", "reversed", "type"},
    "li": GENERIC | {"value"},
    "time": GENERIC | {"datetime"},
    "details": GENERIC | {"open"},
    "label": GENERIC | {"for"},
    "select": GENERIC | {"name", "autocomplete", "multiple"},
    "option": GENERIC | {"value", "selected"},
    "button": GENERIC | {"type", "name", "value"},
    "output": GENERIC | {"for", "name"},
    "svg": GENERIC | {"viewBox", "xmlns", "width", "height", "preserveAspectRatio", "focusable"},
    "g": GENERIC | {"transform"},
    "path": GENERIC | {"d"},
    "circle": GENERIC | {"cx", "cy", "r"},
    "rect": GENERIC | {"x", "y", "width", "height", "rx", "ry"},
    "line": GENERIC | {"x1", "y1", "x2", "y2"},
    "text": GENERIC | {"x", "y", "text-anchor", "font-size"},
    "tspan": GENERIC | {"x", "y", "dx", "dy"},
}
PREFIXES = {"data-", "aria-"}
SCHEMES = {"http", "https", "mailto"}


def _attribute(tag: str, name: str, value: str) -> str | None:
    # Ids that Material's own elements use (`__config`, `__search`…) would let
    # content shadow them (DOM clobbering): drop them.
    if name in ("id", "for") and value.startswith("__"):
        return None
    return value


def clean(html: str) -> str:
    """The HTML with everything outside the allow-list removed."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, generic_attribute_prefixes=PREFIXES,
                     url_schemes=SCHEMES, link_rel=None, strip_comments=True,
                     attribute_filter=_attribute)
