"""Citations: a page of this site or a source report -> APA 7, GB/T 7714—2015, BibTeX, RIS, CSL-JSON.

Owns how anything on the site is cited. One CSL-JSON item (the data model of
the Citation Style Language, which Zotero, Mendeley and citeproc read) is
built per thing cited; every other form is derived from it:

- APA 7 and GB/T 7714—2015 strings, as HTML (`<i>` for APA's italics) with
  every value escaped. The elements of each style are written out here rather
  than rendered through citeproc-py and the official CSL files: apa.csl drops
  the retrieval date of any dated page (the site's pages change, so APA 7
  §9.16 asks for it), neither style can leave the date for the reader's
  browser to fill in, and citeproc-py splits Chinese personal names
  ("周, . 国梅"). The tests render the same items through citeproc-py with the
  official styles and compare element by element.
- BibTeX through bibtexparser's writer, RIS through rispy's, CSL-JSON as JSON.

The retrieval date (APA) / 引用日期 (GB/T) is the reader's: without `accessed`
the HTML holds a placeholder `<span data-cite-date=…>` that assets/cite.js
fills in when the page opens and again when the citation is copied.

Pure functions; no MkDocs import. Words that depend on the language come in
`words` (data/labels.yml keys `cite_*`).
"""

from __future__ import annotations

import json
import re

import bibtexparser
import rispy
from babel.dates import format_date as _babel_date
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field
from markupsafe import Markup

from ..data.safetext import md_escape
from ..data import langs
from ..data.langs import is_zh

# GB/T 7714—2015 §8.4: what a Chinese document without place or publisher gets.
GBT_NO_PLACE, GBT_NO_PUBLISHER = "[出版地不详]", "[出版者不详]"
GBT_ET_AL = {"zh": "等", "en": "et al."}
CSL_TYPES = {"J": "article-journal", "R": "report", "M": "book", "S": "standard", "Z": "document"}
RIS_TYPES = {"webpage": "ELEC", "article-journal": "JOUR", "report": "RPRT", "book": "BOOK",
             "standard": "STAND", "document": "GOVDOC"}
LANGUAGE = {"zh": "zh-CN", "en": "en", "zh-hant": "zh-Hant"}


# ---------------------------------------------------------------- items

def page_item(item_id: str, *, title: str, site: str, url: str, lang: str, updated: str | None,
              genre: str | None = None) -> dict:
    """A page of this site: a webpage whose author is the site (a group author)."""
    item = {"id": item_id, "type": "webpage", "title": str(title), "author": [{"literal": str(site)}],
            "container-title": str(site), "URL": url, "language": LANGUAGE[lang]}
    if updated:
        item["issued"] = {"date-parts": [_parts(updated)]}
    if genre:
        item["genre"] = str(genre)
    return item


def site_url_of(site_url: str, path: str, lang: str) -> str:
    """The absolute URL of a page (`cases/x/`, `timeline/#id`) in a language."""
    return site_url.rstrip("/") + "/" + langs.root(lang) + path


def case_item(data, case, lang: str, site_url: str, dates: dict[str, str]) -> dict:
    """A case page, dated by the last change of its YAML file."""
    return page_item(f"{case.id}-{lang}", title=case.title(lang), site=data.labels["cite_text"](lang),
                     url=site_url_of(site_url, f"cases/{case.id}/", lang), lang=lang,
                     updated=dates.get(data.case_files.get(case.id, "")))


def event_item(data, event, lang: str, site_url: str, dates: dict[str, str]) -> dict:
    """A timeline event (its permalink), dated by the last change of its YAML file."""
    return page_item(f"{event.id}-{lang}", title=event.title(lang), site=data.labels["cite_text"](lang),
                     url=site_url_of(site_url, f"timeline/#{event.id}", lang), lang=lang,
                     updated=dates.get(data.event_files.get(event.id, "")),
                     genre=data.labels["cite_timeline_entry"](lang))


def report_item(report, lang: str) -> dict:
    """A source report itself, from data/reports.yml (title as printed, its citation block)."""
    c = report.citation
    item = {"id": report.id, "type": CSL_TYPES[c.gbt_type], "title": cited_title(report),
            "issued": {"date-parts": [_parts(report.date)]}, "language": LANGUAGE["zh"]}
    authors = [_csl_name(a, lang) for a in c.authors]
    if authors:
        item["author"] = authors
    if lang == "en":
        item["note"] = f"English title: {c.apa_title_en}"
    if c.description is not None:
        item["genre"] = str(c.description(lang))
    for key, value in (("container-title", c.journal and c.journal("zh")), ("volume", c.volume),
                       ("issue", c.issue), ("page", c.pages), ("publisher", c.publisher and c.publisher(lang)),
                       ("publisher-place", c.place and c.place(lang)), ("DOI", report.doi)):
        if value:
            item[key] = str(value)
    return item


