"""`<!-- case: <id> -->` markers in Markdown pages become case boxes.

A marker stands on a line of its own, in lowercase, with one case id. The box
is rendered from the case's data file, so a chapter and the case page cannot
drift apart. Anything that looks like a marker but is not exactly one (a
capital C, no colon, two ids, text on the same line, an unknown id) is an
error naming the page and its real line (front matter counted), never a
silent pass. Markers inside fenced code blocks or inline code are text.
"""

from __future__ import annotations

import re
from typing import Callable

MARKER = re.compile(r"[ \t]*<!--[ \t]*case:[ \t]*(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*-->[ \t]*")
# What a contributor may have meant as a marker: an HTML comment starting with "case".
LOOKALIKE = re.compile(r"<!--\s*case\b", re.IGNORECASE)
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+).*?\1")


class MarkerError(Exception):
    pass


def _lines_outside_code(markdown: str):
    """(index, line) of every line not inside a fenced code block."""
    fence = None
    for i, line in enumerate(markdown.split("\n")):
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        yield i, line


def expand(markdown: str, page_path: str, known: set[str] | dict,
           render_box: Callable[[str], str], line_offset: int = 0) -> str:
    """Replace every marker; raise MarkerError listing each bad or unknown one.

    `line_offset` is the number of source lines before `markdown` (front matter).
    """
    problems = []
    lines = markdown.split("\n")
    boxes: dict[int, str] = {}
    for i, line in _lines_outside_code(markdown):
        where = f"{page_path}:{i + 1 + line_offset}: case marker"
        exact = MARKER.fullmatch(line)
        if exact:
            if exact.group("id") in known:
                boxes[i] = exact.group("id")
            else:
                problems.append(f"{where}: unknown case id {exact.group('id')!r}")
            continue
        if LOOKALIKE.search(INLINE_CODE.sub("", line)):
            problems.append(f"{where}: not a valid marker {line.strip()!r}: write `<!-- case: <id> -->` "
                            "(lowercase, one case id) on a line of its own")
    if problems:
        raise MarkerError("\n".join(problems))
    for i, case_id in boxes.items():
        lines[i] = render_box(case_id)
    return "\n".join(lines)
