"""What the case index shows: its rows, their sort orders, its filters and its variants.

Owns the case index as data, before any template: one row per case with the
columns country, sector, report, status and year; the rank of every row in
every column's order (so the browser re-sorts without knowing Chinese
collation); the filter options; and the static variants that work without
JavaScript:

- `sort:<column>`   cases/sort/<column>/  the whole list, pre-sorted by a column
- `region:<id>`     cases/region/<id>/    the cases of one region
- `sector:<id>`     cases/sector/<id>/    the cases of one sector

A static host cannot read `?region=africa`, so these pages are what a reader
without JavaScript (or a shared link meant for one) can use; the index says so
in a <noscript> notice. Names and country options follow the reading order of
the page's language (collation.py). No MkDocs import.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import collation, formatting
from ..data.models import Case
from ..data.sitedata import SiteData

COLUMNS = ("name", "country", "sector", "report", "status", "year")
SORTABLE = COLUMNS[1:]  # "name" is the index's own order
# Projects move through these; a case without a status sorts last.
STATUS_ORDER = ("planned", "under-construction", "ongoing", "operational", "completed")


def case_year(case: Case) -> str | None:
    """The year of the case's first dated step: its period's start or its earliest
    milestone (an `expected` milestone is a plan, not a step taken)."""
    dates = [step.date for step in case.milestones if step.kind != "expected"]
    if case.period is not None:
        dates.append(case.period.start)
    return min(dates)[:4] if dates else None


def variants(data: SiteData) -> list[str]:
    """Every static variant of the index, for generated_pages()."""
    regions = {r.id for c in data.cases.values() for r in data.case_regions(c)}
    sectors = {c.sector for c in data.cases.values()}
    return ([f"sort:{col}" for col in SORTABLE]
            + [f"region:{r}" for r in data.regions if r in regions]
            + [f"sector:{s}" for s in data.sectors if s in sectors])


def page_base(variant: str | None) -> str:
    if not variant:
        return "cases/index"
    kind, _, value = variant.partition(":")
    return f"cases/{kind}/{value}"


@dataclass(frozen=True)
class Row:
    case: Case
    regions: tuple[str, ...]
    reports: tuple[str, ...]
    year: str | None
    ranks: dict  # column -> rank in that column's ascending order


def _reports(case: Case) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.report for s in case.sources))


def rows(data: SiteData, lang: str) -> list[Row]:
    """Every case as a row, in the index's own order (by name, in `lang`'s order)."""
    cases = list(data.cases.values())

    def name(c: Case):
        return collation.sort_key(c.title(lang), lang)

    def last_if_none(value, key):
        return (1, ()) if value is None else (0, key(value))

    keys = {
        "name": name,
        "country": lambda c: tuple(collation.sort_key(formatting.country_name(code, lang), lang)
                                   for code in c.countries),
        "sector": lambda c: collation.sort_key(data.sectors[c.sector].label(lang), lang),
        "report": lambda c: tuple(collation.sort_key(data.reports[r].short(lang), lang) for r in _reports(c)),
        "status": lambda c: last_if_none(c.status, STATUS_ORDER.index),
        "year": lambda c: last_if_none(case_year(c), str),
    }
    ranks = {c.id: {} for c in cases}
    for column, key in keys.items():
        for rank, case in enumerate(sorted(cases, key=lambda c: (key(c), name(c), c.id))):
            ranks[case.id][column] = rank
    out = [Row(c, tuple(r.id for r in data.case_regions(c)), _reports(c), case_year(c), ranks[c.id])
           for c in cases]
    return sorted(out, key=lambda r: r.ranks["name"])


def select(data: SiteData, all_rows: list[Row], variant: str | None) -> tuple[list[Row], str]:
    """The rows a variant shows, in its order, and the column it is sorted by."""
    kind, _, value = (variant or "").partition(":")
    if kind == "sort":
        return sorted(all_rows, key=lambda r: r.ranks[value]), value
    if kind == "region":
        return [r for r in all_rows if value in r.regions], "name"
    if kind == "sector":
        return [r for r in all_rows if r.case.sector == value], "name"
    return all_rows, "name"


def country_options(codes, lang: str) -> list[tuple[str, str]]:
    """(code, name) in the reading order of the language (pinyin for Chinese)."""
    names = {code: formatting.country_name(code, lang) for code in set(codes)}
    return sorted(names.items(), key=lambda item: (collation.sort_key(item[1], lang), item[0]))
