"""Per-language search (Pagefind + the header box) on the built site, in headless Chromium.

The site is served under /help/ to prove it works below any path; the queries
come from the data file's labels, which the settings table puts on the ports guide.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitebuild import maildata

ROOT = Path(__file__).resolve().parent.parent
DATA = maildata.load(ROOT / "data" / "mail.yml")
LANGS = DATA["languages"]
DEFAULT = "en"  # built at the site root by mkdocs-static-i18n
GUIDE = "clients/ports-and-protocols/"


def _prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def _query(lang: str) -> str:
    """The settings table's "incoming server" label without "(IMAP)", e.g. Posteingangsserver."""
    return re.sub(r"\(.*?\)", "", maildata.label(DATA, "setting.incoming_server", lang)).strip()


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve) -> str:
    return serve(built_site, "/help/")


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def _search(page, query: str) -> list[dict[str, str]]:
    """Type ``query`` into the header box; the results it shows (href and title)."""
    page.fill(".md-search__input", query)
    page.wait_for_selector(".md-search-result__link")
    return page.eval_on_selector_all(
        ".md-search-result__link",
        "links => links.map(a => ({href: a.getAttribute('href'), title: a.querySelector('h1').textContent}))",
    )


def _language_of(href: str) -> str:
    """The language of a result URL under /help/ (the default language has no folder)."""
    first = href.removeprefix("/help/").split("/", 1)[0]
    return first if first in LANGS else DEFAULT


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_the_guide_in_the_page_language_only(page, site_url, lang):
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + _prefix(lang))
    results = _search(page, _query(lang))
    hrefs = [r["href"] for r in results]
    assert f"/help/{_prefix(lang)}{GUIDE}" in hrefs
    assert {_language_of(h) for h in hrefs} == {lang}
    # Only this language's index and the shared code were fetched, from this origin.
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    assert all(url.startswith(origin) for url in requests if not url.startswith(("data:", "blob:")))
    bundle = [urlsplit(u).path.rsplit("/", 1)[-1] for u in requests if "/help/pagefind/" in u]
    per_language = [name for name in bundle if re.match(r"(wasm|pagefind)\.\w+\.", name)]
    assert per_language and all(f".{lang}" in name for name in per_language), per_language


def test_result_titles_are_page_titles(page, site_url):
    page.goto(site_url + "de/")
    result = next(r for r in _search(page, _query("de")) if r["href"].endswith(GUIDE))
    page.goto(urlsplit(site_url)._replace(path=result["href"]).geturl())
    assert page.title().startswith(result["title"])


def test_box_speaks_the_page_language(page, site_url):
    for lang in LANGS:
        page.goto(site_url + _prefix(lang))
        placeholder = page.get_attribute(".md-search__input", "placeholder")
        assert placeholder == maildata.label(DATA, "search.placeholder", lang)
    # Pagefind matches a query's first letter alone against one-letter words (the guides
    # say "letters a to z"), so the nonsense word must not start with one of those.
    page.fill(".md-search__input", "qxjvkwzz")
    expected = maildata.label(DATA, "search.no_results", LANGS[-1])
    page.wait_for_function(f"() => document.querySelector('.md-search-result__meta').textContent === {expected!r}")


def test_keyboard_arrows_escape_and_enter(page, site_url):
    page.goto(site_url + "de/")
    links = _search(page, _query("de"))
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == links[0]["href"]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    page.focus(".md-search__input")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + links[0]["href"])


def test_user_query_is_never_markup(page, site_url):
    page.goto(site_url + "de/")
    page.fill(".md-search__input", '<img src=x onerror="window.hacked=1">')
    waiting = [maildata.label(DATA, key, "de") for key in ("search.hint", "search.loading")]
    page.wait_for_function(
        f"() => !{waiting!r}.includes(document.querySelector('.md-search-result__meta').textContent)"
    )
    assert page.evaluate("window.hacked") is None
    assert page.eval_on_selector_all(".md-search img", "imgs => imgs.length") == 0


def test_language_switcher_leads_to_the_same_guide(page, site_url):
    page.goto(site_url + "de/" + GUIDE)
    page.hover(".md-header__option .md-select")
    page.click('.md-select__link[hreflang="fr"]')
    page.wait_for_url("**/help/fr/" + GUIDE)
    assert page.get_attribute("html", "lang") == "fr"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_but_the_404_is_indexed_once(built_site, lang):
    """Pagefind indexes what carries data-pagefind-body: each article, never the 404 page."""
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    folder = built_site / _prefix(lang)
    others = {built_site / other for other in LANGS if other != DEFAULT}
    pages = [
        p for p in folder.rglob("index.html")
        if lang != DEFAULT or not any(parent in others for parent in p.parents)
    ]
    assert entry["languages"][lang]["page_count"] == len(pages)
    assert all(p.read_text(encoding="utf-8").count("data-pagefind-body") == 1 for p in pages)
    assert "data-pagefind-body" not in (folder / "404.html").read_text(encoding="utf-8")
