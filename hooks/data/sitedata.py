"""Load, validate and cross-check everything under data/.

Owns the step from YAML files to one `SiteData` of typed records. Every
problem in every file is collected as `path:line: field: message` (the field
names its entry, e.g. `[2017-05-14-first-bri-forum].date`), and reported
together by raising `DataErrors`; nothing is skipped silently.

Run `python -m hooks.data.sitedata data` to check the data alone.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from . import models, yamlsource
from .models import (Case, Disagreement, Event, GlossaryEntry, MilestoneKind, NotEvent, Region, Report, Text,
                     VocabEntry)

# Every file under data/ is one of these (paths relative to data/, `*` = one
# file name of lowercase slug + ".yml"); anything else is reported, never skipped.
KNOWN_FILES = {
    "reports.yml", "labels.yml", "glossary.yml", "not-events.yml", "map/land.txt",
    "vocab/sectors.yml", "vocab/themes.yml", "vocab/regions.yml", "vocab/milestones.yml",
    "vocab/event-kinds.yml", "disagreements.yml", "vocab/disagreement-topics.yml",
}
KNOWN_FOLDERS = {"cases": "case files are data/cases/<id>.yml", "timeline": "timeline files are data/timeline/<name>.yml"}
IGNORED = {".gitkeep", ".DS_Store"}


class DataErrors(Exception):
    """All problems found in data/, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class SiteData:
    reports: dict[str, Report]
    sectors: dict[str, VocabEntry]
    themes: dict[str, VocabEntry]
    regions: dict[str, Region]
    labels: dict[str, Text]
    cases: dict[str, Case]
    events: list[Event]
    glossary: list[GlossaryEntry] = field(default_factory=list)
    milestone_kinds: dict[str, MilestoneKind] = field(default_factory=dict)
    not_events: list[NotEvent] = field(default_factory=list)
    event_kinds: dict[str, VocabEntry] = field(default_factory=dict)
    # Where the reports disagree (data/disagreements.yml), in file order, and their topics.
    disagreements: dict[str, Disagreement] = field(default_factory=dict)
    disagreement_topics: dict[str, VocabEntry] = field(default_factory=dict)
    case_files: dict[str, str] = field(default_factory=dict)   # case id -> data path
    event_files: dict[str, str] = field(default_factory=dict)  # event id -> data path
    build_year: int = 0

    def mentions(self, page: str) -> tuple[list[Case], list[Event]]:
        """Cases and events with a source that the page covers (see reports.yml `pages`)."""
        return self._mentions().get(page, ([], []))

    def _mentions(self) -> dict[str, tuple[list[Case], list[Event]]]:
        # Computed once per SiteData (frozen dataclass: cached by hand).
        cached = self.__dict__.get("_mentions_cache")
        if cached is None:
            cached = {}
            for kind, records in ((0, self.cases.values()), (1, self.events)):
                for record in records:
                    for page in dict.fromkeys(self.reports[s.report].page_for(s.locator) for s in record.sources):
                        if page is not None:
                            cached.setdefault(page, ([], []))[kind].append(record)
            object.__setattr__(self, "_mentions_cache", cached)
        return cached

    def locator(self, src, lang: str) -> str:
        """A source's locator in a language (reports.yml `locators_en` for English)."""
        return self.reports[src.report].locator(src.locator, lang)

    def event(self, event_id: str) -> Event:
        return next(e for e in self.events if e.id == event_id)

    def region_of(self, country: str) -> Region:
        return next(r for r in self.regions.values() if country in r.countries)

    def case_regions(self, case: Case) -> list[Region]:
        seen: dict[str, Region] = {}
        for code in case.countries:
            region = self.region_of(code)
            seen.setdefault(region.id, region)
        return list(seen.values())

    def events_of(self, case: Case) -> list[Event]:
        """Events the case lists, and events that list the case, by date."""
        ids = set(case.events) | {e.id for e in self.events if case.id in e.cases}
        return [e for e in self.events if e.id in ids]

    def related_of(self, case: Case) -> list[Case]:
        ids = set(case.related) | {c.id for c in self.cases.values() if case.id in c.related}
        return [self.cases[i] for i in sorted(ids) if i != case.id]


# ---------------------------------------------------------------- messages

_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "model_type": "must be a mapping of fields",
    "dict_type": "must be a mapping",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "int_type": "must be a number",
    "bool_parsing": "must be true or false",
    "greater_than_equal": None, "less_than_equal": None,
    "too_long": None,
    "literal_error": None,
}

