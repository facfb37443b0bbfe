"""Typing reader queries into the site's search box in a real browser, and scoring the results.

Shared by the browser tests (tests/test_search_browser.py) and the benchmarks
(bench/search_quality.py), so that both measure the same thing: what a reader sees in
Material's result list after typing a query into the header search box.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml

QUERIES = Path(__file__).with_name("search_queries.yml")
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LANG_ROOT = {"zh": "", "en": "en/", "zh-hant": "zh-hant/"}
INDEX_PATH = {lang: f"/{root}search/search_index.json" for lang, root in LANG_ROOT.items()}

# Material's placeholder texts while the worker is not ready yet, and when nothing matched.
INITIALISING = r"/Initializing|正在初始化/"
NO_MATCH = r"/No matching|没有找到|沒有找到/"


@dataclass(frozen=True)
class Query:
    lang: str
    q: str
    first: tuple[str, ...]
    top3: tuple[str, ...] = ()
    section: str | None = None


@dataclass
class Outcome:
    query: Query
    groups: list[list[str]] = field(default_factory=list)  # per result: page, then sections shown
    urls: list[str] = field(default_factory=list)  # every result link, absolute

    @property
    def pages(self) -> list[str]:
        return [g[0] for g in self.groups]

    @property
    def hit1(self) -> bool:
        return bool(self.pages) and self.pages[0] in self.query.first

    @property
    def hit3(self) -> bool:
        return any(p in self.query.first + self.query.top3 for p in self.pages[:3])

    @property
    def section_hit(self) -> bool:
        """The first result opens at the expected anchor (its best-scoring entry)."""
        if not self.groups or self.query.section is None:
            return False
        top = self.groups[0][1] if len(self.groups[0]) > 1 else self.groups[0][0]
        return top.endswith("#" + self.query.section)


def load_queries(path: Path = QUERIES) -> dict[str, list[Query]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, list[Query]] = {}
    for lang, items in data.items():
        out[lang] = []
        for item in items:
            first = item["first"] if isinstance(item["first"], list) else [item["first"]]
            out[lang].append(Query(lang, str(item["q"]), tuple(first), tuple(item.get("top3", ())),
                                   item.get("section")))
    return out


def relative(href: str, base_url: str, lang: str) -> str:
    """`http://host/en/cases/x/?h=…#y` -> `cases/x/#y` (the path under the language root)."""
    u = urlparse(urljoin(base_url, href))
    path = u.path.lstrip("/")
    root = LANG_ROOT[lang]
    if root and path.startswith(root):
        path = path[len(root):]
    return path + (f"#{u.fragment}" if u.fragment else "")


def open_search(page, url: str) -> None:
    """Load a page and focus the search box; wait until the worker has its index."""
    page.goto(url)
    page.locator("input.md-search__input").click()
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta') && "
        f"!{INITIALISING}.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=30000)


def type_query(page, query: str) -> None:
    """Replace the box's text with `query` and wait for that query's results (or none)."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # Material reacts to key events
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0")
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "document.querySelectorAll('.md-search-result__item').length > 0 || "
        f"{NO_MATCH}.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=20000)


def result_links(page) -> list[list[str]]:
    """Each result item's links (absolute): its page, then the sections shown with it."""
    return page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(li => Array.from(li.querySelectorAll(':scope > a')).map(a => a.href))")


def result_groups(page, base_url: str, lang: str) -> list[list[str]]:
    return [[relative(h, base_url, lang) for h in group] for group in result_links(page)]


def run(page, base_url: str, queries: list[Query]) -> list[Outcome]:
    """Type every query of one language on that language's home page."""
    if not queries:
        return []
    lang = queries[0].lang
    home = urljoin(base_url, LANG_ROOT[lang])
    open_search(page, home)
    outcomes = []
    for query in queries:
        type_query(page, query.q)
        links = result_links(page)
        outcomes.append(Outcome(query, [[relative(h, home, lang) for h in g] for g in links],
                                [h for g in links for h in g]))
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, float]:
    n = len(outcomes) or 1
    with_section = [o for o in outcomes if o.query.section]
    return {
        "queries": len(outcomes),
        "hit1": sum(o.hit1 for o in outcomes) / n,
        "hit3": sum(o.hit3 for o in outcomes) / n,
        "empty": sum(not o.groups for o in outcomes),
        "section_hit1": (sum(o.section_hit for o in with_section) / len(with_section)) if with_section else 0.0,
    }


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


# -- The search's own scripts, run with node (unit tests without a browser) -------------------

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "docs" / "assets"
SCRIPTS = ["search-tokens.js", "search-engine.js"]
VENDORED = {"vendor/minisearch/index.js": "minisearch/dist/es/index.js",
            "vendor/stemmer/index.js": "stemmer/index.js"}


def node_modules(tmp: Path) -> Path:
    """The search scripts and their libraries as ES modules in `tmp` (the project's package.json
    is not `type: module`, so node needs a folder of its own)."""
    import json
    out = tmp / "assets"
    for name in SCRIPTS + list(VENDORED):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes((ASSETS / name).read_bytes())
    (tmp / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
    return tmp


def run_node(folder: Path, script: str, data) -> object:
    """Run `script` (an ES module body; `data` is its input, `print(x)` its output) in `folder`."""
    import json
    import subprocess
    node = shutil.which("node")
    assert node, "node is required (scripts/setup.sh --browser installs it)"
    (folder / "input.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    body = ("import { readFileSync } from 'node:fs'\n"
            "const data = JSON.parse(readFileSync(new URL('./input.json', import.meta.url), 'utf8'))\n"
            "const print = x => process.stdout.write(JSON.stringify(x))\n" + script)
    (folder / "main.js").write_text(body, encoding="utf-8")
    done = subprocess.run([node, str(folder / "main.js")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
