"""Where the reports disagree: data/disagreements.yml, shown in place and on one page per language.

Bad input to every new field gets one exact `path:line: field: message`; the
markers are as strict as case markers; on the built site every record is on
the collected page of each language, in place wherever it applies, with links
to every place it appears and to the report sections that cover its versions;
and every conflict that ../shared/CONTENT.md lists is covered or recorded as
not a conflict.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest

from conftest import ROOT
from hooks.data import langs, sitedata
from hooks.rendering import case_markers, disagreement_markers, hant, render
from test_untrusted_data import CASE_FILE, EVENTS, data_dir, edit, problems  # noqa: F401 (fixture)

FILE = "data/disagreements.yml"
GOOD = """\
- id: partner-count
  topic: numbers
  title: {zh: 伙伴数量, en: Number of partners}
  facts:
    - source: {report: green-silk-road-2023, locator: 前言}
      as_stated: 150余家
      says: {zh: 150余家, en: more than 150}
      as_of: "2023-08"
    - source: {report: eco-friendly-modernization-2025, locator: §2.3}
      as_stated: 51家
      says: {zh: 51家, en: "51"}
  reading: {zh: 口径不同。, en: The scopes differ.}
  outside: {zh: 报告以外的资料。, en: A fact from outside.}
"""
D = "[partner-count]"
SECOND_VERSION = """\
    - source: {report: eco-friendly-modernization-2025, locator: §2.3}
      as_stated: 51家
      says: {zh: 51家, en: "51"}
