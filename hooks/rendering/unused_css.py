"""Material's stylesheets without the rules no page of the site can use.

Material ships one stylesheet for every feature it has (code highlighting, tabs, blog posts,
consent banners, forty-odd icons as data URIs): 22.8 KB gzipped of main CSS and 2.1 KB of
palette CSS, which every page loads before it can paint, of which this site uses about two
thirds. `purge` keeps a rule when one of its selectors can match:

- every class it names (outside `:not()`, `:is()`, `:where()`, `:has()`, which are left
  alone) is in `classes`: those of the built pages' HTML and every word of the scripts the
  site ships (Material's bundle adds classes such as `md-search-result__item` or
  `focus-visible` at run time, and so do ours);
- every `[data-md-color-…=value]` it names has that value on some page (the palette rules of
  colours and schemes the site does not use go);

and every at-rule other than @media/@supports (whose rules are filtered the same way) is kept
as it is. Custom properties holding icons (`--md-…icon…: url(…)`) that nothing refers to go
too. The stylesheet is read from the theme, never from the site folder, so a rebuild under
`mkdocs serve` starts again from the full sheet. Parsing is tinycss2's (the CSS Syntax
Module Level 3 parser WeasyPrint is built on); nothing here imports MkDocs.
"""

from __future__ import annotations

import re

import tinycss2

_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_COLOR_ATTR = re.compile(r'(data-md-color-[a-z]+)="([^"]*)"')
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_SELECTOR_COLOR = re.compile(r"""\[(data-md-color-[a-z]+)=["']?([\w-]+)""")
# Functional pseudo-classes (one level of nested parentheses): what they name is not required.
_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches)\((?:[^()]|\([^()]*\))*\)")
_WORD = re.compile(r"[\w-]+")
_ICON_VAR = re.compile(r"^--md-[\w-]*icon[\w-]*$")
_VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")


class Usage:
    """What the built pages and the shipped scripts can match: classes and palette values."""

    def __init__(self) -> None:
        self.classes: set[str] = set()
        self.colors: dict[str, set[str]] = {}

    def add_html(self, html: str) -> None:
        for match in _CLASS_ATTR.finditer(html):
            self.classes.update(match.group(1).split())
        for name, value in _COLOR_ATTR.findall(html):
            self.colors.setdefault(name, set()).add(value)

    def add_script(self, text: str) -> None:
        self.classes.update(_WORD.findall(text))

    def matches(self, selector: str) -> bool:
        bare = _FUNCTIONAL.sub("", selector)
        if not all(name in self.classes for name in _SELECTOR_CLASS.findall(bare)):
            return False
        return all(value in self.colors.get(name, ()) for name, value in _SELECTOR_COLOR.findall(bare))


def purge(css: str, usage: Usage, also_reads: str = "") -> str:
    """`css` without the rules no selector of which `usage` can match, and without icon
    custom properties that neither the kept rules nor `also_reads` (the site's own CSS and
    scripts) refer to."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    kept = _filter(rules, usage)
    text = "".join(_serialize(kept, None))
    used_vars = set(_VAR_USE.findall(text)) | set(_VAR_USE.findall(also_reads))
    return "".join(_serialize(kept, used_vars))


def _filter(rules, usage: Usage) -> list:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in tinycss2.serialize(rule.prelude).split(",") if usage.matches(s)]
            if selectors:
                out.append(("rule", ",".join(s.strip() for s in selectors), rule.content))
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = _filter(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), usage)
            if inner:
                out.append(("group", f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", inner))
        elif rule.type == "at-rule":
            out.append(("raw", tinycss2.serialize([rule]), None))
        # parse errors (none in Material's sheets) are dropped, as a browser drops them
    return out


def _serialize(kept: list, used_vars: set[str] | None):
    for kind, head, body in kept:
        if kind == "raw":
            yield head
        elif kind == "group":
            inner = "".join(_serialize(body, used_vars))
            if inner:
                yield f"{head}{{{inner}}}"
        else:
            yield f"{head}{{{_declarations(body, used_vars)}}}"


def _declarations(content, used_vars: set[str] | None) -> str:
    """A rule's declarations, less icon custom properties nothing refers to."""
    if used_vars is None or not any(t.type == "ident" and _ICON_VAR.match(t.value) for t in content):
        return tinycss2.serialize(content).strip()
    kept = []
    for decl in tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True):
        if decl.type == "declaration" and _ICON_VAR.match(decl.name) and decl.name not in used_vars:
            continue
        kept.append(decl.serialize())
    return ";".join(kept)
