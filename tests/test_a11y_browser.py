"""Accessibility of the built site in headless Chromium, in all five languages.

axe-core (npm, pinned in package-lock.json) runs on every page type -- home,
category, guide, ports, both checkers before and after a result, search open,
404 -- at 1280 and 390 px, and at 1280 px in the dark scheme: no critical or
serious violation, colour contrast included. Each state is also shown at 320 px, where the page must not scroll
sideways (WCAG 1.4.10, reflow).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild.testing.a11y import AXE, BLOCKING, LANGS, PAGE_TYPES, REFLOW_WIDTH, audit, axe, url


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve) -> str:
    # At the domain root; paths under /help/ (404 pages at depth included) are tested elsewhere
    # (tests/test_safety_browser.py).
    return serve(built_site, "/")


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for the whole module: pages are reused, checkers start once per language."""
    assert AXE.is_file(), f"{AXE} is missing: run scripts/setup --test"
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_violation_and_no_sideways_scroll(tab, site_url: str, lang: str) -> None:
    errors: list[str] = []
    on_error = lambda error: errors.append(str(error))  # noqa: E731
    tab.on("pageerror", on_error)
    try:
        states = list(audit(tab, site_url, lang))
    finally:
        tab.remove_listener("pageerror", on_error)
    assert len(states) == len(PAGE_TYPES) + sum(1 for kind in PAGE_TYPES if kind.then)
    blocking = [
        f"{state.name} @{width}: [{v['impact']}] {v['id']} ({v['help']}): {v['nodes'][:3]}"
        for state in states for width, violations in state.violations.items()
        for v in violations if v["impact"] in BLOCKING
    ]
    assert blocking == []
    assert [state.name for state in states if state.scrolls_sideways] == [], f"scrolls sideways at {REFLOW_WIDTH} px"
    assert errors == []


def test_axe_finds_what_it_should(tab, site_url: str) -> None:
    """The harness itself: a low-contrast paragraph put into a page is reported as serious."""
    tab.goto(url(site_url, "en", "clients/"))
    tab.evaluate("""() => {
        const p = document.createElement("p");
        p.textContent = "grey on white";
        p.style.color = "#bbb";
        document.querySelector("article").append(p);
    }""")
    assert "color-contrast" in {v["id"] for v in axe(tab) if v["impact"] == "serious"}