def cited_title(report) -> str:
    """The title as a reference list gives it: no 《》, and the site's short form for a descriptive title."""
    title = report.short.zh if report.title_descriptive else report.title.zh
    return str(title).strip("《》")


def _csl_name(author, lang: str) -> dict:
    if author.person is not None:
        p = author.person
        return {"family": str(p.family), "given": str(p.given)} if lang == "en" else {"literal": str(p.zh)}
    return {"literal": str(author.organisation(lang))}


def _parts(date: str) -> list[int]:
    return [int(p) for p in date.split("-")]


def _iso(item: dict, key: str = "issued") -> str | None:
    parts = item.get(key, {}).get("date-parts", [[]])[0]
    return "-".join(f"{p:0{4 if i == 0 else 2}d}" for i, p in enumerate(parts)) or None


# ---------------------------------------------------------------- HTML strings

def _t(text) -> Markup:
    return md_escape(str(text))


def _accessed(fmt: str, accessed: str | None, placeholder: str, lang: str) -> Markup:
    """The retrieval date, or the placeholder cite.js replaces (`data-cite-date` = its format)."""
    shown = _apa_day(accessed, lang) if accessed and fmt.startswith("apa") else accessed
    return Markup('<span class="site-cite__date" data-cite-date="{}">{}</span>').format(
        fmt, _t(shown or placeholder))


def _apa_day(iso: str, lang: str) -> str:
    """APA's retrieval date: May 2, 2026 / 2026年5月2日."""
    y, m, d = _parts(iso)
    if is_zh(lang):
        return f"{y}年{m}月{d}日"
    return f"{_month(m)} {d}, {y}"


def _month(month: int) -> str:
    import datetime as _dt
    return _babel_date(_dt.date(2000, month, 1), "MMMM", locale="en")


def apa_date(date: str | None, lang: str, words: dict) -> str:
    """APA's date element: (2025, November 3), (2020, September), (2025) or (n.d.)."""
    if not date:
        return words["cite_no_date"]
    parts = _parts(date)
    if is_zh(lang):
        return str(parts[0]) if len(parts) == 1 else \
            f"{parts[0]}年{parts[1]}月" + (f"{parts[2]}日" if len(parts) == 3 else "")
    out = str(parts[0])
    if len(parts) >= 2:
        out += f", {_month(parts[1])}" + (f" {parts[2]}" if len(parts) == 3 else "")
    return out


def _end(text: str) -> str:
    """An element followed by a period, without doubling one already there."""
    return text if text.endswith((".", "?", "!")) else text + "."


def apa_page(item: dict, lang: str, words: dict, accessed: str | None = None) -> Markup:
    """APA 7 for a page of the site (a webpage with a group author that is also the site):
    Author. (Date). *Title* [Description]. Retrieved Month D, YYYY, from URL

    APA omits the site name when it is the author, so it appears once, as the author."""
    author = item["author"][0]["literal"]
    date = apa_date(_iso(item), lang, words)
    title = Markup("<i>{}</i>").format(_t(item["title"]))
    if item.get("genre"):
        title += Markup(" [{}]").format(_t(item["genre"]))
    before, _, after = str(words["cite_retrieved"]).partition("{date}")
    retrieved = _t(before) + _accessed(f"apa-{langs.source_lang(lang)}", accessed, f"[{words['cite_date_placeholder']}]", lang) + \
        _t(after)
    return Markup("{} ({}). {}. {} {}").format(_t(_end(author)), _t(date), title, retrieved, _t(item["URL"]))


def gbt_page(item: dict, lang: str, words: dict, accessed: str | None = None) -> Markup:
    """GB/T 7714—2015 for an online resource (§4.x, 8.8):
    主要责任者. 题名: 其他题名信息[EB/OL]. (更新或修改日期)[引用日期]. 获取和访问路径."""
    title = _t(item["title"])
    if item.get("genre"):
        title += Markup(": ") + _t(item["genre"])
    updated = _iso(item)
    dates = (Markup("({})").format(updated) if updated else Markup("")) + \
        Markup("[{}]").format(_accessed("iso", accessed, words["cite_date_placeholder"], lang))
    return Markup("{} {}[EB/OL]. {}. {}.").format(_t(_end(item["author"][0]["literal"])), title, dates,
                                                  _t(item["URL"]))


