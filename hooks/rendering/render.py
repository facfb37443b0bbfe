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

import json
import posixpath
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import case_index as index_view
from . import citations, collation, formatting, geo, hant
from ..data import gitdates, langs
from ..data.langs import is_zh
from ..data.safetext import md_escape
from ..data.models import Case, Event, Text
from ..data.sitedata import SiteData

LANGS = langs.LANGS
# The BCP 47 tag of each language, for `lang` attributes.
LANG_TAGS = langs.LANG_TAGS

FRAGMENTS = Path(__file__).resolve().parents[2] / "overrides" / "fragments"


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
    return base + langs.suffix(lang)


def relpath(target: str, start: str) -> str:
    """posixpath.relpath for two paths relative to one root, without os.getcwd()
    (called for every link of every generated page)."""
    t = [p for p in target.split("/") if p and p != "."]
    s = [p for p in start.split("/") if p and p != "."]
    common = 0
    while common < min(len(t), len(s)) and t[common] == s[common]:
        common += 1
    parts = [".."] * (len(s) - common) + t[common:]
    return "/".join(parts) or "."


def rel_link(from_src: str, to_src: str) -> str:
    """A Markdown link target from one docs page to another (both src paths)."""
    return relpath(to_src, posixpath.dirname(from_src) or ".")


_ENVIRONMENTS: dict[str, jinja2.Environment] = {}


def _environment(fragments: Path) -> jinja2.Environment:
    """One Jinja environment per fragments folder and process: templates are
    compiled once, not once per language build (the loader still reloads a
    template whose file changed, for `mkdocs serve`)."""
    key = str(fragments)
    if key not in _ENVIRONMENTS:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(key),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=_finalize,
            # Templates are not checked for changes on every use (~26,000 lookups per build);
            # hooks/glue/main.py calls `reload_templates()` when an outer build starts (`mkdocs serve`).
            auto_reload=False,
        )
        # Language-aware filters (`| map("t")`); the language is the template's site_lang.
        env.filters.update(
            t=jinja2.pass_context(lambda ctx, text: text(ctx["site_lang"]) if text is not None else ""),
            lookup=lambda key, mapping: mapping[key],
            country=jinja2.pass_context(lambda ctx, code: formatting.country_name(code, ctx["site_lang"])),
            # A label with {placeholders}: `label.map_summary | fill(shown=3, total=5)`.
            fill=lambda text, **values: _fill(str(text), values),
        )
        _ENVIRONMENTS[key] = env
    return _ENVIRONMENTS[key]


def reload_templates() -> None:
    """Forget the compiled templates: the next build reads overrides/fragments/ again."""
    _ENVIRONMENTS.clear()


