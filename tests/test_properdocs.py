"""The site builds the same with ProperDocs (the maintained continuation of MkDocs 1.x).

The ProperDocs environment is a venv of its own (.venv-properdocs, made from
requirements-properdocs.txt on first use). Both builds run on the same tree
with the same SOURCE_DATE_EPOCH; every output file must be byte-identical,
with one documented exception: the `<meta name="generator">` tag names the
generator.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

VENV = ROOT / ".venv-properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def properdocs() -> Path:
    exe = VENV / "bin" / "properdocs"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, timeout=300)
    # Every time (seconds when nothing changed): a venv made before a requirement was added
    # would otherwise build without it.
    result = subprocess.run([str(VENV / "bin/python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                             "-r", str(ROOT / "requirements-properdocs.txt")],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return exe


def _build(cmd: list[str], out: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": "https://example.org/"}
    env.pop("SITE_DATA_DIR", None)
    result = subprocess.run(cmd + ["build", "--strict", "-d", str(out)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_properdocs_builds_the_same_site(properdocs, tmp_path):
    _build([sys.executable, "-m", "mkdocs"], tmp_path / "mkdocs")
    _build([str(properdocs)], tmp_path / "properdocs")
    a, b = tmp_path / "mkdocs", tmp_path / "properdocs"
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    assert files_a == files_b, sorted(files_a ^ files_b)[:10]
    generator_lines = 0
    for name in sorted(files_a):
        x, y = (a / name).read_bytes(), (b / name).read_bytes()
        if name.endswith(".html"):
            generator_lines += len(GENERATOR.findall(y))
            x, y = GENERATOR.sub(b"", x), GENERATOR.sub(b"", y)
        assert x == y, f"{name} differs between the MkDocs and the ProperDocs build"
    assert generator_lines > 100  # the one documented difference is there, and only there
