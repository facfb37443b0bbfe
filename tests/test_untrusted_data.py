"""Untrusted input in data/: every bad input gets one exact message, no traceback.

Each case below edits a small valid data folder (the fixture) the way a
careless or hostile contributor might, and asserts the complete list of
messages (`path:line: field: message`). Legitimate edge cases must load.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_data_dir

from hooks.data import sitedata, yamlsource

ROOT = Path(__file__).resolve().parent.parent

CASE = """\
id: good-case
title: {zh: 好案例, en: Good case}
countries: [KE]
sector: transport
summary:
  zh: 报告介绍了这个项目。
  en: The report describes this project.
sources:
  - report: green-silk-road-2023
    locator: 专栏一（一）
facts:
  - label: {zh: 线路全长, en: Total length}
    value: 471
    unit: {zh: 公里, en: km}
    as_stated: 471公里
    as_of: "2020"
milestones:
  - {kind: opened, date: "2017-05"}
location: {lat: -1.3, lon: 36.8, name: {zh: 内罗毕, en: Nairobi}}
"""

TIMELINE = """\
- id: 2017-05-14-forum
  date: "2017-05-14"
  title: {zh: 论坛, en: Forum}
  summary: {zh: 报告记载了论坛。, en: The report records the forum.}
  themes: [green-bri]
  sources: [{report: green-silk-road-2023, locator: 附件·2017年}]
  cases: [good-case]
