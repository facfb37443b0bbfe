"""Finishing touches once every language has been built.

Owns what can only be done on the whole output: one search index per
language (search_split), the data downloads (downloads), and a sitemap.xml under each language folder
(Material's language selector fetches `<alternate>/sitemap.xml`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import downloads, search_split
from .sitedata import SiteData


def finish(site_dir: Path, languages: list[str], data: SiteData, site_url: str,
           dates: dict[str, str] | None = None) -> None:
    search_split.split(site_dir, languages, data)
    downloads.write(site_dir, data, site_url)
    downloads.write_citations(site_dir, data, site_url, dates or {})
    sitemap = site_dir / "sitemap.xml"
    for lang in languages:
        if sitemap.exists():
            shutil.copyfile(sitemap, site_dir / lang / "sitemap.xml")


def place_404(site_dir: Path, pages: dict[str, str]) -> None:
    """Chinese 404 at the root (the default language), others under <lang>/."""
    for lang, html in pages.items():
        path = site_dir / ("404.html" if lang == "zh" else f"{lang}/404.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
