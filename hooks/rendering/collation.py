"""The reading order of names in each language, and their index letters.

Owns one rule used by every sorted list the site prints (the case index and
its country options, the glossary and its A–Z index): Chinese text sorts as a
Chinese dictionary does, by the pinyin of each character, then its tone,
then the characters themselves; English text sorts alphabetically, ignoring
case, accents and punctuation.

Pinyin comes from pypinyin (pinned in requirements.txt), not ICU collation:
it is a pure-Python wheel, where PyICU needs the ICU C++ library and a
compiler on every machine, and its phrase dictionary reads polyphonic
characters in context (重庆 as chong qing, 银行 as yin hang), which a
per-character collation table cannot. No MkDocs import.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from ..data.langs import is_zh

# Letters, digits and Han characters count for order; punctuation, quotes and
# book-title marks (《》“”) do not.
_NOISE = re.compile(r"[^\w]|_", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
_SYLLABLE = re.compile(r"([a-z]+)([1-5])$")


def _plain_latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=4096)
def sort_key(text: str, lang: str) -> tuple:
    """A key that puts `text` in the reading order of `lang` ("zh" or "en")."""
    text = str(text)
    bare = _NOISE.sub("", text)
    if not is_zh(lang):
        return (_plain_latin(bare), _plain_latin(text), text)
    parts = []
    for token in lazy_pinyin(bare, style=Style.TONE3, neutral_tone_with_five=True,
                             errors=lambda chars: list(_plain_latin(chars))):
        m = _SYLLABLE.fullmatch(token)
        parts.append((m.group(1), int(m.group(2))) if m else (token, 0))
    return (tuple(parts), text)


def initial(text: str, lang: str) -> str:
    """The index letter of a name: A–Z (the pinyin initial of the first character
    in Chinese), or "#" for a name that starts with a digit or anything else."""
    bare = _NOISE.sub("", str(text))
    if not bare:
        return "#"
    first = bare[0]
    if is_zh(lang) and _HAN.match(first):
        first = lazy_pinyin(bare[:2], style=Style.NORMAL)[0][:1]
    letter = _plain_latin(first)[:1].upper()
    return letter if "A" <= letter <= "Z" else "#"
