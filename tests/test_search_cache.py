"""The search index under `mkdocs serve`: entries kept between rebuilds in one process are
never stale (hooks/glue/search_split.py `_CACHE`)."""

from __future__ import annotations

import json

from hooks.glue import search_split

PAGE = ('<html><body><article class="md-content__inner md-typeset"><h1 id="t">{title}</h1>'
        '<p>{text}</p></article></body></html>')


def write(root, location: str, title: str, text: str) -> None:
    path = root / location / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title, text=text), encoding="utf-8")


def index(root, lang: str = "en") -> dict[str, str]:
    docs = json.loads((root / lang / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    return {d["location"]: d["text"] for d in docs}


def test_a_changed_page_is_indexed_again_and_the_others_are_reused(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_text(json.dumps({"config": {"separator": " "}, "docs": []}))
    write(tmp_path, "en/a", "Alpha", "The first page about mangroves.")
    write(tmp_path, "en/b", "Beta", "The second page about railways.")
    pages = [("en/a/", "Alpha"), ("en/b/", "Beta")]
    search_split.split(tmp_path, ["en"], None, pages)
    first = index(tmp_path)
    assert "mangroves" in first["a/"] and "railways" in first["b/"]
    cached = dict(search_split._CACHE)
    write(tmp_path, "en/b", "Beta", "The second page about wind farms.")  # a save under `serve`
    search_split.split(tmp_path, ["en"], None, pages)
    second = index(tmp_path)
    assert second["a/"] == first["a/"] and "wind farms" in second["b/"] and "railways" not in second["b/"]
    kept = [k for k in search_split._CACHE if k in cached]
    assert [k[1] for k in kept] == ["en/a/"]  # the unchanged page came from the cache
    assert len(search_split._CACHE) == 2  # only this build's pages are kept


def test_under_serve_the_index_is_written_in_the_background_and_waited_for(tmp_path, monkeypatch, caplog):
    """postbuild.SearchWriter: in the background it writes the same index as inline; the next
    write (the next build) waits for the one before; a failure is logged with its reason."""
    import threading

    from hooks.glue import postbuild

    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_text(json.dumps({"config": {"separator": " "}, "docs": []}))
    write(tmp_path, "en/a", "Alpha", "The first page about mangroves.")
    pages = [("en/a/", "Alpha")]
    writer = postbuild.SearchWriter()
    writer.write(tmp_path, ["en"], None, pages)
    inline = (tmp_path / "en/search/search_index.json").read_bytes()
    (tmp_path / "en/search/search_index.json").unlink()

    release = threading.Event()
    real_split = search_split.split

    def slow_split(*args):
        release.wait(10)
        return real_split(*args)
    monkeypatch.setattr(search_split, "split", slow_split)
    writer.background = True  # as on_startup sets it for `mkdocs serve`
    writer.write(tmp_path, ["en"], None, pages)
    assert not (tmp_path / "en/search/search_index.json").exists()  # the build returned first
    release.set()
    writer.wait()
    assert (tmp_path / "en/search/search_index.json").read_bytes() == inline

    monkeypatch.setattr(search_split, "split", lambda *a: (_ for _ in ()).throw(ValueError("bad page")))
    writer.write(tmp_path, ["en"], None, pages)
    writer.wait()
    assert isinstance(writer.error, ValueError)
    assert "search index not written: bad page" in caplog.text


def test_under_serve_what_a_preview_can_wait_for_follows_the_pages(tmp_path, caplog):
    """The cut stylesheets and the downloads (`first`) run in the same background thread, before
    the index; one that fails is logged by name and the rest are still written."""
    from hooks.glue import postbuild

    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_text(json.dumps({"config": {"separator": " "}, "docs": []}))
    write(tmp_path, "en/a", "Alpha", "The first page about mangroves.")
    done = []

    def broken():
        raise OSError("disk full")
    writer = postbuild.SearchWriter()
    writer.background = True
    writer.write(tmp_path, ["en"], None, [("en/a/", "Alpha")],
                 first=[("cut stylesheet", broken), ("download", lambda: done.append("downloads"))])
    writer.wait()
    assert done == ["downloads"]
    assert (tmp_path / "en/search/search_index.json").exists()
    assert "cut stylesheet not written: disk full" in caplog.text
    assert not list(tmp_path.rglob("*.tmp"))  # files are replaced whole, nothing left beside them


def _two_languages(root) -> list[tuple[str, str]]:
    (root / "search").mkdir()
    (root / "search/search_index.json").write_text(json.dumps({"config": {"separator": " "}, "docs": []}))
    write(root, "a", "红树林", "第一页写红树林保护和碳中和。")
    write(root, "en/a", "Alpha", "The first page about mangroves.")
    return [("a/", "红树林"), ("en/a/", "Alpha")]


def test_entries_made_ahead_in_a_child_give_the_same_indexes(tmp_path):
    """search_split.Ahead: a forked child per language, then split writes what they made; the
    files are those split writes alone. A child's failure stops the build with its reason."""
    import pytest

    pages = _two_languages(tmp_path)
    search_split.split(tmp_path, ["en"], None, pages)
    alone = {p: (tmp_path / p).read_bytes() for p in ("search/search_index.json", "en/search/search_index.json")}
    assert "红树林^保护" in alone["search/search_index.json"].decode("utf-8")  # cut by jieba
    if not search_split.Ahead.available():
        pytest.skip("no fork on this platform")
    ahead = search_split.Ahead()
    ahead.start(tmp_path, "zh", ["en"], None, pages[:1])
    ahead.start(tmp_path, "en", ["en"], None, pages)
    search_split.split(tmp_path, ["en"], None, pages, ahead=ahead)
    assert {p: (tmp_path / p).read_bytes() for p in alone} == alone
    assert ahead._jobs == {}


def test_a_failing_child_stops_the_split_with_its_reason(tmp_path, monkeypatch):
    import pytest

    if not search_split.Ahead.available():
        pytest.skip("no fork on this platform")
    pages = _two_languages(tmp_path)
    real = search_split._language

    def broken(root, lang, *args):
        if lang == "en":
            raise ValueError("unreadable page en/a/")
        return real(root, lang, *args)
    monkeypatch.setattr(search_split, "_language", broken)
    ahead = search_split.Ahead()
    ahead.start(tmp_path, "en", ["en"], None, pages)
    monkeypatch.setattr(search_split, "_language", real)  # the parent itself is fine
    with pytest.raises(RuntimeError, match="search index of en: ValueError: unreadable page en/a/"):
        search_split.split(tmp_path, ["en"], None, pages, ahead=ahead)