def _apa_names(item: dict, lang: str) -> str:
    names = []
    for name in item.get("author", []):
        if "literal" in name:
            names.append(name["literal"])
        else:
            names.append(f"{name['family']}, {name['given'][0]}.")
    if is_zh(lang) or len(names) < 2:
        return ", ".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]  # APA 9.8 (and apa.csl): "A, & B", "A, B, & C"


def apa_report(item: dict, report, lang: str, words: dict) -> Markup:
    """APA 7 for a source report: author, date, title (+ [English title]) and
    [description], publisher, journal details and DOI, each where there is one."""
    c = report.citation
    # APA 10.1, 10.4: a journal article or a report is dated by its year; other documents as printed.
    date = Markup("({}).").format(apa_date(report.date if c.gbt_type == "Z" else report.date[:4], lang, words))
    translated = Markup(" [{}]").format(_t(c.apa_title_en)) if lang == "en" else Markup("")
    described = Markup(" [{}]").format(_t(item["genre"])) if item.get("genre") else Markup("")
    # The reports are Chinese documents: on an English page their title is marked as Chinese.
    zh = Markup(' lang="zh-Hans"') if lang == "en" else Markup("")
    if item["type"] == "article-journal":
        title = Markup("<span{}>{}</span>").format(zh, _t(item["title"])) + translated
    elif report.title_descriptive:
        title = Markup("[<span{}>{}</span>]").format(zh, _t(item["title"])) + translated
    else:
        title = Markup("<i{}>{}</i>").format(zh, _t(item["title"])) + translated
    authors = _apa_names(item, lang)
    if authors:
        parts = [_t(_end(authors)), date, title + described + Markup(".")]
    else:  # APA 9.12: no author, so the title moves to the author position
        parts = [title + described + Markup("."), date]
    if item["type"] == "article-journal":
        source = Markup("<i{}>{}</i>").format(zh, _t(item["container-title"]))
        if item.get("volume"):
            source += Markup(", <i>{}</i>").format(item["volume"])
        if item.get("issue"):
            source += Markup("({})" if item.get("volume") else ", ({})").format(item["issue"])
        if item.get("page"):
            source += Markup(", {}").format(item["page"].replace("-", "–"))
        parts.append(source + Markup("."))
    elif item.get("publisher") and item["publisher"] != authors:
        parts.append(_t(_end(item["publisher"])))
    if item.get("DOI"):
        parts.append(_t("https://doi.org/" + item["DOI"]))
    return Markup(" ").join(parts)


def gbt_report(item: dict, report, lang: str) -> Markup:
    """GB/T 7714—2015 for a source report, in the report's own language (§8.1.1):
    主要责任者. 题名[文献类型标识]. 出版地: 出版者, 出版年.   or, for a journal article,
    主要责任者. 题名[J]. 刊名, 年, 卷(期): 页码. DOI:….  At most three authors, then 等 (§8.1.2)."""
    c = report.citation
    names = [str(a.person.zh) if a.person else str(a.organisation("zh")) for a in c.authors]
    if len(names) > 3:
        names = names[:3] + [GBT_ET_AL["zh"]]
    title = _t(item["title"].replace("——", ": ", 1))
    if report.title_descriptive:
        title = Markup("[{}]").format(title)
    year = report.date[:4]
    head = (_t(_end(", ".join(names))) + Markup(" ") if names else Markup("")) + title + \
        Markup("[{}]. ").format(c.gbt_type)
    if c.gbt_type == "J":
        tail = _t(item["container-title"]) + Markup(", {}").format(year)
        if c.volume:
            tail += Markup(", {}").format(c.volume)
        if c.issue:
            tail += Markup("({})").format(c.issue)
        if c.pages:
            tail += Markup(": {}").format(c.pages)
    else:
        place = c.place("zh") if c.place else GBT_NO_PLACE
        publisher = c.publisher("zh") if c.publisher else GBT_NO_PUBLISHER
        tail = Markup("{}: {}, {}").format(_t(place), _t(publisher), year)
    out = head + tail + Markup(".")
    if report.doi:
        out += Markup(" DOI:{}.").format(_t(report.doi))
    return out


