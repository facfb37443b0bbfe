"""Render records into Markdown for generated pages and case boxes.

Owns the step (SiteData, language) -> Markdown text. The wording and markup
live in Jinja templates under overrides/fragments/; this module only gathers
what each template needs. Autoescaping is on: nothing in data/ can inject
HTML or Markdown syntax: every value a template prints passes through
`_finalize` (plain `str`) or `PlainText.__html__` (text from data/), both of
which escape for HTML and Markdown alike (safetext.py). Template-made syntax
(front matter, heading anchors) comes from helpers that build it from checked
values. No MkDocs import, so the renderers can be tested (and reused) alone.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from . import formatting
from .safetext import md_escape
from .models import Case, Event, Text
from .sitedata import SiteData

LANGS = ("zh", "en")

FRAGMENTS = Path(__file__).resolve().parent.parent / "overrides" / "fragments"


class RenderError(Exception):
    """A template that failed, named with its file and line."""


class MissingLabel(Exception):
    """A template asked for an interface label that data/labels.yml lacks."""


class Labels(dict):
    """Interface labels of one language; a missing one names data/labels.yml."""

    def __missing__(self, key):
        raise MissingLabel(key)


def page_src(base: str, lang: str) -> str:
    """Source path of a page in a language: cases/x.md or cases/x.en.md."""
    return f"{base}.md" if lang == "zh" else f"{base}.{lang}.md"


def rel_link(from_src: str, to_src: str) -> str:
    """A Markdown link target from one docs page to another (both src paths)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


class Renderer:
    """Renders one SiteData into Markdown, in either language."""

    def __init__(self, data: SiteData, fragments: Path = FRAGMENTS, site_url: str = "",
                 land_path: str = ""):
        self.data = data
        self.fragments = fragments
        self.site_url = site_url.rstrip("/") + "/"
        self.land_path = land_path
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(fragments)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=_finalize,
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
        label = Labels({key: text(lang) for key, text in data.labels.items()})

        def t(text: Text | None) -> str:
            return text(lang) if text is not None else ""

        def link(target_base: str) -> str:
            """A Markdown link target (checked and rewritten by MkDocs)."""
            return url(rel_link(here, target_base + ".md"))

        def page_folder() -> str:
            """The folder of this page's URL, relative to its language root."""
            page = here.removesuffix(".en.md").removesuffix(".md")
            return posixpath.dirname(page) if posixpath.basename(page) == "index" else page

        def href(target_base: str) -> str:
            """A URL for raw HTML, which MkDocs leaves as it is: `x/`, not `x.md`."""
            return url(posixpath.relpath(target_base, page_folder() or ".") + "/")

        def asset(path: str) -> str:
            """A URL for a file at the site root (downloads/cases.csv), shared by both
            languages, while English pages live under en/."""
            folder = page_folder() if lang == "zh" else posixpath.join(lang, page_folder())
            return url(posixpath.relpath(path, folder or "."))

        def source_page(src) -> str | None:
            """Link target of the page that covers a source's locator."""
            page = data.reports[src.report].page_for(src.locator)
            if page == "timeline":
                # The annex lives on the timeline: point at its year there, and
                # from the timeline itself at the report's overview instead.
                if here.startswith("timeline."):
                    return link(data.reports[src.report].page_for("") or "timeline")
                year = re.search(r"\d{4}", src.locator)
                return url(link("timeline") + (f"#year-{year.group()}" if year else ""))
            return link(page) if page else None

        def fact_figure(fact) -> str:
            if fact.display is not None:
                return fact.display(lang)
            number = formatting.format_number(fact.value, lang)
            if fact.unit is None:
                return number
            return f"{number}{fact.unit(lang)}" if lang == "zh" else f"{number} {fact.unit(lang)}"

        def milestone(step) -> str:
            return formatting.format_milestone(data.milestone_kinds[step.kind].phrase(lang), step.date, lang)

        return {
            "site_lang": lang, "label": label, "t": t, "data": data,
            "front_matter": front_matter, "anchor": anchor, "milestone": milestone,
            "event_date": lambda e: formatting.format_range(e.date, e.end_date, lang),
            "link": link, "href": href, "asset": asset, "source_page": source_page, "fact_figure": fact_figure,
            "date": lambda v: formatting.format_date(v, lang),
            "period": lambda p: formatting.format_period(p.start, p.end, lang),
            "country": lambda c: formatting.country_name(c, lang),
            "number": lambda v: formatting.format_number(v, lang),
        }

    def _render(self, template: str, lang: str, here: str, **values) -> str:
        ctx = self._context(lang, here)
        ctx.update(values)
        try:
            return self.env.get_template(template).render(ctx)
        except MissingLabel as exc:
            line = _template_line(exc, self.fragments)
            raise RenderError(f"data/labels.yml:1: {exc.args[0]}: label is missing in both languages "
                              f"(used by overrides/fragments/{template}:{line})") from None
        except jinja2.TemplateError as exc:
            line = getattr(exc, "lineno", None) or _template_line(exc, self.fragments)
            raise RenderError(f"overrides/fragments/{template}:{line}: rendering {here}: {exc}") from None

    # ------------------------------------------------------------ pages

    def case_page(self, case: Case, lang: str) -> str:
        here = page_src(f"cases/{case.id}", lang)
        url = self.site_url + ("" if lang == "zh" else f"{lang}/") + f"cases/{case.id}/"
        return self._render("case.html", lang, here, case=case, page_url=url,
                            events=self.data.events_of(case),
                            related=self.data.related_of(case),
                            regions=self.data.case_regions(case))

    def page_mentions(self, page: str, lang: str) -> str:
        """Appended to a report page: the cases and events whose sources it covers."""
        cases, events = self.data.mentions(page)
        if not (cases or events):
            return ""
        return self._render("mentions.html", lang, page_src(page, lang), cases=cases, events=events)

    def glossary(self, lang: str) -> str:
        entries = self.data.glossary
        if lang == "en":
            entries = sorted(entries, key=lambda g: g.term.en.casefold())
        return self._render("glossary.html", lang, page_src("glossary", lang), entries=entries,
                            glossary_by_id={g.id: g for g in self.data.glossary})

    def downloads(self, lang: str) -> str:
        return self._render("downloads.html", lang, page_src("downloads", lang),
                            case_count=len(self.data.cases), event_count=len(self.data.events),
                            fact_count=sum(len(r.facts) for r in [*self.data.cases.values(), *self.data.events]),
                            glossary_count=len(self.data.glossary))

    def case_box(self, case: Case, lang: str, here: str) -> str:
        """The box a `<!-- case: id -->` marker becomes on page `here`."""
        return self._render("case_box.html", lang, here, case=case)

    def case_index(self, lang: str) -> str:
        here = page_src("cases/index", lang)
        cases = list(self.data.cases.values())
        data = self.data
        countries = sorted({code for c in cases for code in c.countries},
                           key=lambda code: formatting.country_name(code, lang))
        filters = {
            "regions": _options(data.regions, {r.id for c in cases for r in data.case_regions(c)}, lang),
            "countries": [(code, formatting.country_name(code, lang)) for code in countries],
            "sectors": _options(data.sectors, {c.sector for c in cases}, lang),
            "themes": _options(data.themes, {t for c in cases for t in c.themes}, lang),
            "reports": _options(data.reports, {s.report for c in cases for s in c.sources}, lang, "short"),
        }
        return self._render("cases_index.html", lang, here, cases=cases, filters=filters,
                            map_points=_map_points(cases), land_path=self.land_path)

    def timeline(self, lang: str) -> str:
        here = page_src("timeline", lang)
        years: dict[str, list[Event]] = {}
        for event in self.data.events:
            years.setdefault(event.date[:4], []).append(event)
        events = self.data.events
        filters = {
            "themes": _options(self.data.themes, {t for e in events for t in e.themes}, lang),
            "reports": _options(self.data.reports, {s.report for e in events for s in e.sources}, lang, "short"),
        }
        return self._render("timeline.html", lang, here, years=years, filters=filters)


