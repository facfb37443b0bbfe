"""Two builds of the same commit on different days are byte-identical."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def _build(out: Path, day: str, epoch: str) -> dict[str, str]:
    if shutil.which("faketime") is None:
        pytest.fail("faketime is required: scripts/setup.sh --browser installs it")
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": "https://example.org/", "PYTHONHASHSEED": "random"}
    env.pop("SITE_DATA_DIR", None)
    result = subprocess.run(["faketime", day, sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_rebuild_on_another_day_is_byte_identical(tmp_path):
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip() or "1700000000"
    first = _build(tmp_path / "a", "2030-01-15 08:00:00", epoch)
    second = _build(tmp_path / "b", "2031-07-20 23:30:00", epoch)
    assert len(first) > 300
    assert first.keys() == second.keys()
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"{len(differ)} file(s) differ, e.g. {differ[:5]}"


def test_the_scripts_take_source_date_epoch_from_the_last_commit():
    script = (ROOT / "scripts/build.sh").read_text(encoding="utf-8")
    assert "git log -1 --format=%ct" in script and "export SOURCE_DATE_EPOCH" in script
    workflow = (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    assert "fetch-depth: 0" in workflow and "scripts/build.sh" in workflow
