"""Typed records for everything under data/, with per-field validation.

Owns the data contract of DESIGN.md as pydantic models: bilingual text pairs,
slugs, dates with their precision, ISO 3166-1 country codes, coordinates,
facts with `as_stated`. Checks that need more than one record (vocabularies,
references between files) live in sitedata.py. The same models produce the
published JSON Schema.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from typing import Annotated, Literal, Optional, Union

import pycountry
from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool,
                      StrictFloat, StrictInt, field_validator, model_validator)

from .langs import DERIVED, is_zh
from .safetext import PlainText

# ASCII only and matched whole: `\d` would accept full-width digits, `$` a trailing newline.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
MIN_YEAR = 1900
MAX_TEXT = 4000        # characters in one plain-text field
MAX_MARKDOWN = 40000   # characters in one Markdown field (`body`)
MAX_ITEMS = 500        # entries in one list
MAX_NUMBER = 1e15      # magnitude of a figure

# Characters that never belong in the site's text: C0/C1 controls other than
# tab and newline, bidirectional overrides and isolates (they can make a diff
# read differently from the page), zero-width characters and stray BOMs.
# U+200D (zero-width joiner) stays: emoji sequences need it.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200c\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
# Markup a browser would read as a tag (Python's html.parser misses some forms
# a browser accepts, so this is a plain pattern, not a parser). This is a
# message for contributors; the guarantee is that text is always escaped.
# Something a reader can see: not whitespace, a joiner or a variation selector
# (the other invisible characters are refused above).
_VISIBLE = re.compile("[^\\s\u200d\ufe00-\ufe0f]")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*|[!?])")


def _clean_text(value, *, limit: int, markdown: bool):
    if not isinstance(value, str):
        return value  # the strict str check reports it
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    bad = _FORBIDDEN.search(value)
    if bad:
        raise ValueError(f"contains the invisible or control character U+{ord(bad.group()):04X}: remove it")
    if not _VISIBLE.search(value):
        raise ValueError("must not be empty")
    if len(value) > limit:
        raise ValueError(f"is longer than {limit} characters")
    tag = _TAG.search(value)
    if tag:
        where = "Markdown fields" if markdown else "text fields"
        name = tag.group(1).lower()
        shown = f"<{name[0]}…>" if name[0] in "!?" else f"<{name}>"
        raise ValueError(f"HTML is not allowed in {where} (found {shown}); write plain text")
    if not markdown:
        # Plain text is one paragraph: line breaks from folded YAML become spaces.
        value = re.sub(r"\s*\n\s*", " ", value.strip())
    return value


def _plain(value):
    return _clean_text(value, limit=MAX_TEXT, markdown=False)


def _markdown(value):
    return _clean_text(value, limit=MAX_MARKDOWN, markdown=True)


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value) or len(value) > 120:
        raise ValueError(f"{value!r} is not a slug (lowercase a-z, 0-9 and single hyphens)")
    return value


def _date(value: str) -> str:
    m = DATE.fullmatch(value)
    if not m:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        _dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    if year < MIN_YEAR:
        raise ValueError(f"{value!r} is before {MIN_YEAR}")
    return value


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day a date of any precision covers, as YYYY-MM-DD."""
    parts = value.split("-")
    if len(parts) == 3:
        return value, value
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        last = (_dt.date(y + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1)).day
        return f"{value}-01", f"{value}-{last:02d}"
    return f"{value}-01-01", f"{value}-12-31"


def _year_to_str(value):
    # An unquoted year (`date: 2017`) loads as an int; it is unambiguous.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _country_bool(value):
    # YAML 1.1 reads an unquoted NO (Norway) as false.
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a country code: quote codes such as \"NO\"")
    return value


def _country(value: str) -> str:
    if not (len(value) == 2 and re.fullmatch(r"[A-Z]{2}", value) and pycountry.countries.get(alpha_2=value)):
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return value


def _finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number (not .nan or .inf)")
    if abs(value) > MAX_NUMBER:
        raise ValueError(f"is larger than {MAX_NUMBER:.0e}: check the unit")
    return value


# Every text from data/ leaves the loader as PlainText: whatever template or
# filter prints it, it is escaped for HTML and Markdown (see safetext.py).
Str = Annotated[str, BeforeValidator(_plain), Field(strict=True), AfterValidator(PlainText)]
MarkdownStr = Annotated[str, BeforeValidator(_markdown), Field(strict=True)]
Slug = Annotated[str, Field(strict=True), AfterValidator(_slug)]
DateStr = Annotated[str, BeforeValidator(_year_to_str), Field(strict=True), AfterValidator(_date)]
Country = Annotated[str, BeforeValidator(_country_bool), Field(strict=True), AfterValidator(_country)]
Number = Annotated[Union[StrictInt, StrictFloat], AfterValidator(_finite)]
def items():
    """A list field: empty by default, at most MAX_ITEMS entries."""
    return Field(default_factory=list, max_length=MAX_ITEMS)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Record):
    """A human-readable text in both languages; neither side may be empty."""

    zh: Str
    en: Str

    def __call__(self, lang: str) -> str:
        # Traditional Chinese: the Simplified text, converted once, with the whole page
        # (hooks/glue/main.py), never here: s2t applied twice is not s2t (干擾 -> 幹擾).
        return getattr(self, DERIVED.get(lang, lang))


