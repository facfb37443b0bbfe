"""Finishing touches once every language has been built.

Owns what can only be done on the whole output: one search index per
language (search_split), the data downloads (downloads), and a sitemap.xml under each language folder
(Material's language selector fetches `<alternate>/sitemap.xml`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import search_split
from ..data import langs
from ..rendering import downloads
from ..data.sitedata import SiteData


def finish(site_dir: Path, languages: list[str], data: SiteData, site_url: str,
           dates: dict[str, str] | None = None, indexed: list[tuple[str, str]] | None = None) -> None:
    search_split.split(site_dir, languages, data, indexed)
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


def place_404(site_dir: Path, pages: dict[str, str]) -> None:
    """Chinese 404 at the root (the default language), others under <lang>/."""
    for lang, html in pages.items():
        path = site_dir / langs.root(lang) / "404.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
