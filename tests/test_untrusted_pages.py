"""Untrusted input in docs/ and the escaping rules: markers, front matter, text, HTML, CSV."""

from __future__ import annotations

import json

import pytest
from markupsafe import escape

from hooks.data import pagesource
from hooks.rendering import case_markers, downloads, render, sanitize
from hooks.data.safetext import PlainText, md_escape

KNOWN = {"mombasa-nairobi-sgr": 1}
PAGE = "docs/reports/x/part-1.md"


def expand(markdown: str, offset: int = 0) -> str:
    return case_markers.expand(markdown, PAGE, KNOWN, lambda cid: f"BOX({cid})", line_offset=offset)


def marker_error(markdown: str, offset: int = 0) -> str:
    with pytest.raises(case_markers.MarkerError) as info:
        expand(markdown, offset)
    return str(info.value)


def test_marker_becomes_a_box():
    assert expand("a\n\n<!-- case: mombasa-nairobi-sgr -->\n\nb") == "a\n\nBOX(mombasa-nairobi-sgr)\n\nb"


HINT = "write `<!-- case: <id> -->` (lowercase, one case id) on a line of its own"
BAD_MARKERS = [
    ("capital C", "<!-- Case: mombasa-nairobi-sgr -->"),
    ("no colon", "<!-- case mombasa-nairobi-sgr -->"),
    ("two ids", "<!-- case: mombasa-nairobi-sgr thwake-dam-kenya -->"),
    ("inline", "see <!-- case: mombasa-nairobi-sgr --> here"),
    ("unclosed", "<!-- case: mombasa-nairobi-sgr"),
    ("id with capitals", "<!-- case: Mombasa -->"),
]


@pytest.mark.parametrize("what,line", BAD_MARKERS, ids=[b[0] for b in BAD_MARKERS])
def test_lookalike_markers_are_errors(what, line):
    assert marker_error(f"intro\n\n{line}\n") == f"{PAGE}:3: case marker: not a valid marker {line.strip()!r}: {HINT}"


def test_unknown_marker_names_the_real_line_after_front_matter():
    source = "---\ntitle: T\ndescription: D\n---\n\nintro\n\n<!-- case: no-such-case -->\n"
    offset = pagesource.body_offset(source)
    body = source.split("---\n", 2)[2].lstrip("\n")
    assert marker_error(body, offset) == f"{PAGE}:8: case marker: unknown case id 'no-such-case'"


def test_a_bad_marker_after_a_long_box_still_names_its_own_line():
    """Markers of each kind are expanded in turn; what one kind expands to (a box of many lines)
    is held back until the last, so the next kind still counts the page's own lines."""
    from hooks.rendering import cite_markers
    page = "intro\n\n<!-- report-citation: green-silk-road-2023 -->\n\ntext\n\n<!-- case: no-such-case -->\n"
    box = "<div>\n" + "line\n" * 20 + "</div>"
    held = case_markers.Held()
    out = cite_markers.expand(page, PAGE, {"green-silk-road-2023": 1}, held(lambda rid: box))
    with pytest.raises(case_markers.MarkerError, match=rf"^{PAGE}:7: case marker: unknown case id 'no-such-case'$"):
        case_markers.expand(out, PAGE, KNOWN, held(lambda cid: "BOX"))
    good = out.replace("no-such-case", "mombasa-nairobi-sgr")
    done = held.release(case_markers.expand(good, PAGE, KNOWN, held(lambda cid: f"BOX({cid})")))
    assert done == f"intro\n\n{box}\n\ntext\n\nBOX(mombasa-nairobi-sgr)\n"
    forged = f"\x00{'0' * 16}:0\x00"  # a stand-in without the nonce stays as written
    assert held.release(forged) == forged


def test_markers_in_code_are_text():
    page = "```md\n<!-- case: no-such-case -->\n<!-- Case: x -->\n```\n\n`<!-- case x -->` is the form\n"
    assert expand(page) == page