class MarkdownText(Record):
    """Markdown in both languages (`body`): rendered, then sanitised (sanitize.py)."""

    zh: MarkdownStr
    en: MarkdownStr

    def __call__(self, lang: str) -> str:
        return getattr(self, DERIVED.get(lang, lang))


class SourceRef(Record):
    report: Slug
    locator: Str


class Fact(Record):
    label: Text
    value: Optional[Number] = None
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


Latitude = Annotated[Union[StrictInt, StrictFloat], AfterValidator(_finite), Field(ge=-90, le=90)]
Longitude = Annotated[Union[StrictInt, StrictFloat], AfterValidator(_finite), Field(ge=-180, le=180)]


class Location(Record):
    lat: Latitude
    lon: Longitude
    approximate: StrictBool = True
    name: Text
    note: Optional[Text] = None


class Period(Record):
    """A span the report gives: from `start`, or from `start` to `end`.

    A single date (an opening, a completion, a handover) is a milestone, not
    the end of a period: "until May 2017" would misread a railway that opened then.
    """

    start: DateStr
    end: Optional[DateStr] = None

    @model_validator(mode="after")
    def _ordered(self):
        if self.end is not None:
            if self.end == self.start:
                raise ValueError("start and end are the same date: give it as a milestone")
            # Compare what each date covers: 2017-05 to 2017 is a real span.
            if date_bounds(self.end)[1] < date_bounds(self.start)[0] or \
                    date_bounds(self.end)[1] <= date_bounds(self.start)[1] and len(self.end) > len(self.start):
                raise ValueError(f"end {self.end!r} is before start {self.start!r}")
        return self


Status = Literal["planned", "under-construction", "operational", "completed", "ongoing"]


class Milestone(Record):
    """A dated step of a project, worded by its kind (data/vocab/milestones.yml)."""

    kind: Slug
    date: DateStr
    note: Optional[Text] = None
    source: Optional[SourceRef] = None


class Case(Record):
    id: Slug
    title: Text
    countries: list[Country] = Field(min_length=1, max_length=MAX_ITEMS)
    sector: Slug
    summary: Text
    sources: list[SourceRef] = Field(min_length=1, max_length=MAX_ITEMS)
    facts: list[Fact] = items()
    themes: list[Slug] = items()
    status: Optional[Status] = None
    period: Optional[Period] = None
    milestones: list[Milestone] = items()
    location: Optional[Location] = None
    partners: list[Text] = items()
    body: Optional[MarkdownText] = None
    notes: list[Text] = items()
    disagreements: list[Slug] = items()  # ids in data/disagreements.yml
    events: list[Slug] = items()
    related: list[Slug] = items()

    @model_validator(mode="before")
    @classmethod
    def _no_end_only_period(cls, value):
        period = value.get("period") if isinstance(value, dict) else None
        if isinstance(period, dict) and "end" in period and "start" not in period:
            raise ValueError("a period needs a `start`; a date on which something opened, was completed "
                             "or handed over is a milestone (`milestones: [{kind: opened, date: …}]`)")
        return value


class Event(Record):
    id: Slug
    date: DateStr
    end_date: Optional[DateStr] = Field(default=None, description="Last day/month of a printed range")
    date_inferred: Optional[Text] = Field(
        default=None, description="How the date was inferred when the source does not print it as such")
    planned: StrictBool = Field(default=False, description="The source gives the event as future")
    kind: Optional[Slug] = Field(default=None, description="What happened (data/vocab/event-kinds.yml)")
    title: Text
    summary: Text
    themes: list[Slug] = items()
    sources: list[SourceRef] = Field(min_length=1, max_length=MAX_ITEMS)
    cases: list[Slug] = items()
    facts: list[Fact] = items()
    notes: list[Text] = items()
    disagreements: list[Slug] = items()  # ids in data/disagreements.yml

    @model_validator(mode="after")
    def _range(self):
        if self.end_date is not None:
            if len(self.end_date) != len(self.date):
                raise ValueError("end_date must have the same precision as date")
            if self.end_date <= self.date:
                raise ValueError(f"end_date {self.end_date!r} is not after date {self.date!r}")
        return self


