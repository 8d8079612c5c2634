"""The README's screenshots: desktop and phone, light and dark, in headless Chromium.

    .venv/bin/python scripts/screenshots.py [--site DIR] [--out docs-assets/screenshots]

Without --site the project is built into a temporary folder first. Writes
desktop-light.png, desktop-dark.png (the HELO guide with a checked name, 1280 px),
phone-light.png and phone-dark.png (the ports guide's tables, 390 px). The dark
ones are taken as a reader whose system is set to dark sees the site.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
READY_MS = 60_000


def _build(site: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def _serve(site: Path) -> str:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


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
            _build(site)
        site_url = _serve(site)
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, (viewport, show) in SHOTS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport=viewport, color_scheme=scheme)
                page = context.new_page()
                show(page, site_url)
                page.wait_for_timeout(300)  # transitions
                target = args.out / f"{name}-{scheme}.png"
                page.screenshot(path=str(target))
                context.close()
                print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")
        browser.close()


if __name__ == "__main__":
    main()
