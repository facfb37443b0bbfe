"""Generated pages that mkdocs-static-i18n treats like pages on disk.

The plugin (pinned: 1.3.1) re-creates every File in its `on_files` (priority
-100) and keeps only those whose source lies under docs_dir, dropping any
in-memory content. So we register each generated page early, in both
languages, as a File whose path lies under docs_dir (`cases/x.md`,
`cases/x.en.md`), and attach its Markdown late, to the File objects the plugin
kept. The switcher, hreflang alternates, sitemap and search then treat them
like hand-written pages. tests/test_build.py holds the contract test.
"""

from __future__ import annotations

from typing import Callable

from mkdocs.structure.files import File, Files


def register(files: Files, config, sources: list[str]) -> None:
    """Early: add a placeholder File for each generated page not on disk."""
    for src in sources:
        if files.get_file_from_path(src) is None:
            files.append(File(src, config["docs_dir"], config["site_dir"], config["use_directory_urls"]))


def attach(files: Files, sources: set[str], render: Callable[[str], str],
           edit_uri: Callable[[str], str | None]) -> None:
    """Late: give the kept Files of this language build their Markdown."""
    for file in files:
        if file.src_uri in sources:
            file.content_string = render(file.src_uri)
            file.edit_uri = edit_uri(file.src_uri)
