"""`<!-- report-citation: <id> -->` markers in Markdown pages become the report's citation.

A report's overview page gives the citation of the report itself; the marker
draws it from data/reports.yml (hooks/citations.py), so the page and the data
cannot drift apart. The rules are those of case markers (case_markers.py): one
marker on a line of its own, one known report id; a lookalike or an unknown id
is an error naming the page and line. Markers in code are text.
"""

from __future__ import annotations

import re
from typing import Callable

from .case_markers import INLINE_CODE, MarkerError, _lines_outside_code

MARKER = re.compile(r"[ \t]*<!--[ \t]*report-citation:[ \t]*(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*-->[ \t]*")
LOOKALIKE = re.compile(r"<!--\s*report[-_ ]?citation\b", re.IGNORECASE)


def expand(markdown: str, page_path: str, known, render: Callable[[str], str], line_offset: int = 0) -> str:
    """Replace every marker; raise MarkerError listing each bad or unknown one."""
    problems, found = [], {}
    lines = markdown.split("\n")
    for i, line in _lines_outside_code(markdown):
        where = f"{page_path}:{i + 1 + line_offset}: report-citation marker"
        exact = MARKER.fullmatch(line)
        if exact:
            if exact.group("id") in known:
                found[i] = exact.group("id")
            else:
                problems.append(f"{where}: unknown report id {exact.group('id')!r} (see data/reports.yml)")
        elif LOOKALIKE.search(INLINE_CODE.sub("", line)):
            problems.append(f"{where}: not a valid marker {line.strip()!r}: write "
                            "`<!-- report-citation: <id> -->` (lowercase, one report id) on a line of its own")
    if problems:
        raise MarkerError("\n".join(problems))
    for i, report_id in found.items():
        lines[i] = render(report_id)
    return "\n".join(lines)
