"""Split the merged search index into one index per language.

mkdocs-static-i18n writes a single search/search_index.json holding every
language's pages. After the last language has been built, Chinese entries
stay at search/search_index.json and each other language's entries move to
<lang>/search/search_index.json (their `<lang>/` prefix stripped, because
overrides/main.html points that language's search at /<lang>/), with that
language's search settings, so English queries are stemmed as English.
"""

from __future__ import annotations

import json
from pathlib import Path

# Material's English settings. A stemmer in the pipeline stems the index but
# not the query, so "civilization" would find nothing (see ENGINEERING.md).
ENGLISH = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]}
SETTINGS = {"en": ENGLISH}


def split(site_dir: Path | str, languages: list[str]) -> dict[str, int]:
    """Rewrite the index files in place; return the entry count per language."""
    root = Path(site_dir)
    merged = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    prefixes = {lang: f"{lang}/" for lang in languages}
    buckets: dict[str, list] = {lang: [] for lang in languages}
    default: list = []
    for doc in merged["docs"]:
        lang = next((la for la, p in prefixes.items() if doc["location"].startswith(p)), None)
        if lang is None:
            default.append(doc)
        else:
            buckets[lang].append({**doc, "location": doc["location"][len(prefixes[lang]):]})
    _write(root / "search" / "search_index.json", merged["config"], default)
    counts = {"default": len(default)}
    for lang, docs in buckets.items():
        _write(root / lang / "search" / "search_index.json", {**merged["config"], **SETTINGS.get(lang, {})}, docs)
        counts[lang] = len(docs)
    return counts


def _write(path: Path, config: dict, docs: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
