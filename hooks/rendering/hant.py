"""Traditional Chinese from Simplified: OpenCC's `s2t`, script only.

`s2t` changes the script and nothing else (发展→發展, 软件→軟件); it does not swap
mainland words for Taiwan or Hong Kong ones (軟體, 網路), so the Traditional
edition says what the Simplified one says, word for word. Country names
follow the same rule (肯尼亞, as the reports' own text converts, not CLDR's
Taiwan form 肯亞).

Everything is converted exactly once: s2t applied to its own output is not
s2t (干擾 becomes 幹擾, 註明了 becomes 註明瞭). So records, labels and titles
stay Simplified through rendering (models.Text gives the Simplified text for
zh-hant), and each page's Markdown is converted as a whole once its markers
are expanded (hooks/glue/main.py); what reaches a reader without passing through
Markdown (head metadata, glossary tooltips, the page foot, parallel-view
headings, citation files, search labels) is converted where it is made.

What a report printed stays available in the form it was printed: a span of
text wrapped by `keep()` is left as it is by `convert_marked()`. The renderer
wraps `as_stated` records in it (render.py `printed`). No MkDocs import.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import langs

# Private-use characters around a span that conversion must leave alone; stripped afterwards.
KEEP_OPEN, KEEP_CLOSE = "\ue000", "\ue001"
_KEPT = re.compile(f"{KEEP_OPEN}(.*?){KEEP_CLOSE}", re.DOTALL)

_converter = None

# Material 9.8.1's own zh-Hant strings hold two Simplified characters (footer "頁脚" and
# "找到 1 个符合條件的結果"); its template cannot be overridden under the same name, so the
# built page is mended (hooks/glue/main.py). tests/test_hant.py finds any other such string.
MATERIAL_STRINGS = {"頁脚": "頁腳", "找到 1 个符合條件的結果": "找到 1 個符合條件的結果"}


def _cc():
    global _converter
    if _converter is None:
        import opencc  # loaded on first use: the other languages never need it
        _converter = opencc.OpenCC("s2t")
    return _converter


@lru_cache(maxsize=1 << 15)
def convert(text: str) -> str:
    """Simplified -> Traditional (short texts are cached: labels and titles repeat)."""
    return _cc().convert(text) if text else text


def convert_text(text: str) -> str:
    """Long text (a whole page), not cached."""
    return _cc().convert(text) if text else text


_back = None


def simplify(text: str) -> str:
    """Traditional -> Simplified (OpenCC t2s): for cutting Traditional text into words the way
    jieba cuts Simplified (search_zh.py); never for anything a reader sees."""
    global _back
    if _back is None:
        import opencc
        _back = opencc.OpenCC("t2s")
    return _back.convert(text) if text else text


def keep(text: str) -> str:
    """`text`, marked to be left unconverted."""
    return f"{KEEP_OPEN}{text}{KEEP_CLOSE}"


def convert_marked(text: str) -> str:
    """Convert everything outside the `keep()` spans; drop the marks (and stray ones)."""
    out, last = [], 0
    for m in _KEPT.finditer(text):
        out.append(convert_text(text[last:m.start()]))
        out.append(m.group(1))
        last = m.end()
    out.append(convert_text(text[last:]))
    return "".join(out).replace(KEEP_OPEN, "").replace(KEEP_CLOSE, "")


def mend_material(html: str) -> str:
    """A built Traditional page with Material's Simplified slips replaced."""
    for wrong, right in MATERIAL_STRINGS.items():
        html = html.replace(wrong, right)
    return html


def twins(docs_dir) -> dict[str, str]:
    """The Traditional page of every hand-written Simplified page: `x.zh-hant.md` -> `x.md`
    (paths relative to docs/). Raises ValueError naming any Traditional file kept by hand."""
    from pathlib import Path

    root = Path(docs_dir)
    out, kept = {}, []
    for path in sorted(root.rglob("*.md")):
        src = path.relative_to(root).as_posix()
        lang = langs.lang_of(src)
        if lang in langs.DERIVED:
            kept.append(f"docs/{src}")
        elif lang == langs.DEFAULT:
            for derived, source in langs.DERIVED.items():
                if source == lang:
                    out[langs.base_of(src) + langs.suffix(derived)] = src
    if kept:
        raise ValueError(f"{kept[0]}:1: (file): the Traditional edition is made from the Simplified "
                         f"page at build time; edit {kept[0].rsplit('.', 2)[0]}.md and delete this file")
    return out


def derive_titles(titles: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Page titles by base path and language; a Traditional page's is its Simplified title, which
    is converted with the page that prints it."""
    for by_lang in titles.values():
        for derived, source in langs.DERIVED.items():
            if source in by_lang:
                by_lang[derived] = by_lang[source]
    return titles


def convert_values(value):
    """A JSON-like value (dict, list, str) with every string converted: for what reaches a
    reader without passing through a page's Markdown (head metadata, citation files)."""
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, dict):
        return {k: convert_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [convert_values(v) for v in value]
    return value
