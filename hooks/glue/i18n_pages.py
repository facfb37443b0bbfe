"""Generated pages that mkdocs-static-i18n treats like pages on disk.

The plugin (pinned: 1.3.1) re-creates every File in its `on_files` (priority
-100) and keeps only those whose source lies under docs_dir, dropping any
in-memory content. So we register each generated page early, in both
languages, as a File whose path lies under docs_dir (`cases/x.md`,
`cases/x.en.md`), and attach its Markdown late, to the File objects the plugin
kept. The switcher, hreflang alternates, sitemap and search then treat them
like hand-written pages. tests/test_build.py holds the contract test.

`build_each` hands each per-language build the plugin starts to a function of
ours, which may run it in a forked process (hooks/glue/lang_fork.py).
"""

from __future__ import annotations

import sys
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


def build_each(plugin, run: Callable[[str, Callable[[], None]], None]) -> None:
    """Hand each of the plugin's per-language builds to `run(locale, build)`, which calls
    `build()` here or elsewhere (hooks/glue/lang_fork.py). The plugin's on_post_build loops
    over its languages calling the `build` its module imported from MkDocs; that name is
    replaced by one that passes the call on (again on every outer build, so that `run` is the
    hooks module's current one under `mkdocs serve`)."""
    module = sys.modules[type(plugin).__module__]
    original = getattr(module.build, "__wrapped__", module.build)

    def build(config, dirty: bool = False, **kwargs) -> None:
        run(plugin.current_language, lambda: original(config, dirty=dirty, **kwargs))
    build.__wrapped__ = original
    module.build = build
