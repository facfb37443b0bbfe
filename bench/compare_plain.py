#!/usr/bin/env python3
"""What the pipeline costs: the site against a plain Material build of the same Markdown.

Usage: .venv/bin/python bench/compare_plain.py [--runs 3] [--extra 200 2000] [--no-check]

For each size (today's data, then today's data plus N synthetic cases) it
writes a *twin*: every page of the site as a static Markdown file (generated
pages rendered, case markers expanded into their boxes, report pages with
their "cases and events" lists), built with the same theme, plugins and
Markdown extensions but no hooks and no template overrides. It then builds
the real site and the twin alternately, `--runs` times each, and reports the
median of each and their ratio. With two sizes it also reports how build time
grows against the page count.

Targets (issue "The build and the repository"): project / plain <= 1.15 today,
<= 1.10 with 2,000 extra cases, and t(largest)/t(smallest extra) within 10 %
of the page ratio. The script exits 1 when a target is missed (--no-check: 0).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks.data import langs, pagesource, sitedata  # noqa: E402
from hooks.rendering import case_markers, hant, render  # noqa: E402


def synthetic_data(n: int, tmp: Path) -> Path:
    """data/ plus n copies of a real case under new ids."""
    data = tmp / f"data-{n}"
    shutil.copytree(ROOT / "data", data)
    template = (ROOT / "data/cases/mombasa-nairobi-sgr.yml").read_text(encoding="utf-8")
    for i in range(n):
        cid = f"bench-case-{i:05d}"
        (data / "cases" / f"{cid}.yml").write_text(template.replace("id: mombasa-nairobi-sgr", f"id: {cid}", 1),
                                                   encoding="utf-8")
    return data


def write_twin(data_dir: Path, dest: Path) -> int:
    """The site as plain Markdown plus a hook-free mkdocs.yml; returns the page count."""
    data = sitedata.load_site(data_dir)
    renderer = render.Renderer(data, site_url="https://example.org/",
                               land_path=(data_dir / "map/land.txt").read_text(encoding="utf-8").strip())
    docs = dest / "docs"
    shutil.copytree(ROOT / "docs", docs)
    count = 0
    for md in sorted(docs.rglob("*.md")):
        src = md.relative_to(docs).as_posix()
        text = md.read_text(encoding="utf-8")
        offset = pagesource.body_offset(text)
        head, body = text[:len(text) - len(text.split("---\n", 2)[-1])], text.split("---\n", 2)[-1]
        # The Traditional edition's pages exist in the twin as static files, converted.
        targets = [(src, render.lang_of(src))]
        if render.lang_of(src) == langs.DEFAULT:
            targets += [(langs.base_of(src) + langs.suffix(d), d) for d in langs.DERIVED]
        for out_src, lang in targets:
            out_body = body
            if src.startswith("reports/"):
                out_body = out_body.rstrip("\n") + "\n\n" + renderer.page_mentions(langs.base_of(src), lang)
            out_body = case_markers.expand(
                out_body, src, data.cases,
                lambda cid, lang=lang, out_src=out_src: renderer.case_box(data.cases[cid], lang, out_src),
                line_offset=offset)
            page = head + out_body
            (docs / out_src).write_text(hant.convert_marked(page) if lang in langs.DERIVED else page,
                                        encoding="utf-8")
            count += 1
    for src, (kind, record_id) in render.generated_pages(data).items():
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        page = render.render_page(renderer, src, kind, record_id)
        path.write_text(hant.convert_marked(page) if render.lang_of(src) in langs.DERIVED else page,
                        encoding="utf-8")
        count += 1
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    config.pop("hooks", None)
    config.pop("watch", None)  # data/ is not beside the twin
    # Plain Material: no template overrides, only the zh-Hans translation file
    # Material needs to build at all (it ships zh, not zh-Hans).
    (dest / "overrides/partials/languages").mkdir(parents=True)
    shutil.copy(ROOT / "overrides/partials/languages/zh-Hans.html", dest / "overrides/partials/languages/")
    config["theme"]["custom_dir"] = "overrides"
    config["site_url"] = "https://example.org/"
    config["strict"] = False
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return count


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's !ENV and !!python tags as plain values for copying."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
_EnvLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: "__PYTHON_SLUGIFY__")


def _fix_python_tags(config_path: Path) -> None:
    # The toc slugify function cannot round-trip through safe_dump: write it back as a tag.
    text = config_path.read_text(encoding="utf-8")
    text = text.replace("__PYTHON_SLUGIFY__", "!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}")
    config_path.write_text(text, encoding="utf-8")


def timed(cmd: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def compare(data_dir: Path, tmp: Path, runs: int, label: str) -> dict:
    twin = tmp / f"twin-{label}"
    pages = write_twin(data_dir, twin)
    _fix_python_tags(twin / "mkdocs.yml")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
           "SITE_DATA_DIR": str(data_dir), "SITE_URL": "https://example.org/"}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    project, plain = [], []
    for _ in range(runs):  # alternate, so that load on the machine hits both alike
        project.append(timed(mkdocs + ["-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp / f"site-{label}")], ROOT, env))
        plain.append(timed(mkdocs + ["-f", str(twin / "mkdocs.yml"), "-d", str(tmp / f"plain-{label}")], twin, env))
    out = {"label": label, "pages": pages, "project": statistics.median(project), "plain": statistics.median(plain)}
    out["ratio"] = out["project"] / out["plain"]
    print(f"{label:>10}: {pages:5d} pages  project {out['project']:6.1f} s  plain {out['plain']:6.1f} s  "
          f"ratio {out['ratio']:.3f}   (runs: project {', '.join(f'{t:.1f}' for t in project)}; "
          f"plain {', '.join(f'{t:.1f}' for t in plain)})", flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--extra", type=int, nargs="*", default=[200, 2000])
    parser.add_argument("--no-check", action="store_true")
    args = parser.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        today = compare(ROOT / "data", tmp, args.runs, "today")
        if today["ratio"] > 1.15:
            failures.append(f"today: ratio {today['ratio']:.3f} > 1.15")
        results = [compare(synthetic_data(n, tmp), tmp, args.runs, f"+{n}") for n in args.extra]
        for r in results:
            if r["label"] == "+2000" and r["ratio"] > 1.10:
                failures.append(f"+2000: ratio {r['ratio']:.3f} > 1.10")
        if len(results) >= 2:
            small, large = results[0], results[-1]
            t_ratio, p_ratio = large["project"] / small["project"], large["pages"] / small["pages"]
            print(f"growth: t({large['label']})/t({small['label']}) = {t_ratio:.2f} for {p_ratio:.2f}× the pages "
                  f"({t_ratio / p_ratio:.2f} of linear)")
            if t_ratio > 1.10 * p_ratio:
                failures.append(f"growth {t_ratio:.2f} is more than 10 % above the page ratio {p_ratio:.2f}")
    for f in failures:
        print("MISSED:", f)
    return 0 if args.no_check or not failures else 1


if __name__ == "__main__":
    sys.exit(main())