def _finalize(value):
    """Every plain string a template prints is escaped for HTML and Markdown."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return md_escape(value)
    return value


_URL = re.compile(r"[A-Za-z0-9._~/#%:-]*")


def url(value: str) -> Markup:
    """A URL the renderer built from checked ids and paths, printed as it is."""
    if not _URL.fullmatch(value):
        raise ValueError(f"unexpected characters in a generated URL: {value!r}")
    return Markup(value)


def front_matter(**fields: str) -> Markup:
    """A YAML front matter block; values are dumped by PyYAML, so any text is safe in it."""
    body = yaml.safe_dump({k: str(v) for k, v in fields.items()}, allow_unicode=True,
                          default_flow_style=False, sort_keys=False, width=10_000)
    return Markup(f"---\n{body}---\n")


def anchor(record_id: str) -> Markup:
    """An attr_list anchor `{#id}` for a heading; ids are checked slugs."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", record_id):
        raise ValueError(f"not a slug: {record_id!r}")
    return Markup("{#" + record_id + "}")


def _template_line(exc: BaseException, folder: Path) -> str:
    """The template line of a runtime error, from its traceback."""
    tb, line = exc.__traceback__, "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.startswith(str(folder)):
            line = str(tb.tb_lineno)
        tb = tb.tb_next
    return line


def _options(entries: dict, used: set[str], lang: str, field: str = "label") -> list[tuple[str, str]]:
    """(id, label) of the vocabulary entries in use, in vocabulary order."""
    return [(key, getattr(entry, field)(lang)) for key, entry in entries.items() if key in used]


def lang_of(src: str) -> str:
    """The language of a docs source path: x.en.md is English, x.md Chinese."""
    return "en" if src.endswith(".en.md") else "zh"


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
        pages[page_src("glossary", lang)] = ("glossary", None)
        pages[page_src("downloads", lang)] = ("downloads", None)
        for case_id in data.cases:
            pages[page_src(f"cases/{case_id}", lang)] = ("case", case_id)
    return pages


def render_page(renderer: Renderer, src: str, kind: str, record_id: str | None) -> str:
    lang = lang_of(src)
    if kind == "case":
        return renderer.case_page(renderer.data.cases[record_id], lang)
    if kind == "case_index":
        return renderer.case_index(lang)
    if kind == "glossary":
        return renderer.glossary(lang)
    if kind == "downloads":
        return renderer.downloads(lang)
    return renderer.timeline(lang)
