"""What a page says about itself at its foot: when it last changed, and how to report an error.

Owns two small facts per page, both computed from data the build already has:

- the last change: the newest commit date (gitdates.last_changes) among the
  files a page is drawn from — its Markdown file for a hand-written page, the
  case's YAML file for a case page, the timeline files for the timeline, and
  so on — written in the page's language (2026年11月22日 / 22 November 2026);
- the "report an error" link: a new issue on the repository, its title and
  body prefilled with the page's URL, its language and, on a case page, the
  case id, so a reader needs no account set-up beyond the forge's own.

No MkDocs import.
"""

from __future__ import annotations

from urllib.parse import urlencode

from . import formatting, hant
from ..data import langs
from ..data.sitedata import SiteData

LANGUAGE_NAMES = {"zh": "简体中文 (zh-Hans)", "en": "English (en)", "zh-hant": "繁體中文 (zh-Hant)"}


def source_files(data: SiteData, src: str, kind: str | None, record_id: str | None) -> list[str]:
    """Repository paths a page is drawn from."""
    if kind is None:  # the Traditional edition is drawn from the Simplified page
        return [f"docs/{langs.base_of(src)}{langs.suffix(langs.source_lang(langs.lang_of(src)))}"]
    if kind == "case":
        return [data.case_files[record_id]]
    if kind == "timeline":
        return sorted(set(data.event_files.values()))
    if kind == "glossary":
        return ["data/glossary.yml"]
    if kind == "case_index":
        return sorted(data.case_files.values())
    if kind == "parallel":  # record_id: the chapter, e.g. reports/x/part-1
        return [f"docs/{record_id}.md", f"docs/{record_id}.en.md"]
    if kind == "disagreements":
        return ["data/disagreements.yml"]
    return sorted({*data.case_files.values(), *data.event_files.values(), "data/glossary.yml"})


def last_change(dates: dict[str, str], paths: list[str]) -> str | None:
    found = [dates[p] for p in paths if p in dates]
    return max(found) if found else None


def issue_url(repo_url: str, page_url: str, lang: str, title: str, case_id: str | None) -> str:
    """A new-issue link on the repository, prefilled for this page."""
    lines = [f"Page: {page_url}", f"Language: {LANGUAGE_NAMES.get(lang, lang)}"]
    if case_id:
        lines.append(f"Case: {case_id}")
    lines += ["", "What is wrong, and where does the source say otherwise? / 哪里有误？来源怎么说？", ""]
    query = urlencode({"title": f"Error on page: {title}", "body": "\n".join(lines), "labels": "content"})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def info(data: SiteData, dates: dict[str, str], src: str, kind: str | None, record_id: str | None,
         lang: str, page_url: str, title: str, repo_url: str) -> dict:
    """The values overrides/partials/source-file.html prints (escaped there)."""
    updated = last_change(dates, source_files(data, src, kind, record_id))

    def label(key: str) -> str:  # printed by the theme, not by the page's Markdown
        text = data.labels[key](lang)
        return hant.convert(text) if lang in langs.DERIVED else text
    return {
        "updated": updated,
        "updated_text": formatting.format_date(updated, lang) if updated else "",
        "updated_label": label("page_updated"),
        "issue_url": issue_url(repo_url, page_url, lang, title, record_id if kind == "case" else None),
        "report_label": label("report_error"),
    }
