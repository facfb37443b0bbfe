"""Bad input stops the real build with a clear message; renderers escape and format."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, run_build
from hooks.data import sitedata
from hooks.rendering import case_markers, render


def test_build_with_bad_data_stops_with_one_clear_message(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    case = data / "cases" / "mombasa-nairobi-sgr.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("sector: transport", "sector: teleport", 1),
                    encoding="utf-8")
    monkeypatch.setenv("SITE_DATA_DIR", str(data))
    result = run_build(tmp_path / "site", "http://127.0.0.1:1/")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in out
    assert "data/cases/mombasa-nairobi-sgr.yml:" in out
    assert "sector: unknown sector 'teleport' (see data/vocab/sectors.yml)" in out


def test_unknown_case_marker_names_file_and_line():
    page = "intro\n\n<!-- case: mombasa-nairobi-sgr -->\n\n<!-- case: no-such-case -->\n"
    with pytest.raises(case_markers.MarkerError) as info:
        case_markers.expand(page, "docs/reports/x/part-1.md", {"mombasa-nairobi-sgr": 1}, lambda cid: "BOX")
    assert str(info.value) == "docs/reports/x/part-1.md:5: case marker: unknown case id 'no-such-case'"


def test_marker_must_stand_on_its_own_line():
    page = "text <!-- case: mombasa-nairobi-sgr --> more\n"
    with pytest.raises(case_markers.MarkerError) as info:
        case_markers.expand(page, "p.md", {"mombasa-nairobi-sgr": 1}, lambda cid: "BOX")
    assert str(info.value).startswith("p.md:1: case marker: not a valid marker")


@pytest.fixture(scope="module")
def renderer():
    data = sitedata.load_site(ROOT / "data")
    return render.Renderer(data, site_url="https://example.org/")


def test_case_page_escapes_text_and_keeps_figures(renderer):
    data = renderer.data
    case = data.cases["mombasa-nairobi-sgr"]
    title = case.title.model_copy(update={"en": "Rail & <b>road</b>"})
    risky = case.model_copy(update={"title": title})
    out = renderer.case_page(risky, "en")
    body = out.split("\n---\n", 1)[1]  # front matter holds YAML text; MkDocs escapes it (main.py)
    assert "Rail &amp; &lt;b&gt;road&lt;/b&gt;" in body
    assert "<b>road</b>" not in body
    for fact in case.facts:
        assert fact.as_stated in out
    assert "https://example.org/en/cases/mombasa-nairobi-sgr/" in out


def test_case_box_links_to_the_case_from_the_page(renderer):
    case = renderer.data.cases["zijin-bor-copper-serbia"]
    box = renderer.case_box(case, "zh", "reports/eco-friendly-modernization-2025/chapter-2.md")
    assert "(../../cases/zijin-bor-copper-serbia.md)" in box
    assert 'id="case-zijin-bor-copper-serbia"' in box


def test_timeline_groups_by_year_and_formats_dates(renderer):
    zh, en = renderer.timeline("zh"), renderer.timeline("en")
    assert "## 2017年 {#year-2017}" in zh and "## 2017 {#year-2017}" in en
    assert '<time datetime="2017-04-26">2017年4月26日</time>' in zh
    assert '<time datetime="2017-04-26">26 April 2017</time>' in en
    assert '<article class="timeline-event" id="2017-04-26-green-bri-guidance"' in zh


def test_generated_pages_cover_every_case_in_both_languages(renderer):
    pages = render.generated_pages(renderer.data)
    for cid in renderer.data.cases:
        assert pages[f"cases/{cid}.md"] == ("case", cid)
        assert pages[f"cases/{cid}.en.md"] == ("case", cid)


def test_locator_maps_to_the_page_with_the_longest_prefix(renderer):
    report = renderer.data.reports["green-silk-road-2023"]
    assert report.page_for("一（七）2.") == "reports/green-silk-road-2023/part-1-7"
    assert report.page_for("专栏四（三）") == "reports/green-silk-road-2023/part-1-3"
    assert report.page_for("二（一）") == "reports/green-silk-road-2023/part-2"
    assert report.page_for("附件·2019年") == "timeline"
    assert report.page_for("后记") == "reports/green-silk-road-2023/index"


def test_glossary_links_carry_the_definition():
    from hooks.rendering import glossary_links
    page = '<p><a href="../../glossary/#ecological-civilization">生态文明</a> and <a href="../x/">x</a></p>'
    out = glossary_links.annotate(page, {"ecological-civilization": 'A "vision" & <aim>'})
    assert out == ('<p><a href="../../glossary/#ecological-civilization" class="glossary-term" '
                   'title="A &quot;vision&quot; &amp; &lt;aim&gt;">生态文明</a> and <a href="../x/">x</a></p>')


def test_a_broken_template_is_named_with_file_and_line(tmp_path):
    (tmp_path / "timeline.html").write_text("line one\n{{ no_such_value.x }}\n", encoding="utf-8")
    data = sitedata.load_site(ROOT / "data")
    broken = render.Renderer(data, fragments=tmp_path)
    with pytest.raises(render.RenderError) as info:
        broken.timeline("en")
    assert str(info.value).startswith("overrides/fragments/timeline.html:2: rendering timeline.en.md:")
    assert "no_such_value" in str(info.value)


def test_a_missing_label_names_data_labels(tmp_path):
    (tmp_path / "timeline.html").write_text("line one\n\n{{ label.no_such_label }}\n", encoding="utf-8")
    broken = render.Renderer(sitedata.load_site(ROOT / "data"), fragments=tmp_path)
    with pytest.raises(render.RenderError) as info:
        broken.timeline("zh")
    assert str(info.value) == ("data/labels.yml:1: no_such_label: label is missing in both languages "
                               "(used by overrides/fragments/timeline.html:3)")
