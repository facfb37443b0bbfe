"""MkDocs entry point: event functions and per-build state, no logic.

mkdocs-static-i18n runs one full build per language, so every event below
runs once per language (in a build, every language but the default and the
last is built in a forked process: `_each_language`, lang_fork.py). Data is loaded and validated once per outer build:
`on_config` of the next language build reuses it while no file under data/
has changed (the signature below); `_build` is replaced there, never carried
over from a build of other data.

Trust boundary (see CONTRIBUTING.md): text from data/ is escaped by the
renderer; every page's HTML content goes through the sanitiser; page titles
are HTML-escaped once here, because Material prints them unescaped.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from markupsafe import escape  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402

from hooks.data import gitdates, langs, pagesource, sitedata  # noqa: E402
from hooks.glue import html_fixes, i18n_pages, lang_fork, postbuild, search_split  # noqa: E402
from hooks.rendering import (case_markers, cite_markers, disagreement_markers, glossary_links,  # noqa: E402
                             hant, pageinfo, parallel, render, sanitize, site_markers)

_build: dict = {}
_loaded: dict = {}  # data folder -> (signature, SiteData): one load per outer build
# The 404 page of each language, kept across the per-language builds of one
# outer build (each writes site/404.html) and placed by the outer post_build.
_not_found: dict[str, str] = {}
# Each chapter's blocks and parallel page, by language, for the outer post_build (parallel.py).
_parallel = parallel.Collector()
# The search indexes: written in the background under `mkdocs serve` (postbuild.SearchWriter;
# the one writer of the process, since this module runs again for every rebuild).
_search = postbuild.SEARCH
# Search entries of the languages built before the last, made in forked processes (build only).
_ahead = search_split.Ahead()
# The languages built before the last (but the default one), each built whole in a forked
# process while this one builds the next (build only; hooks/glue/lang_fork.py).
_beside = lang_fork.Beside()
_child_sitemap: dict[str, str] = {}  # in such a child: its sitemap.xml, handed back
# Work that needs no built page (the data downloads), done in a forked process while the
# pages build (build only).
_side = lang_fork.Beside()
# The languages built beside the default one (each has its own folder and index).
_OTHER_LANGS = [lang for lang in langs.LANGS if lang != langs.DEFAULT]


def on_startup(command, dirty):
    _search.background = command == "serve"


def on_shutdown():
    _search.wait()
# The pages the search index holds, (URL path, title) in build order, every language: our index
# is written from the built pages (search_split.py), so Material's own indexer is kept idle
# (it would cut every Chinese page with jieba to make an index nobody reads).
_indexed: list[tuple[str, str]] = []


@event_priority(100)
def _derived_config(config):
    # The Traditional edition's site name, description, footer and section titles: the
    # Simplified ones of mkdocs.yml converted (before mkdocs-static-i18n applies them).
    i18n = config["plugins"].get("i18n")
    if i18n is None or getattr(i18n, "building", False):
        return config  # inner builds: config already holds another language's values
    i18n_pages.build_each(i18n, lambda locale, build: _each_language(i18n, config, locale, build))
    for language in i18n.config.languages:
        if language.locale in langs.DERIVED:
            language.site_name = hant.convert(config["site_name"])
            language.site_description = hant.convert(config["site_description"] or "")
            language.copyright = hant.convert(config["copyright"] or "")
            language.nav_translations = {title: hant.convert(title) for title in _nav_titles(config["nav"] or [])}
    return config


def _each_language(i18n, config, locale: str, build) -> None:
    # mkdocs-static-i18n's build of one language after the default one. All but the last are
    # built in a forked process (lang_fork.Beside) while this one goes on to the next; after
    # the last, built here, the children's parts are taken in, before anything reads the site.
    if locale != _built(i18n)[-1] and _may_fork():
        start = len(_indexed)
        _beside.start(locale, build, lambda: _handed_back(locale, start, config["site_dir"]))
        return
    try:
        build()
        if _beside.running():
            # While the children finish: this language's search entries (the cuts of the
            # Simplified ones, made ahead, reused).
            _ahead.gather(_build["data"])
            _ahead.put(locale, *search_split.Ahead.make(config["site_dir"], locale, _OTHER_LANGS,
                                                        _build["data"], _indexed))
    except BaseException:
        _beside.discard()
        raise
    shift, sitemaps = 0, []  # every child started at the same point of _indexed: theirs go there
    for lang, part in _beside.join().items():
        at = part["at"] + shift
        _indexed[at:at] = part["indexed"]
        shift += len(part["indexed"])
        _parallel.add(lang, part["parallel"], render.LANGS)
        if part["not_found"] is not None:
            _not_found[lang] = part["not_found"]
        _ahead.put(lang, *part["search"])
        sitemaps += [part["sitemap"]] if part["sitemap"] else []
    postbuild.merge_sitemaps(Path(config["site_dir"]), sitemaps)


def _built(i18n) -> list[str]:
    return [lang.locale for lang in i18n.config.languages if lang.build]


def _may_fork() -> bool:
    # Forked processes: in a build (not under serve, whose server threads a fork would copy),
    # started by the parent only, where the platform forks and SITE_FORK is not 0.
    return not _search.background and not _beside.in_child and lang_fork.available()


def _handed_back(lang: str, start: int, site_dir: str) -> dict:
    # In the child, its language built: what the outer build needs of it, with its search
    # entries made here (the child is already beside the parent's build).
    return {"at": start, "indexed": _indexed[start:], "parallel": _parallel.part(lang),
            "not_found": _not_found.get(lang), "sitemap": _child_sitemap.get("text"),
            "search": search_split.Ahead.make(site_dir, lang, _OTHER_LANGS, _build["data"], _indexed)}


def _nav_titles(nav) -> list[str]:
    out = []
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                out.append(title)
                if isinstance(value, list):
                    out += _nav_titles(value)
    return out


def _data_config(config):
    # SITE_DATA_DIR lets tests build the real site from another data folder.
    data_dir = Path(os.environ.get("SITE_DATA_DIR") or ROOT / "data")
    data = _load(data_dir)
    land = data_dir / "map" / "land.txt"
    dates = _git_dates()  # one `git log` per outer build for every page's date
    docs_dir = Path(config["docs_dir"])
    # The BCP 47 tag of each language folder, for hreflang and lang in the templates (one list:
    # hooks/data/langs.py).
    config["extra"]["lang_tags"] = dict(langs.LANG_TAGS)
    chapters = parallel.chapters(docs_dir)  # each gets a parallel view
    if not getattr(config["plugins"].get("i18n"), "building", False):
        _search.wait()  # the indexes of the build before (serve) are written before pages change
        _ahead.discard()  # children of a build that stopped half-way
        _parallel.clear()  # the outer build starts
        _indexed.clear()
        render.reload_templates()  # a fragment edited under `mkdocs serve` is read again
    _build.clear()
    _build.update(
        data=data,
        # Glossary tooltips, added to each page's HTML (converted here for the Traditional edition).
        definitions={lang: {g.id: (hant.convert(g.definition(lang)) if lang in langs.DERIVED else g.definition(lang))
                            for g in data.glossary} for lang in render.LANGS},
        pages=render.generated_pages(data, chapters),
        renderer=render.Renderer(
            data, site_url=config["site_url"] or "",
            land_path=land.read_text(encoding="utf-8").strip() if land.exists() else "", dates=dates,
            titles=hant.derive_titles(parallel.titles(docs_dir, langs.WRITTEN, langs.suffix)),
            shown_in=disagreement_markers.places(docs_dir)),
        dates=dates,
        chapters=set(chapters),
        # Traditional twins of the hand-written Simplified pages: src -> the Simplified src.
        twins=_twins(docs_dir),
    )
    return config


def _twins(docs_dir: Path) -> dict[str, str]:
    try:
        return hant.twins(docs_dir)
    except ValueError as exc:
        raise PluginError(str(exc)) from None


on_config = CombinedEvent(_derived_config, _data_config)


def _signature(data_dir: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in data_dir.rglob("*") if p.is_file()))


def _load(data_dir: Path) -> sitedata.SiteData:
    key, signature = str(data_dir.resolve()), _signature(data_dir)
    cached = _loaded.get(key)
    if cached and cached[0] == signature:
        return cached[1]
    try:
        data = sitedata.load_site(data_dir)
    except sitedata.DataErrors as exc:
        raise PluginError(f"{len(exc.problems)} problem(s) in data/:\n{exc}") from None
    _loaded.clear()
    _loaded[key] = (signature, data)
    return data


def _git_dates() -> dict[str, str]:
    # Read with the data (same signature): not again for the second language's build.
    key = ("git", str(ROOT))
    if key not in _loaded:
        _loaded[key] = gitdates.last_changes(ROOT)
    return _loaded[key]


@event_priority(0)
def _register_generated(files, config):
    i18n_pages.register(files, config, list(_build["pages"]) + list(_build["twins"]))
    return files


@event_priority(-150)
def _attach_generated(files, config):
    pages, data = _build["pages"], _build["data"]

    def edit_uri(src: str) -> str | None:
        kind, record_id = pages[src]
        # Joined to `edit_uri` (edit/main/docs/): climb out of docs/ to the
        # YAML file; a page drawn from a folder opens the folder's listing.
        if kind == "case":
            return "../" + data.case_files[record_id]
        if kind == "glossary":
            return "../data/glossary.yml"
        if kind == "downloads":
            return "../hooks/rendering/downloads.py"
        if kind == "disagreements":
            return "../data/disagreements.yml"
        if kind == "parallel":  # the chapter's Markdown in the page's language (Traditional: Simplified)
            return render.page_src(record_id, langs.source_lang(render.lang_of(src)))
        return "../../../tree/main/" + ("data/timeline/" if kind == "timeline" else "data/cases/")

    twins = _build["twins"]

    def markdown(src: str) -> str:
        if src in twins:  # converted in on_page_markdown, after its markers are expanded
            return (Path(config["docs_dir"]) / twins[src]).read_text(encoding="utf-8-sig")
        return render.render_page(_build["renderer"], src, *pages[src])

    def edit(src: str) -> str | None:
        return twins[src] if src in twins else edit_uri(src)  # edits go to the Simplified page

    try:
        i18n_pages.attach(files, set(pages) | set(twins), markdown, edit)
    except render.RenderError as exc:
        raise PluginError(str(exc)) from None
    return files


@event_priority(-200)
def _downloads_beside(files, config):
    # The outer build, its site folder cleaned: the downloads are drawn from data/ alone, so a
    # forked process writes them while the pages build (else _finish_site does).
    if getattr(config["plugins"].get("i18n"), "building", False) or not _may_fork():
        return files
    _side.discard()
    _side.start("downloads", lambda: postbuild.write_downloads(
        Path(config["site_dir"]), _build["data"], config["site_url"] or "", _build["dates"]), lambda: None)
    return files


on_files = CombinedEvent(_register_generated, _attach_generated, _downloads_beside)


def on_page_read_source(page, config):
    if page.file.src_uri in _build["pages"] or page.file.src_uri in _build["twins"]:
        return None  # generated: its front matter is written by front_matter(); twins: checked as Simplified
    try:
        pagesource.check(Path(page.file.abs_src_path).read_text(encoding="utf-8-sig"),
                         f"docs/{page.file.src_uri}")
    except (OSError, UnicodeDecodeError) as exc:
        raise PluginError(f"docs/{page.file.src_uri}:1: (file): cannot be read: {exc}") from None
    except pagesource.PageError as exc:
        raise PluginError(str(exc)) from None
    return None


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    lang = render.lang_of(src)
    renderer = _build["renderer"]
    offset = 0 if src in _build["pages"] else pagesource.body_offset(page.file.content_string)
    try:
        markdown = _expand(markdown, page, src, lang, renderer, offset)
    except (case_markers.MarkerError, render.RenderError) as exc:
        raise PluginError(str(exc)) from None
    if lang not in langs.DERIVED:
        return markdown
    # The Traditional edition: the page converted once, whole, but for the printed records
    # (hant.keep); then what the head prints (title, description, citation_* tags).
    page.meta.update({k: hant.convert(str(v)) for k, v in page.meta.items()
                      if k in ("title", "description") and isinstance(v, str)})
    if page.meta.get("site_citation"):
        page.meta["site_citation"] = hant.convert_values(page.meta["site_citation"])
    return hant.convert_marked(markdown)


def _expand(markdown: str, page, src: str, lang: str, renderer, offset: int) -> str:
    # Errors name the page's Simplified source: a Traditional twin has no file of its own.
    where = f"docs/{_build['twins'].get(src, src)}"
    if src.startswith("reports/") and src not in _build["pages"]:
        # Report pages list the cases and events drawn from them (reports.yml `pages`).
        base = langs.base_of(src)
        markdown = markdown.rstrip("\n") + "\n\n" + renderer.page_mentions(base, lang)
        if base.count("/") >= 2:  # ... and how to cite the page and the report (citations.py)
            markdown = markdown.rstrip("\n") + "\n\n" + renderer.page_citation(src, page.title or "")
    # Each kind of marker is expanded in turn, each to a one-line stand-in until the last, so
    # that every kind counts the page's own lines when it names a bad marker's line.
    held = case_markers.Held()
    markdown = cite_markers.expand(
        markdown, where, _build["data"].reports,
        held(lambda report_id: renderer.report_citation(report_id, lang, src)), line_offset=offset)
    # Highwire citation_* tags for overrides/main.html (case, report and timeline pages).
    page.meta["site_citation"] = renderer.citation_meta(src, page.title or "")
    # `<!-- site-stats -->` and the like: the home page's parts drawn from data/.
    markdown = site_markers.expand(
        markdown, where, _build["data"].cases,
        held(lambda name, ids: renderer.site_marker(name, ids, lang, src)), line_offset=offset)
    # `<!-- disagreement: <id> -->`: where the reports disagree, shown in place.
    markdown = disagreement_markers.expand(
        markdown, where, _build["data"].disagreements,
        held(lambda record_id: renderer.disagreement_box(record_id, lang, src)), line_offset=offset)
    markdown = case_markers.expand(
        markdown, where, _build["data"].cases,
        held(lambda case_id: renderer.case_box(_build["data"].cases[case_id], lang, page.file.src_uri)),
        line_offset=offset)
    return held.release(markdown)


def on_page_content(html_, page, config, files):
    # Material prints page titles unescaped (<title>, header, nav, search):
    # hand them over escaped, as Markup, so that the few places that do
    # escape (`| e` in the footer) leave them as they are.
    page.meta["title"] = escape(page.title or "")
    search = page.meta.get("search") if isinstance(page.meta.get("search"), dict) else {}
    if not search.get("exclude"):
        _indexed.append((page.url, str(page.meta["title"])))
    page.meta["search"] = {**search, "exclude": True}  # Material's indexer skips it (see _indexed)
    clean = sanitize.clean(html_)
    out = glossary_links.annotate(clean, _build["definitions"][render.lang_of(page.file.src_uri)])
    return _parallel_step(out, page, files)


def _parallel_step(content: str, page, files) -> str:
    # Chapters: anchors p-1, p-2 … on their blocks and a link to the parallel view;
    # the blocks and the parallel pages are kept for the outer post_build.
    src, lang = page.file.src_uri, render.lang_of(page.file.src_uri)
    kind, record_id = _build["pages"].get(src, (None, None))
    if kind == "parallel":
        _parallel.view(lang, record_id, page.file.abs_dest_path)
        return content
    chapter = parallel.chapter_of(src, _build["chapters"]) if kind is None else None
    if chapter is None:
        return content
    view = files.get_file_from_path(render.page_src(f"{chapter}/parallel", lang))
    link = _build["renderer"].parallel_link(lang, src, view.url_relative_to(page.file)) if view else ""
    content, blocks = parallel.number(content, link)
    _parallel.chapter(lang, chapter, page.file.abs_dest_path, blocks)
    return content


def on_page_context(context, page, config, nav):
    # The page's foot: last change from git, "report an error" (pageinfo.py).
    src = page.file.src_uri
    kind, record_id = _build["pages"].get(src, (None, None))
    context["site_page_info"] = pageinfo.info(
        _build["data"], _build["dates"], src, kind, record_id, render.lang_of(src),
        page.canonical_url or "", escape(page.title or "").unescape(), config["repo_url"] or "")
    return context


def _language(config) -> str:
    i18n = config["plugins"].get("i18n")
    return getattr(i18n, "current_language", None) or "zh"


SEARCH_LABELS = {"zh": "搜索", "en": "Search"}  # the search dialog's name (Material's own word)


def _fix_html(output: str, config) -> str:
    lang = _language(config)
    label = SEARCH_LABELS.get(langs.source_lang(lang), "Search")
    if lang in langs.DERIVED:
        return hant.mend_material(html_fixes.fix(output, hant.convert(label)))
    return html_fixes.fix(output, label)


def on_post_page(output, page, config):
    return _fix_html(output, config)


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        output = _fix_html(output, config)
        _not_found[_language(config)] = output
    if _beside.in_child and template_name in ("404.html", "sitemap.xml"):
        # Files at the site's root that the parent writes (an empty output is not written);
        # the child's sitemap entries are merged into the parent's (postbuild.merge_sitemaps).
        if template_name == "sitemap.xml":
            _child_sitemap["text"] = output
        return ""
    return output


@event_priority(0)
def _index_ahead(config):
    # Before mkdocs-static-i18n (-100) builds the next language: this language's pages are
    # written, so a forked process makes its search entries meanwhile (search_split.Ahead).
    # Not for the language built last (its index is made at once below), nor under serve.
    i18n = config["plugins"].get("i18n")
    if i18n is None or not _may_fork():
        return  # (a forked language build makes its entries itself: _handed_back)
    built = _built(i18n)
    lang = _language(config)
    if len(built) > 1 and lang != built[-1]:
        _ahead.start(config["site_dir"], lang, _OTHER_LANGS, _build["data"], list(_indexed))


@event_priority(-200)
def _finish_site(config):
    i18n = config["plugins"].get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner per-language build; the outer one finishes the site
    site_dir = Path(config["site_dir"])
    # Only the hand-written languages can drift apart; the Traditional twin is made from zh.
    problems = _parallel.problems(Path(config["docs_dir"]), langs.WRITTEN, langs.suffix)
    if problems:
        _parallel.clear()
        raise PluginError(f"{len(problems)} chapter(s) whose languages do not align:\n" + "\n".join(problems))
    _parallel.write(site_dir, render.LANGS, _build["renderer"].parallel_rows, sanitize.clean,
                    pairs=langs.PARALLEL)
    _parallel.clear()
    postbuild.finish(site_dir, _OTHER_LANGS)
    postbuild.place_404(site_dir, dict(_not_found))
    _not_found.clear()
    # What the pages need not wait for: written before the indexes (inline in a build, after
    # the pages under `serve`: postbuild.SearchWriter).
    theme_dirs, data, dates = list(config["theme"].dirs), _build["data"], _build["dates"]
    later = [("cut stylesheet", lambda: postbuild.trim_theme_css(site_dir, theme_dirs))]
    if _side.running():
        _side.join()  # the downloads, written beside the pages
    else:
        later.append(("download", lambda: postbuild.write_downloads(site_dir, data, config["site_url"] or "", dates)))
    _search.write(site_dir, _OTHER_LANGS, data, list(_indexed), ahead=_ahead, first=later)
    _indexed.clear()


on_post_build = CombinedEvent(_index_ahead, _finish_site)


def on_build_error(error):
    # A build that fails stops the processes working beside it (not in such a process: its
    # parent's are not its own).
    if not _beside.in_child:
        _beside.discard()
        _side.discard()
