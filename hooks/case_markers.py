"""`<!-- case: <id> -->` markers in Markdown pages become case boxes.

A marker must stand on a line of its own. The box is rendered from the case's
data file, so a chapter and the case page cannot drift apart. An unknown id
is an error naming the page and line.
"""

from __future__ import annotations

import re
from typing import Callable

MARKER = re.compile(r"^[ \t]*<!--\s*case:\s*(?P<id>[^\s>]*)\s*-->[ \t]*$", re.MULTILINE)


class MarkerError(Exception):
    pass


def expand(markdown: str, page_path: str, known: set[str] | dict,
           render_box: Callable[[str], str]) -> str:
    """Replace every marker; raise MarkerError listing each unknown id."""
    problems = []
    for match in MARKER.finditer(markdown):
        if match.group("id") not in known:
            line = markdown.count("\n", 0, match.start()) + 1
            problems.append(f"{page_path}:{line}: case marker: unknown case id {match.group('id')!r}")
    if problems:
        raise MarkerError("\n".join(problems))
    return MARKER.sub(lambda m: render_box(m.group("id")), markdown)
