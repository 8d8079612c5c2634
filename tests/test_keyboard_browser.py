"""Keyboard, phone and print behaviour of the built site in headless Chromium.

The search panel with the keyboard only (open, results in Tab order, Escape, focus
leaving), the 404 page's search at any depth with and without SITE_URL, the header's
Tab stops (no invisible one; the palette toggle works from the keyboard), tables at
phone widths, and print styles.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page

from mailcheck.i18n import typeset
from sitebuild import maildata

ROOT = Path(__file__).resolve().parent.parent
DATA = maildata.load(ROOT / "data" / "mail.yml")
LANGS = DATA["languages"]
HOMES = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGS}
QUERY = "imap"  # a word every language's guides contain


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve) -> str:
    return serve(built_site, "/help/")


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def _search_open(page: Page) -> bool:
    return page.evaluate("document.getElementById('__search').checked")


def _focused(page: Page) -> str:
    """A short description of the focused element."""
    return page.evaluate("""() => { const e = document.activeElement;
        return [e.tagName.toLowerCase(), e.id, ...e.classList].join('.'); }""")


@pytest.mark.parametrize("lang", LANGS)
def test_search_with_the_keyboard_only(tab, site_url, lang):
    tab.goto(f"{site_url}{HOMES[lang]}errors/bogus-helo/")
    # Start on a link in the page (the breadcrumbs); "/" opens search from there.
    tab.focus(".kb-breadcrumbs a")
    start = _focused(tab)
    tab.keyboard.press("/")
    assert _search_open(tab) and "md-search__input" in _focused(tab)
    tab.keyboard.type(QUERY)
    tab.wait_for_selector(".md-search-result__link")
    # Results are in the Tab order, and the panel stays open while focus is in it.
    tab.keyboard.press("Tab")
    assert "md-search-result__link" in _focused(tab)
    assert _search_open(tab)
    # Escape closes it from a result and gives focus back where it came from.
    tab.keyboard.press("Escape")
    assert not _search_open(tab)
    assert _focused(tab) == start
    # Tab passing through the box opens it; leaving it closes it again.
    tab.keyboard.press("/")
    assert _search_open(tab)
    tab.keyboard.press("Shift+Tab")
    assert not _search_open(tab)
    assert "md-search" not in _focused(tab)
    # Closed, the panel catches no click meant for the page: the checker's button gets it.
    tab.click(".mailcheck--helo button[type=submit]", timeout=5000)
    tab.wait_for_selector(".mailcheck--helo .mailcheck__result p")


def test_enter_in_search_opens_the_first_result(tab, site_url):
    tab.goto(f"{site_url}de/")
    tab.keyboard.press("/")
    tab.keyboard.type(QUERY)
    tab.wait_for_selector(".md-search-result__link")
    first = tab.evaluate("document.querySelector('.md-search-result__link').href")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url.split("#")[0] == first.split("#")[0]


def _search_on_404(page: Page, url: str, html: bytes) -> str:
    """Shows ``html`` as the answer to ``url`` (as a server's error_page does), searches, returns the first hit."""
    page.route(url, lambda route: route.fulfill(status=404, body=html, content_type="text/html"))
    page.goto(url)
    page.keyboard.press("/")
    page.keyboard.type(QUERY)
    page.wait_for_selector(".md-search-result__link")
    return page.evaluate("document.querySelector('.md-search-result__link').href")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_404_search_works_at_any_depth_from_the_domain_root(tab, built_site, serve, lang):
    root = serve(built_site, "/")
    html = (built_site / HOMES[lang] / "404.html").read_bytes()
    hit = _search_on_404(tab, f"{root}{HOMES[lang]}no/such/deep/page/", html)
    assert hit.startswith(f"{root}{HOMES[lang]}")
    assert tab.request.get(hit).status == 200


@pytest.fixture(scope="module")
def site_with_url(tmp_path_factory) -> Path:
    """The site built with SITE_URL, as README says to build it for a server's 404 pages."""
    site = tmp_path_factory.mktemp("site-url")
    env = os.environ | {"SITE_URL": "https://help.example.org/help/", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_404_search_works_at_any_depth_with_site_url(tab, site_with_url, serve):
    root = serve(site_with_url, "/help/")
    html = (site_with_url / "de" / "404.html").read_bytes()
    hit = _search_on_404(tab, f"{root}de/a/b/c/missing/", html)
    assert hit.startswith(f"{root}de/")
    assert tab.request.get(hit).status == 200


def test_header_has_no_invisible_tab_stop_and_the_palette_toggle_works(tab, site_url):
    tab.goto(f"{site_url}it/clients/")
    stops = []
    for _ in range(8):
        tab.keyboard.press("Tab")
        stops.append(tab.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return {what: e.tagName + '.' + e.className, width: r.width, height: r.height,
                    visible: getComputedStyle(e).visibility !== 'hidden' && getComputedStyle(e).opacity !== '0',
                    header: !!e.closest('.md-header')}; }"""))
    header = [stop for stop in stops if stop["header"]]
    assert header, stops
    invisible = [s for s in header if not s["visible"] or s["width"] < 8 or s["height"] < 8]
    assert invisible == []
    assert not [s for s in stops if "md-option" in s["what"]]
    # The palette toggle: a button, Enter switches the scheme and focus stays on the toggle.
    assert tab.evaluate("document.body.dataset.mdColorScheme") == "default"
    tab.focus(".kb-palette:visible")
    tab.keyboard.press("Enter")
    tab.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    tab.wait_for_function("document.activeElement.classList.contains('kb-palette')")
    tab.keyboard.press("Enter")
    tab.wait_for_function("document.body.dataset.mdColorScheme === 'default'")


def test_dark_scheme_follows_the_system(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(f"{site_url}es/")
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    context.close()
    assert scheme == "slate"


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("lang", LANGS)
def test_settings_and_ports_tables_fit_a_phone(browser, site_url, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{site_url}{HOMES[lang]}clients/ports-and-protocols/")
    found = page.evaluate("""() => {
        const article = document.querySelector('article').getBoundingClientRect();
        const tables = [...document.querySelectorAll('article .kb-table table')];
        return {
            tables: tables.length,
            overflowing: tables.filter((t) => t.getBoundingClientRect().right > article.right + 1).length,
            scrolling: [...document.querySelectorAll('article .md-typeset__scrollwrap')]
                .filter((w) => w.scrollWidth > w.clientWidth + 1 && w.closest('.kb-table')).length,
            hosts: [...document.querySelectorAll('article .kb-host')].map((c) => c.getClientRects().length),
            labels: [...document.querySelectorAll('article .kb-table:not(.kb-table--pairs) td')]
                .map((td) => getComputedStyle(td, '::before').content),
            pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        };
    }""")
    context.close()
    assert found["tables"] == 2  # settings, ports
    assert found["overflowing"] == 0 and found["scrolling"] == 0 and not found["pageScrolls"]
    assert found["hosts"] and set(found["hosts"]) == {1}, "a host name broke across lines"
    # Stacked: every cell of the ports table is led by its column name.
    assert all(label not in ("none", "normal", '""') for label in found["labels"])


def test_host_name_stays_whole_on_a_wide_screen(tab, site_url):
    tab.goto(f"{site_url}clients/ports-and-protocols/")
    lines = tab.evaluate("[...document.querySelectorAll('article .kb-host')].map((c) => c.getClientRects().length)")
    assert lines and set(lines) == {1}


def test_a_table_that_scrolls_sideways_is_focusable_labelled_and_shows_it(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(f"{site_url}fr/feedback/")
    page.wait_for_timeout(300)
    regions = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
        .filter((w) => w.scrollWidth > w.clientWidth + 1)
        .map((w) => ({tabindex: w.tabIndex, role: w.getAttribute('role'), label: w.getAttribute('aria-label'),
                      hint: getComputedStyle(w).backgroundImage}))""")
    page_scrolls = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    context.close()
    assert regions, "the feedback table should be wider than 320 px"
    prefix = typeset(maildata.label(DATA, "table.scrolls", "fr"), "fr").split("{name}")[0]  # French spacing
    for region in regions:
        assert region["tabindex"] == 0 and region["role"] == "region"
        assert region["label"].startswith(prefix) and len(region["label"]) > len(prefix)
        assert "gradient" in region["hint"]
    assert not page_scrolls


@pytest.mark.parametrize("lang", ["en", "de"])
def test_print_shows_link_targets_and_replaces_the_checker_with_a_line(tab, site_url, lang):
    url = f"{site_url}{HOMES[lang]}errors/bogus-helo/"
    tab.goto(url)
    tab.emulate_media(media="print")
    found = tab.evaluate("""() => {
        const link = document.querySelector('.kb-breadcrumbs a');
        const widget = document.querySelector('.mailcheck');
        return {
            after: getComputedStyle(link, '::after').content,
            href: link.href,
            form: getComputedStyle(widget.querySelector('form')).display,
            line: [...widget.querySelectorAll('.kb-print-only')]
                .map((p) => [getComputedStyle(p).display, p.textContent]),
        };
    }""")
    assert found["href"] in found["after"], found["after"]
    assert found["form"] == "none"
    [(display, text)] = found["line"]
    assert display == "block"
    assert text == maildata.label(DATA, "print.checker", lang).format(url=url)


def test_search_on_a_narrow_screen_opens_from_a_button_and_escape_returns_there(browser, site_url):
    """At 390 px (or a zoomed desktop) the box hides behind a magnifier that Tab must reach."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{site_url}fr/clients/")
    page.focus(".kb-language")
    for _ in range(6):
        page.keyboard.press("Tab")
        if "kb-search-open" in _focused(page):
            break
    assert "kb-search-open" in _focused(page)
    page.keyboard.press("Enter")
    assert _search_open(page) and "md-search__input" in _focused(page)
    assert page.locator(".md-search__input").is_visible()
    page.keyboard.type(QUERY)
    page.wait_for_selector(".md-search-result__link")
    page.keyboard.press("Escape")
    opened, back = _search_open(page), _focused(page)
    context.close()
    assert not opened and "kb-search-open" in back
