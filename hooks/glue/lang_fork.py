"""Whole language builds in forked processes, beside the next language's build.

mkdocs-static-i18n (1.3.1) builds the languages one after another: its on_post_build calls
MkDocs' build once for each language after the default one. On a machine with two cores,
every one of those but the last can run in a forked child while the parent builds the next:
the child writes its language's pages into the site folder exactly as the build in the parent
would have, then hands back what the outer build needs from it (the pages it indexed, its
chapters' blocks, its 404 page, its search entries: `collect`, given by hooks/glue/main.py)
and leaves. The parent waits for every child once its own last language is built, before
anything reads the site as a whole, and takes their parts in as if it had built them.

A child's failure is raised in the parent as the same exception, with the same message (for
a bad page: MkDocs' Abort, after the child logged the error naming file, line and field), so
a build fails exactly as it would without forks. The child writes no file the parent writes
differently (hooks/glue/main.py keeps the child's sitemap and 404 page off the disk; the
theme's files it copies are the same bytes). Only where the platform forks, never under
`mkdocs serve` (whose server threads a fork would copy mid-work), and SITE_FORK=0 turns it
off. No MkDocs import: the build to run is handed in (hooks/glue/i18n_pages.py).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from typing import Any, Callable


def available() -> bool:
    """Whether this build may fork (POSIX, and not turned off with SITE_FORK=0): for every
    forked process of the build (this module's, search_split.Ahead's)."""
    return hasattr(os, "fork") and os.environ.get("SITE_FORK", "1") != "0"


class Beside:
    """The language builds running in children of this process, by language, in start order."""

    def __init__(self) -> None:
        self._jobs: dict[str, tuple[int, int]] = {}
        self.in_child = False  # True in a child: it builds one language and hands it back

    available = staticmethod(available)

    def start(self, lang: str, build: Callable[[], None], collect: Callable[[], Any]) -> None:
        """Run `build()` in a child, then send `collect()` (picklable) back to the parent."""
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read)
                for _, other in self._jobs.values():
                    os.close(other)  # the pipes of earlier children are the parent's
                self._jobs.clear()
                self.in_child = True
                try:
                    build()
                    payload = pickle.dumps(("ok", collect()), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # noqa: BLE001 (sent to the parent, raised there)
                    payload = _failure(exc)
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(0)
        os.close(write)
        self._jobs[lang] = (pid, read)

    def running(self) -> bool:
        """Whether children were started and not yet joined."""
        return bool(self._jobs)

    def join(self) -> dict[str, Any]:
        """Wait for every child; what each handed back, by language in start order. The first
        child that failed is raised here, as its own exception (once all have ended)."""
        out: dict[str, Any] = {}
        failure: BaseException | None = None
        for lang, (pid, read) in list(self._jobs.items()):
            with os.fdopen(read, "rb") as inp:
                payload = inp.read()
            os.waitpid(pid, 0)
            del self._jobs[lang]
            status, value = pickle.loads(payload) if payload else (
                "error", RuntimeError(f"the build of language {lang!r} ended without a word"))
            if status == "ok":
                out[lang] = value
            elif failure is None:
                failure = value
        if failure is not None:
            raise failure
        return out

    def discard(self) -> None:
        """Stop and reap every child (the parent's own build failed: nothing will read them)."""
        for lang, (pid, read) in list(self._jobs.items()):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            os.close(read)
            os.waitpid(pid, 0)
            del self._jobs[lang]


def _failure(exc: BaseException) -> bytes:
    """The exception itself when it crosses a pipe intact, else a RuntimeError with its trace."""
    try:
        payload = pickle.dumps(("error", exc), protocol=pickle.HIGHEST_PROTOCOL)
        _, restored = pickle.loads(payload)
        if type(restored) is type(exc) and str(restored) == str(exc):
            return payload
    except Exception:  # noqa: BLE001 (not picklable: described instead)
        pass
    trace = "".join(traceback.format_exception(exc))
    return pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}\n{trace}")))