"""


@pytest.fixture
def with_record(data_dir):  # noqa: F811
    (data_dir / "disagreements.yml").write_text(GOOD, encoding="utf-8")
    return data_dir


def test_the_fixture_record_loads(with_record):
    record = sitedata.load_site(with_record, year=2026).disagreements["partner-count"]
    assert record.conflict and record.facts[0].as_of == "2023-08" and record.topic == "numbers"


# (what, old, new, expected) edits of the record.
BAD_RECORD = [
    ("unknown topic", "topic: numbers", "topic: counts",
     [f"{FILE}:2: {D}.topic: unknown topic 'counts' (see data/vocab/disagreement-topics.yml)"]),
    ("id not a slug", "id: partner-count", "id: Partner_Count",
     [f"{FILE}:1: [Partner_Count].id: 'Partner_Count' is not a slug (lowercase a-z, 0-9 and single hyphens)"]),
    ("unknown field", "  topic: numbers\n", "  topic: numbers\n  verdict: wrong\n",
     [f"{FILE}:3: {D}.verdict: unknown field"]),
    ("title without English", "title: {zh: 伙伴数量, en: Number of partners}", "title: {zh: 伙伴数量}",
     [f"{FILE}:3: {D}.title.en: required field is missing"]),
    ("HTML in the title", "en: Number of partners}", "en: Number <b>of</b> partners}",
     [f"{FILE}:3: {D}.title.en: HTML is not allowed in text fields (found <b>); write plain text"]),
    ("no versions", "  facts:\n" + GOOD.split("  facts:\n")[1].split("  reading:")[0], "  facts: []\n",
     [f"{FILE}:4: {D}.facts: must not be empty"]),
    ("version without its figure", "      as_stated: 150余家\n", "",
     [f"{FILE}:5: {D}.facts[0].as_stated: required field is missing"]),
    ("empty figure", "as_stated: 150余家", 'as_stated: " "',
     [f"{FILE}:6: {D}.facts[0].as_stated: must not be empty"]),
    ("version without a source", "    - source: {report: green-silk-road-2023, locator: 前言}\n      as_stated",
     "    - as_stated", [f"{FILE}:5: {D}.facts[0].source: required field is missing"]),
    ("unknown report", "report: green-silk-road-2023, locator: 前言", "report: no-such-report, locator: 前言",
     [f"{FILE}:5: {D}.facts[0].source.report: unknown report 'no-such-report' (see data/reports.yml)"]),
    ("unknown section", "report: green-silk-road-2023, locator: 前言", "report: green-silk-road-2023, locator: 第九章",
     [f"{FILE}:5: {D}.facts[0].source.locator: '第九章' is not a section of green-silk-road-2023 "
      "(see `sections` in data/reports.yml)"]),
    ("says without English", "says: {zh: 150余家, en: more than 150}", "says: {zh: 150余家}",
     [f"{FILE}:7: {D}.facts[0].says.en: required field is missing"]),
    ("bad as-of date", 'as_of: "2023-08"', 'as_of: "2023-8"',
     [f"{FILE}:8: {D}.facts[0].as_of: '2023-8' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"]),
    ("as-of date in the future", 'as_of: "2023-08"', 'as_of: "2999"',
     [f"{FILE}:8: {D}.facts[0].as_of: '2999' is after 2026: an as-of date cannot be in the future"]),
    ("reading and not_a_conflict", "  outside:", "  not_a_conflict: {zh: 一致。, en: They agree.}\n  outside:",
     [f"{FILE}:1: {D}: give either `reading` (the site's reading of a real disagreement) "
      "or `not_a_conflict` (why the versions agree), not both"]),
    ("neither reading nor not_a_conflict", "  reading: {zh: 口径不同。, en: The scopes differ.}\n", "",
     [f"{FILE}:1: {D}: give either `reading` (the site's reading of a real disagreement) "
      "or `not_a_conflict` (why the versions agree), not both"]),
    ("one version and nothing outside", SECOND_VERSION + "  reading: {zh: 口径不同。, en: The scopes differ.}\n"
     "  outside: {zh: 报告以外的资料。, en: A fact from outside.}\n", "  reading: {zh: 口径不同。, en: The scopes differ.}\n",
     [f"{FILE}:1: {D}: a disagreement needs two versions in `facts`, or one and an `outside` fact"]),
    ("reading without Chinese", "reading: {zh: 口径不同。, en: The scopes differ.}", "reading: {en: The scopes differ.}",
     [f"{FILE}:12: {D}.reading.zh: required field is missing"]),
    ("outside not a pair", "outside: {zh: 报告以外的资料。, en: A fact from outside.}", "outside: A fact",
     [f"{FILE}:13: {D}.outside: must be a mapping of fields"]),
    ("not_a_conflict without English", "  reading: {zh: 口径不同。, en: The scopes differ.}",
     "  not_a_conflict: {zh: 一致。}", [f"{FILE}:12: {D}.not_a_conflict.en: required field is missing"]),
    ("duplicate id", "", GOOD,
     [f"{FILE}:14: {D}.id: duplicate disagreement id (first defined at {FILE}:1)"]),
]


@pytest.mark.parametrize("what,old,new,expected", BAD_RECORD, ids=[c[0] for c in BAD_RECORD])
def test_bad_disagreement_input(with_record, what, old, new, expected):
    path = with_record / "disagreements.yml"
    if old:
        edit(path, old, new)
    else:
        path.write_text(GOOD + new, encoding="utf-8")
    assert problems(with_record) == expected


def test_a_checked_point_needs_only_one_version(with_record):
    edit(with_record / "disagreements.yml", SECOND_VERSION, "")
    edit(with_record / "disagreements.yml", "  reading: {zh: 口径不同。, en: The scopes differ.}",
         "  not_a_conflict: {zh: 一致。, en: They agree.}")
    assert not sitedata.load_site(with_record, year=2026).disagreements["partner-count"].conflict


def test_case_and_event_name_known_records(with_record):
    edit(with_record / "cases" / "good-case.yml", "location:", "disagreements: [no-such-point]\nlocation:")
    edit(with_record / "timeline" / "events.yml", "cases: [good-case]", "cases: [good-case]\n  disagreements: [partner-count, other]")
    assert problems(with_record) == [
        f"{CASE_FILE}:19: disagreements[0]: unknown disagreement id 'no-such-point' (see data/disagreements.yml)",
        f"{EVENTS}:8: [2017-05-14-forum].disagreements[1]: unknown disagreement id 'other' (see data/disagreements.yml)"]


def test_bad_topic_vocabulary(with_record):
    edit(with_record / "vocab" / "disagreement-topics.yml", "- id: numbers\n  label: {zh: 数量：伙伴、国家与规模, ",
         "- id: numbers\n  label: {")
    assert problems(with_record) == ["data/vocab/disagreement-topics.yml:4: [numbers].label.zh: required field is missing"]


def test_empty_disagreements_file(with_record):
    (with_record / "disagreements.yml").write_text("# none yet\n", encoding="utf-8")
    assert problems(with_record) == [f"{FILE}:1: (file): file is empty: it must hold a list of entries (or be deleted)"]


# ---------------------------------------------------------------- markers

PAGE = "docs/reports/x/part-1.md"
KNOWN = {"brigc-size": 1, "unep-mou-period": 1}


def expand(markdown: str, offset: int = 0) -> str:
    return disagreement_markers.expand(markdown, PAGE, KNOWN, lambda i: f"BOX({i})", line_offset=offset)


def errors(markdown: str, offset: int = 0) -> str:
    with pytest.raises(case_markers.MarkerError) as info:
        expand(markdown, offset)
    return str(info.value)


def test_marker_becomes_the_box():
    assert expand("a\n\n<!-- disagreement: brigc-size -->\n\nb") == "a\n\nBOX(brigc-size)\n\nb"


@pytest.mark.parametrize("line", [
    "<!-- Disagreement: brigc-size -->", "<!-- disagreement brigc-size -->",
    "<!-- disagreement: brigc-size unep-mou-period -->", "text <!-- disagreement: brigc-size -->",
    "<!-- disagreements: brigc-size -->"])
def test_lookalike_markers_are_errors(line):
    assert errors(f"intro\n\n{line}\n") == (
        f"{PAGE}:3: disagreement marker: not a valid marker {line!r}: write "
        "`<!-- disagreement: <id> -->` (lowercase, one id) on a line of its own")


def test_unknown_and_repeated_markers_name_their_lines():
    page = "<!-- disagreement: no-such -->\n\n<!-- disagreement: brigc-size -->\n\n<!-- disagreement: brigc-size -->\n"
    assert errors(page, offset=4).split("\n") == [
        f"{PAGE}:5: disagreement marker: unknown disagreement id 'no-such' (see data/disagreements.yml)",
        f"{PAGE}:9: disagreement marker: 'brigc-size' is already shown on this page (line 7): show a record once per page"]


def test_markers_in_code_are_text():
    page = "```\n<!-- disagreement: no-such -->\n```\n\n`<!-- Disagreement: x -->`\n"
    assert expand(page) == page
    assert disagreement_markers.scan(page) == []


# ---------------------------------------------------------------- the real data

DATA = sitedata.load_site(ROOT / "data")
RECORDS = list(DATA.disagreements.values())
PLACES = disagreement_markers.places(ROOT / "docs")

# Every conflict ../shared/CONTENT.md lists ("Known conflicts and slips in the sources") -> its record(s).
CONTENT_CONFLICTS = {
    "UNEP MoU on a green Belt and Road — period and signing date": ["unep-mou-period", "ministry-name-2016-2017"],
    "'10-100-1000' (十百千) announcement": ["ten-hundred-thousand-announcement"],
    "Green Development Partnership Initiative — number of countries": ["green-development-partnership-countries"],
    "BRI International Green Development Coalition — size": ["brigc-size"],
    "Green Silk Road Envoys / climate training totals": ["climate-training-totals"],
    "Digital economy & green development framework initiative — participants": ["digital-economy-initiative-participants"],
    "South-South climate MoUs": ["south-south-climate-mous"],
    "GIP dating": ["gip-launch-date", "gip-size-wording"],
    "IPSF launch year": ["ipsf-launch-year"],
    "ASEAN / GMS biodiversity programme names": ["asean-gms-programme-names"],
    "CBD 2050 Vision wording": ["cbd-2050-vision-wording"],
    "Kubuqi spelling": ["kubuqi-spelling"],
    "Belt and Road proposal date": ["belt-and-road-proposal-date"],
    "No new coal power abroad": ["no-new-coal-power-abroad"],
    "Annex order": ["annex-order"],
    "Ministry name anachronism": ["ministry-name-2016-2017"],
}
CONTENT = ROOT.parent / "shared" / "CONTENT.md"


@pytest.mark.skipif(not CONTENT.exists(), reason="../shared is not beside the checkout")
def test_the_mapping_lists_every_conflict_of_the_checklist():
    text = CONTENT.read_text(encoding="utf-8").split("## Known conflicts and slips in the sources", 1)[1]
    listed = re.findall(r"^- \*\*(.+?)\*\*", text.split("\n## ", 1)[0], re.MULTILINE)
    assert len(listed) == 16
    assert set(listed) == set(CONTENT_CONFLICTS)


@pytest.mark.parametrize("conflict", sorted(CONTENT_CONFLICTS))
def test_every_checklist_conflict_is_covered_or_explained(conflict):
    for record_id in CONTENT_CONFLICTS[conflict]:
        record = DATA.disagreements[record_id]
        assert record.reading or record.not_a_conflict  # a reading, or the reason it is not a conflict


@pytest.mark.parametrize("record", RECORDS, ids=[r.id for r in RECORDS])
def test_every_conflict_is_shown_in_place(record):
    places = PLACES.get(record.id, []) + [c.id for c in DATA.cases.values() if record.id in c.disagreements] + \
        [e.id for e in DATA.events if record.id in e.disagreements]
    assert places or not record.conflict, f"{record.id} is shown nowhere but on /disagreements/"


PREFIXES = {"": "zh", "en/": "en", "zh-hant/": "zh-hant"}


def shown(text, lang: str) -> str:
    """A record's text as a page in `lang` prints it (the Traditional edition converts it)."""
    return hant.convert(str(text)) if lang in langs.DERIVED else str(text)