class Renderer:
    """Renders one SiteData into Markdown, in any language."""

    def __init__(self, data: SiteData, fragments: Path = FRAGMENTS, site_url: str = "",
                 land_path: str = "", dates: dict[str, str] | None = None,
                 titles: dict[str, dict[str, str]] | None = None, shown_in: dict[str, list[str]] | None = None):
        self.data = data
        # Hand-written pages: base path -> {language: title} (parallel.titles), and the
        # pages that show each disagreement record by a marker (disagreement_markers.places).
        self.titles = titles or {}
        self.shown_in = shown_in or {}
        # Last change of each source file (gitdates.last_changes): the date citations give a page.
        self.dates = dates or {}
        self.fragments = fragments
        self.site_url = site_url.rstrip("/") + "/"
        self.land_path = land_path
        self._locators: dict = {}  # case id -> geo.Locator, shared by both languages
        self._index_rows: dict[str, list] = {}  # the case index rows of a language, for its 29 pages
        self.env = _environment(fragments)

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
            page = langs.base_of(here)
            return posixpath.dirname(page) if posixpath.basename(page) == "index" else page

        def href(target_base: str) -> str:
            """A URL for raw HTML, which MkDocs leaves as it is: `x/`, not `x.md`."""
            return url(relpath(target_base, page_folder() or ".") + "/")

        def asset(path: str) -> str:
            """A URL for a file at the site root (downloads/cases.csv), shared by both
            languages, while English pages live under en/."""
            folder = posixpath.join(langs.root(lang), page_folder())
            return url(relpath(path, folder or "."))

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
            return f"{number}{fact.unit(lang)}" if is_zh(lang) else f"{number} {fact.unit(lang)}"

        def src_locator(src) -> str:
            """A source's locator in this page's language (reports.yml `locators_en`)."""
            return data.locator(src, lang)

        def source_cite(src) -> Markup:
            return citations.source_line(data.reports[src.report], src_locator(src), lang)

        def milestone(step) -> str:
            return formatting.format_milestone(data.milestone_kinds[step.kind].phrase(lang), step.date, lang)

        def printed(value: str) -> Markup:
            """An `as_stated` record, in Simplified Chinese as the report prints it. The
            Traditional edition shows it converted, followed (where that differs) by the
            printed form, which the page's conversion leaves alone (hant.keep)."""
            if lang not in langs.DERIVED:
                return Markup('<span lang="zh-Hans">{}</span>').format(value)
            if hant.convert(str(value)) == str(value):
                return Markup("{}").format(value)
            return Markup('{} <span class="site-printed">（{}：<span lang="zh-Hans">{}</span>）</span>').format(
                value, label["as_printed"], Markup(hant.keep(md_escape(value))))

        return {
            # The page's language (filters, dates), and whether its punctuation is Chinese
            # (`site_zh`: the Traditional edition's too).
            "site_lang": lang, "site_zh": is_zh(lang),
            # The tag of Chinese text on this page: zh-Hant in the Traditional edition (converted).
            "site_zh_tag": LANG_TAGS[lang] if is_zh(lang) else LANG_TAGS["zh"], "label": label, "t": t, "data": data, "printed": printed,
            "front_matter": front_matter, "anchor": anchor, "milestone": milestone,
            "event_date": lambda e: formatting.format_range(e.date, e.end_date, lang),
            "link": link, "href": href, "asset": asset, "source_page": source_page, "fact_figure": fact_figure,
            "src_locator": src_locator, "source_cite": source_cite,
            "event_cite": lambda event: self.cite_event(event, lang),
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

    # ------------------------------------------------------------ citations

    def page_url(self, path: str, lang: str) -> str:
        """The absolute URL of a page (`cases/x/`, `timeline/#id`) in a language."""
        return citations.site_url_of(self.site_url, path, lang)

    def _words(self, lang: str) -> dict:
        return {key: text(lang) for key, text in self.data.labels.items() if key.startswith("cite_")}

    def _cite(self, item: dict, lang: str) -> dict:
        words = self._words(lang)
        return {"item": item, "apa": citations.apa_page(item, lang, words),
                "gbt": citations.gbt_page(item, lang, words)}

    def cite_case(self, case: Case, lang: str) -> dict:
        return self._cite(citations.case_item(self.data, case, lang, self.site_url, self.dates), lang)

    def cite_event(self, event: Event, lang: str) -> dict:
        return self._cite(citations.event_item(self.data, event, lang, self.site_url, self.dates), lang)

    def cite_page(self, src: str, title: str, lang: str) -> dict:
        """A hand-written page (a report's overview or chapter), dated by its Markdown file."""
        base = langs.base_of(src)
        path = base.removesuffix("index") if base.endswith("index") else base + "/"
        item = citations.page_item(
            f"{base.replace('/', '-')}-{lang}", title=title, site=self.data.labels["cite_text"](lang),
            url=self.page_url(path, lang), lang=lang, updated=self.dates.get(f"docs/{langs.base_of(src)}{langs.suffix(langs.source_lang(lang))}"))
        return self._cite(item, lang)

    def page_citation(self, src: str, title: str) -> str:
        """Appended to a report page: how to cite the page, and the report it summarises."""
        lang = lang_of(src)
        base = langs.base_of(src)
        parts = base.split("/")
        report = self.data.reports.get(parts[1]) if len(parts) >= 3 else None
        locator = report.page_locator(base) if report else None
        source = citations.source_line(report, report.locator(locator, lang), lang) if locator else None
        return self._render("page_cite.html", lang, src, cite=self.cite_page(src, title, lang),
                            report=report, source=source)

    def citation_meta(self, src: str, title: str) -> dict | None:
        """Highwire `citation_*` values of a case, report or timeline page (for Zotero, Google Scholar)."""
        lang, kind = lang_of(src), generated_kind(src)
        base = langs.base_of(src)
        if kind == "case":
            item = self.cite_case(self.data.cases[base.split("/", 1)[1]], lang)["item"]
        elif base == "timeline":
            item = citations.page_item(
                "timeline", title=title, site=self.data.labels["cite_text"](lang),
                url=self.page_url("timeline/", lang), lang=lang,
                updated=gitdates.newest(self.dates, set(self.data.event_files.values())))
        elif base.startswith("reports/") and base.count("/") == 2:  # a chapter, not its parallel view
            item = self.cite_page(src, title, lang)["item"]
        else:
            return None
        date = citations._iso(item)
        return {"title": item["title"], "author": item["author"][0]["literal"], "language": lang,
                "date": date.replace("-", "/") if date else "", "url": item["URL"]}

    def report_citation(self, report_id: str, lang: str, here: str) -> str:
        """What `<!-- report-citation: <id> -->` becomes: the report's own citation in both styles."""
        report = self.data.reports[report_id]
        item = citations.report_item(report, lang)
        return self._render("report_citation.html", lang, here, report=report,
                            apa=citations.apa_report(item, report, lang, self._words(lang)),
                            gbt=citations.gbt_report(item, report, lang))

    # ------------------------------------------------------------ pages

    def case_page(self, case: Case, lang: str) -> str:
        here = page_src(f"cases/{case.id}", lang)
        url = self.page_url(f"cases/{case.id}/", lang)
        return self._render("case.html", lang, here, case=case, page_url=url, cite=self.cite_case(case, lang),
                            events=self.data.events_of(case),
                            related=self.data.related_of(case),
                            regions=self.data.case_regions(case),
                            locator=self._locator(case))

    def _locator(self, case: Case):
        """The locator map of a case page (case_map.html), or None without a location."""
        if case.location is None:
            return None
        if case.id not in self._locators:
            self._locators[case.id] = geo.locator(case.location.lat, case.location.lon, self.land_path)
        return self._locators[case.id]

    def case_map(self, cases: list[Case], lang: str, total: int | None = None) -> dict:
        """The case map (_map.html): its frame, the layout without JavaScript and the summary."""
        located = [c for c in cases if c.location is not None]
        points = [(*geo.xy(c.location.lat, c.location.lon), c) for c in located]
        view = geo.frame([(x, y) for x, y, _ in points])
        groups = geo.cluster(points, geo.BASE_WIDTH_PX / view[2])
        total = len(cases) if total is None else total
        sep = "、" if is_zh(lang) else ", "
        label = self.data.labels["map_cluster"](lang)
        for g in groups:  # the name of a cluster: how many cases, and which
            g.title = _fill(label, {"count": len(g.members), "names": sep.join(c.title(lang) for _, _, c in g.members)})
        return {"view": " ".join(f"{v:g}" for v in view), "groups": groups,
                "land": geo.map_land(self.land_path, view) if self.land_path else "",
                "scale": geo.BASE_WIDTH_PX / view[2],
                "points": sorted(points, key=lambda p: (p[0], p[1])),
                "shown": len(located), "total": total, "missing": total - len(located)}

    def site_marker(self, name: str, case_ids: list[str], lang: str, here: str) -> str:
        """What a `<!-- site-… -->` marker becomes (site_markers.py)."""
        data = self.data
        if name == "stats":
            return self._render("site_stats.html", lang, here, counts={
                "reports": len(data.reports), "cases": len(data.cases),
                "events": len(data.events), "terms": len(data.glossary)})
        if name == "featured":
            return self._render("site_featured.html", lang, here, cases=[data.cases[i] for i in case_ids])
        return self._render("site_map.html", lang, here, map=self.case_map(list(data.cases.values()), lang))

    def page_mentions(self, page: str, lang: str) -> str:
        """Appended to a report page: the cases and events whose sources it covers."""
        cases, events = self.data.mentions(page)
        if not (cases or events):
            return ""
        return self._render("mentions.html", lang, page_src(page, lang), cases=cases, events=events)

    def glossary(self, lang: str) -> str:
        entries = sorted(self.data.glossary, key=lambda g: (collation.sort_key(g.term(lang), lang), g.id))
        letters: dict[str, list[str]] = {}
        for g in entries:
            letters.setdefault(collation.initial(g.term(lang), lang), []).append(g.id)
        index = [(letter, letters.get(letter, [])) for letter in "#ABCDEFGHIJKLMNOPQRSTUVWXYZ"]  # list order
        themes = [(key, text, [g.id for g in entries if key in g.themes])
                  for key, text in _options(self.data.themes, {t for g in entries for t in g.themes}, lang)]
        return self._render("glossary.html", lang, page_src("glossary", lang), entries=entries,
                            glossary_index=index, glossary_themes=themes,
                            glossary_by_id={g.id: g for g in self.data.glossary})

    def downloads(self, lang: str) -> str:
        return self._render("downloads.html", lang, page_src("downloads", lang),
                            case_count=len(self.data.cases), event_count=len(self.data.events),
                            fact_count=sum(len(r.facts) for r in [*self.data.cases.values(), *self.data.events]),
                            glossary_count=len(self.data.glossary))

    def case_box(self, case: Case, lang: str, here: str) -> str:
        """The box a `<!-- case: id -->` marker becomes on page `here`."""
        return self._render("case_box.html", lang, here, case=case)

    # ------------------------------------------------------------ where the reports disagree

    def disagreement_box(self, record_id: str, lang: str, here: str) -> str:
        """The box a `<!-- disagreement: id -->` marker becomes on page `here`."""
        return self._render("disagreement_box.html", lang, here, d=self.data.disagreements[record_id])

    def disagreement_places(self, record_id: str, lang: str, here: str) -> list[tuple[str, Markup]]:
        """(link text, link target) of every page that shows a record: chapters with
        its marker, then case pages and timeline events that list it."""
        data, out = self.data, []
        label = {key: text(lang) for key, text in data.labels.items()}
        for src in self.shown_in.get(record_id, []):
            base = src.removesuffix(".md")
            title = self.titles.get(base, {}).get(lang, base)
            parts = base.split("/")
            report = data.reports.get(parts[1]) if parts[0] == "reports" and len(parts) >= 3 else None
            text = f"{report.short(lang)} · {title}" if report else title
            out.append((text, url(rel_link(here, base + ".md") + f"#disagreement-{record_id}")))
        for case in data.cases.values():
            if record_id in case.disagreements:
                out.append((f"{label['case_kicker']} · {case.title(lang)}",
                            url(rel_link(here, f"cases/{case.id}.md") + f"#disagreement-{record_id}")))
        for event in data.events:
            if record_id in event.disagreements:
                when = formatting.format_range(event.date, event.end_date, lang)
                out.append((f"{label['timeline_title']} · {when} · {event.title(lang)}",
                            url(rel_link(here, "timeline.md") + f"#{event.id}")))
        return out

    def disagreements(self, lang: str) -> str:
        """The page "Where the reports disagree": every record, grouped by topic."""
        here = page_src("disagreements", lang)
        records = list(self.data.disagreements.values())
        groups = [(topic, [d for d in records if d.topic == topic.id])
                  for topic in self.data.disagreement_topics.values()]
        return self._render("disagreements.html", lang, here, groups=[g for g in groups if g[1]],
                            places={d.id: self.disagreement_places(d.id, lang, here) for d in records},
                            counts={"conflicts": sum(d.conflict for d in records),
                                    "checked": sum(not d.conflict for d in records)})

    # ------------------------------------------------------------ parallel reading

    def parallel_page(self, base: str, lang: str) -> str:
        """The frame of a chapter's parallel view (parallel.py fills in the blocks after the build)."""
        chapter = base.removesuffix("/parallel")
        parts = chapter.split("/")
        report = self.data.reports.get(parts[1]) if len(parts) >= 3 else None
        titles = self.titles.get(chapter, {})
        return self._render("parallel.html", lang, page_src(base, lang), chapter=chapter, report=report,
                            chapter_title=titles.get(lang, chapter))

    def parallel_rows(self, chapter: str, lang: str, rows: list[dict], columns: list[str]) -> str:
        """The rows of a parallel view (parallel.rows); the cells' HTML is the chapter's, sanitised."""
        # HTML made after the pages' Markdown: the Traditional edition's labels are converted
        # here, around the cells (already converted with their pages), not through them.
        cells = [c["html"] for r in rows for c in r["cells"]]
        slot = iter(range(len(cells)))
        rows = [{"n": r["n"], "cells": [{"lang": c["lang"], "html": Markup(f"\ue002{next(slot)}\ue003")}
                                        for c in r["cells"]]} for r in rows]
        out = self._converted(lang, self._render("parallel_rows.html", lang, page_src(f"{chapter}/parallel", lang),
                                                 rows=rows, columns=columns, lang_tags=LANG_TAGS))
        return re.sub("\ue002([0-9]+)\ue003", lambda m: cells[int(m.group(1))], out)

    @staticmethod
    def _converted(lang: str, html: str) -> str:
        return hant.convert_text(html) if lang in langs.DERIVED else html

    def parallel_link(self, lang: str, here: str, target: str) -> str:
        """The link from a chapter page to its parallel view (HTML, put under its title)."""
        return self._converted(lang, self._render("parallel_link.html", lang, here, target=url(target)))

    def case_index(self, lang: str, variant: str | None = None) -> str:
        """The case index, or one of its static variants (case_index.py)."""
        here = page_src(index_view.page_base(variant), lang)
        data = self.data
        if lang not in self._index_rows:
            self._index_rows[lang] = index_view.rows(data, lang)
        all_rows = self._index_rows[lang]
        shown, sort = index_view.select(data, all_rows, variant)
        cases = list(data.cases.values())
        filters = {
            "regions": _options(data.regions, {r.id for c in cases for r in data.case_regions(c)}, lang),
            "countries": index_view.country_options({code for c in cases for code in c.countries}, lang),
            "sectors": _options(data.sectors, {c.sector for c in cases}, lang),
            "themes": _options(data.themes, {t for c in cases for t in c.themes}, lang),
            "reports": _options(data.reports, {s.report for c in cases for s in c.sources}, lang, "short"),
        }
        kind, _, value = (variant or "").partition(":")
        subset = {"region": data.regions, "sector": data.sectors}.get(kind)
        return self._render("cases_index.html", lang, here, rows=shown, filters=filters, sort=sort,
                            variant=kind or None, subset=subset[value] if subset else None,
                            columns=index_view.COLUMNS, total=len(cases),
                            map=self.case_map([r.case for r in shown], lang))

    def timeline(self, lang: str) -> str:
        here = page_src("timeline", lang)
        years: dict[str, list[Event]] = {}
        for event in self.data.events:
            years.setdefault(event.date[:4], []).append(event)
        data, events = self.data, self.data.events
        # An event's cases: those it lists and those that list it; its countries are theirs.
        linked = {e.id: set(e.cases) for e in events}
        for case in data.cases.values():
            for event_id in case.events:
                linked[event_id].add(case.id)
        event_cases = {e.id: sorted(linked[e.id]) for e in events}
        event_countries = {e.id: sorted({code for cid in linked[e.id] for code in data.cases[cid].countries})
                           for e in events}
        used_cases = sorted({cid for ids in linked.values() for cid in ids},
                            key=lambda cid: collation.sort_key(data.cases[cid].title(lang), lang))
        filters = {
            "themes": _options(data.themes, {t for e in events for t in e.themes}, lang),
            "reports": _options(data.reports, {s.report for e in events for s in e.sources}, lang, "short"),
            "countries": index_view.country_options({c for codes in event_countries.values() for c in codes}, lang),
            "cases": [(cid, data.cases[cid].title(lang)) for cid in used_cases],
            "kinds": _options(data.event_kinds, {e.kind for e in events if e.kind}, lang),
        }
        return self._render("timeline.html", lang, here, years=years, filters=filters,
                            event_cases=event_cases, event_countries=event_countries)


def _finalize(value):
    """Every plain string a template prints is escaped for HTML and Markdown."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return md_escape(value)
    return value


_URL = re.compile(r"[A-Za-z0-9._~/#%:?=&-]*")


def url(value: str) -> Markup:
    """A URL the renderer built from checked ids and paths, printed as it is."""
    if not _URL.fullmatch(value):
        raise ValueError(f"unexpected characters in a generated URL: {value!r}")
    return Markup(value)


def front_matter(**fields) -> Markup:
    """A YAML front matter block; values are written as JSON, so any text is safe in it.
    A mapping value (`search={"exclude": True}`) is kept as a mapping."""
    # JSON is valid YAML flow syntax (a JSON string is a YAML double-quoted
    # scalar), and json is ~50x faster than yaml.safe_dump: this runs per page.
    body = "".join(f"{key}: {json.dumps(v if isinstance(v, (dict, list)) else str(v), ensure_ascii=False)}\n"
                   for key, v in fields.items())
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


def _fill(text: str, values: dict) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def _options(entries: dict, used: set[str], lang: str, field: str = "label") -> list[tuple[str, str]]:
    """(id, label) of the vocabulary entries in use, in vocabulary order."""
    return [(key, getattr(entry, field)(lang)) for key, entry in entries.items() if key in used]


def generated_kind(src: str) -> str | None:
    """"case" for a case page's source path (cases/<id>.md), else None."""
    base = langs.base_of(src)
    return "case" if base.startswith("cases/") and base != "cases/index" and base.count("/") == 1 else None


def lang_of(src: str) -> str:
    """The language of a docs source path: x.en.md English, x.zh-hant.md Traditional, x.md Chinese."""
    return langs.lang_of(src)


def generated_pages(data: SiteData, chapters: list[str] = ()) -> dict[str, tuple[str, str | None]]:
    """Every generated page: src path -> (kind, record id); both languages.
    `chapters`: base paths of the chapter pages, each of which gets a parallel view."""
    pages: dict[str, tuple[str, str | None]] = {}
    for lang in LANGS:
        pages[page_src("disagreements", lang)] = ("disagreements", None)
        for chapter in chapters:
            pages[page_src(f"{chapter}/parallel", lang)] = ("parallel", chapter)
        pages[page_src("cases/index", lang)] = ("case_index", None)
        for variant in index_view.variants(data):  # sorted and filtered lists without JavaScript
            pages[page_src(index_view.page_base(variant), lang)] = ("case_index", variant)
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
        return renderer.case_index(lang, record_id)
    if kind == "glossary":
        return renderer.glossary(lang)
    if kind == "downloads":
        return renderer.downloads(lang)
    if kind == "disagreements":
        return renderer.disagreements(lang)
    if kind == "parallel":
        return renderer.parallel_page(f"{record_id}/parallel", lang)
    return renderer.timeline(lang)
