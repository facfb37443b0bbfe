"""Small corrections to the HTML Material writes, page by page.

Each fixes a W3C Nu checker error or an axe finding in Material 9.8.1's
output, never content:

- `autocomplete` is not allowed on checkbox inputs, and `autocorrect` (a
  Safari-only attribute) on no input: Material puts them on its toggles and
  search box.
- `tabindex=""` is not a valid integer: Material writes it on navigation
  section labels.
- A `<label for=X>` must point at a form control on the page: Material's
  table-of-contents title points at `__toc`, which pages without an
  integrated table of contents do not have; the dangling `for` is dropped.
- The search dialog has role="dialog" but no accessible name (axe
  aria-dialog-name): it gets the search label of the page's language.
"""

from __future__ import annotations

import re

CHECKBOX = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')
AUTOCORRECT = re.compile(r'(<input\b[^>]*?)\s+autocorrect="off"')
EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')
LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="([^"]*)"')
IDS = re.compile(r'\bid="([^"]*)"')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def fix(html: str, search_label: str) -> str:
    html = CHECKBOX.sub(r"\1", html)
    html = AUTOCORRECT.sub(r"\1", html)
    html = EMPTY_TABINDEX.sub(r"\1", html)
    ids = set(IDS.findall(html))
    html = LABEL_FOR.sub(lambda m: m.group(0) if m.group(2) in ids else m.group(1), html)
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{search_label}">', 1)
