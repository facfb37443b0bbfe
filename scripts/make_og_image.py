"""Draw docs/assets/og-image.png, the preview image of every page (Open Graph, Twitter card).

A 1200×630 PNG of the site's name in both languages, drawn by Debian's
chromium (Playwright, no browser download) from the HTML below. It needs a CJK
font to draw the Chinese name (Debian: fonts-noto-cjk); run it again only when
the name changes:  .venv/bin/python scripts/make_og_image.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "assets" / "og-image.png"
LEAF = ("M17 8C8 10 5.9 16.17 3.82 21.34l1.89.66.95-2.3c.48.17.98.3 1.34.3C19 20 22 3 22 3c-1 2-8 "
        "2.25-13 3.25S2 11.5 2 13.5s1.75 3.75 1.75 3.75C7 8 17 8 17 8")
HTML = f"""<!doctype html><html><head><meta charset="utf-8"><style>
html, body {{ margin: 0; width: 1200px; height: 630px; }}
body {{ background: #1b5e20; color: #fff; font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif;
  display: flex; flex-direction: column; justify-content: center; padding: 0 90px; box-sizing: border-box; }}
svg {{ width: 110px; height: 110px; fill: #c8e6c9; margin-bottom: 28px; }}
h1 {{ font-size: 68px; font-weight: 700; margin: 0 0 18px; letter-spacing: .02em; }}
p {{ font-size: 33px; margin: 0 0 46px; color: #e8f5e9; }}
small {{ font-size: 28px; color: #c8e6c9; border-top: 3px solid #66bb6a; padding-top: 22px; }}
</style></head><body>
<svg viewBox="0 0 24 24"><path d="{LEAF}"/></svg>
<h1 lang="zh-Hans">生态文明与绿色丝绸之路资料库</h1>
<p lang="en">Ecological Civilization and the Green Silk Road — a reference</p>
<small>中英双语参考 · A bilingual reference built from five source documents</small>
</body></html>"""


def main() -> None:
    from playwright.sync_api import sync_playwright
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless=new", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(HTML)
        page.screenshot(path=str(OUT), clip={"x": 0, "y": 0, "width": 1200, "height": 630})
        browser.close()
    print(OUT.relative_to(ROOT))


if __name__ == "__main__":
    main()
