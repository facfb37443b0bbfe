"""Finishing touches once every language has been built.

Owns what can only be done on the whole output: one search index per
language (search_split, through SearchWriter), the data downloads (downloads: in a build, written
while the pages build; under serve, after them), a sitemap.xml under each language folder
(Material's language selector fetches `<alternate>/sitemap.xml`), and Material's stylesheets cut
to the rules the built pages can use (unused_css).
"""

from __future__ import annotations

import gzip
import logging
import re
import shutil
import struct
import threading
from pathlib import Path
from typing import Callable

from . import search_split
from ..data import langs
from ..rendering import downloads, unused_css
from ..data.sitedata import SiteData


def write_downloads(site_dir: Path, data: SiteData, site_url: str, dates: dict[str, str] | None = None) -> None:
    """The data downloads and citation files: drawn from data/ alone, so they can be written
    while the pages build (hooks/glue/main.py: in a forked process; under serve, after them)."""
    downloads.write(site_dir, data, site_url)
    downloads.write_citations(site_dir, data, site_url, dates or {})


def finish(site_dir: Path, languages: list[str]) -> None:
    """The sitemaps, once every language is built; the search indexes are SearchWriter's."""
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists():  # mkdocs-static-i18n writes folder names (zh, zh-hant) as hreflang
        text = sitemap.read_text(encoding="utf-8")
        for folder, tag in langs.LANG_TAGS.items():
            text = text.replace(f'hreflang="{folder}"', f'hreflang="{tag}"')
        sitemap.write_text(text, encoding="utf-8")
    for lang in languages:
        if sitemap.exists():  # (a one-language preview has no folder of its own yet)
            (site_dir / lang).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sitemap, site_dir / lang / "sitemap.xml")


_URL = re.compile(r"\n[ \t]*<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


def merge_sitemaps(site_dir: Path, others: list[str]) -> None:
    """Add to site/sitemap.xml (and its .gz) the <url> entries of the sitemaps `others` that it
    lacks. mkdocs-static-i18n's sitemap lists the pages of every language built in the process
    that writes it; a language built in a forked process (hooks/glue/lang_fork.py) hands its own
    back. Entries keep the order of the languages' builds: the others' first (built before),
    then those of this file; the .gz keeps the time stamp MkDocs gave it."""
    path = site_dir / "sitemap.xml"
    if not others or not path.exists():
        return
    mine = path.read_text(encoding="utf-8")
    urls = _URL.findall(mine)
    if not urls:
        return
    head, foot = mine[:mine.index(urls[0])], mine[mine.rindex(urls[-1]) + len(urls[-1]):]
    merged: dict[str, str] = {}
    for text in [*others, mine]:
        for url in _URL.findall(text):
            merged.setdefault(_LOC.search(url).group(1), url)
    text = head + "".join(merged.values()) + foot
    path.write_text(text, encoding="utf-8")
    packed = path.with_name("sitemap.xml.gz")
    if packed.exists():
        mtime = struct.unpack("<I", packed.read_bytes()[4:8])[0]  # RFC 1952: MTIME
        with open(packed, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(packed), mode="wb", mtime=mtime) as gz:
            gz.write(text.encode("utf-8"))


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
        cut = sheet.with_name(sheet.name + ".tmp")  # replaced whole: a served page never reads half
        cut.write_text(unused_css.purge(source.read_text(encoding="utf-8"), usage, also_reads), encoding="utf-8")
        cut.replace(sheet)
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)


def place_404(site_dir: Path, pages: dict[str, str]) -> None:
    """Chinese 404 at the root (the default language), others under <lang>/."""
    for lang, html in pages.items():
        path = site_dir / langs.root(lang) / "404.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


class SearchWriter:
    """Writes the search indexes (search_split) once the pages are built, after what else a
    preview can wait for (`first`: under `serve`, the cut stylesheets and the downloads):
    inline for a build, in a background thread under `mkdocs serve`, where the server holds
    every request back until the build returns. A contributor's changed page is then back
    without waiting for them (a changed case title re-cuts every Chinese page, since titles
    are search words); they follow a moment later, each file replaced whole, so a page never
    reads half a sheet. The next build waits for them first, so two never overlap, and a
    failure is logged, not lost."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.background = False  # set for `mkdocs serve` (hooks/glue/main.py on_startup)

    def write(self, *args, ahead=None, first: list[tuple[str, Callable[[], object]]] = ()) -> None:
        self.wait()
        if not self.background:
            for _, task in first:
                task()
            search_split.split(*args, ahead=ahead)
            return
        tasks = [*first, ("search index", lambda: search_split.split(*args))]

        def work() -> None:
            for name, task in tasks:
                try:
                    task()
                except Exception as exc:  # noqa: BLE001 (reported, the server keeps serving)
                    self.error = exc
                    logging.getLogger("mkdocs.hooks.search").error("%s not written: %s", name, exc)
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
