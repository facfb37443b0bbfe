"""Validation of data/: each kind of bad input gives one exact message."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_data_dir

from hooks.data import sitedata
from hooks.data.models import json_schemas

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
events: [2017-05-14-forum]
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


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path, CASE, TIMELINE)


def problems(root: Path) -> list[str]:
    with pytest.raises(sitedata.DataErrors) as info:
        sitedata.load_site(root)
    return info.value.problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_data_loads(data_dir):
    data = sitedata.load_site(data_dir)
    assert list(data.cases) == ["good-case"]
    assert data.events[0].date == "2017-05-14"  # a string, not a datetime.date
    assert data.events_of(data.cases["good-case"])[0].id == "2017-05-14-forum"


CASE_FILE = "data/cases/good-case.yml"
EVENTS_FILE = "data/timeline/events.yml"

BAD_CASES = [
    # (what, old text, new text, expected messages)
    ("missing language", "  en: The report describes this project.\n", "",
     [f"{CASE_FILE}:5: summary.en: required field is missing"]),
    ("empty language", "zh: 报告介绍了这个项目。", "zh: '  '",
     [f"{CASE_FILE}:6: summary.zh: must not be empty"]),
    ("HTML in a text field", "en: Good case}", "en: Good <script>alert(1)</script> case}",
     [f"{CASE_FILE}:2: title.en: HTML is not allowed in text fields (found <script>); write plain text"]),
    ("unknown sector", "sector: transport", "sector: spaceflight",
     [f"{CASE_FILE}:4: sector: unknown sector 'spaceflight' (see data/vocab/sectors.yml)"]),
    ("not a country", "countries: [KE]", "countries: [KE, XX]",
     [f"{CASE_FILE}:3: countries[1]: 'XX' is not an ISO 3166-1 alpha-2 country code"]),
    ("unquoted NO read as false", "countries: [KE]", "countries: [NO]",
     [f"{CASE_FILE}:3: countries[0]: False is not a country code: quote codes such as \"NO\""]),
    ("id differs from file name", "id: good-case", "id: other-case",
     [f"{CASE_FILE}:1: id: must equal the file name 'good-case'"]),
    ("id not a slug", "id: good-case", "id: Good_Case",
     [f"{CASE_FILE}:1: id: 'Good_Case' is not a slug (lowercase a-z, 0-9 and single hyphens)"]),
    ("latitude out of range", "lat: -1.3", "lat: -91.5",
     [f"{CASE_FILE}:17: location.lat: Input should be greater than or equal to -90"]),
    ("longitude out of range", "lon: 36.8", "lon: 181",
     [f"{CASE_FILE}:17: location.lon: Input should be less than or equal to 180"]),
    ("unknown event id", "events: [2017-05-14-forum]", "events: [2017-05-14-forum, 2018-01-01-nothing]",
     [f"{CASE_FILE}:16: events[1]: unknown event id '2018-01-01-nothing'"]),
    ("unknown report id", "report: green-silk-road-2023", "report: green-silk-road-2099",
     [f"{CASE_FILE}:9: sources[0].report: unknown report 'green-silk-road-2099' (see data/reports.yml)"]),
    ("fact without as_stated", "    as_stated: 471公里\n", "",
     [f"{CASE_FILE}:12: facts[0].as_stated: required field is missing"]),
    ("fact with neither value nor display", "    value: 471\n", "",
     [f"{CASE_FILE}:12: facts[0]: a fact needs `value` (a number) or `display` (bilingual text)"]),
    ("misspelt field", "summary:\n", "summry:\n",
     [f"{CASE_FILE}:1: summary: required field is missing", f"{CASE_FILE}:5: summry: unknown field"]),
    ("comma splitting a flow mapping", "name: {zh: 内罗毕, en: Nairobi}", "name: {zh: 内罗毕, en: Nairobi, Kenya}",
     [f"{CASE_FILE}:17: location.name.Kenya: unknown field: quote text that holds a comma or colon inside {{zh: …, en: …}}"]),
    ("number given as text", "value: 471", "value: '471'",
     [f"{CASE_FILE}:13: facts[0].value: must be a number, not text: remove any quotes (write exponents as 1.0e+6)"]),
    ("broken YAML", "title: {zh: 好案例, en: Good case}", "title: {zh: 好案例, en: Good case",
     [f"{CASE_FILE}:3: (file): not valid YAML: did not find expected ',' or '}}'"]),
    ("duplicate key", "sector: transport\n", "sector: transport\nsector: energy\n",
     [f"{CASE_FILE}:5: (file): duplicate key 'sector'"]),
]


@pytest.mark.parametrize("what,old,new,expected", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_case_file(data_dir, what, old, new, expected):
    edit(data_dir / "cases" / "good-case.yml", old, new)
    assert problems(data_dir) == expected


BAD_EVENTS = [
    ("impossible date", 'date: "2017-05-14"', 'date: "2017-13-14"',
     [f"{EVENTS_FILE}:2: [2017-05-14-forum].date: '2017-13-14' is not a real date"]),
    ("date in another format", 'date: "2017-05-14"', 'date: "2017/05/14"',
     [f"{EVENTS_FILE}:2: [2017-05-14-forum].date: '2017/05/14' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"]),
    ("id not starting with its date", 'date: "2017-05-14"', 'date: "2017-05-15"',
     [f"{EVENTS_FILE}:1: [2017-05-14-forum].id: must start with the event's date: '2017-05-15-…'"]),
    ("unknown theme", "themes: [green-bri]", "themes: [green-bri, astrology]",
     [f"{EVENTS_FILE}:5: [2017-05-14-forum].themes[1]: unknown theme 'astrology' (see data/vocab/themes.yml)"]),
    ("unknown case id", "cases: [good-case]", "cases: [good-case, missing-case]",
     [f"{EVENTS_FILE}:7: [2017-05-14-forum].cases[1]: unknown case id 'missing-case'"]),
    ("missing language in an event", "title: {zh: 论坛, en: Forum}", "title: {zh: 论坛}",
     [f"{EVENTS_FILE}:3: [2017-05-14-forum].title.en: required field is missing"]),
    ("no sources", "  sources: [{report: green-silk-road-2023, locator: 附件·2017年}]\n", "  sources: []\n",
     [f"{EVENTS_FILE}:6: [2017-05-14-forum].sources: must not be empty"]),
]


@pytest.mark.parametrize("what,old,new,expected", BAD_EVENTS, ids=[c[0] for c in BAD_EVENTS])
def test_bad_event(data_dir, what, old, new, expected):
    edit(data_dir / "timeline" / "events.yml", old, new)
    assert problems(data_dir) == expected


def test_duplicate_event_across_files(data_dir):
    (data_dir / "timeline" / "more.yml").write_text(TIMELINE, encoding="utf-8")
    assert problems(data_dir) == [
        "data/timeline/more.yml:1: [2017-05-14-forum].id: duplicate event id "
        "(first defined at data/timeline/events.yml:1)"]


def test_every_problem_in_every_file_is_reported_together(data_dir):
    edit(data_dir / "cases" / "good-case.yml", "sector: transport", "sector: nope")
    edit(data_dir / "timeline" / "events.yml", 'date: "2017-05-14"', 'date: "2017-02-30"')
    edit(data_dir / "vocab" / "themes.yml", "id: biodiversity", "id: Biodiversity")
    found = problems(data_dir)
    assert len(found) == 3
    assert {p.split(":")[0] for p in found} == {CASE_FILE, EVENTS_FILE, "data/vocab/themes.yml"}


def test_missing_required_file(data_dir):
    (data_dir / "reports.yml").unlink()
    found = problems(data_dir)
    assert found[0] == "data/reports.yml:1: (file): file is missing"


def test_cli_reports_problems_without_traceback(data_dir, capsys):
    edit(data_dir / "cases" / "good-case.yml", "sector: transport", "sector: nope")
    assert sitedata.main([str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines() == [
        f"{CASE_FILE}:4: sector: unknown sector 'nope' (see data/vocab/sectors.yml)",
        f"1 problem(s) in {data_dir}"]


def test_real_data_is_valid():
    data = sitedata.load_site(ROOT / "data")
    assert data.cases and data.events


def test_published_schema_is_current():
    import json
    for name, schema in json_schemas().items():
        path = ROOT / "schema" / f"{name}.schema.json"
        assert path.exists(), f"run: python -m hooks.data.schema  (missing {path.name})"
        assert json.loads(path.read_text(encoding="utf-8")) == schema, \
            f"{path.name} is out of date: run python -m hooks.data.schema"
