"""Headless Chromium as the tests, benchmarks and screenshots start it.

Debian's Chromium (Playwright's own browser download cannot work offline), with
everything that would phone home switched off.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def launch(playwright: Playwright) -> Browser:
    """A headless Chromium with the offline-safe flags."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
