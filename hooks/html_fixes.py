"""Small corrections to the HTML Material writes, page by page.

- `autocomplete` is not allowed on checkbox inputs (HTML spec; Nu checker):
  Material puts it on its drawer and search toggles.
- The search dialog has role="dialog" but no accessible name (axe
  aria-dialog-name): it gets the search label of the page's language.
"""

from __future__ import annotations

import re

CHECKBOX = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def fix(html: str, search_label: str) -> str:
    html = CHECKBOX.sub(r"\1", html)
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{search_label}">', 1)
