"""The timeline and the glossary, made to be moved through: filters by country,
case and kind of event, a year navigator with counts, a pinyin / A–Z index and
a theme filter; and the two new data fields (`kind` on events, `themes` on
glossary entries) with exact messages for bad input."""

from __future__ import annotations

from collections import Counter

import yaml

from conftest import ROOT
from hooks.rendering import collation
from readers import open_page
from test_untrusted_data import E, EVENTS, data_dir, edit, problems  # noqa: F401  (fixture and helpers)

CASES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data/cases").glob("*.yml"))}
EVENT_LIST = [e for p in sorted((ROOT / "data/timeline").glob("*.yml")) for e in yaml.safe_load(p.read_text(encoding="utf-8"))]
KINDS = [k["id"] for k in yaml.safe_load((ROOT / "data/vocab/event-kinds.yml").read_text(encoding="utf-8"))]
TERMS = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))


def linked_cases(event: dict) -> set[str]:
    return set(event.get("cases", [])) | {cid for cid, c in CASES.items() if event["id"] in c.get("events", [])}


def visible_events(page) -> list[str]:
    return page.locator("article.timeline-event:visible").evaluate_all("els => els.map(e => e.id)")


def test_every_event_has_a_kind_from_the_vocabulary():
    assert {e["id"] for e in EVENT_LIST if e.get("kind") not in KINDS} == set()
    assert {"policy", "agreement", "meeting", "project"} <= {e["kind"] for e in EVENT_LIST}


def test_timeline_filters_by_country_case_and_kind(browser, served):  # noqa: F811
    kenya = {e["id"] for e in EVENT_LIST if any("KE" in CASES[c]["countries"] for c in linked_cases(e))}
    mangrove = {e["id"] for e in EVENT_LIST if "international-mangrove-center" in linked_cases(e)}
    agreements = {e["id"] for e in EVENT_LIST if e["kind"] == "agreement"}
    assert kenya and mangrove and agreements
    with open_page(browser, served.url + "en/timeline/", 1280) as page:
        page.select_option("select[name=country]", "KE")
        assert set(visible_events(page)) == kenya
        assert "country=KE" in page.url
        page.select_option("select[name=country]", "")
        page.select_option("select[name=case]", "international-mangrove-center")
        assert set(visible_events(page)) == mangrove
        page.select_option("select[name=case]", "")
        page.select_option("select[name=kind]", "agreement")
        assert set(visible_events(page)) == agreements
        # the year navigator counts what is shown, and drops empty years
        counts = Counter(e.split("-")[0] for e in agreements)
        shown = page.locator("nav.timeline-years li:visible a").evaluate_all(
            "as => as.map(a => [a.dataset.year, a.querySelector('small').textContent])")
        assert shown == [[y, f"({n})"] for y, n in sorted(counts.items())]
    with open_page(browser, served.url + "timeline/?kind=meeting&theme=green-bri", 390) as page:  # a shared link
        expected = {e["id"] for e in EVENT_LIST if e["kind"] == "meeting" and "green-bri" in e["themes"]}
        assert set(visible_events(page)) == expected
        assert page.locator("select[name=kind]").input_value() == "meeting"


def test_old_filter_links_still_work(browser, served):  # noqa: F811
    with open_page(browser, served.url + "timeline/?themes=biodiversity", 1280) as page:
        assert page.locator("select[name=theme]").input_value() == "biodiversity"
        assert page.url.endswith("timeline/?theme=biodiversity")


def test_year_navigator_lists_every_year_with_its_count(site):
    counts = Counter(e["date"][:4] for e in EVENT_LIST)
    for prefix in ("", "en/"):
        soup = site.soup(f"{prefix}timeline/index.html")
        links = soup.select("nav.timeline-years a[data-year]")
        assert [(a["data-year"], a.small.get_text()) for a in links] == [(y, f"({n})") for y, n in sorted(counts.items())]
        assert all(soup.find(id=a["href"][1:]) is not None for a in links)