# Parts of a pydantic error location that name a validator or a union branch,
# not a field: `value.int` and `value.float` are one problem with `value`.
_BRANCH = re.compile(r"^(int|float|str|bool|function-.*|union\[.*|list\[.*|dict\[.*|tagged-union.*)$")


def field_name(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(err: dict) -> str:
    kind = err["type"]
    if kind == "extra_forbidden" and not re.fullmatch(r"[a-z_]+", str(err["loc"][-1])):
        return "unknown field: quote text that holds a comma or colon inside {zh: …, en: …}"
    if kind in ("int_type", "float_type", "int_parsing", "float_parsing") and isinstance(err.get("input"), bool):
        return "must be a number, not true/false"
    if kind in ("int_type", "float_type") and isinstance(err.get("input"), str):
        return "must be a number, not text: remove any quotes (write exponents as 1.0e+6)"
    if kind == "string_type" and isinstance(err.get("input"), (int, float, bool)) and not isinstance(err.get("input"), bool):
        return "must be text: quote the value"
    if _MESSAGES.get(kind):
        return _MESSAGES[kind]
    if kind == "too_short":
        return "must not be empty"
    if kind == "too_long":
        return f"has more than {err.get('ctx', {}).get('max_length', '?')} entries"
    if kind == "literal_error":
        return f"must be one of {err.get('ctx', {}).get('expected', '')}"
    msg = err["msg"]
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _field_loc(loc: tuple) -> tuple:
    return tuple(part for part in loc if not (isinstance(part, str) and _BRANCH.match(part)))


class _Collector:
    """Gathers problems for one run; keeps the line maps of loaded files."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[str] = []
        self.lines: dict[str, dict] = {}
        # Ids of records that failed validation: references to them are not
        # reported again as unknown (one problem, one message).
        self.failed_ids: set[str] = set()

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: str, loc: tuple, message: str, entry: str | None = None) -> None:
        line = yamlsource.line_of(self.lines.get(path, {}), loc)
        name = field_name(loc[1:] if entry else loc)
        prefix = f"[{entry}]" if entry else ""
        where = prefix + ("." + name if prefix and name else name)
        self.problems.append(f"{path}:{line}: {where or '(file)'}: {message}")

    def load(self, path: Path) -> Any:
        rel = self.rel(path)
        try:
            value, lines = yamlsource.load(path)
        except yamlsource.YamlError as exc:
            self.problems.append(f"{rel}:{exc.line}: (file): {exc.message}")
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(f"{rel}:1: (file): cannot be read: {exc}")
            return None
        self.lines[rel] = lines
        return value

    def model(self, model: type[BaseModel], value: Any, path: str, loc: tuple,
              entry: str | None = None) -> BaseModel | None:
        try:
            return model.model_validate(value)
        except ValidationError as exc:
            seen = set()
            for err in exc.errors():
                where, message = loc + _field_loc(tuple(err["loc"])), _message(err)
                if (where, message) not in seen:  # one message for both branches of a union
                    seen.add((where, message))
                    self.add(path, where, message, entry)
            return None

    def entries(self, model, path: Path, *, required=True) -> list[tuple[Any, str, tuple]]:
        """Validate a file holding a list of records with ids."""
        rel = self.rel(path)
        if not path.exists():
            if required:
                self.problems.append(f"{rel}:1: (file): file is missing")
            return []
        value = self.load(path)
        if value is None:
            if rel in self.lines:
                self.add(rel, (), "file is empty: it must hold a list of entries (or be deleted)")
            return []
        if not isinstance(value, list):
            self.add(rel, (), "must be a list of entries")
            return []
        if not value:
            self.add(rel, (), "holds no entries (or delete the file)")
            return []
        out = []
        for i, item in enumerate(value):
            entry = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else f"#{i + 1}"
            record = self.model(model, item, rel, (i,), entry)
            if record is not None:
                out.append((record, rel, (i,)))
            else:
                self.failed_ids.add(entry)
        return out


# ---------------------------------------------------------------- loading

def _unique(col: _Collector, items: list[tuple[Any, str, tuple]], kind: str) -> dict:
    seen: dict[str, tuple[str, tuple]] = {}
    out = {}
    for record, path, loc in items:
        if record.id in seen:
            first_path, first_loc = seen[record.id]
            first_line = yamlsource.line_of(col.lines.get(first_path, {}), first_loc)
            col.add(path, loc + ("id",), f"duplicate {kind} id (first defined at {first_path}:{first_line})",
                    record.id)
            continue
        seen[record.id] = (path, loc)
        out[record.id] = record
    return out


def _load_cases(col: _Collector, paths: list[Path]) -> list[tuple[Case, str, tuple]]:
    out = []
    for path in paths:
        rel = col.rel(path)
        value = col.load(path)
        if value is None:
            col.failed_ids.add(path.stem)
            if rel in col.lines:
                col.add(rel, (), "file is empty")
            continue
        case = col.model(Case, value, rel, ())
        if case is None:
            col.failed_ids.add(path.stem)
            continue
        if case.id != path.stem:
            col.failed_ids.add(path.stem)
            col.add(rel, ("id",), f"must equal the file name '{path.stem}'")
            continue
        out.append((case, rel, ()))
    return out


def _survey(col: _Collector, root: Path) -> dict[str, list[Path]]:
    """Every file under data/, sorted into its kind; anything else is a problem."""
    found: dict[str, list[Path]] = {"cases": [], "timeline": []}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if path.name in IGNORED or rel in KNOWN_FILES:
            continue
        folder, _, name = rel.partition("/")
        if folder in KNOWN_FOLDERS and "/" not in name and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*\.yml", name):
            found[folder].append(path)
            continue
        hint = KNOWN_FOLDERS.get(folder, "see CONTRIBUTING.md for the files data/ holds")
        col.problems.append(f"{col.rel(path)}:1: (file): not a file the site reads ({hint}; "
                            "lowercase names ending in .yml): rename or remove it")
    return found


def _check_refs(col: _Collector, data: SiteData, where: dict) -> None:
    """Cross-record checks: vocabularies, reports, events and cases."""
    def check(record, path, loc, entry, key, values, known, what, hint=""):
        for i, value in enumerate(values):
            if value not in known and value not in col.failed_ids:
                col.add(path, loc + (key, i), f"unknown {what} {value!r}{hint}", entry)

    countries_in_regions = {c for r in data.regions.values() for c in r.countries}
    event_ids = {e.id for e in data.events}
    glossary_ids = {g.id for g in data.glossary}
    for entry_ in data.glossary:
        path, loc = where[("glossary", entry_.id)]
        _check_sources(col, data, path, loc, entry_.id, entry_.sources)
        check(entry_, path, loc, entry_.id, "cases", entry_.cases, data.cases, "case id")
        check(entry_, path, loc, entry_.id, "see", entry_.see, glossary_ids - {entry_.id}, "glossary id")
        check(entry_, path, loc, entry_.id, "themes", entry_.themes, data.themes, "theme",
              " (see data/vocab/themes.yml)")
    for kind, records in (("case", data.cases.values()), ("event", data.events)):
        for record in records:
            path, loc = where[(kind, record.id)]
            entry = record.id if kind == "event" else None
            check(record, path, loc, entry, "themes", record.themes, data.themes, "theme",
                  " (see data/vocab/themes.yml)")
            _check_sources(col, data, path, loc, entry, record.sources)
            for i, fact in enumerate(record.facts):
                if fact.source:
                    _check_sources(col, data, path, loc + ("facts", i), entry, [fact.source], key="source")
            for i, fact in enumerate(record.facts):
                if fact.as_of and _future(fact.as_of, data.build_year):
                    col.add(path, loc + ("facts", i, "as_of"),
                            f"{fact.as_of!r} is after {data.build_year}: an as-of date cannot be in the future", entry)
            if kind == "case":
                for i, step in enumerate(record.milestones):
                    if step.kind not in data.milestone_kinds:
                        col.add(path, loc + ("milestones", i, "kind"),
                                f"unknown milestone kind {step.kind!r} (see data/vocab/milestones.yml)")
                    elif step.kind != "expected" and _future(step.date, data.build_year):
                        col.add(path, loc + ("milestones", i, "date"),
                                f"{step.date!r} is after {data.build_year}: use kind `expected` for a planned date")
                    if step.source is not None:
                        _check_sources(col, data, path, loc + ("milestones", i), None, [step.source], key="source")
                if record.sector not in data.sectors:
                    col.add(path, loc + ("sector",), f"unknown sector {record.sector!r} (see data/vocab/sectors.yml)")
                for i, code in enumerate(record.countries):
                    if code not in countries_in_regions:
                        col.add(path, loc + ("countries", i), f"country {code!r} is in no region of data/vocab/regions.yml")
                check(record, path, loc, None, "events", record.events, event_ids, "event id")
                check(record, path, loc, None, "related", record.related, set(data.cases) - {record.id}, "case id")
                check(record, path, loc, None, "disagreements", record.disagreements, data.disagreements,
                      "disagreement id", " (see data/disagreements.yml)")
            else:
                check(record, path, loc, entry, "cases", record.cases, data.cases, "case id")
                check(record, path, loc, entry, "disagreements", record.disagreements, data.disagreements,
                      "disagreement id", " (see data/disagreements.yml)")
                if record.kind is not None and record.kind not in data.event_kinds:
                    col.add(path, loc + ("kind",), f"unknown event kind {record.kind!r} "
                            "(see data/vocab/event-kinds.yml)", entry)
                if not record.planned and _future(record.date, data.build_year):
                    col.add(path, loc + ("date",), f"{record.date!r} is after {data.build_year}: "
                            "mark an event the source gives as future with `planned: true`", entry)
                if not record.id.startswith(record.date + "-"):
                    col.add(path, loc + ("id",), f"must start with the event's date: '{record.date}-…'", entry)


def _check_disagreements(col: _Collector, data: SiteData, items: list) -> None:
    """A disagreement's topic is known; each version cites a section of a known report."""
    for record, path, loc in items:
        if record.topic not in data.disagreement_topics and record.topic not in col.failed_ids:
            col.add(path, loc + ("topic",), f"unknown topic {record.topic!r} "
                    "(see data/vocab/disagreement-topics.yml)", record.id)
        for i, version in enumerate(record.facts):
            _check_sources(col, data, path, loc + ("facts", i), record.id, [version.source], key="source")
            if version.as_of and _future(version.as_of, data.build_year):
                col.add(path, loc + ("facts", i, "as_of"), f"{version.as_of!r} is after {data.build_year}: "
                        "an as-of date cannot be in the future", record.id)


def _future(date: str, build_year: int) -> bool:
    return int(date[:4]) > build_year


def _check_sources(col: _Collector, data: SiteData, path: str, loc: tuple, entry, sources,
                   key: str = "sources") -> None:
    """Each source names a known report and one of its sections (key "" = the record itself)."""
    for i, src in enumerate(sources):
        where = loc + ((key, i) if key == "sources" else ((key,) if key else ()))
        if src.report not in data.reports:
            if src.report not in col.failed_ids:  # a report that failed is reported once, where it is
                col.add(path, where + ("report",), f"unknown report {src.report!r} (see data/reports.yml)", entry)
        elif not data.reports[src.report].knows(src.locator):
            col.add(path, where + ("locator",), f"{src.locator!r} is not a section of {src.report} "
                    "(see `sections` in data/reports.yml)", entry)
        elif src.report not in col.failed_ids:
            # Every locator is shown in English on English pages (reports.yml `locators_en`).
            try:
                data.reports[src.report].locator_en(src.locator)
            except ValueError as exc:
                col.add(path, where + ("locator",), str(exc), entry)


def build_year() -> int:
    """The year dates are checked against: today's (not SOURCE_DATE_EPOCH, which
    dates the output for reproducibility, not the calendar the data lives in)."""
    return _dt.date.today().year


def load_site(data_dir: Path | str, year: int | None = None) -> SiteData:
    """Load and validate data/; raise DataErrors listing every problem."""
    root = Path(data_dir).resolve()
    col = _Collector(root)
    files = _survey(col, root)
    reports = _unique(col, col.entries(Report, root / "reports.yml"), "report")
    _check_sections(col, reports, root / "reports.yml")
    sectors = _unique(col, col.entries(VocabEntry, root / "vocab" / "sectors.yml"), "sector")
    themes = _unique(col, col.entries(VocabEntry, root / "vocab" / "themes.yml"), "theme")
    regions = _unique(col, col.entries(Region, root / "vocab" / "regions.yml"), "region")
    kinds = _unique(col, col.entries(MilestoneKind, root / "vocab" / "milestones.yml"), "milestone kind")
    event_kinds = _unique(col, col.entries(VocabEntry, root / "vocab" / "event-kinds.yml", required=False),
                          "event kind")
    labels = _load_labels(col, root / "labels.yml")
    case_items = _load_cases(col, files["cases"])
    event_items = [item for path in files["timeline"] for item in col.entries(Event, path)]
    glossary_items = col.entries(GlossaryEntry, root / "glossary.yml", required=False)
    not_event_items = col.entries(NotEvent, root / "not-events.yml", required=False)
    topics = _unique(col, col.entries(VocabEntry, root / "vocab" / "disagreement-topics.yml", required=False),
                     "disagreement topic")
    disagreement_items = col.entries(Disagreement, root / "disagreements.yml", required=False)
    disagreements = _unique(col, disagreement_items, "disagreement")
    glossary = _unique(col, glossary_items, "glossary entry")
    cases = _unique(col, case_items, "case")
    events = _unique(col, event_items, "event")
    where = {("case", r.id): (p, loc) for r, p, loc in case_items}
    where.update({("event", r.id): (p, loc) for r, p, loc in event_items})
    where.update({("glossary", r.id): (p, loc) for r, p, loc in glossary_items})
    data = SiteData(
        reports=reports, sectors=sectors, themes=themes, regions=regions, labels=labels,
        cases=dict(sorted(cases.items())),
        glossary=list(glossary.values()),
        events=sorted(events.values(), key=lambda e: (e.date, e.id)),
        milestone_kinds=kinds,
        event_kinds=event_kinds,
        not_events=[r for r, _, _ in not_event_items],
        disagreements=disagreements,
        disagreement_topics=topics,
        case_files={cid: where[("case", cid)][0] for cid in cases},
        event_files={eid: where[("event", eid)][0] for eid in events},
        build_year=year or build_year(),
    )
    _check_refs(col, data, where)
    _check_disagreements(col, data, disagreement_items)
    for record, path, loc in not_event_items:
        _check_sources(col, data, path, loc, f"#{loc[0] + 1}", [record], key="")
    if col.problems:
        raise DataErrors(col.problems)
    return data


def _check_sections(col: _Collector, reports: dict, path: Path) -> None:
    """A report's `sections` must be valid regular expressions."""
    rel = col.rel(path)
    for i, report in enumerate(reports.values()):
        for j, rx in enumerate(report.sections):
            try:
                re.compile(rx)
            except re.error as exc:
                col.add(rel, (i, "sections", j), f"not a valid regular expression: {exc}", report.id)
        for j, rule in enumerate(report.locators_en):
            for problem, key in _rule_problems(rule):
                col.add(rel, (i, "locators_en", j, key), problem, report.id)
                col.failed_ids.add(report.id)  # its locators are not checked against broken rules


def _rule_problems(rule) -> list[tuple[str, str]]:
    """A `locators_en` rule: a valid pattern, placeholders naming its groups, English text."""
    groups = 0
    if rule.pattern is not None:
        try:
            groups = re.compile(rule.pattern).groups
        except re.error as exc:
            return [(f"not a valid regular expression: {exc}", "pattern")]
    problems = []
    for ph in models._PLACEHOLDER.finditer(rule.en):
        group, _, conversion = ph.group(1).partition(":")
        if not (group.isascii() and group.isdigit()) or not 1 <= int(group) <= groups:
            problems.append((f"{{{ph.group(1)}}} names no group of the pattern "
                             f"(it has {groups}; write {{1}} … {{{groups}}})" if groups else
                             f"{{{ph.group(1)}}}: only a `pattern` rule has groups to fill in", "en"))
        elif conversion and conversion not in models.CONVERSIONS:
            problems.append((f"unknown conversion {conversion!r} in {{{ph.group(1)}}} "
                             "(use {N}, {N:number} or {N:roman})", "en"))
    han = models._HAN.search(models._PLACEHOLDER.sub("", rule.en))
    if han:
        problems.append((f"must be English: it holds the Chinese character {han.group()!r}", "en"))
    return problems


def _load_labels(col: _Collector, path: Path) -> dict[str, Text]:
    rel = col.rel(path)
    if not path.exists():
        col.problems.append(f"{rel}:1: (file): file is missing")
        return {}
    value = col.load(path)
    if not isinstance(value, dict):
        if value is not None:
            col.add(rel, (), "must be a mapping of label keys to {zh, en}")
        return {}
    out = {}
    for key, item in value.items():
        text = col.model(Text, item, rel, (key,))
        if text is not None:
            out[key] = text
    return out


def main(argv: list[str]) -> int:
    data_dir = argv[0] if argv else "data"
    try:
        data = load_site(data_dir)
    except DataErrors as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    print(f"{data_dir}: {len(data.cases)} cases, {len(data.events)} events, "
          f"{len(data.reports)} reports, {len(data.glossary)} glossary terms: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
