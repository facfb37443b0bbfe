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

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
CHECKBOX = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')


def fix(html: str, search_label: str) -> str:
    # Plain string replacements where the markup is fixed: this runs on every page.
    if 'autocomplete="off"' in html:
        html = CHECKBOX.sub(r"\1", html)
    html = html.replace(' autocorrect="off"', "").replace(' tabindex=""', "")
    if TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{search_label}">', 1)
