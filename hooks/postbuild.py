"""Finishing touches once every language has been built.

Owns what can only be done on the whole output: one search index per
language (search_split), and a sitemap.xml under each language folder
(Material's language selector fetches `<alternate>/sitemap.xml`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import search_split


def finish(site_dir: Path, languages: list[str]) -> None:
    search_split.split(site_dir, languages)
    sitemap = site_dir / "sitemap.xml"
    for lang in languages:
        if sitemap.exists():
            shutil.copyfile(sitemap, site_dir / lang / "sitemap.xml")