def source_line(report, locator: str, lang: str) -> Markup:
    """The report a record is drawn from, with its locator, as a short citation of its own:
    《Title》（Issuer，2025），专栏一（一） / *Title* (Issuer, 2025), Box 1 (1)."""
    c = report.citation
    names = [str(a.person.zh if is_zh(lang) else f"{a.person.given} {a.person.family}") if a.person
             else str(a.organisation(lang)) for a in c.authors]
    year = report.date[:4]
    if report.title_descriptive:  # the site's own title, which holds the year: in brackets, as in the citations
        return Markup("[{}]{}{}").format(_t(report.short(lang)), "，" if is_zh(lang) else ", ", _t(locator))
    if is_zh(lang):
        who = "、".join(names) + "，" + year if names else year
        return Markup("{}（{}），{}").format(_t(report.title.zh), _t(who), _t(locator))
    who = (", ".join(names) + ", " if names else "") + year
    return Markup("<i>{}</i> ({}), {}").format(_t(report.title.en), _t(who), _t(locator))


def plain(html: str) -> str:
    """The text of a citation as a reader copies it (tags dropped, entities read)."""
    import html as _html
    return _html.unescape(re.sub(r"<[^>]+>", "", str(html)))


# ---------------------------------------------------------------- files

_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
          "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_LATEX_RE = re.compile("[" + re.escape("".join(_LATEX)) + "]")


def _tex(text: str) -> str:
    """A BibTeX field value: LaTeX's special characters escaped (URLs and DOIs stay as they are)."""
    return _LATEX_RE.sub(lambda m: _LATEX[m.group()], str(text))


def bibtex(items: list[dict]) -> str:
    """BibTeX (biblatex types and fields, which Zotero, JabRef and biber read)."""
    entries = []
    for item in items:
        kind = {"webpage": "online", "article-journal": "article", "report": "report",
                "book": "book", "standard": "standard", "document": "misc"}[item["type"]]
        fields = []
        names = item.get("author", [])
        if names:
            fields.append(Field("author", " and ".join(
                "{" + _tex(n["literal"]) + "}" if "literal" in n else f"{_tex(n['family'])}, {_tex(n['given'])}"
                for n in names)))
        fields.append(Field("title", "{" + _tex(item["title"]) + "}"))
        date = _iso(item)
        if date:
            fields += [Field("date", date), Field("year", date[:4])]
        for key, field in (("container-title", "journaltitle" if kind == "article" else "organization"),
                           ("volume", "volume"), ("issue", "number"), ("page", "pages"),
                           ("publisher", "publisher"), ("publisher-place", "location"),
                           ("genre", "type"), ("note", "note")):
            if item.get(key) and not (kind == "online" and key == "container-title"):
                value = item[key].replace("-", "--") if key == "page" else _tex(item[key])
                fields.append(Field(field, value))
        if item.get("URL"):
            fields.append(Field("url", item["URL"]))
        if item.get("DOI"):
            fields.append(Field("doi", item["DOI"]))
        fields.append(Field("langid", "chinese" if item["language"].startswith("zh") else "english"))
        entries.append(Entry(kind, _key(item), fields))
    return bibtexparser.write_string(Library(entries))


def _key(item: dict) -> str:
    return re.sub(r"[^a-z0-9-]", "-", item["id"].lower())


class _RisWriter(rispy.RisWriter):
    def set_header(self, count):
        return ""  # no "1." line before each record: not part of RIS


def ris(items: list[dict]) -> str:
    """RIS, the tagged format every reference manager imports."""
    refs = []
    for item in items:
        ref = {"type_of_reference": RIS_TYPES[item["type"]], "title": item["title"],
               "language": item["language"]}
        names = [n["literal"] if "literal" in n else f"{n['family']}, {n['given']}" for n in item.get("author", [])]
        if names:
            ref["authors"] = names
        date = _iso(item)
        if date:
            parts = date.split("-")
            ref["year"] = parts[0]
            ref["date"] = "/".join(parts + [""] * (3 - len(parts))) + "/"
        for key, tag in (("container-title", "secondary_title"), ("volume", "volume"), ("issue", "number"),
                         ("publisher", "publisher"), ("publisher-place", "place_published"), ("DOI", "doi"),
                         ("genre", "type_of_work")):
            if item.get(key):
                ref[tag] = item[key]
        if item.get("page"):
            first, _, last = item["page"].partition("-")
            ref["start_page"] = first
            if last:
                ref["end_page"] = last
        if item.get("URL"):
            ref["urls"] = [item["URL"]]
        if item.get("note"):
            ref["notes"] = [item["note"]]
        refs.append(ref)
    return rispy.dumps(refs, implementation=_RisWriter)


def csl_json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"
