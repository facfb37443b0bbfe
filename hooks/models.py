"""Typed records for everything under data/, with per-field validation.

Owns the data contract of DESIGN.md as pydantic models: bilingual text pairs,
slugs, dates with their precision, ISO 3166-1 country codes, coordinates,
facts with `as_stated`. Checks that need more than one record (vocabularies,
references between files) live in sitedata.py. The same models produce the
published JSON Schema.
"""

from __future__ import annotations

import datetime as _dt
import re
from html.parser import HTMLParser
from typing import Annotated, Literal, Optional, Union

import pycountry
from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictFloat,
                      StrictInt, model_validator)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class _TagFinder(HTMLParser):
    """Records the first tag, comment or declaration the parser meets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Optional[str] = None

    def _hit(self, what: str) -> None:
        self.found = self.found or what

    def handle_starttag(self, tag, attrs):
        self._hit(f"<{tag}>")

    def handle_endtag(self, tag):
        self._hit(f"</{tag}>")

    def handle_comment(self, data):
        self._hit("<!-- -->")

    def handle_decl(self, decl):
        self._hit(f"<!{decl}>")

    def handle_pi(self, data):
        self._hit(f"<?{data}>")


def _no_html(value: str) -> str:
    finder = _TagFinder()
    finder.feed(value)
    finder.close()
    if finder.found:
        raise ValueError(f"HTML is not allowed in text ({finder.found} found)")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(f"{value!r} is not a slug (lowercase a-z, 0-9 and single hyphens)")
    return value


def _date(value: str) -> str:
    m = DATE.match(value)
    if not m:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        _dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return value


def _year_to_str(value):
    # An unquoted year (`date: 2017`) loads as an int; it is unambiguous.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _country_bool(value):
    # YAML 1.1 reads an unquoted NO (Norway) as false.
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a country code: quote codes such as \"NO\"")
    return value


def _country(value: str) -> str:
    if not (isinstance(value, str) and len(value) == 2 and value.isupper()
            and pycountry.countries.get(alpha_2=value)):
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return value


Str = Annotated[str, Field(strict=True), AfterValidator(_not_blank), AfterValidator(_no_html)]
Slug = Annotated[str, Field(strict=True), AfterValidator(_slug)]
DateStr = Annotated[str, BeforeValidator(_year_to_str), Field(strict=True), AfterValidator(_date)]
Country = Annotated[str, BeforeValidator(_country_bool), Field(strict=True), AfterValidator(_country)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Record):
    """A human-readable text in both languages; neither side may be empty."""

    zh: Str
    en: Str

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)


class SourceRef(Record):
    report: Slug
    locator: Str


class Fact(Record):
    label: Text
    value: Optional[Union[StrictInt, StrictFloat]] = None
    unit: Optional[Text] = None
    display: Optional[Text] = Field(
        default=None, description="How to show the figure when value+unit cannot say it")
    as_stated: Str = Field(description="The figure exactly as the report prints it")
    as_of: Optional[DateStr] = None
    source: Optional[SourceRef] = None
    note: Optional[Text] = None

    @model_validator(mode="after")
    def _shown(self):
        if self.value is None and self.display is None:
            raise ValueError("a fact needs `value` (a number) or `display` (bilingual text)")
        return self


class Location(Record):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    approximate: bool = True
    name: Text


class Period(Record):
    start: Optional[DateStr] = None
    end: Optional[DateStr] = None

    @model_validator(mode="after")
    def _ordered(self):
        if not (self.start or self.end):
            raise ValueError("a period needs `start`, `end` or both")
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end!r} is before start {self.start!r}")
        return self


Status = Literal["planned", "under-construction", "operational", "completed", "ongoing"]


class Case(Record):
    id: Slug
    title: Text
    countries: list[Country] = Field(min_length=1)
    sector: Slug
    summary: Text
    sources: list[SourceRef] = Field(min_length=1)
    facts: list[Fact] = []
    themes: list[Slug] = []
    status: Optional[Status] = None
    period: Optional[Period] = None
    location: Optional[Location] = None
    partners: list[Text] = []
    body: Optional[Text] = None
    notes: list[Text] = []
    events: list[Slug] = []
    related: list[Slug] = []


class Event(Record):
    id: Slug
    date: DateStr
    title: Text
    summary: Text
    themes: list[Slug] = []
    sources: list[SourceRef] = Field(min_length=1)
    cases: list[Slug] = []
    facts: list[Fact] = []
    notes: list[Text] = []


class Aliases(Record):
    zh: list[Str] = []
    en: list[Str] = []


class GlossaryEntry(Record):
    """A key term with its standard Chinese–English rendering."""

    id: Slug
    term: Text
    definition: Text
    rendering: Literal["official", "common", "site"] = Field(
        description="official: the government's own English; common: widely used; site: this site's rendering")
    aliases: Aliases = Aliases()
    sources: list[SourceRef] = Field(min_length=1)
    cases: list[Slug] = []
    see: list[Slug] = []
    notes: list[Text] = []


class VocabEntry(Record):
    id: Slug
    label: Text


class Region(VocabEntry):
    countries: list[Country] = Field(min_length=1)


class ReportPage(Record):
    """A page of the site and the source locators it covers (by prefix)."""

    page: Annotated[str, Field(strict=True, pattern=r"^[a-z0-9][a-z0-9/-]*$")]
    locators: list[Annotated[str, Field(strict=True)]] = Field(min_length=1)


class Report(Record):
    id: Slug
    short: Text
    title: Text
    title_en_official: bool
    title_descriptive: bool = False
    issuer: Text
    date: DateStr
    date_basis: Text
    type: Text
    doi: Optional[Str] = None
    completeness: Text
    pages: list[ReportPage] = []

    def page_for(self, locator: str) -> Optional[str]:
        """The page covering a locator: the longest matching prefix wins."""
        best = None
        for entry in self.pages:
            for prefix in entry.locators:
                if locator.startswith(prefix) and (best is None or len(prefix) > best[0]):
                    best = (len(prefix), entry.page)
        return best[1] if best else None


def json_schemas() -> dict[str, dict]:
    """JSON Schema of each file kind, for editors and the downloads page."""
    from pydantic import TypeAdapter

    def schema(model, title: str) -> dict:
        out = TypeAdapter(model).json_schema()
        out["title"] = title
        out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        return out

    return {
        "case": schema(Case, "Case (data/cases/<id>.yml)"),
        "timeline": schema(list[Event], "Timeline (data/timeline/*.yml)"),
        "reports": schema(list[Report], "Reports (data/reports.yml)"),
        "vocabulary": schema(list[VocabEntry], "Vocabulary (data/vocab/sectors.yml, themes.yml)"),
        "regions": schema(list[Region], "Regions (data/vocab/regions.yml)"),
        "labels": schema(dict[str, Text], "Interface labels (data/labels.yml)"),
        "glossary": schema(list[GlossaryEntry], "Glossary (data/glossary.yml)"),
    }
