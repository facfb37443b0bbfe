"""`<!-- site-… -->` markers in hand-written pages: parts drawn from data/.

The home page shows what is inside the site without retyping it:

- `<!-- site-stats -->`: how many reports, cases, events and terms there are,
  counted from data/ at build time, each a link to where they are;
- `<!-- site-featured: <case id> <case id> … -->`: cards for a few cases, with
  their place and sector;
- `<!-- site-map -->`: the case map.

Like case markers (case_markers.py), a marker stands on a line of its own;
anything that looks like one but is not exactly one (an unknown name, a
missing id, an unknown case id) stops the build with the page and its real
line. Markers inside fenced code are text. No MkDocs import.
"""

from __future__ import annotations

import re
from typing import Callable

from .case_markers import MarkerError, _lines_outside_code

MARKER = re.compile(r"[ \t]*<!--[ \t]*site-(?P<name>[a-z]+)(?:[ \t]*:(?P<args>[^>]*?))?[ \t]*-->[ \t]*")
LOOKALIKE = re.compile(r"<!--\s*site-", re.IGNORECASE)
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# name -> whether it takes case ids
NAMES = {"stats": False, "featured": True, "map": False}


def expand(markdown: str, page_path: str, cases: set[str] | dict,
           render: Callable[[str, list[str]], str], line_offset: int = 0) -> str:
    """Replace every site marker with render(name, case_ids); raise MarkerError
    listing every bad one."""
    if "<!--" not in markdown or not LOOKALIKE.search(markdown):  # most pages: nothing to scan
        return markdown
    problems, found = [], {}
    lines = markdown.split("\n")
    for i, line in _lines_outside_code(markdown):
        if not LOOKALIKE.search(line):
            continue
        where = f"{page_path}:{i + 1 + line_offset}: site marker"
        m = MARKER.fullmatch(line)
        if not m or m.group("name") not in NAMES:
            problems.append(f"{where}: not a valid marker {line.strip()!r}: write one of "
                            + ", ".join(f"`<!-- site-{n}{': <case id> …' if ids else ''} -->`"
                                        for n, ids in NAMES.items()) + " on a line of its own")
            continue
        name, args = m.group("name"), (m.group("args") or "").split()
        if NAMES[name] and not args:
            problems.append(f"{where}: site-{name} needs at least one case id")
            continue
        if not NAMES[name] and args:
            problems.append(f"{where}: site-{name} takes no arguments")
            continue
        bad = [a for a in args if not SLUG.fullmatch(a) or a not in cases]
        if bad:
            problems.append(f"{where}: unknown case id {bad[0]!r}")
            continue
        found[i] = (name, args)
    if problems:
        raise MarkerError("\n".join(problems))
    for i, (name, args) in found.items():
        lines[i] = render(name, args)
    return "\n".join(lines)