class NotEvent(Record):
    """A dated statement of a report deliberately not put on the timeline."""

    report: Slug
    locator: Str
    as_printed: Str = Field(description="The date words as the report prints them")
    reason: Text


class Version(Record):
    """What one report prints on a point where the reports differ (data/disagreements.yml).

    Kept in the shape of a fact (`as_stated` with its own `source`), so that
    provenance.py finds every version in the report it cites."""

    source: SourceRef
    as_stated: Str = Field(description="The words or figure exactly as the report prints them")
    says: Text = Field(description="The version in the site's words, in each language")
    as_of: Optional[DateStr] = Field(default=None, description="The date the report gives the figure for")


class Disagreement(Record):
    """A point on which the reports (or one report in two places) differ, or seem to.

    `facts` holds each report's version as printed. Either `reading` (the
    site's reading of a real disagreement) or `not_a_conflict` (why, once
    checked, the versions do not contradict each other) is given, never both.
    `outside` is a fact from outside the reports, shown marked as such."""

    id: Slug
    topic: Slug = Field(description="A topic of data/vocab/disagreement-topics.yml")
    title: Text
    facts: list[Version] = Field(min_length=1, max_length=MAX_ITEMS)
    reading: Optional[Text] = Field(default=None, description="The site's reading, shown as the site's")
    outside: Optional[Text] = Field(default=None, description="A fact from outside the reports, shown as such")
    not_a_conflict: Optional[Text] = Field(
        default=None, description="Why the versions, once checked, do not contradict each other")

    @model_validator(mode="after")
    def _verdict(self):
        if (self.reading is None) == (self.not_a_conflict is None):
            raise ValueError("give either `reading` (the site's reading of a real disagreement) "
                             "or `not_a_conflict` (why the versions agree), not both")
        if self.reading is not None and len(self.facts) < 2 and self.outside is None:
            raise ValueError("a disagreement needs two versions in `facts`, or one and an `outside` fact")
        return self

    @property
    def conflict(self) -> bool:
        return self.not_a_conflict is None


class Aliases(Record):
    zh: list[Str] = items()
    en: list[Str] = items()


class GlossaryEntry(Record):
    """A key term with its standard Chinese–English rendering."""

    id: Slug
    term: Text
    definition: Text
    rendering: Literal["official", "common", "site"] = Field(
        description="official: the government's own English; common: widely used; site: this site's rendering")
    aliases: Aliases = Aliases()
    themes: list[Slug] = items()
    sources: list[SourceRef] = Field(min_length=1, max_length=MAX_ITEMS)
    cases: list[Slug] = items()
    see: list[Slug] = items()
    notes: list[Text] = items()


class VocabEntry(Record):
    id: Slug
    label: Text


class MilestoneKind(VocabEntry):
    """`phrase` holds `{date}` where the formatted date goes: 2017年5月通车 / opened May 2017."""

    phrase: Text

    @field_validator("phrase")
    @classmethod
    def _placeholder(cls, phrase: Text) -> Text:
        for lang in ("zh", "en"):
            if phrase(lang).count("{date}") != 1:
                raise ValueError(f"the {lang} text must contain {{date}} exactly once")
        return phrase


class Region(VocabEntry):
    countries: list[Country] = Field(min_length=1)


class ReportPage(Record):
    """A page of the site and the source locators it covers (by prefix)."""

    page: Annotated[str, Field(strict=True, pattern=r"^[a-z0-9][a-z0-9/-]*$")]
    locators: list[Annotated[str, Field(strict=True)]] = Field(min_length=1)


# Chinese numerals as the reports print them (一 … 十九); Roman numerals for English.
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
CONVERSIONS = ("number", "roman")


def chinese_number(text: str) -> int:
    """一 … 九十九 (or ASCII digits) -> int; ValueError otherwise."""
    if text.isascii() and text.isdigit():
        return int(text)
    if text and all(ch in _CN_DIGITS or ch == "十" for ch in text) and text.count("十") <= 1:
        if "十" not in text:
            if len(text) == 1:
                return _CN_DIGITS[text]
        else:
            tens, _, ones = text.partition("十")
            if len(tens) <= 1 and len(ones) <= 1:
                return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    raise ValueError(f"{text!r} is not a number")


def roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


