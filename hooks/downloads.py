"""The site's data as downloadable files (JSON, CSV and the JSON Schema).

Owns turning SiteData into the files under /downloads/: what a teacher or a
researcher takes away. Pure functions returning bytes; postbuild writes them.
CSV text fields come in pairs (`title_zh`, `title_en`); lists are joined
with "; ". Output is deterministic: records in id/date order, keys in model
order.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .models import Case, Event, json_schemas
from .sitedata import SiteData

LICENCE = "CC BY 4.0"


def _json(value) -> bytes:
    # allow_nan=False: NaN/Infinity are not JSON (the loader rejects them; this is the backstop).
    return (json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")


# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): = + - @,
# and tab / carriage return, which some programs strip before reading one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str | int | float:
    """A CSV cell that no spreadsheet runs as a formula: such text gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    # A byte-order mark lets spreadsheet programs read the Chinese correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _refs(sources) -> str:
    return "; ".join(f"{s.report}: {s.locator}" for s in sources)


def _case_row(data: SiteData, case: Case, site_url: str) -> list:
    loc, period = case.location, case.period
    return [
        case.id, case.title.zh, case.title.en, " ".join(case.countries),
        " ".join(r.id for r in data.case_regions(case)), case.sector, " ".join(case.themes),
        case.status or "", period.start if period else "", (period.end or "") if period else "",
        "; ".join(f"{m.kind} {m.date}" for m in case.milestones),
        loc.lat if loc else "", loc.lon if loc else "", ("yes" if loc.approximate else "no") if loc else "",
        case.summary.zh, case.summary.en, _refs(case.sources),
        f"{site_url}cases/{case.id}/", f"{site_url}en/cases/{case.id}/",
    ]


def _event_row(event: Event, site_url: str) -> list:
    return [event.id, event.date, event.end_date or "", "yes" if event.date_inferred else "",
            "yes" if event.planned else "", event.title.zh, event.title.en, event.summary.zh, event.summary.en,
            " ".join(event.themes), " ".join(event.cases), _refs(event.sources),
            f"{site_url}timeline/#{event.id}", f"{site_url}en/timeline/#{event.id}"]


def _fact_rows(kind: str, record, rows: list) -> None:
    for fact in record.facts:
        src = fact.source or record.sources[0]
        rows.append([kind, record.id, fact.label.zh, fact.label.en,
                     "" if fact.value is None else fact.value,
                     fact.unit.zh if fact.unit else "", fact.unit.en if fact.unit else "",
                     fact.as_stated, fact.as_of or "", src.report, src.locator])


def build(data: SiteData, site_url: str) -> dict[str, bytes]:
    """File name -> content, for everything under /downloads/."""
    site_url = site_url.rstrip("/") + "/"
    cases = list(data.cases.values())
    facts: list[list] = []
    for case in cases:
        _fact_rows("case", case, facts)
    for event in data.events:
        _fact_rows("event", event, facts)
    meta = {"licence": LICENCE, "source": site_url}
    files = {
        "cases.json": _json({**meta, "cases": [c.model_dump(exclude_defaults=True) for c in cases]}),
        "timeline.json": _json({**meta, "events": [e.model_dump(exclude_defaults=True) for e in data.events]}),
        "glossary.json": _json({**meta, "glossary": [g.model_dump(exclude_defaults=True) for g in data.glossary]}),
        "cases.csv": _csv(
            ["id", "title_zh", "title_en", "countries", "regions", "sector", "themes", "status",
             "period_start", "period_end", "milestones", "lat", "lon", "approximate", "summary_zh", "summary_en",
             "sources", "url_zh", "url_en"],
            [_case_row(data, c, site_url) for c in cases]),
        "timeline.csv": _csv(
            ["id", "date", "end_date", "date_inferred", "planned", "title_zh", "title_en", "summary_zh", "summary_en", "themes", "cases",
             "sources", "url_zh", "url_en"],
            [_event_row(e, site_url) for e in data.events]),
        "facts.csv": _csv(
            ["record_kind", "record_id", "label_zh", "label_en", "value", "unit_zh", "unit_en",
             "as_stated", "as_of", "report", "locator"], facts),
    }
    for name, schema in json_schemas().items():
        files[f"schema/{name}.schema.json"] = _json(schema)
    return files


def write(site_dir: Path, data: SiteData, site_url: str) -> list[str]:
    names = []
    for name, content in build(data, site_url).items():
        path = site_dir / "downloads" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        names.append(name)
    return names
