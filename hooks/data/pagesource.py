"""Checks on a hand-written page's source before MkDocs reads it.

Owns the front matter rule for docs/: every page starts with a YAML front
matter block holding a `title` and a `description` (plain text, checked like
text in data/) and nothing MkDocs would misread. MkDocs itself prints broken
front matter as page text, and reads leading `Key: value` lines as metadata,
both silently; here either stops the build with the page and line.

`body_offset` gives the number of source lines before the Markdown body, so
that messages about the body (case markers) name the real line.
"""

from __future__ import annotations

import re

from . import yamlsource
from .models import _plain

# The same pattern MkDocs uses (mkdocs.utils.meta.YAML_RE).
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
ALLOWED = {"title", "description", "hide", "search"}
REQUIRED = ("title", "description")


class PageError(Exception):
    """A problem in a page's source, as `path:line: field: message`."""


def _normalise(source: str) -> str:
    return source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def check(source: str, path: str) -> None:
    """Raise PageError unless the page starts with valid front matter."""
    source = _normalise(source)
    m = FRONT_MATTER.match(source)
    if not m:
        if source.startswith("---"):
            raise PageError(f"{path}:1: front matter: not closed: end it with a line '---'")
        raise PageError(f"{path}:1: front matter: missing: start the page with '---', "
                        "`title:` and `description:` lines, and '---'")
    try:
        meta, lines = yamlsource.loads(m.group(1))
    except yamlsource.YamlError as exc:
        raise PageError(f"{path}:{exc.line + 1}: front matter: {exc.message}") from None
    if not isinstance(meta, dict):
        raise PageError(f"{path}:2: front matter: must be `key: value` lines")
    problems = []
    for key in meta:
        if key not in ALLOWED:
            problems.append(f"{path}:{lines[(key,)] + 1}: front matter.{key}: unknown field "
                            f"(allowed: {', '.join(sorted(ALLOWED))})")
    for key in REQUIRED:
        if key not in meta:
            problems.append(f"{path}:1: front matter.{key}: required field is missing")
            continue
        try:
            if not isinstance(meta[key], str):
                raise ValueError("must be text")
            _plain(meta[key])
        except ValueError as exc:
            problems.append(f"{path}:{lines[(key,)] + 1}: front matter.{key}: {exc}")
    if problems:
        raise PageError("\n".join(problems))


def body_offset(source: str) -> int:
    """Source lines before the Markdown body MkDocs passes on (front matter, blank lines)."""
    source = _normalise(source)
    m = FRONT_MATTER.match(source)
    if not m:
        return 0
    rest = source[m.end():]
    return source[:m.end()].count("\n") + (len(rest) - len(rest.lstrip("\n")))
