"""Terms explained where they appear: links to the glossary get its definition.

A link such as `[生态文明](../../glossary.md#ecological-civilization)` becomes,
in the page's HTML, a link with class `glossary-term` whose `title` holds the
entry's short definition in the page's language, so a reader sees it on hover
or focus without leaving the page. Unknown anchors are left to MkDocs' own
anchor validation (strict builds stop on them).
"""

from __future__ import annotations

import html
import re

LINK = re.compile(r'<a href="(?P<href>[^"#]*glossary/#(?P<id>[a-z0-9-]+))"(?P<rest>[^>]*)>')


def annotate(page_html: str, definitions: dict[str, str]) -> str:
    def add(m: re.Match) -> str:
        text = definitions.get(m.group("id"))
        if text is None or "title=" in m.group("rest"):
            return m.group(0)
        return (f'<a href="{m.group("href")}" class="glossary-term" '
                f'title="{html.escape(text, quote=True)}"{m.group("rest")}>')
    return LINK.sub(add, page_html)