def built(src: str, prefix: str = "") -> str:
    """The built file of a docs page (`reports/x/p.md` -> `reports/x/p/index.html`)."""
    base = src.removesuffix(".md")
    return prefix + (base + ".html" if base.endswith("index") else base + "/index.html")


def _resolve(page: str, href: str) -> tuple[str, str]:
    """(built file, fragment) a relative link on site page `page` points at."""
    url = urlparse(urljoin("http://site/" + page, href))
    path = url.path.lstrip("/")
    return (path + "index.html" if path.endswith("/") or not path else path), url.fragment


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_every_record_is_on_the_page_with_its_versions_and_the_sites_reading(site, prefix):
    lang = PREFIXES[prefix]
    soup = site.soup(f"{prefix}disagreements/index.html")
    labels = {k: shown(v(lang), lang) for k, v in DATA.labels.items()}
    topics = [h.get_text(strip=True).rstrip("¶") for h in soup.select("h2[id^=topic-]")]
    assert topics == [shown(t.label(lang), lang) for t in DATA.disagreement_topics.values()
                      if any(r.topic == t.id for r in RECORDS)]
    for record in RECORDS:
        heading = soup.find("h3", id=record.id)
        assert heading is not None, record.id
        assert heading.find_previous("h2")["id"] == f"topic-{record.topic}"
        section = []
        for el in heading.find_next_siblings():
            if el.name in ("h2", "h3", "aside"):
                break
            section.append(el)
        text = " ".join(el.get_text(" ") for el in section)
        rows = [tr for el in section for tr in el.select("tbody tr")]
        assert len(rows) == len(record.facts), record.id
        for row, version in zip(rows, record.facts, strict=True):
            report = DATA.reports[version.source.report]
            cells = row.find_all("td")
            assert shown(report.short(lang), lang) in cells[0].get_text() and \
                re.search(report.date[:4], cells[0].get_text()), record.id
            # the printed form, kept in Simplified (the Traditional edition shows it converted beside)
            printed = cells[3].select_one('[lang="zh-Hans"]')
            assert (printed.get_text() if printed else cells[3].get_text(strip=True)) == version.as_stated
            assert shown(version.says(lang), lang) in cells[2].get_text()
        mark = labels["disagreement_reading"] if record.conflict else labels["disagreement_why"]
        assert mark in text and shown((record.reading or record.not_a_conflict)(lang), lang) in text
        if record.outside:
            assert labels["disagreement_outside"] in text and shown(record.outside(lang), lang) in text


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_each_entry_links_to_every_place_and_to_the_sections_of_its_versions(site, prefix):
    soup = site.soup(f"{prefix}disagreements/index.html")
    page = f"{prefix}disagreements/"
    for record in RECORDS:
        heading = soup.find("h3", id=record.id)
        links = []
        for el in heading.find_next_siblings():
            if el.name in ("h2", "h3", "aside"):
                break
            links += [a["href"] for a in el.find_all("a", href=True)]
        targets = {_resolve(page, href) for href in links if not urlparse(href).scheme}
        # every place that shows the record, with the anchor of its box
        for src in PLACES.get(record.id, []):
            assert (built(src, prefix), f"disagreement-{record.id}") in targets, (record.id, src)
        for case in DATA.cases.values():
            if record.id in case.disagreements:
                assert (f"{prefix}cases/{case.id}/index.html", f"disagreement-{record.id}") in targets
        for event in DATA.events:
            if record.id in event.disagreements:
                assert (f"{prefix}timeline/index.html", event.id) in targets
        # each version's locator links to the page that covers it (reports.yml `pages`)
        for version in record.facts:
            covering = DATA.reports[version.source.report].page_for(version.source.locator)
            expected = f"{prefix}{covering}/index.html" if covering != "timeline" else f"{prefix}timeline/index.html"
            assert any(path == expected for path, _ in targets), (record.id, version.source.locator)
        # and every link resolves to a built page holding its anchor
        for path, fragment in targets:
            assert (site.root / path).exists(), (record.id, path)
            if fragment:
                assert site.soup(path).find(id=fragment) is not None, (record.id, path, fragment)


