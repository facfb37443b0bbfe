"""Locale-aware formatting of dates, countries and numbers (Babel).

Owns how a value from data/ is written in each language: dates keep the
precision the source gives (2017年 / 2017年5月 / 2017年5月14日 and 2017 /
May 2017 / 14 May 2017), country names come from CLDR, never from our files.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_interval, format_skeleton
from babel.numbers import format_decimal

from ..data.langs import is_zh, source_lang

# Dates and numbers: Babel's locale of each language (zh_Hant for the Traditional edition).
LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB", "zh-hant": "zh_Hant"}


def _locale(lang: str) -> str:
    return LOCALES[lang]


def format_date(value: str, lang: str) -> str:
    """Format "YYYY", "YYYY-MM" or "YYYY-MM-DD" at the precision given."""
    parts = [int(p) for p in value.split("-")]
    day = _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if len(parts) == 3:
        return _babel_date(day, "long", locale=_locale(lang))
    if len(parts) == 2:
        return format_skeleton("yMMMM", day, locale=_locale(lang))
    return format_skeleton("y", day, locale=_locale(lang))


def format_period(start: str | None, end: str | None, lang: str) -> str:
    if start and end:
        sep = "—" if is_zh(lang) else " – "
        return f"{format_date(start, lang)}{sep}{format_date(end, lang)}"
    if start:
        return (f"{format_date(start, lang)}起" if is_zh(lang) else f"from {format_date(start, lang)}")
    return (f"至{format_date(end, lang)}" if is_zh(lang) else f"until {format_date(end, lang)}")


@lru_cache(maxsize=None)
def _territories(lang: str) -> dict:
    return Locale.parse(_locale(lang)).territories


def country_name(code: str, lang: str) -> str:
    """CLDR's name. The Traditional edition takes the mainland (zh_Hans) name, which the page's
    conversion turns into 肯尼亞 as in the reports' text, not CLDR's zh_Hant (Taiwan) 肯亞."""
    return _territories(source_lang(lang)).get(code, code)


def format_number(value: float | int, lang: str) -> str:
    return format_decimal(value, locale=_locale(lang))


def format_range(start: str, end: str | None, lang: str) -> str:
    """A date, or a printed range of two dates of the same precision (18–19 October 2021)."""
    if not end:
        return format_date(start, lang)
    a, b = (_dt.date(*[int(p) for p in (v.split("-") + ["1", "1"])[:3]]) for v in (start, end))
    skeleton = {3: "yMMMMd", 2: "yMMMM", 1: "y"}[len(start.split("-"))]
    if lang == "en" and skeleton == "yMMMMd" and (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {format_skeleton('yMMMM', a, locale=_locale(lang))}"
    return format_interval(a, b, skeleton, locale=_locale(lang))


def format_milestone(phrase: str, date: str, lang: str) -> str:
    """A milestone's phrase (data/vocab/milestones.yml) with its date filled in."""
    return phrase.replace("{date}", format_date(date, lang))