"""

CASE_FILE = "data/cases/good-case.yml"
EVENTS = "data/timeline/events.yml"
E = "[2017-05-14-forum]"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path, CASE, TIMELINE)


def problems(root: Path) -> list[str]:
    with pytest.raises(sitedata.DataErrors) as info:
        sitedata.load_site(root, year=2026)
    return info.value.problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_is_valid(data_dir):
    data = sitedata.load_site(data_dir, year=2026)
    assert data.cases["good-case"].milestones[0].kind == "opened"


# (what, old, new, expected) edits of the case file.
BAD_CASE = [
    # -- YAML that is valid but not allowed
    ("alias", "sector: transport\n", "sector: &s transport\nthemes: [*s]\n",
     [f"{CASE_FILE}:4: (file): anchors (&s) are not allowed: write the value out"]),
    ("merge key", "location: {lat", "base: {lat: 1}\nlocation: {<<: {lat: 2}, lat",
     [f"{CASE_FILE}:20: (file): merge keys (<<) are not allowed: write the fields out"]),
    ("unhashable key", "sector: transport\n", "sector: transport\n[draft]: true\n",
     [f"{CASE_FILE}:5: (file): a key must be plain text, not a list or mapping"]),
    ("number as key", "sector: transport\n", "sector: transport\n1: one\n",
     [f"{CASE_FILE}:5: (file): the key '1' must be text: quote it"]),
    ("boolean as key", "sector: transport\n", "sector: transport\nyes: sure\n",
     [f"{CASE_FILE}:5: (file): the key 'yes' must be text: quote it"]),
    ("python tag", "sector: transport", "sector: !!python/object:os.system transport",
     [f"{CASE_FILE}:4: (file): tags (tag:yaml.org,2002:python/object:os.system) are not allowed: write plain values"]),
    ("binary tag", "sector: transport", "sector: !!binary dHJhbnNwb3J0",
     [f"{CASE_FILE}:4: (file): tags (tag:yaml.org,2002:binary) are not allowed: write plain values"]),
    ("local tag", "sector: transport", "sector: !thing transport",
     [f"{CASE_FILE}:4: (file): tags (!thing) are not allowed: write plain values"]),
    ("second document", "sector: transport\n", "sector: transport\n---\nid: other\n",
     [f"{CASE_FILE}:5: (file): holds more than one YAML document (a second '---')"]),
    ("unclosed quote", "  en: The report describes this project.", '  en: "The report describes this project.',
     [f"{CASE_FILE}:7: (file): not valid YAML: a quoted text is not closed"]),
    ("tab indentation", "  zh: 报告介绍了这个项目。", "\tzh: 报告介绍了这个项目。",
     [f"{CASE_FILE}:6: (file): not valid YAML: found character that cannot start any token"]),
    # -- numbers
    ("NaN", "value: 471", "value: .nan",
     [f"{CASE_FILE}:13: facts[0].value: must be a finite number (not .nan or .inf)"]),
    ("infinity", "value: 471", "value: -.inf",
     [f"{CASE_FILE}:13: facts[0].value: must be a finite number (not .nan or .inf)"]),
    ("huge number", "value: 471", "value: 1.0e+25",
     [f"{CASE_FILE}:13: facts[0].value: is larger than 1e+15: check the unit"]),
    ("boolean as number", "value: 471", "value: yes",
     [f"{CASE_FILE}:13: facts[0].value: must be a number, not true/false"]),
    ("latitude yes", "lat: -1.3", "lat: yes",
     [f"{CASE_FILE}:19: location.lat: must be a number, not true/false"]),
    ("latitude quoted", "lat: -1.3", 'lat: "-2.65"',
     [f"{CASE_FILE}:19: location.lat: must be a number, not text: remove any quotes (write exponents as 1.0e+6)"]),
    ("approximate not boolean", "lon: 36.8,", "lon: 36.8, approximate: 'no',",
     [f"{CASE_FILE}:19: location.approximate: must be true or false"]),
    # -- text
    ("zero-width only", "en: Good case}", "en: \"\\u200b\\u200b\"}",
     [f"{CASE_FILE}:2: title.en: contains the invisible or control character U+200B: remove it"]),
    ("joiner only", "en: Good case}", "en: \"\\u200d\"}",
     [f"{CASE_FILE}:2: title.en: must not be empty"]),
    ("control character", "en: Good case}", "en: \"Good\\x07case\"}",
     [f"{CASE_FILE}:2: title.en: contains the invisible or control character U+0007: remove it"]),
    ("bidi override", "en: Good case}", "en: \"Good \\u202ecase\"}",
     [f"{CASE_FILE}:2: title.en: contains the invisible or control character U+202E: remove it"]),
    ("bidi isolate", "zh: 好案例,", "zh: \"好\\u2067案例\",",
     [f"{CASE_FILE}:2: title.zh: contains the invisible or control character U+2067: remove it"]),
    ("script tag", "en: Good case}", "en: Good <script>alert(1)</script> case}",
     [f"{CASE_FILE}:2: title.en: HTML is not allowed in text fields (found <script>); write plain text"]),
    ("tag a parser misses", "en: Good case}", "en: Good <svg/onload=alert(1)> case}",
     [f"{CASE_FILE}:2: title.en: HTML is not allowed in text fields (found <svg>); write plain text"]),
    ("closing tag", "  en: The report describes this project.", "  en: The report </title><b>",
     [f"{CASE_FILE}:7: summary.en: HTML is not allowed in text fields (found <title>); write plain text"]),
    ("comment", "en: Good case}", "en: Good <!-- x --> case}",
     [f"{CASE_FILE}:2: title.en: HTML is not allowed in text fields (found <!…>); write plain text"]),
    ("exponent YAML reads as text", "value: 471", "value: 1e25",
     [f"{CASE_FILE}:13: facts[0].value: must be a number, not text: remove any quotes (write exponents as 1.0e+6)"]),
    ("too long", "en: Good case}", "en: " + "x" * 4001 + "}",
     [f"{CASE_FILE}:2: title.en: is longer than 4000 characters"]),
    ("number where text is needed", "en: Good case}", "en: 2017}",
     [f"{CASE_FILE}:2: title.en: must be text: quote the value"]),
    # -- ids, codes and dates
    ("id with trailing newline", "id: good-case", 'id: "good-case\\n"',
     [f"{CASE_FILE}:1: id: 'good-case\\n' is not a slug (lowercase a-z, 0-9 and single hyphens)"]),
    ("lower-case country", "countries: [KE]", "countries: [ke]",
     [f"{CASE_FILE}:3: countries[0]: 'ke' is not an ISO 3166-1 alpha-2 country code"]),
    ("full-width digits in a date", 'as_of: "2020"', 'as_of: "２０２０"',
     [f"{CASE_FILE}:16: facts[0].as_of: '２０２０' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"]),
    ("date with trailing newline", 'as_of: "2020"', 'as_of: "2020\\n"',
     [f"{CASE_FILE}:16: facts[0].as_of: '2020\\n' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"]),
    ("as-of date in the future", 'as_of: "2020"', 'as_of: "2999"',
     [f"{CASE_FILE}:16: facts[0].as_of: '2999' is after 2026: an as-of date cannot be in the future"]),
    ("year before 1900", 'as_of: "2020"', 'as_of: "1066"',
     [f"{CASE_FILE}:16: facts[0].as_of: '1066' is before 1900"]),
    # -- milestones and periods
    ("unknown milestone kind", "kind: opened", "kind: teleported",
     [f"{CASE_FILE}:18: milestones[0].kind: unknown milestone kind 'teleported' (see data/vocab/milestones.yml)"]),
    ("milestone in the future", 'date: "2017-05"', 'date: "2999-05"',
     [f"{CASE_FILE}:18: milestones[0].date: '2999-05' is after 2026: use kind `expected` for a planned date"]),
    ("bad milestone date", 'date: "2017-05"', 'date: "2017-5"',
     [f"{CASE_FILE}:18: milestones[0].date: '2017-5' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"]),
    ("period with only an end", "milestones:\n", 'period: {end: "2017-05"}\nmilestones:\n',
     [f"{CASE_FILE}:1: (file): a period needs a `start`; a date on which something opened, was completed "
      "or handed over is a milestone (`milestones: [{kind: opened, date: …}]`)"]),
    ("period of one date", "milestones:\n", 'period: {start: "2022", end: "2022"}\nmilestones:\n',
     [f"{CASE_FILE}:17: period: start and end are the same date: give it as a milestone"]),
    ("period ending before it starts", "milestones:\n", 'period: {start: "2019", end: "2017-05"}\nmilestones:\n',
     [f"{CASE_FILE}:17: period: end '2017-05' is before start '2019'"]),
    # -- references
    ("unknown locator", "locator: 专栏一（一）", "locator: 专栏九（一）",
     [f"{CASE_FILE}:10: sources[0].locator: '专栏九（一）' is not a section of green-silk-road-2023 "
      "(see `sections` in data/reports.yml)"]),
    ("locator with trailing text", "locator: 专栏一（一）", "locator: 专栏一（一）p.3",
     [f"{CASE_FILE}:10: sources[0].locator: '专栏一（一）p.3' is not a section of green-silk-road-2023 "
      "(see `sections` in data/reports.yml)"]),
    ("too many themes", "sector: transport\n", "sector: transport\nthemes: [" + ", ".join(["green-bri"] * 501) + "]\n",
     [f"{CASE_FILE}:5: themes: has more than 500 entries"]),
]


@pytest.mark.parametrize("what,old,new,expected", BAD_CASE, ids=[c[0] for c in BAD_CASE])
def test_bad_case_input(data_dir, what, old, new, expected):
    edit(data_dir / "cases" / "good-case.yml", old, new)
    assert problems(data_dir) == expected


BAD_EVENT = [
    ("event in the future", 'date: "2017-05-14"', 'date: "2999-05-14"\n  planned: false',
     [f"{EVENTS}:2: {E}.date: '2999-05-14' is after 2026: mark an event the source gives as future with `planned: true`",
      f"{EVENTS}:1: {E}.id: must start with the event's date: '2999-05-14-…'"]),
    ("range of other precision", 'date: "2017-05-14"', 'date: "2017-05-14"\n  end_date: "2017-06"',
     [f"{EVENTS}:1: {E}: end_date must have the same precision as date"]),
    ("range ending first", 'date: "2017-05-14"', 'date: "2017-05-14"\n  end_date: "2017-05-13"',
     [f"{EVENTS}:1: {E}: end_date '2017-05-13' is not after date '2017-05-14'"]),
    ("planned not boolean", 'date: "2017-05-14"', 'date: "2017-05-14"\n  planned: "yes"',
     [f"{EVENTS}:3: {E}.planned: must be true or false"]),
    ("inferred date without both languages", 'date: "2017-05-14"', 'date: "2017-05-14"\n  date_inferred: {zh: 推定}',
     [f"{EVENTS}:3: {E}.date_inferred.en: required field is missing"]),
    ("event locator of another report", "locator: 附件·2017年", "locator: 专栏2-1",
     [f"{EVENTS}:6: {E}.sources[0].locator: '专栏2-1' is not a section of green-silk-road-2023 "
      "(see `sections` in data/reports.yml)"]),
    ("annex year outside the annex", "locator: 附件·2017年", "locator: 附件·2031年",
     [f"{EVENTS}:6: {E}.sources[0].locator: '附件·2031年' is not a section of green-silk-road-2023 "
      "(see `sections` in data/reports.yml)"]),
]


@pytest.mark.parametrize("what,old,new,expected", BAD_EVENT, ids=[c[0] for c in BAD_EVENT])
def test_bad_event_input(data_dir, what, old, new, expected):
    edit(data_dir / "timeline" / "events.yml", old, new)
    assert problems(data_dir) == expected


def test_recursive_alias(data_dir):
    (data_dir / "timeline" / "events.yml").write_text("- &a [*a]\n", encoding="utf-8")
    assert problems(data_dir) == [f"{EVENTS}:1: (file): anchors (&a) are not allowed: write the value out"]


def test_alias_bomb_is_rejected_quickly(data_dir):
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    (data_dir / "timeline" / "events.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems(data_dir) == [f"{EVENTS}:1: (file): anchors (&a0) are not allowed: write the value out"]


def test_deep_nesting(data_dir):
    (data_dir / "timeline" / "events.yml").write_text("[" * 60 + "]" * 60 + "\n", encoding="utf-8")
    assert problems(data_dir) == [f"{EVENTS}:1: (file): nested more than 24 levels deep"]


def test_not_utf8(data_dir):
    (data_dir / "cases" / "good-case.yml").write_bytes(CASE.encode("utf-8") + b"notes: [\xff]\n")
    line = CASE.count("\n") + 1
    assert problems(data_dir) == [f"{CASE_FILE}:{line}: (file): not UTF-8 text: save the file as UTF-8"]


def test_file_too_large(data_dir):
    (data_dir / "cases" / "good-case.yml").write_text(CASE + "#" * 1_000_001 + "\n", encoding="utf-8")
    assert problems(data_dir) == [f"{CASE_FILE}:1: (file): file is larger than 1000 kB: split it"]


@pytest.mark.parametrize("name", ["other.YML", "other.yaml", "Other.yml", "draft/other.yml", "notes.txt"])
def test_no_case_file_is_skipped_for_its_name_or_place(data_dir, name):
    path = data_dir / "cases" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(CASE, encoding="utf-8")
    assert problems(data_dir) == [
        f"data/cases/{name}:1: (file): not a file the site reads (case files are data/cases/<id>.yml; "
        "lowercase names ending in .yml): rename or remove it"]


def test_unknown_file_in_data(data_dir):
    (data_dir / "timelines.yml").write_text("[]\n", encoding="utf-8")
    assert problems(data_dir) == [
        "data/timelines.yml:1: (file): not a file the site reads (see CONTRIBUTING.md for the files data/ holds; "
        "lowercase names ending in .yml): rename or remove it"]


def test_empty_timeline_file(data_dir):
    (data_dir / "timeline" / "more.yml").write_text("# nothing yet\n", encoding="utf-8")
    assert problems(data_dir) == [
        "data/timeline/more.yml:1: (file): file is empty: it must hold a list of entries (or be deleted)"]


def test_timeline_file_with_no_entries(data_dir):
    (data_dir / "timeline" / "more.yml").write_text("[]\n", encoding="utf-8")
    assert problems(data_dir) == ["data/timeline/more.yml:1: (file): holds no entries (or delete the file)"]


def test_bad_milestone_vocabulary(data_dir):
    edit(data_dir / "vocab" / "milestones.yml", 'phrase: {zh: "{date}宣布"', 'phrase: {zh: "宣布"')
    found = problems(data_dir)
    assert found == ["data/vocab/milestones.yml:6: [announced].phrase: the zh text must contain {date} exactly once"]


def test_bad_section_pattern(data_dir):
    edit(data_dir / "reports.yml", '- "专栏2-[1-6]"', '- "专栏2-[1-6"')
    found = problems(data_dir)
    assert len(found) == 1 and found[0].startswith(
        "data/reports.yml:24: [eco-friendly-modernization-2025].sections[2]: not a valid regular expression:")


def test_not_events_are_checked(data_dir):
    (data_dir / "not-events.yml").write_text(
        "- report: green-silk-road-2023\n  locator: 第九章\n  as_printed: 2019年\n"
        "  reason: {zh: 累计数字的截止时间。, en: An as-of date of a cumulative figure.}\n", encoding="utf-8")
    assert problems(data_dir) == [
        "data/not-events.yml:2: [#1].locator: '第九章' is not a section of green-silk-road-2023 "
        "(see `sections` in data/reports.yml)"]


# -- legitimate input that must load (and keep its text as written)

LEGIT = [
    ("quotes, ampersand and less-than", "en: Good case}", "en: \"Rail & road: 'a' < \\\"b\\\"\"}",
     "Rail & road: 'a' < \"b\""),
    ("CJK Extension B", "zh: 好案例,", "zh: 𠀀𠀁案例,", "𠀀𠀁案例"),
    ("emoji with joiner", "en: Good case}", "en: \"Good 👩‍🔬 case\"}", "Good 👩‍🔬 case"),
    ("Markdown-looking text", "en: Good case}", "en: \"[x](javascript:alert(1)) {onclick=alert(1)} *y*\"}",
     "[x](javascript:alert(1)) {onclick=alert(1)} *y*"),
]


@pytest.mark.parametrize("what,old,new,title", LEGIT, ids=[c[0] for c in LEGIT])
def test_legitimate_text_loads(data_dir, what, old, new, title):
    edit(data_dir / "cases" / "good-case.yml", old, new)
    case = sitedata.load_site(data_dir, year=2026).cases["good-case"]
    assert title in (case.title.en, case.title.zh)


def test_crlf_and_bom_files_load(data_dir):
    path = data_dir / "cases" / "good-case.yml"
    path.write_bytes(b"\xef\xbb\xbf" + CASE.replace("\n", "\r\n").encode("utf-8"))
    assert sitedata.load_site(data_dir, year=2026).cases["good-case"].summary.en == "The report describes this project."


def test_period_of_mixed_precision_is_a_span(data_dir):
    edit(data_dir / "cases" / "good-case.yml", "milestones:\n", 'period: {start: "2017-05", end: "2017"}\nmilestones:\n')
    assert sitedata.load_site(data_dir, year=2026).cases["good-case"].period.end == "2017"


def test_planned_future_event_loads(data_dir):
    edit(data_dir / "timeline" / "events.yml", "- id: 2017-05-14-forum\n  date: \"2017-05-14\"",
         "- id: 2030-forum\n  date: \"2030\"\n  planned: true")
    edit(data_dir / "timeline" / "events.yml", "cases: [good-case]", "cases: []")
    assert sitedata.load_site(data_dir, year=2026).events[0].planned is True


def test_text_is_normalised_to_nfc(data_dir):
    edit(data_dir / "cases" / "good-case.yml", "en: Good case}", "en: \"Cafe\\u0301\"}")
    assert sitedata.load_site(data_dir, year=2026).cases["good-case"].title.en == "Caf\u00e9"


def test_the_loader_reports_lines_with_libyaml():
    value, lines = yamlsource.loads("a:\n  b: [1, 2]\n")
    assert value == {"a": {"b": [1, 2]}} and lines[("a", "b", 1)] == 2
    assert yamlsource._Base.__name__ == "CSafeLoader"


def test_cli_exit_status_and_no_traceback(data_dir):
    edit(data_dir / "cases" / "good-case.yml", "sector: transport\n", "sector: transport\n[draft]: true\n")
    result = subprocess.run([sys.executable, "-m", "hooks.data.sitedata", str(data_dir)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"{CASE_FILE}:5: (file): a key must be plain text, not a list or mapping"
