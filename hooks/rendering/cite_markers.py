"""`<!-- report-citation: <id> -->` markers in Markdown pages become the report's citation.

A report's overview page gives the citation of the report itself; the marker
draws it from data/reports.yml (hooks/rendering/citations.py), so the page and the data
cannot drift apart. The rules are those of case markers (case_markers.py): one
marker on a line of its own, one known report id; a lookalike or an unknown id
is an error naming the page and line. Markers in code are text.
"""

from __future__ import annotations

import re
from typing import Callable

from .case_markers import expand_ids, id_marker

MARKER = id_marker("report-citation")
LOOKALIKE = re.compile(r"<!--\s*report[-_ ]?citation\b", re.IGNORECASE)


def expand(markdown: str, page_path: str, known, render: Callable[[str], str], line_offset: int = 0) -> str:
    """Replace every marker; raise MarkerError listing each bad or unknown one."""
    return expand_ids(markdown, page_path, label="report-citation", marker=MARKER, lookalike=LOOKALIKE,
                      hint="`<!-- report-citation: <id> -->` (lowercase, one report id)", known=known,
                      unknown=lambda i: f"unknown report id {i!r} (see data/reports.yml)",
                      render=render, line_offset=line_offset)