def test_every_record_renders_in_place_in_every_language(site):
    for record in RECORDS:
        for prefix, lang in PREFIXES.items():
            for src in PLACES.get(record.id, []):
                path = built(src, prefix)
                box = site.soup(path).find(id=f"disagreement-{record.id}")
                assert box is not None and "site-disagreement" in box["class"], (path, record.id)
                assert shown(record.title(lang), lang) in box.get_text()
                assert all(v.as_stated in box.get_text() for v in record.facts)
            for case in DATA.cases.values():
                if record.id in case.disagreements:
                    box = site.soup(f"{prefix}cases/{case.id}/index.html").find(id=f"disagreement-{record.id}")
                    assert box is not None, (case.id, record.id)
            for event in DATA.events:
                if record.id in event.disagreements:
                    article = site.soup(f"{prefix}timeline/index.html").find("article", id=event.id)
                    assert article.find(id=f"{event.id}-disagreement-{record.id}") is not None, (event.id, record.id)


def test_the_2023_question_has_an_answer(site):
    """Which figure is right for 2023, and who says so? The BRIGC entry names both 2023 reports,
    their figures and the one dated figure, and says whose reading the answer is."""
    soup = site.soup("en/disagreements/index.html")
    heading = soup.find("h3", id="brigc-size")
    table = heading.find_next("table")
    rows = {tr.find_all("td")[0].get_text(" ", strip=True): tr.get_text(" ", strip=True) for tr in table.select("tbody tr")}
    in_2023 = [text for who, text in rows.items() if "(2023)" in who]
    assert any("近160家" in text for text in in_2023) and any("August 2023" in text for text in in_2023)
    reading = table.find_next("p").get_text()
    assert reading.startswith("The site's reading") and "August 2023" in reading


def test_disagreements_page_is_in_the_nav_of_both_languages(site):
    zh = [a.get_text(strip=True) for a in site.soup("index.html").select("a.md-tabs__link")]
    en = [a.get_text(strip=True) for a in site.soup("en/index.html").select("a.md-tabs__link")]
    assert "说法不一" in zh and "Where the reports disagree" in en


def test_no_editor_note_about_a_recorded_conflict_is_left(site):
    """The notes the records replace are gone from the data (the records say it once)."""
    texts = [n.zh + n.en for c in DATA.cases.values() for n in c.notes] + \
        [n.zh + n.en for e in DATA.events for n in e.notes]
    for phrase in ("2019—2022", "巴黎大会", "31个国家", "库布齐", "世界竹藤组织", "本站按日期排列",
                   "2013年秋", "IPSF于2019年10月18日"):
        assert not any(phrase in t for t in texts), phrase


def test_render_module_knows_the_page():
    assert render.generated_pages(DATA)["disagreements.md"] == ("disagreements", None)
    assert render.generated_pages(DATA)["disagreements.en.md"] == ("disagreements", None)
