"""Finishing touches once every language has been built.

Owns what can only be done on the whole output: one search index per
language (search_split, through SearchWriter), the data downloads (downloads), a sitemap.xml under each language folder
(Material's language selector fetches `<alternate>/sitemap.xml`), and Material's stylesheets cut
to the rules the built pages can use (unused_css).
"""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

from . import search_split
from ..data import langs
from ..rendering import downloads, unused_css
from ..data.sitedata import SiteData


def finish(site_dir: Path, languages: list[str], data: SiteData, site_url: str,
           dates: dict[str, str] | None = None) -> None:
    """Downloads, citation files and sitemaps; the search indexes are SearchWriter's."""
    downloads.write(site_dir, data, site_url)
    downloads.write_citations(site_dir, data, site_url, dates or {})
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists():  # mkdocs-static-i18n writes folder names (zh, zh-hant) as hreflang
        text = sitemap.read_text(encoding="utf-8")
        for folder, tag in langs.LANG_TAGS.items():
            text = text.replace(f'hreflang="{folder}"', f'hreflang="{tag}"')
        sitemap.write_text(text, encoding="utf-8")
    for lang in languages:
        if sitemap.exists():
            shutil.copyfile(sitemap, site_dir / lang / "sitemap.xml")


def trim_theme_css(site_dir: Path, theme_dirs: list[str]) -> None:
    """Material's stylesheets (assets/stylesheets/*.min.css), read from the theme and written
    over their copies in the site without the rules no built page can use; their source maps,
    which no longer match, go."""
    sheets = sorted((site_dir / "assets" / "stylesheets").glob("*.min.css"))
    if not sheets:
        return
    usage = unused_css.Usage()
    for page in site_dir.rglob("*.html"):
        usage.add_html(page.read_text(encoding="utf-8"))
    own = []
    # The scripts that run in the page (Material's bundle, ours); not the search workers,
    # libraries and language files, which never touch the page's classes.
    scripts = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.js"))
    scripts += sorted((site_dir / "assets").glob("*.js"))
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        usage.add_script(text)
        own.append(text)
    own.extend(p.read_text(encoding="utf-8") for p in sorted((site_dir / "assets").glob("*.css")))
    also_reads = "".join(own)
    for sheet in sheets:
        rel = sheet.relative_to(site_dir)
        source = next((Path(d) / rel for d in theme_dirs if (Path(d) / rel).is_file()), None)
        if source is None:  # not the theme's: leave it
            continue
        sheet.write_text(unused_css.purge(source.read_text(encoding="utf-8"), usage, also_reads), encoding="utf-8")
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)


def place_404(site_dir: Path, pages: dict[str, str]) -> None:
    """Chinese 404 at the root (the default language), others under <lang>/."""
    for lang, html in pages.items():
        path = site_dir / langs.root(lang) / "404.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


class SearchWriter:
    """Writes the search indexes (search_split) once the pages are built: inline for a build,
    in a background thread under `mkdocs serve`, where the server holds every request back until
    the build returns. A contributor's changed page is then back without waiting for the
    indexes (about a second: a changed case title re-cuts every Chinese page, since titles are
    search words); they follow a moment later. The next build waits for them first, so two
    never overlap, and a failure is logged, not lost."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.background = False  # set for `mkdocs serve` (hooks/glue/main.py on_startup)

    def write(self, *args, ahead=None) -> None:
        self.wait()
        if not self.background:
            search_split.split(*args, ahead=ahead)
            return

        def work() -> None:
            try:
                search_split.split(*args)
            except Exception as exc:  # noqa: BLE001 (reported, the server keeps serving)
                self.error = exc
                logging.getLogger("mkdocs.hooks.search").error("search index not written: %s", exc)
        self.error = None
        self._thread = threading.Thread(target=work, name="search-index", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None


# One writer per process: MkDocs runs the hooks module again for every rebuild under `serve`
# (and calls on_startup only once), so the writer and its mode live here, imported once.
SEARCH = SearchWriter()
