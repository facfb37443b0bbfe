"""The last change of every file, from git, in one pass: the date a citation gives a page.

Owns one question: when did a page last change? The answer is the committer
date of the newest commit touching its source (the Markdown file of a
chapter, the YAML file of a generated page), read for all files at once with a
single `git log --name-only`, never one process per page. Outside a git
checkout (a tarball, no git installed) every page is undated and citations say
"n.d.". Uncommitted edits do not count: the date is that of the text a reader
can find in the repository. No MkDocs import.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

_RECORD = "\x1e"  # starts each commit in the log output


def last_changes(root: Path | str) -> dict[str, str]:
    """Repository-relative path -> YYYY-MM-DD of the newest commit that touched it."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--no-renames", "--name-only", f"--format={_RECORD}%cI", "--", "."],
            capture_output=True, text=True, encoding="utf-8", timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        return {}
    prefix = _prefix(root)
    return parse(result.stdout, prefix)


def _prefix(root: Path | str) -> str:
    """The folder of `root` inside its repository ("" at the top): git prints paths from the top."""
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"],
                             capture_output=True, text=True, timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return out


def parse(log: str, prefix: str = "") -> dict[str, str]:
    """Dates from `git log --name-only --format=<RS>%cI` output, newest commit first."""
    dates: dict[str, str] = {}
    for record in log.split(_RECORD)[1:]:
        lines = record.strip("\n").split("\n")
        day = lines[0].strip()[:10]
        for name in lines[1:]:
            name = name.strip()
            if name and name.startswith(prefix):
                dates.setdefault(name[len(prefix):], day)
    return dates


def newest(dates: dict[str, str], paths) -> str | None:
    """The latest date among several files (a page drawn from a folder), or None."""
    found = [dates[p] for p in paths if p in dates]
    return max(found) if found else None
