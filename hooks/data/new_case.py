"""Scaffold a new case file: `python -m hooks.data.new_case <id> [--report R --locator L]`.

Writes data/cases/<id>.yml with every required field present and empty, and
the optional ones as comments. Until each empty field is filled in, the data
check (`python -m hooks.data.sitedata data`) names it with its line, so the file
itself is the to-do list; once filled in, the build accepts it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .models import SLUG

ROOT = Path(__file__).resolve().parents[2]

TEMPLATE = """\
# A case study: fill in every empty "" and [] below, then run
#   .venv/bin/python -m hooks.data.sitedata data
# which names each field still to do. Rules: CONTRIBUTING.md ("A case").
id: {id}
title: {{zh: "", en: ""}}
countries: []                  # ISO 3166-1 alpha-2 codes, e.g. [KE]
sector: ""                     # an id from data/vocab/sectors.yml
summary:                       # own words, 1–3 sentences, attributed ("据报告…" / "According to the report…")
  zh: ""
  en: ""
sources:
  - report: {report}
    locator: "{locator}"       # a section of that report, as printed (see `sections` in data/reports.yml)
facts: []                      # every figure the report gives, each with as_stated, e.g.
#  - label: {{zh: 线路全长, en: Total length}}
#    value: 471
#    unit: {{zh: 公里, en: km}}
#    as_stated: 471公里
# Optional:
# themes: []                   # ids from data/vocab/themes.yml
# status: operational          # planned | under-construction | operational | completed | ongoing
# milestones:                  # dated steps, kinds in data/vocab/milestones.yml
#   - {{kind: opened, date: "2017-05"}}
# location: {{lat: 0.0, lon: 0.0, approximate: true, name: {{zh: "", en: ""}}}}
# body: {{zh: "", en: ""}}       # Markdown
# notes: []
# events: []                   # timeline event ids
# related: []                  # other case ids
"""


def scaffold(case_id: str, data_dir: Path, report: str = "", locator: str = "") -> Path:
    """Write the skeleton; raise ValueError for a bad or taken id."""
    if not SLUG.fullmatch(case_id):
        raise ValueError(f"{case_id!r} is not a slug (lowercase a-z, 0-9 and single hyphens)")
    path = data_dir / "cases" / f"{case_id}.yml"
    if path.exists():
        raise ValueError(f"{path.relative_to(data_dir.parent).as_posix()} exists already")
    path.write_text(TEMPLATE.format(id=case_id, report=report or '""', locator=locator), encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.data.new_case", description=__doc__.splitlines()[0])
    parser.add_argument("id", help="the case id, which is also the file name (e.g. lome-airport-expansion)")
    parser.add_argument("--report", default="", help="the report id the case comes from")
    parser.add_argument("--locator", default="", help="the section of that report, as printed")
    parser.add_argument("--data", default=str(ROOT / "data"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        path = scaffold(args.id, Path(args.data), args.report, args.locator)
    except ValueError as exc:
        print(f"new_case: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}: fill it in, then run .venv/bin/python -m hooks.data.sitedata data")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