class LocatorRule(Record):
    """How a report's locators read in English: an exact pair (`printed`) or a
    regular expression (`pattern`, matched whole) whose groups `en` reuses as
    {1} (as printed), {1:number} (一 -> 1) or {1:roman} (一 -> I)."""

    printed: Optional[Annotated[str, Field(strict=True)]] = None
    pattern: Optional[Annotated[str, Field(strict=True)]] = None
    en: Str

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.printed is None) == (self.pattern is None):
            raise ValueError("give either `printed` (one locator as printed) or `pattern` (a regular expression)")
        return self

    def apply(self, locator: str) -> Optional[str]:
        """The English form of a locator this rule covers, else None; ValueError if it cannot be read."""
        if self.printed is not None:
            return self.en if locator == self.printed else None
        m = re.fullmatch(self.pattern, locator)
        if not m:
            return None

        def fill(ph: re.Match) -> str:
            group, _, conversion = ph.group(1).partition(":")
            value = m.group(int(group)) or ""
            if conversion == "number":
                return str(chinese_number(value))
            if conversion == "roman":
                return roman(chinese_number(value))
            return value
        return _PLACEHOLDER.sub(fill, self.en)


class Person(Record):
    """A personal author: the name as printed and its romanised family and given names."""

    zh: Str
    family: Str
    given: Str


class Author(Record):
    organisation: Optional[Text] = None
    person: Optional[Person] = None

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.organisation is None) == (self.person is None):
            raise ValueError("an author is either `organisation: {zh, en}` or `person: {zh, family, given}`")
        return self


class ReportCitation(Record):
    """What a citation of the report itself needs beyond its title, issuer and date."""

    authors: list[Author] = Field(default_factory=list, max_length=MAX_ITEMS, description=(
        "In citation order; empty when the text names none (the title then takes the author's place)"))
    apa_title_en: Str = Field(description="The English title in sentence case, for APA's [translated title]")
    description: Optional[Text] = Field(default=None, description="APA's bracketed description, e.g. Position paper")
    gbt_type: Literal["R", "J", "M", "S", "Z"] = Field(description="GB/T 7714—2015 document type code")
    journal: Optional[Text] = None
    volume: Optional[Annotated[str, Field(strict=True, pattern=r"^[0-9]{1,4}$")]] = None
    issue: Optional[Annotated[str, Field(strict=True, pattern=r"^[0-9]{1,4}$")]] = None
    pages: Optional[Annotated[str, Field(strict=True, pattern=r"^[0-9]{1,5}(-[0-9]{1,5})?$")]] = None
    place: Optional[Text] = None
    publisher: Optional[Text] = None

    @model_validator(mode="after")
    def _journal(self):
        if (self.gbt_type == "J") != (self.journal is not None):
            raise ValueError("a journal article (gbt_type J) needs `journal`, and only a journal article has one")
        return self


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
    sections: list[Annotated[str, Field(strict=True)]] = Field(
        min_length=1, description="Regular expressions a source locator of this report must match whole")
    pages: list[ReportPage] = []
    locators_en: list[LocatorRule] = Field(
        min_length=1, description="English forms of the locators, first matching rule wins")
    citation: ReportCitation

    def knows(self, locator: str) -> bool:
        return any(re.fullmatch(rx, locator) for rx in self.sections)

    def locator_en(self, locator: str) -> str:
        """The English form of a locator; ValueError naming what is wrong."""
        for rule in self.locators_en:
            try:
                out = rule.apply(locator)
            except (ValueError, IndexError, re.error) as exc:
                raise ValueError(f"the rule for {locator!r} in `locators_en` cannot be applied: {exc}") from None
            if out is not None:
                han = _HAN.search(out)
                if han:
                    raise ValueError(f"the English form {out!r} of {locator!r} holds the Chinese character "
                                     f"{han.group()!r}: use {{N:number}} or {{N:roman}} in `locators_en`")
                return out
        raise ValueError(f"no English form for {locator!r}: add a rule to `locators_en` of {self.id} "
                         "in data/reports.yml")

    def locator(self, locator: str, lang: str) -> str:
        """A locator in a language: as printed in Chinese, by `locators_en` in English."""
        return locator if is_zh(lang) else self.locator_en(locator)

    def page_locator(self, page: str) -> Optional[str]:
        """The first locator a page of the site covers (its `pages` entry), if it is one of the report's."""
        for entry in self.pages:
            if entry.page == page:
                return next((p for p in entry.locators if p and self.knows(p)), None)
        return None

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
        "vocabulary": schema(list[VocabEntry], "Vocabulary (data/vocab/sectors.yml, themes.yml, event-kinds.yml)"),
        "regions": schema(list[Region], "Regions (data/vocab/regions.yml)"),
        "labels": schema(dict[str, Text], "Interface labels (data/labels.yml)"),
        "glossary": schema(list[GlossaryEntry], "Glossary (data/glossary.yml)"),
        "milestones": schema(list[MilestoneKind], "Milestone kinds (data/vocab/milestones.yml)"),
        "not-events": schema(list[NotEvent], "Dated statements that are not events (data/not-events.yml)"),
        "disagreements": schema(list[Disagreement], "Where the reports disagree (data/disagreements.yml)"),
    }