def test_chinese_glossary_follows_pinyin_with_an_initial_index(site):
    soup = site.soup("glossary/index.html")
    ids = [h["id"] for h in soup.select("article h2[id]") if h["id"] in {t["id"] for t in TERMS}]
    zh = {t["id"]: t["term"]["zh"] for t in TERMS}
    assert ids == sorted(zh, key=lambda i: (collation.sort_key(zh[i], "zh"), i))
    letters = [(a.get_text(), a["href"][1:], a["data-ids"].split()) for a in soup.select("nav.glossary-index a")]
    names = [name for name, _, _ in letters]
    assert names == ["0–9"] + sorted(n for n in names if n != "0–9")  # digits first, as in the list
    for letter, first, members in letters:
        assert first == members[0] and soup.find(id=first) is not None
        assert all(collation.initial(zh[m], "zh").replace("#", "0–9") == letter for m in members)
    # 生态文明 (sheng) under S, 绿色金融 (lü) under L, 21世纪海上丝绸之路 under 0–9
    by_id = {m: name for name, _, ms in letters for m in ms}
    assert by_id["ecological-civilization"] == "S" and by_id["green-finance"] == "L"
    assert by_id["21st-century-maritime-silk-road"] == "0–9"
    assert sum(len(ms) for _, _, ms in letters) == len(TERMS)


def test_english_glossary_has_an_a_to_z_index(site):
    soup = site.soup("en/glossary/index.html")
    letters = {a.get_text(): a["data-ids"].split() for a in soup.select("nav.glossary-index a")}
    assert "paris-agreement" in letters["P"] and "green-finance" in letters["G"]


def test_glossary_theme_filter_and_letters_follow_it(browser, served):  # noqa: F811
    ozone = {t["id"] for t in TERMS if "ozone" in t.get("themes", [])}
    assert ozone
    with open_page(browser, served.url + "en/glossary/?theme=ozone", 1280) as page:
        shown = page.locator("article h2[id]:visible").evaluate_all("hs => hs.map(h => h.id)")
        assert set(shown) & {t["id"] for t in TERMS} == ozone
        letters = page.locator("nav.glossary-index li:visible a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert {h[1:] for h in letters} <= ozone and letters
        page.select_option("select[name=theme]", "")
        assert page.locator("article h2[id]:visible").count() >= len(TERMS)


# ---------------------------------------------------------------- bad input for the new fields

def test_unknown_event_kind(data_dir):  # noqa: F811
    edit(data_dir / "timeline" / "events.yml", 'date: "2017-05-14"', 'date: "2017-05-14"\n  kind: party')
    assert problems(data_dir) == [
        f"{EVENTS}:3: {E}.kind: unknown event kind 'party' (see data/vocab/event-kinds.yml)"]


def test_event_kind_not_a_slug(data_dir):  # noqa: F811
    edit(data_dir / "timeline" / "events.yml", 'date: "2017-05-14"', 'date: "2017-05-14"\n  kind: Policy')
    assert problems(data_dir) == [
        f"{EVENTS}:3: {E}.kind: 'Policy' is not a slug (lowercase a-z, 0-9 and single hyphens)"]


def test_event_kind_is_optional_and_checked_when_given(data_dir):  # noqa: F811
    from hooks.data import sitedata
    assert sitedata.load_site(data_dir, year=2026).events[0].kind is None
    edit(data_dir / "timeline" / "events.yml", 'date: "2017-05-14"', 'date: "2017-05-14"\n  kind: agreement')
    assert sitedata.load_site(data_dir, year=2026).events[0].kind == "agreement"


GLOSSARY = """\
- id: good-term
  term: {zh: 好术语, en: good term}
  definition: {zh: 本站的解释。, en: The site's explanation.}
  rendering: site
  themes: [biodiversity]
  sources: [{report: green-silk-road-2023, locator: 专栏一（一）}]
"""


def test_unknown_glossary_theme(data_dir):  # noqa: F811
    (data_dir / "glossary.yml").write_text(GLOSSARY.replace("[biodiversity]", "[biodiversity, astrology]"),
                                           encoding="utf-8")
    assert problems(data_dir) == [
        "data/glossary.yml:5: [good-term].themes[1]: unknown theme 'astrology' (see data/vocab/themes.yml)"]


def test_glossary_themes_must_be_a_list(data_dir):  # noqa: F811
    (data_dir / "glossary.yml").write_text(GLOSSARY.replace("[biodiversity]", "biodiversity"), encoding="utf-8")
    assert problems(data_dir) == ["data/glossary.yml:5: [good-term].themes: must be a list"]


def test_glossary_themes_load(data_dir):  # noqa: F811
    from hooks.data import sitedata
    (data_dir / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    assert sitedata.load_site(data_dir, year=2026).glossary[0].themes == ["biodiversity"]
