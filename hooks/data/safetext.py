"""The trust boundary for text from data/: escaping for every context.

Owns one rule: a plain-text value from data/ (a title, label, locator,
summary, note, definition) is text wherever it lands. The loader (models.py)
turns every such value into `PlainText`, a `str` whose `__html__` gives the
escaped form, so Jinja's autoescape, `| e`, `join` and macro arguments all
escape it without any template having to remember to.

Escaped form: HTML's five special characters as entities, and every
character that Python-Markdown, attr_list, admonitions, tables or footnotes
read as syntax as a numeric character reference. References read the same in
raw HTML blocks and in Markdown text, so one form is right in both places: a
`[x](javascript:…)` or `{onclick=…}` stays text, and `*` stays an asterisk.

`md_escape` is the same rule for strings that Python code builds (a figure
with its unit, a formatted date): the renderer applies it to every plain
`str` a template prints (Jinja `finalize`).
"""

from __future__ import annotations

import re

from markupsafe import Markup

_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    # Markdown syntax anywhere in a line.
    "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;",
    "(": "&#40;", ")": "&#41;", "{": "&#123;", "}": "&#125;", "#": "&#35;", "!": "&#33;",
    "|": "&#124;", "~": "&#126;", "^": "&#94;", "=": "&#61;", "$": "&#36;",
}
_TABLE = str.maketrans(_ENTITIES)
# Syntax only at the start of a line: lists, definitions, ordered lists.
_LEADING = re.compile(r"^([+\-:])(?=\s|$)|^([0-9]{1,9})([.)])(?=\s|$)", re.MULTILINE)
_MAY_LEAD = re.compile(r"[+\-:0-9]")


def md_escape(text: str) -> Markup:
    """Text -> Markup safe in HTML text, HTML attributes and Markdown."""
    out = str(text).translate(_TABLE)
    # Line-start syntax is rare: look for it only where a line can start with it.
    if out[:1] and (_MAY_LEAD.match(out) or "\n" in out):
        out = _LEADING.sub(lambda m: f"&#{ord(m.group(1))};" if m.group(1) else f"{m.group(2)}&#{ord(m.group(3))};", out)
    return Markup(out)


class PlainText(str):
    """A plain-text value from data/: always escaped when printed in a template."""

    __slots__ = ()

    def __html__(self) -> str:
        return md_escape(self)
