"""The site's data as downloadable files (JSON, CSV and the JSON Schema).

Owns turning SiteData into the files under /downloads/: what a teacher or a
researcher takes away. Pure functions returning bytes; postbuild writes them.
CSV text fields come in pairs (`title_zh`, `title_en`); lists are joined
with "; ". Locators too: `sources_zh` as the report prints them, `sources_en`
by reports.yml `locators_en`; in JSON every source is
`{report, locator: {zh, en}, as_printed}`. Output is deterministic: records in
id/date order, keys in model order.

Also the citation files of each case page and each report, in every language
(`cases/<id>/citation.bib|.ris|.json`, `en/…`, `zh-hant/…`, `reports/<id>/…`), from the
same CSL-JSON items as the citations on the pages (citations.py).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from . import citations, hant
from ..data import langs
from ..data.models import Case, Event, json_schemas
from ..data.sitedata import SiteData

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


def _refs(data: SiteData, sources, lang: str) -> str:
    return "; ".join(f"{s.report}: {data.locator(s, lang)}" for s in sources)


def _bilingual_sources(data: SiteData, value):
    """A dumped record with every source as {report, locator: {zh, en}, as_printed}."""
    if isinstance(value, list):
        return [_bilingual_sources(data, v) for v in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {"report", "locator"} and value["report"] in data.reports:
        report = data.reports[value["report"]]
        return {"report": value["report"],
                "locator": {"zh": value["locator"], "en": report.locator_en(value["locator"])},
                "as_printed": value["locator"]}
    return {k: _bilingual_sources(data, v) for k, v in value.items()}


def _case_row(data: SiteData, case: Case, site_url: str) -> list:
    loc, period = case.location, case.period
    return [
        case.id, case.title.zh, case.title.en, " ".join(case.countries),
        " ".join(r.id for r in data.case_regions(case)), case.sector, " ".join(case.themes),
        case.status or "", period.start if period else "", (period.end or "") if period else "",
        "; ".join(f"{m.kind} {m.date}" for m in case.milestones),
        loc.lat if loc else "", loc.lon if loc else "", ("yes" if loc.approximate else "no") if loc else "",
        case.summary.zh, case.summary.en, _refs(data, case.sources, "zh"), _refs(data, case.sources, "en"),
        f"{site_url}cases/{case.id}/", f"{site_url}en/cases/{case.id}/",
    ]


def _event_row(data: SiteData, event: Event, site_url: str) -> list:
    return [event.id, event.date, event.end_date or "", "yes" if event.date_inferred else "",
            "yes" if event.planned else "", event.title.zh, event.title.en, event.summary.zh, event.summary.en,
            " ".join(event.themes), " ".join(event.cases), _refs(data, event.sources, "zh"),
            _refs(data, event.sources, "en"),
            f"{site_url}timeline/#{event.id}", f"{site_url}en/timeline/#{event.id}"]


def _fact_rows(data: SiteData, kind: str, record, rows: list) -> None:
    for fact in record.facts:
        src = fact.source or record.sources[0]
        rows.append([kind, record.id, fact.label.zh, fact.label.en,
                     "" if fact.value is None else fact.value,
                     fact.unit.zh if fact.unit else "", fact.unit.en if fact.unit else "",
                     fact.as_stated, fact.as_of or "", src.report, data.locator(src, "zh"),
                     data.locator(src, "en")])


def build(data: SiteData, site_url: str) -> dict[str, bytes]:
    """File name -> content, for everything under /downloads/."""
    site_url = site_url.rstrip("/") + "/"
    cases = list(data.cases.values())
    facts: list[list] = []
    for case in cases:
        _fact_rows(data, "case", case, facts)
    for event in data.events:
        _fact_rows(data, "event", event, facts)
    meta = {"licence": LICENCE, "source": site_url}
    files = {
        "cases.json": _json({**meta, "cases": _dump(data, cases)}),
        "timeline.json": _json({**meta, "events": _dump(data, data.events)}),
        "glossary.json": _json({**meta, "glossary": _dump(data, data.glossary)}),
        "cases.csv": _csv(
            ["id", "title_zh", "title_en", "countries", "regions", "sector", "themes", "status",
             "period_start", "period_end", "milestones", "lat", "lon", "approximate", "summary_zh", "summary_en",
             "sources_zh", "sources_en", "url_zh", "url_en"],
            [_case_row(data, c, site_url) for c in cases]),
        "timeline.csv": _csv(
            ["id", "date", "end_date", "date_inferred", "planned", "title_zh", "title_en", "summary_zh", "summary_en", "themes", "cases",
             "sources_zh", "sources_en", "url_zh", "url_en"],
            [_event_row(data, e, site_url) for e in data.events]),
        "facts.csv": _csv(
            ["record_kind", "record_id", "label_zh", "label_en", "value", "unit_zh", "unit_en",
             "as_stated", "as_of", "report", "locator_zh", "locator_en"], facts),
    }
    for name, schema in json_schemas().items():
        files[f"schema/{name}.schema.json"] = _json(schema)
    return files


def _dump(data: SiteData, records) -> list:
    return [_bilingual_sources(data, r.model_dump(exclude_defaults=True)) for r in records]


def citation_files(data: SiteData, site_url: str, dates: dict[str, str]) -> dict[str, bytes]:
    """Path under the site -> content: BibTeX, RIS and CSL-JSON of every case page and every
    report, next to the page that shows the same citation (`cases/<id>/citation.bib`)."""
    out: dict[str, bytes] = {}
    for lang in langs.LANGS:
        root = langs.root(lang)
        targets = [(f"{root}cases/{c.id}/", citations.case_item(data, c, lang, site_url, dates))
                   for c in data.cases.values()]
        targets += [(f"{root}reports/{r.id}/", citations.report_item(r, lang)) for r in data.reports.values()]
        for folder, item in targets:
            if lang in langs.DERIVED:  # as the Traditional page shows it (the Simplified files stay the record)
                item = hant.convert_values(item)
            out[folder + "citation.bib"] = citations.bibtex([item]).encode("utf-8")
            out[folder + "citation.ris"] = citations.ris([item]).encode("utf-8")
            out[folder + "citation.json"] = citations.csl_json([item]).encode("utf-8")
    return out


def write_citations(site_dir: Path, data: SiteData, site_url: str, dates: dict[str, str]) -> list[str]:
    names = []
    for name, content in citation_files(data, site_url, dates).items():
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        names.append(name)
    return names


def write(site_dir: Path, data: SiteData, site_url: str) -> list[str]:
    names = []
    for name, content in build(data, site_url).items():
        path = site_dir / "downloads" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        names.append(name)
    return names
