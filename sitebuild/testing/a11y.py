"""What the accessibility test and its benchmark share: the page types, and axe-core.

axe-core comes from npm (``package-lock.json``) and is injected into the page with
Playwright; it runs in the page and reports rule violations with an impact
(minor, moderate, serious, critical). Colour contrast is one of its rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from playwright.sync_api import Page

from sitebuild.paths import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LANGS = ("fr", "en", "de", "it", "es")
WIDTHS = (1280, 390)
READY_MS = 60_000
BLOCKING = ("critical", "serious")
REFLOW_WIDTH = 320  # WCAG 1.4.10: no sideways scrolling at 320 CSS px
# One rejected name (an error) and one accepted with a warning: every badge shows.
HELO_INPUT = "localhost\nmail.customer-company.ch."


def _search(page: Page) -> None:
    page.focus(".md-search__input")
    page.keyboard.type("imap")
    page.wait_for_selector(".md-search-result__link")


def _helo(page: Page) -> None:
    page.fill("#mailcheck-helo-text", HELO_INPUT)
    page.click(".mailcheck--helo button[type=submit]")
    page.wait_for_selector(".mailcheck--helo .mailcheck__item[data-verdict=reject]")
    page.wait_for_selector(".mailcheck--helo .mailcheck__item[data-verdict=accept]")


def _csv(page: Page) -> None:
    bad = b"Address,Password,Forward,Delete\r\njane@example.org,123456,,1\r\n"
    page.set_input_files("#mailcheck-csv-file", files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": bad}])
    page.wait_for_selector(".mailcheck--csv .mailcheck__verdict--reject")


@dataclass(frozen=True)
class PageType:
    """One kind of page; ``then`` brings it to a second state checked after the first."""

    name: str
    path: str  # from the language's home
    widget: str = ""  # wait until this checker is ready before the first check
    then: tuple[str, Callable[[Page], None]] | None = None


PAGE_TYPES = (
    PageType("home", "", then=("search open", _search)),
    PageType("category", "clients/"),
    PageType("guide", "clients/apple-mail/"),
    PageType("ports", "clients/ports-and-protocols/"),
    PageType("HELO checker", "errors/bogus-helo/", widget="helo", then=("HELO checker, result", _helo)),
    PageType("CSV checker", "addresses/batch-creation/", widget="csv", then=("CSV checker, result", _csv)),
    PageType("404", "404.html"),
)


def url(site_url: str, lang: str, path: str) -> str:
    return site_url + ("" if lang == "en" else f"{lang}/") + path


def axe(page: Page) -> list[dict]:
    """axe-core's violations on the page as it is now (WCAG 2.x A and AA, plus best practices)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary.split("\\n").slice(1).join(" "))}));
    }""")


def _resize(page: Page, width: int) -> None:
    """Resizes, then lets the theme's and our resize observers run (they mark scroll regions)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_timeout(100)


def set_scheme(page: Page, scheme: str) -> None:
    """Switches the colour scheme as the palette toggle does, without moving focus
    (which would close an open search panel)."""
    page.evaluate("""(scheme) => {
        const input = document.querySelector(`.md-option[data-md-color-scheme="${scheme}"]`);
        input.checked = true;
        input.dispatchEvent(new Event("change", {bubbles: true}));
    }""", scheme)
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{scheme}'")


@dataclass
class State:
    """What one page type in one state gave: axe's violations per width, and reflow."""

    name: str
    violations: dict[str, list[dict]]  # "1280", "390", "1280 dark" -> axe's violations
    scrolls_sideways: bool  # at REFLOW_WIDTH


def audit(page: Page, site_url: str, lang: str) -> Iterator[State]:
    """Every page type and state in ``lang``, checked at every width, in the dark scheme, and for reflow.

    One tab for everything: a page is checked at each width by resizing it, so each
    checker starts once per language.
    """
    for kind in PAGE_TYPES:
        _resize(page, WIDTHS[0])
        page.goto(url(site_url, lang, kind.path))
        if kind.widget:
            page.wait_for_selector(f".mailcheck--{kind.widget}[data-state=ready]", timeout=READY_MS)
        for name, action in [(kind.name, None)] + ([kind.then] if kind.then else []):
            if action:
                _resize(page, WIDTHS[0])
                action(page)
            violations = {}
            for width in WIDTHS:
                _resize(page, width)
                violations[str(width)] = axe(page)
            # The dark scheme, switched on with the header's toggle, then back.
            _resize(page, WIDTHS[0])
            set_scheme(page, "slate")
            violations[f"{WIDTHS[0]} dark"] = axe(page)
            set_scheme(page, "default")
            _resize(page, REFLOW_WIDTH)
            scrolls = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
            yield State(name, violations, scrolls)
