"""The site's languages, and which of them is made from another.

Simplified Chinese (`zh`, the default, at /) and English (`en`, at /en/) are
written by hand. Traditional Chinese (`zh-hant`, at /zh-hant/) is never
written: every page of it is the Simplified page converted at build time
(hooks/rendering/hant.py), so its source language is `zh`. Everything that loops over
languages loops over LANGS; everything that asks "is this Chinese?" asks
`is_zh`. No MkDocs import.
"""

from __future__ import annotations

LANGS = ("zh", "en", "zh-hant")
DEFAULT = "zh"
# The BCP 47 tag of each language, for `lang` and `hreflang` attributes.
LANG_TAGS = {"zh": "zh-Hans", "en": "en", "zh-hant": "zh-Hant"}
# A language made from another at build time -> the language it is made from.
DERIVED = {"zh-hant": "zh"}
# Languages whose pages are written by hand (a chapter exists on disk in each).
WRITTEN = tuple(lang for lang in LANGS if lang not in DERIVED)
# The columns of each language tree's parallel view: its own Chinese beside the English.
PARALLEL = {"zh": ("zh", "en"), "en": ("zh", "en"), "zh-hant": ("zh-hant", "en")}


def is_zh(lang: str) -> bool:
    """Chinese in either script: Chinese punctuation, pinyin order, Chinese locators."""
    return lang == "zh" or lang.startswith("zh-")


def source_lang(lang: str) -> str:
    """The language a page's text is written in before any conversion."""
    return DERIVED.get(lang, lang)


def suffix(lang: str) -> str:
    """A docs source file's ending in a language: `.md` (default) or `.<lang>.md`."""
    return ".md" if lang == DEFAULT else f".{lang}.md"


def lang_of(src: str) -> str:
    """The language of a docs source path: x.en.md English, x.zh-hant.md Traditional, x.md Chinese."""
    for lang in LANGS:
        if lang != DEFAULT and src.endswith(f".{lang}.md"):
            return lang
    return DEFAULT


def base_of(src: str) -> str:
    """A docs source path without its language and `.md`: reports/x/part-1."""
    return src[: -len(suffix(lang_of(src)))] if src.endswith(".md") else src


def root(lang: str) -> str:
    """A language's folder in the built site: "" for the default, "en/" for English."""
    return "" if lang == DEFAULT else f"{lang}/"
