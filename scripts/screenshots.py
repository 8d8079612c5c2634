"""The README's screenshots: desktop and phone, light and dark, in headless Chromium.

    .venv/bin/python scripts/screenshots.py [--site DIR] [--out docs-assets/screenshots]

Without --site the project is built into a temporary folder first. Writes
desktop-light.png, desktop-dark.png (the HELO guide with a checked name, 1280 px),
phone-light.png and phone-dark.png (the ports guide's tables, 390 px). The dark
ones are taken as a reader whose system is set to dark sees the site.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from sitebuild.testing import browser, local_site

ROOT = Path(__file__).resolve().parent.parent

READY_MS = 60_000




def _desktop(page: Page, site_url: str) -> None:
    page.goto(site_url + "errors/bogus-helo/")
    page.wait_for_selector(".mailcheck--helo[data-state=ready]", timeout=READY_MS)
    page.fill("#mailcheck-helo-text", "localhost")
    page.press("#mailcheck-helo-text", "Enter")
    page.wait_for_selector(".mailcheck__item[data-verdict=reject]")
    page.locator(".mailcheck--helo").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -120)")


def _phone(page: Page, site_url: str) -> None:
    page.goto(site_url + "clients/ports-and-protocols/")
    page.locator(".kb-table-server").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -80)")


SHOTS = {
    "desktop": ({"width": 1280, "height": 800}, _desktop),
    "phone": ({"width": 390, "height": 844}, _phone),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site")
    parser.add_argument("--out", type=Path, default=ROOT / "docs-assets" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            local_site.build(site)
        site_url = local_site.serve(site)
        chromium = browser.launch(playwright)
        for name, (viewport, show) in SHOTS.items():
            for scheme in ("light", "dark"):
                context = chromium.new_context(viewport=viewport, color_scheme=scheme)
                page = context.new_page()
                show(page, site_url)
                page.wait_for_timeout(300)  # transitions
                target = args.out / f"{name}-{scheme}.png"
                page.screenshot(path=str(target))
                context.close()
                print(f"{target}: {target.stat().st_size // 1024} KB")
        chromium.close()


if __name__ == "__main__":
    main()
