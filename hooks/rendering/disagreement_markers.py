"""`<!-- disagreement: <id> -->` markers in Markdown pages become the record's box.

Where the reports disagree (data/disagreements.yml), a chapter shows the
record in place with a marker on a line of its own; the box is drawn from the
record, so the chapter, the case and event pages and the collected page
"Where the reports disagree" cannot drift apart. The rules are those of case
markers (case_markers.py): lowercase, one known id, a line of its own; a
lookalike (`<!-- Disagreement: x -->`, two ids, text on the line), an unknown
id or the same id twice on one page is an error naming the page and its real
line. Markers in code are text.

`scan` finds the markers of a page without rendering anything, so that the
collected page can link to every place a record appears. No MkDocs import.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from .case_markers import _lines_outside_code, expand_ids, id_marker

MARKER = id_marker("disagreement")
LOOKALIKE = re.compile(r"<!--\s*disagree", re.IGNORECASE)


def expand(markdown: str, page_path: str, known, render: Callable[[str], str], line_offset: int = 0) -> str:
    """Replace every marker with render(id); raise MarkerError listing each bad one."""
    if "disagree" not in markdown.lower():
        return markdown
    return expand_ids(markdown, page_path, label="disagreement", marker=MARKER, lookalike=LOOKALIKE,
                      hint="`<!-- disagreement: <id> -->` (lowercase, one id)", known=known,
                      unknown=lambda i: f"unknown disagreement id {i!r} (see data/disagreements.yml)",
                      render=render, line_offset=line_offset, once_per_page=True)


def scan(markdown: str) -> list[str]:
    """The ids of the well-formed markers of a page, in order (errors are expand's to report)."""
    if "disagree" not in markdown.lower():
        return []
    return [m.group("id") for _, line in _lines_outside_code(markdown) if (m := MARKER.fullmatch(line))]


def places(docs_dir: Path) -> dict[str, list[str]]:
    """Record id -> the pages that show it (src paths of the default language, `x.md`, in order)."""
    out: dict[str, list[str]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        if "." in path.name[:-3]:
            continue  # another language's file (x.en.md)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # reported with its line when the page itself is read
        for record_id in scan(text.replace("\r\n", "\n")):
            out.setdefault(record_id, []).append(src)
    return out
