"""Render records into Markdown for generated pages and case boxes.

Owns the step (SiteData, language) -> Markdown text. The wording and markup
live in Jinja templates under overrides/fragments/; this module only gathers
what each template needs. Autoescaping is on: nothing in data/ can inject
HTML. No MkDocs import, so the renderers can be tested (and reused) alone.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import jinja2

from . import formatting
from .models import Case, Event, Text
from .sitedata import SiteData

LANGS = ("zh", "en")

FRAGMENTS = Path(__file__).resolve().parent.parent / "overrides" / "fragments"


def page_src(base: str, lang: str) -> str:
    """Source path of a page in a language: cases/x.md or cases/x.en.md."""
    return f"{base}.md" if lang == "zh" else f"{base}.{lang}.md"


def rel_link(from_src: str, to_src: str) -> str:
    """A Markdown link target from one docs page to another (both src paths)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


class Renderer:
    """Renders one SiteData; `report_pages` lists report ids with an overview page."""

    def __init__(self, data: SiteData, report_pages: frozenset[str] = frozenset(),
                 fragments: Path = FRAGMENTS, site_url: str = "", land_path: str = ""):
        self.data = data
        self.report_pages = report_pages
        self.site_url = site_url.rstrip("/") + "/"
        self.land_path = land_path
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(fragments)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        # Language-aware filters (`| map("t")`); the language is the template's site_lang.
        self.env.filters.update(
            t=jinja2.pass_context(lambda ctx, text: text(ctx["site_lang"]) if text is not None else ""),
            lookup=lambda key, mapping: mapping[key],
            country=jinja2.pass_context(lambda ctx, code: formatting.country_name(code, ctx["site_lang"])),
        )

    # ------------------------------------------------------------ helpers

    def _context(self, lang: str, here: str) -> dict:
        data = self.data
        label = {key: text(lang) for key, text in data.labels.items()}

        def t(text: Text | None) -> str:
            return text(lang) if text is not None else ""

        def link(target_base: str) -> str:
            return rel_link(here, target_base + ".md")

        def report_link(report_id: str) -> str | None:
            if report_id in self.report_pages:
                return rel_link(here, f"reports/{report_id}/index.md")
            return None

        def fact_figure(fact) -> str:
            if fact.display is not None:
                return fact.display(lang)
            number = formatting.format_number(fact.value, lang)
            if fact.unit is None:
                return number
            return f"{number}{fact.unit(lang)}" if lang == "zh" else f"{number} {fact.unit(lang)}"

        return {
            "site_lang": lang, "label": label, "t": t, "data": data,
            "link": link, "report_link": report_link, "fact_figure": fact_figure,
            "date": lambda v: formatting.format_date(v, lang),
            "period": lambda p: formatting.format_period(p.start, p.end, lang),
            "country": lambda c: formatting.country_name(c, lang),
            "number": lambda v: formatting.format_number(v, lang),
        }

    def _render(self, template: str, lang: str, here: str, **values) -> str:
        ctx = self._context(lang, here)
        ctx.update(values)
        return self.env.get_template(template).render(ctx)

    # ------------------------------------------------------------ pages

    def case_page(self, case: Case, lang: str) -> str:
        here = page_src(f"cases/{case.id}", lang)
        url = self.site_url + ("" if lang == "zh" else f"{lang}/") + f"cases/{case.id}/"
        return self._render("case.html", lang, here, case=case, page_url=url,
                            events=self.data.events_of(case),
                            related=self.data.related_of(case),
                            regions=self.data.case_regions(case))

    def case_box(self, case: Case, lang: str, here: str) -> str:
        """The box a `<!-- case: id -->` marker becomes on page `here`."""
        return self._render("case_box.html", lang, here, case=case)

    def case_index(self, lang: str) -> str:
        here = page_src("cases/index", lang)
        cases = list(self.data.cases.values())
        return self._render(
            "cases_index.html", lang, here, cases=cases, map_points=_map_points(cases),
            land_path=self.land_path,
            used_regions={r.id for c in cases for r in self.data.case_regions(c)},
            used_countries=sorted({code for c in cases for code in c.countries},
                                  key=lambda code: formatting.country_name(code, lang)),
            used_sectors={c.sector for c in cases},
            used_themes={t for c in cases for t in c.themes},
            used_reports={s.report for c in cases for s in c.sources})

    def timeline(self, lang: str) -> str:
        here = page_src("timeline", lang)
        years: dict[str, list[Event]] = {}
        for event in self.data.events:
            years.setdefault(event.date[:4], []).append(event)
        reports = sorted({s.report for e in self.data.events for s in e.sources})
        themes = sorted({t for e in self.data.events for t in e.themes})
        return self._render("timeline.html", lang, here, years=years,
                            used_reports=reports, used_themes=themes)


def _map_points(cases: list[Case]) -> list[dict]:
    """Equirectangular positions (0–360 × 0–180) of cases with a location."""
    return [{"case": c, "x": round(c.location.lon + 180, 2), "y": round(90 - c.location.lat, 2)}
            for c in cases if c.location is not None]


def generated_pages(data: SiteData) -> dict[str, tuple[str, str | None]]:
    """Every generated page: src path -> (kind, record id); both languages."""
    pages: dict[str, tuple[str, str | None]] = {}
    for lang in LANGS:
        pages[page_src("cases/index", lang)] = ("case_index", None)
        pages[page_src("timeline", lang)] = ("timeline", None)
        for case_id in data.cases:
            pages[page_src(f"cases/{case_id}", lang)] = ("case", case_id)
    return pages


def render_page(renderer: Renderer, src: str, kind: str, record_id: str | None) -> str:
    lang = "en" if src.endswith(".en.md") else "zh"
    if kind == "case":
        return renderer.case_page(renderer.data.cases[record_id], lang)
    if kind == "case_index":
        return renderer.case_index(lang)
    return renderer.timeline(lang)
