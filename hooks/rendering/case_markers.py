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
import secrets
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


def id_marker(name: str) -> re.Pattern:
    """The exact form `<!-- name: <slug> -->` standing on a line of its own."""
    return re.compile(rf"[ \t]*<!--[ \t]*{re.escape(name)}:[ \t]*(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*-->[ \t]*")


def expand_ids(markdown: str, page_path: str, *, label: str, marker: re.Pattern, lookalike: re.Pattern,
               hint: str, known, unknown: Callable[[str], str], render: Callable[[str], str],
               line_offset: int = 0, once_per_page: bool = False) -> str:
    """The shared rule of one-id markers (case, report-citation, disagreement):
    replace each exact marker with render(id); a lookalike, an unknown id (or,
    with once_per_page, an id shown twice) is a MarkerError naming page and line."""
    if "<!--" not in markdown:  # no marker and no lookalike (most pages): nothing to scan
        return markdown
    problems, found, seen = [], {}, {}
    lines = markdown.split("\n")
    for i, line in _lines_outside_code(markdown):
        where = f"{page_path}:{i + 1 + line_offset}: {label} marker"
        exact = marker.fullmatch(line)
        if exact:
            record_id = exact.group("id")
            if record_id not in known:
                problems.append(f"{where}: {unknown(record_id)}")
            elif once_per_page and record_id in seen:
                problems.append(f"{where}: {record_id!r} is already shown on this page "
                                f"(line {seen[record_id]}): show a record once per page")
            else:
                seen[record_id] = i + 1 + line_offset
                found[i] = record_id
        elif lookalike.search(INLINE_CODE.sub("", line)):
            problems.append(f"{where}: not a valid marker {line.strip()!r}: write {hint} on a line of its own")
    if problems:
        raise MarkerError("\n".join(problems))
    for i, record_id in found.items():
        lines[i] = render(record_id)
    return "\n".join(lines)


def expand(markdown: str, page_path: str, known: set[str] | dict,
           render_box: Callable[[str], str], line_offset: int = 0) -> str:
    """Replace every case marker; raise MarkerError listing each bad or unknown one.

    `line_offset` is the number of source lines before `markdown` (front matter).
    """
    return expand_ids(markdown, page_path, label="case", marker=MARKER, lookalike=LOOKALIKE,
                      hint="`<!-- case: <id> -->` (lowercase, one case id)", known=known,
                      unknown=lambda i: f"unknown case id {i!r}", render=render_box, line_offset=line_offset)


class Held:
    """What markers expand to, held back behind one-line stand-ins (a NUL, a nonce and a
    number: nothing a page's text can forge) and put in place by `release`. A page's markers
    of every kind are expanded in turn (hooks/glue/main.py); held back, a box of many lines
    does not move the lines the next kind counts when it names a bad marker's line."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.nonce = secrets.token_hex(8)
        self.stand_in = re.compile(f"\x00{self.nonce}:(\\d+)\x00")

    def __call__(self, render):
        def hold(*args) -> str:
            self.parts.append(render(*args))
            return f"\x00{self.nonce}:{len(self.parts) - 1}\x00"
        return hold

    def release(self, markdown: str) -> str:
        if not self.parts:
            return markdown
        return self.stand_in.sub(lambda m: self.parts[int(m.group(1))], markdown)