FRONT = [
    ("broken YAML", "---\ntitle: A: b\ndescription: D\n---\n",
     f"{PAGE}:2: front matter: not valid YAML: mapping values are not allowed in this context"),
    ("not closed", "---\ntitle: T\n\n# Heading\n", f"{PAGE}:1: front matter: not closed: end it with a line '---'"),
    ("missing", "# Heading\n", f"{PAGE}:1: front matter: missing: start the page with '---', "
                               "`title:` and `description:` lines, and '---'"),
    ("unknown key", "---\ntitle: T\ndescription: D\ntemplate: x.html\n---\n",
     f"{PAGE}:4: front matter.template: unknown field (allowed: description, hide, search, title)"),
    ("missing description", "---\ntitle: T\n---\n", f"{PAGE}:1: front matter.description: required field is missing"),
    ("HTML in the title", "---\ntitle: <script>x</script>\ndescription: D\n---\n",
     f"{PAGE}:2: front matter.title: HTML is not allowed in text fields (found <script>); write plain text"),
    ("alias", "---\ntitle: &t T\ndescription: *t\n---\n",
     f"{PAGE}:2: front matter: anchors (&t) are not allowed: write the value out"),
    ("bidi control", "---\ntitle: \"T\\u202e\"\ndescription: D\n---\n",
     f"{PAGE}:2: front matter.title: contains the invisible or control character U+202E: remove it"),
]


@pytest.mark.parametrize("what,source,message", FRONT, ids=[f[0] for f in FRONT])
def test_bad_front_matter(what, source, message):
    with pytest.raises(pagesource.PageError) as info:
        pagesource.check(source, PAGE)
    assert str(info.value) == message


def test_good_front_matter_with_bom_and_crlf():
    pagesource.check("\ufeff---\r\ntitle: 'A \"quoted\" & < b'\r\ndescription: D\r\n---\r\n\r\nText\r\n", PAGE)
    assert pagesource.body_offset("---\ntitle: T\ndescription: D\n---\n\n\nText") == 6


# -- escaping of text from data/

def test_plain_text_is_escaped_for_html_and_markdown():
    text = PlainText("""a "b" 'c' & <d> [x](javascript:alert(1)) {onclick=alert(1)} *e* `f` |g| !h""")
    out = str(escape(text))
    for raw in ('"', "'", "<", ">", "[", "]", "(", ")", "{", "}", "*", "`", "|", "!"):
        assert raw not in out, raw
    assert "&amp;" in out and "&quot;" in out


def test_line_start_syntax_is_escaped():
    assert str(md_escape("- item")) == "&#45; item"
    assert str(md_escape("1. item")) == "1&#46; item"
    assert str(md_escape("6.5米以上")) == "6.5米以上"
    assert str(md_escape("-2.65")) == "-2.65"


def test_front_matter_helper_survives_any_text():
    import yaml
    title = 'A "q": \'x\' # 𠀀 😀 ---\nnext'
    block = str(render.front_matter(title=title, description="d: e"))
    assert block.startswith("---\n") and block.endswith("---\n")
    assert yaml.safe_load(block.strip("-\n")) == {"title": title, "description": "d: e"}


def test_anchor_helper_accepts_slugs_only():
    assert str(render.anchor("year-2017")) == "{#year-2017}"
    with pytest.raises(ValueError):
        render.anchor("x} onclick=alert(1) {")


SANITISE = [
    ('<script>alert(1)</script><p>ok</p>', '<p>ok</p>'),
    ('<img src="x" onerror="alert(1)">', '<img src="x">'),
    ('<a href="javascript:alert(1)">x</a>', '<a>x</a>'),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a>x</a>'),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', ''),
    ('<p style="background:url(x)" onclick="x">t</p>', '<p>t</p>'),
    ('<iframe src="https://evil.example/"></iframe><object data="x"></object>', ''),
    ('<svg><script>alert(1)</script><a href="javascript:x"><circle r="1"/></a></svg>',
     '<svg><a><circle r="1"></circle></a></svg>'),
    ('<h2 id="__config">t</h2>', '<h2>t</h2>'),
    ('<a href="https://example.org/x" title="t">x</a>', '<a href="https://example.org/x" title="t">x</a>'),
    ('<a href="../cases/x/#f">x</a>', '<a href="../cases/x/#f">x</a>'),
    ('<a href="mailto:a@example.org">m</a>', '<a href="mailto:a@example.org">m</a>'),
]


@pytest.mark.parametrize("dirty,clean", SANITISE)
def test_sanitiser(dirty, clean):
    assert sanitize.clean(dirty) == clean


# -- downloads

@pytest.mark.parametrize("cell", ["=HYPERLINK(\"https://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_formulas_are_neutralised(cell):
    assert downloads.csv_cell(cell) == "'" + cell


def test_csv_plain_cells_unchanged():
    assert downloads.csv_cell("Kenya") == "Kenya" and downloads.csv_cell(-1.3) == -1.3


def test_json_never_holds_nan():
    with pytest.raises(ValueError):
        downloads._json({"x": float("nan")})
    assert json.loads(downloads._json({"x": 1.5})) == {"x": 1.5}
