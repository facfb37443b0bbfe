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

from .case_markers import INLINE_CODE, MarkerError, _lines_outside_code

MARKER = re.compile(r"[ \t]*<!--[ \t]*disagreement:[ \t]*(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*-->[ \t]*")
LOOKALIKE = re.compile(r"<!--\s*disagree", re.IGNORECASE)


def expand(markdown: str, page_path: str, known, render: Callable[[str], str], line_offset: int = 0) -> str:
    """Replace every marker with render(id); raise MarkerError listing each bad one."""
    if "disagree" not in markdown.lower():
        return markdown
    problems, found, seen = [], {}, {}
    lines = markdown.split("\n")
    for i, line in _lines_outside_code(markdown):
        where = f"{page_path}:{i + 1 + line_offset}: disagreement marker"
        exact = MARKER.fullmatch(line)
        if exact:
            record_id = exact.group("id")
            if record_id not in known:
                problems.append(f"{where}: unknown disagreement id {record_id!r} (see data/disagreements.yml)")
            elif record_id in seen:
                problems.append(f"{where}: {record_id!r} is already shown on this page "
                                f"(line {seen[record_id]}): show a record once per page")
            else:
                seen[record_id] = i + 1 + line_offset
                found[i] = record_id
        elif LOOKALIKE.search(INLINE_CODE.sub("", line)):
            problems.append(f"{where}: not a valid marker {line.strip()!r}: write "
                            "`<!-- disagreement: <id> -->` (lowercase, one id) on a line of its own")
    if problems:
        raise MarkerError("\n".join(problems))
    for i, record_id in found.items():
        lines[i] = render(record_id)
    return "\n".join(lines)


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
