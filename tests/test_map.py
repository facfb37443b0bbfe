"""The case maps, in a real browser and on the built HTML.

Targets at least 24 × 24 px that nothing covers (elementFromPoint at each
centre), numbered clusters that zoom, names on focus and tap, keyboard order
west to east (the documented rule), filters that re-frame the map, a computed
summary, and a static locator map on every case page with a location.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from readers import assert_targets_usable, map_targets, open_page

CASES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data/cases").glob("*.yml"))}
LOCATED = {cid for cid, c in CASES.items() if c.get("location")}
REGIONS = {r["id"]: set(r["countries"]) for r in yaml.safe_load((ROOT / "data/vocab/regions.yml").read_text(encoding="utf-8"))}
AFRICA = {cid for cid, c in CASES.items() if set(c["countries"]) & REGIONS["africa"]}


def view_box(page) -> list[float]:
    return [float(v) for v in page.locator("svg.case-map__svg").get_attribute("viewBox").split()]


@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("path", ["en/cases/", "cases/", ""])
def test_every_target_is_big_enough_and_uncovered(browser, served, width, path):  # noqa: F811
    with open_page(browser, served.url + path, width) as page:
        targets = assert_targets_usable(page)
        ids = {i for t in targets for i in t["id"].split()}
        assert ids == LOCATED  # every located case is a point or inside a cluster


@pytest.mark.parametrize("width", [320, 1280])
def test_without_javascript_the_served_layout_is_usable_too(browser, served, width):  # noqa: F811
    with open_page(browser, served.url + "en/cases/", width, js=False) as page:
        assert_targets_usable(page)


def test_a_cluster_zooms_in_until_its_cases_part_or_lists_them(browser, served):  # noqa: F811
    with open_page(browser, served.url + "en/cases/", 390) as page:
        before = view_box(page)
        clusters = [t for t in map_targets(page) if t["kind"] == "cluster"]
        biggest = max(clusters, key=lambda t: len(t["id"].split()))
        members = set(biggest["id"].split())
        assert page.locator(".case-map__reset").is_hidden()
        page.locator(f'a.case-map__cluster[data-members="{biggest["id"]}"]').click()
        after = view_box(page)
        assert after[2] < before[2] / 2, (before, after)  # zoomed in
        targets = assert_targets_usable(page)
        shown = {i for t in targets for i in t["id"].split()}
        assert members <= shown and len(targets) > 1
        # keep choosing clusters: each one zooms further or opens a list of its cases
        for _ in range(12):
            clusters = [t for t in map_targets(page) if t["kind"] == "cluster"]
            if not clusters:
                break
            width = view_box(page)[2]
            page.locator(f'a.case-map__cluster[data-members="{clusters[0]["id"]}"]').click()
            if page.locator(".case-map__panel").is_visible():
                names = page.locator(".case-map__panel a").all_inner_texts()
                assert len(names) == len(clusters[0]["id"].split())
                page.keyboard.press("Escape")
                assert page.locator(".case-map__panel").is_hidden()
                break
            assert view_box(page)[2] < width
            assert_targets_usable(page)
        page.locator(".case-map__reset").click()
        assert view_box(page) == pytest.approx(before, abs=0.01)
        assert page.locator(".case-map__reset").is_hidden()


def test_keyboard_order_runs_west_to_east(browser, served):  # noqa: F811
    """The documented rule (map caption): Tab goes from west to east, then north to south."""
    with open_page(browser, served.url + "en/cases/", 1280) as page:
        targets = map_targets(page)
        page.locator("figure[data-map] a.case-map__point:not(.is-off), figure[data-map] a.case-map__cluster").first.focus()
        seen = []
        for _ in targets:
            seen.append(page.evaluate("(() => { const r = document.activeElement.querySelector('.case-map__hit')"
                                      ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"))
            page.keyboard.press("Tab")
        assert len(seen) == len(targets) > 5
        assert seen == sorted(seen), seen
        assert [[t["cx"], t["cy"]] for t in targets] == seen  # DOM order is the order


def test_names_show_on_keyboard_focus(browser, served):  # noqa: F811
    with open_page(browser, served.url + "en/cases/", 1280) as page:
        tip = page.locator(".case-map__tip")
        assert tip.is_hidden()
        point = page.locator("a.case-map__point:not(.is-off)").first
        point.focus()
        assert tip.is_visible()
        assert tip.inner_text() == point.locator("title").text_content()
        box, frame = tip.bounding_box(), page.locator(".case-map__frame").bounding_box()
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 0.5
        page.keyboard.press("Escape")
        assert tip.is_hidden()


def test_first_tap_shows_the_name_second_tap_opens_the_case(browser, served):  # noqa: F811
    with open_page(browser, served.url + "en/cases/", 390, touch=True) as page:
        point = page.locator("a.case-map__point:not(.is-off)").first
        name, case_id = point.locator("title").text_content(), point.get_attribute("data-case")
        point.tap()
        assert page.locator(".case-map__tip").inner_text() == name
        assert page.url == served.url + "en/cases/"
        point.tap()
        page.wait_for_url(served.url + f"en/cases/{case_id}/")


def test_filters_reframe_the_map_and_the_summary_counts(browser, served):  # noqa: F811
    with open_page(browser, served.url + "en/cases/", 1280) as page:
        summary = page.locator(".case-map__summary")
        assert summary.inner_text() == (f"{len(LOCATED)} of {len(CASES)} cases shown; "
                                        f"{len(CASES) - len(LOCATED)} without a single location.")
        world = view_box(page)
        page.select_option("form.site-filter select[name=region]", "africa")
        targets = assert_targets_usable(page)
        assert {i for t in targets for i in t["id"].split()} == AFRICA & LOCATED
        framed = view_box(page)
        assert framed[2] < world[2] / 2  # zoomed to Africa
        xs = [float(CASES[c]["location"]["lon"]) + 180 for c in AFRICA & LOCATED]
        assert framed[0] <= min(xs) and max(xs) <= framed[0] + framed[2]
        located, total = len(AFRICA & LOCATED), len(AFRICA)
        assert summary.inner_text() == f"{located} of {total} cases shown; {total - located} without a single location."


def test_chinese_summary_is_computed_too(site):
    text = site.soup("cases/index.html").select_one(".case-map__summary").get_text()
    assert text == f"图中标出{len(LOCATED)}个案例（共{len(CASES)}个）；{len(CASES) - len(LOCATED)}个案例没有单一地点。"


def test_every_case_with_a_location_has_a_locator_map_with_its_point(site):
    land = (ROOT / "data/map/land.txt").read_text(encoding="utf-8")
    for cid, case in CASES.items():
        for prefix in ("", "en/"):
            soup = site.soup(f"{prefix}cases/{cid}/index.html")
            svg = soup.select_one("svg.case-locator__svg")
            if not case.get("location"):
                assert svg is None, cid
                continue
            assert svg is not None, f"{prefix}{cid}"
            x0, y0, w, h = (float(v) for v in svg["viewbox" if "viewbox" in svg.attrs else "viewBox"].split())
            dot = svg.select_one("circle.case-locator__point")
            cx, cy = float(dot["cx"]), float(dot["cy"])
            assert cx == pytest.approx(case["location"]["lon"] + 180, abs=0.01)
            assert cy == pytest.approx(90 - case["location"]["lat"], abs=0.01)
            assert x0 < cx < x0 + w and y0 < cy < y0 + h
            path = svg.select_one("path.case-map__land")
            assert path is not None and 0 < len(path["d"]) < len(land)  # the outline, cut to the window
            assert svg.find("image") is None and not re.search(r"https?://(?!www\.w3\.org)", str(svg))


def test_clustering_follows_its_plain_rule_and_scales():
    """geo.cluster (heap and grid) gives what the plain closest-pair rule gives, on random maps
    with repeated spots, and handles thousands of points (2,000 at one spot: the scale bench)."""
    import random

    from hooks.rendering import geo

    def shape(groups):
        return [(round(g.x, 6), round(g.y, 6), [m[2] for m in g.members]) for g in groups]
    rng = random.Random(7)
    for _ in range(200):
        spread, scale = rng.choice([0.5, 2, 10, 60]), rng.choice([0.8, 2, 5, 20, 60])
        x0, y0 = rng.uniform(0, 300), rng.uniform(0, 150)
        points = []
        for k in range(rng.randint(1, 50)):
            if points and rng.random() < 0.2:
                x, y, _ = rng.choice(points)
            else:
                x, y = round(x0 + rng.uniform(0, spread), 2), round(y0 + rng.uniform(0, spread / 2), 2)
            points.append((x, y, k))
        assert shape(geo.cluster(points, scale)) == shape(geo._cluster_reference(points, scale))
    many = [(218.27, 92.65, k) for k in range(2000)] + [(rng.uniform(0, 360), rng.uniform(20, 160), k)
                                                         for k in range(2000, 2300)]
    groups = geo.cluster(many, 0.8)  # the plain rule takes minutes here (speed: bench/compare_plain.py)
    assert sum(len(g.members) for g in groups) == 2300
    assert any({m[2] for m in g.members} >= set(range(2000)) for g in groups)  # one spot, one group


def _absolute(d: str) -> list[list[tuple[int, int]]]:
    """The rings of a path written by geo (`M x y l dx dy … z`), as absolute points in tenths,
    read with the SVG number grammar (a sign or a second decimal point starts a number)."""
    rings = []
    for start, steps in re.findall(r"M([^lz]+)l([^z]*)z", d):
        nums = [round(float(n) * 10) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", f"{start} {steps}")]
        assert len(nums) % 2 == 0, start
        x, y = nums[0], nums[1]
        ring = [(x, y)]
        for i in range(2, len(nums), 2):
            x, y = x + nums[i], y + nums[i + 1]
            ring.append((x, y))
        rings.append(ring)
    assert "".join(f"M{a}l{b}z" for a, b in re.findall(r"M([^lz]+)l([^z]*)z", d)) == d  # nothing else in it
    return rings


def test_land_is_written_relative_and_keeps_the_shape():
    """The compact land path (relative steps in tenths) draws exactly the clipped outline
    rounded to 0.1 unit, ring for ring, with repeated points left out."""
    from hooks.rendering import geo

    land = (ROOT / "data/map/land.txt").read_text(encoding="utf-8").strip()
    for box in [(0, 0, 360, 180), (93.77, 13.28, 352, 142.4), (200, 60, 262, 98)]:
        expected = []
        for ring, (x0, y0, x1, y1) in geo._bounded(land):
            if x1 < box[0] or x0 > box[2] or y1 < box[1] or y0 > box[3]:
                continue
            cut = [(round(x * 10), round(y * 10)) for x, y in geo._clip(list(ring), box)]
            kept = [p for i, p in enumerate(cut) if i == 0 or p != cut[i - 1]]
            if len(kept) > 1 and kept[-1] == kept[0]:
                kept.pop()
            if len(kept) >= 3:
                expected.append(kept)
        d = geo.clipped_path(land, box)
        assert _absolute(d) == expected
        assert all(box[0] * 10 - 1 <= x <= box[2] * 10 + 1 and box[1] * 10 - 1 <= y <= box[3] * 10 + 1
                   for ring in _absolute(d) for x, y in ring)
    assert [geo._tenths(n) for n in (15, 5, -5, 20, 0, -123)] == ["1.5", ".5", "-.5", "2", "0", "-12.3"]


def test_the_index_map_carries_only_the_land_around_its_frame(site):
    """The case map of the home page and the case index holds the land of its frame (plus a
    quarter to spare each side, for re-framing in the browser), not the whole world's."""
    land = (ROOT / "data/map/land.txt").read_text(encoding="utf-8")
    for path in ("index.html", "cases/index.html", "en/cases/index.html"):
        svg = site.soup(path).select_one("svg.case-map__svg")
        x, y, w, h = (float(v) for v in svg["viewbox" if "viewbox" in svg.attrs else "viewBox"].split())
        rings = _absolute(svg.select_one("path.case-map__land")["d"])
        xs = [p[0] / 10 for r in rings for p in r]
        ys = [p[1] / 10 for r in rings for p in r]
        assert min(xs) >= x - w / 4 - 0.1 and max(xs) <= x + w * 1.25 + 0.1
        assert min(ys) >= y - h / 4 - 0.1 and max(ys) <= y + h * 1.25 + 0.1
        assert len(svg.select_one("path.case-map__land")["d"]) < len(land) / 1.5
