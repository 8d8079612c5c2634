"""Per-language search (Pagefind + the header box) on the built site, in headless Chromium.

The site is served under /help/ to prove it works below any path; the queries
come from the data file's labels, which the settings table puts on the ports guide.
"""

from __future__ import annotations

import html
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


# --- Readers' words (issue 26) ------------------------------------------------------------
# Everyday queries in each language and the guide (path from the language's home) each must
# find among the first three results. Words from symptoms, error texts and synonyms; the
# bounce and forgotten-password guides are written in parallel with this table.
EVERYDAY_QUERIES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("bounce", "errors/bounce/"),
        ("Mail Delivery Subsystem", "errors/bounce/"),
        ("undeliverable", "errors/bounce/"),
        ("too many recipients", "limits/sending-limits/"),
        ("newsletter", "limits/sending-limits/"),
        ("attachment too large", "limits/sending-limits/"),
        ("forgot password", "addresses/forgotten-password/"),
        ("Access denied - bogus HELO", "errors/bogus-helo/"),
        ("sent messages missing", "clients/special-folders/"),
        ("rename email address", "addresses/change-address/"),
        ("set up email on iPhone", "clients/iphone-ipad/"),
        ("SMTP port", "clients/ports-and-protocols/"),
        ("create email addresses in bulk", "addresses/batch-creation/"),
        ("free email address", "offers/starter/"),
        ("not receiving emails", "errors/"),
    ],
    "fr": [
        ("message non distribué", "errors/bounce/"),
        ("non remis", "errors/bounce/"),
        ("mot de passe oublié", "addresses/forgotten-password/"),
        ("trop de destinataires", "limits/sending-limits/"),
        ("newsletter", "limits/sending-limits/"),
        ("pièce jointe trop lourde", "limits/sending-limits/"),
        ("bogus HELO", "errors/bogus-helo/"),
        ("dossier Envoyés", "clients/special-folders/"),
        ("renommer une adresse e-mail", "addresses/change-address/"),
        ("configurer la messagerie sur iPhone", "clients/iphone-ipad/"),
        ("port SMTP", "clients/ports-and-protocols/"),
        ("créer des adresses en masse", "addresses/batch-creation/"),
        ("adresse e-mail gratuite", "offers/starter/"),
        ("je ne reçois plus de mails", "errors/"),
    ],
    "de": [
        ("Unzustellbarkeit", "errors/bounce/"),
        ("Mail Delivery System", "errors/bounce/"),
        ("Passwort vergessen", "addresses/forgotten-password/"),
        ("zu viele Empfänger", "limits/sending-limits/"),
        ("Newsletter", "limits/sending-limits/"),
        ("Anhang zu groß", "limits/sending-limits/"),
        ("bogus HELO", "errors/bogus-helo/"),
        ("gesendete Nachrichten fehlen", "clients/special-folders/"),
        ("E-Mail-Adresse umbenennen", "addresses/change-address/"),
        ("E-Mail auf dem iPhone einrichten", "clients/iphone-ipad/"),
        ("SMTP-Port", "clients/ports-and-protocols/"),
        ("Adressen importieren", "addresses/batch-creation/"),
        ("kostenlose E-Mail-Adresse", "offers/starter/"),
        ("E-Mail kommt nicht an", "errors/"),
    ],
    "it": [
        ("rimbalzo", "errors/bounce/"),
        ("mancato recapito", "errors/bounce/"),
        ("password dimenticata", "addresses/forgotten-password/"),
        ("troppi destinatari", "limits/sending-limits/"),
        ("newsletter", "limits/sending-limits/"),
        ("allegato troppo grande", "limits/sending-limits/"),
        ("bogus HELO", "errors/bogus-helo/"),
        ("posta inviata", "clients/special-folders/"),
        ("cambiare indirizzo e-mail", "addresses/change-address/"),
        ("configurare la posta su iPhone", "clients/iphone-ipad/"),
        ("porta SMTP", "clients/ports-and-protocols/"),
        ("importazione CSV", "addresses/batch-creation/"),
        ("indirizzo e-mail gratuito", "offers/starter/"),
        ("non ricevo più e-mail", "errors/"),
    ],
    "es": [
        ("rebote", "errors/bounce/"),
        ("correo devuelto", "errors/bounce/"),
        ("correo rechazado", "errors/bounce/"),
        ("demasiados destinatarios", "limits/sending-limits/"),
        ("newsletter", "limits/sending-limits/"),
        ("contraseña olvidada", "addresses/forgotten-password/"),
        ("adjunto demasiado grande", "limits/sending-limits/"),
        ("bogus HELO", "errors/bogus-helo/"),
        ("carpeta Enviados", "clients/special-folders/"),
        ("cambiar la dirección de correo", "addresses/change-address/"),
        ("configurar el correo en iPhone", "clients/iphone-ipad/"),
        ("puerto SMTP", "clients/ports-and-protocols/"),
        ("crear cuentas de correo en lote", "addresses/batch-creation/"),
        ("correo gratis con mi dominio", "offers/starter/"),
        ("no me llegan los correos", "errors/"),
    ],
}


def _answer(page, query: str) -> list[str]:
    """Type ``query``; the result links (hrefs) once the panel answers exactly it."""
    page.fill(".md-search__input", query)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').dataset.query === q", arg=query.strip()
    )
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.getAttribute('href'))")


def test_every_language_has_at_least_ten_everyday_queries():
    assert set(EVERYDAY_QUERIES) == set(LANGS)
    assert all(len(queries) >= 10 for queries in EVERYDAY_QUERIES.values())


@pytest.mark.parametrize("lang", LANGS)
def test_everyday_queries_find_their_guide_in_the_first_three(page, site_url, lang):
    page.goto(site_url + _prefix(lang))
    page.focus(".md-search__input")
    missed = []
    for query, guide in EVERYDAY_QUERIES[lang]:
        top = _answer(page, query)[:3]
        if f"/help/{_prefix(lang)}{guide}" not in top:
            missed.append(f"{query!r}: {guide} not in {top}")
    assert not missed, "\n".join(missed)


def _help(page) -> dict:
    return page.evaluate("""() => {
        const help = document.querySelector('[data-kb-search-help]');
        const box = help.getBoundingClientRect();
        return {
            shown: !help.hidden && box.height > 0,
            words: [...help.querySelectorAll('.kb-search-help__word')].map((b) => b.textContent),
            lists: [...help.querySelectorAll('.kb-search-help__title')].map((h) => [h.textContent,
                [...document.querySelectorAll(`[aria-labelledby="${h.id}"] a`)].map((a) => a.getAttribute('href'))]),
        };
    }""")


@pytest.mark.parametrize("lang", LANGS)
def test_empty_and_unmatched_queries_show_the_help_panel(page, site_url, built_site, lang):
    page.goto(site_url + _prefix(lang))
    page.focus(".md-search__input")
    before = _help(page)
    assert before["shown"], "no help before a query"
    assert _answer(page, "qxjvkwzz") == []
    assert page.text_content(".md-search-result__meta") == maildata.label(DATA, "search.no_results", lang)
    found = _help(page)
    assert found["shown"] and found == before
    titles = {title: links for title, links in found["lists"]}
    for key in ("search.popular", "search.tools", "search.categories"):
        assert titles.get(maildata.label(DATA, key, lang)), f"{key} missing or empty"
    # Every link leads to a page of this language that exists, and a tool's #id is on it.
    for href in [h for links in titles.values() for h in links]:
        target_url = urlsplit(page.evaluate("h => new URL(h, location.href).href", href))
        path, anchor = target_url.path, target_url.fragment
        target = built_site / path.removeprefix("/help/") / "index.html"
        assert target.is_file(), href
        assert _language_of(path) == lang, href
        assert not anchor or f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
    categories = titles[maildata.label(DATA, "search.categories", lang)]
    assert len(categories) == len(list((ROOT / "docs" / lang).glob("*/index.md")))
    # A result hides the help; every word to try finds something.
    assert found["words"] == [w.strip() for w in maildata.label(DATA, "search.words", lang).split(",")]
    for word in found["words"]:
        page.locator("[data-kb-search-help]").get_by_role("button", name=word, exact=True).click()
        page.wait_for_function(
            "w => document.querySelector('.md-search-result__meta').dataset.query === w", arg=word)
        assert page.eval_on_selector_all(".md-search-result__link", "l => l.length") > 0, word
        assert not _help(page)["shown"]
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.fill(".md-search__input", "qxjvkwzz")
        page.wait_for_function("() => document.querySelector('.md-search-result__meta').dataset.query === 'qxjvkwzz'")


def test_arrow_keys_reach_the_help_and_enter_opens_no_help_link(page, site_url):
    page.goto(site_url + "fr/")
    page.focus(".md-search__input")
    _answer(page, "qxjvkwzz")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('kb-search-help__word')")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")  # nothing matched: Enter stays on the page
    page.wait_for_timeout(300)
    assert page.url == site_url + "fr/"


def _keyword_only(built_site: Path, lang: str) -> tuple[str, str, str]:
    """A guide of ``lang``, one of its keywords its article never uses (not even its stem), its description."""
    for html_file in sorted((built_site / lang).rglob("index.html")):
        page = html_file.read_text(encoding="utf-8")
        keywords = re.search(r'<div class="kb-keywords" hidden [^>]*>([^<]*)</div>', page)
        described = re.search(r'data-pagefind-meta="description\[content\]" content="([^"]*)"', page)
        if not keywords or not described:
            continue
        body = page[page.index("data-pagefind-body"):keywords.start()].lower()
        for word in keywords[1].split(", "):
            if re.fullmatch(r"[^\W\d_]{6,}", word) and word[:5].lower() not in body:
                href = "/help/" + html_file.parent.relative_to(built_site).as_posix() + "/"
                return word, href, html.unescape(described[1])
    raise AssertionError(f"{lang}: no keyword-only word found")


@pytest.mark.parametrize("lang", ["it", "de"])
def test_a_match_in_the_keywords_alone_shows_the_description_not_the_keywords(page, site_url, built_site, lang):
    word, href, description = _keyword_only(built_site, lang)
    page.goto(site_url + _prefix(lang))
    page.focus(".md-search__input")
    hrefs = _answer(page, word)
    assert href in hrefs, (word, hrefs)
    excerpts = page.eval_on_selector_all(".md-search-result__link p", "ps => ps.map(p => p.textContent)")
    assert excerpts[hrefs.index(href)] == description, word


@pytest.mark.parametrize(("width", "button"), [(1280, False), (1600, False), (390, True)])
def test_one_search_control_at_each_width(browser, site_url, width, button):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + "de/")
    magnifier, field = page.locator(".kb-search-open").is_visible(), page.locator(".md-search__input").is_visible()
    context.close()
    # Wide: the field alone. Narrow: the magnifier, which opens the field.
    assert magnifier == button
    assert field or button


def _pages(built_site: Path, lang: str) -> list[str]:
    """Every page of ``lang`` (paths from the site root, e.g. "fr/clients/thunderbird/")."""
    folder = built_site / _prefix(lang)
    others = {built_site / other for other in LANGS if other != DEFAULT}
    return sorted(
        p.parent.relative_to(built_site).as_posix().removeprefix(".") + "/" if p.parent != built_site else ""
        for p in folder.rglob("index.html")
        if "pagefind" not in p.parts and (lang != DEFAULT or not any(o in p.parents for o in others))
    )


@pytest.mark.parametrize("lang", LANGS)
def test_language_switcher_keeps_the_section_on_every_page(page, site_url, built_site, lang):
    wrong = []
    for path in _pages(built_site, lang):
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        ids = re.findall(r'<h2 id="([^"]+)"', html)
        section = ids[-1] if ids else "kb-no-section"
        page.goto(f"{site_url}{path}#{section}")
        links = page.eval_on_selector_all(
            ".md-select__link[hreflang]", "ls => ls.map(a => [a.hreflang, a.getAttribute('href'), a.href])")
        for other, href, absolute in links:
            target = urlsplit(absolute)
            file = built_site / target.path.removeprefix("/help/") / "index.html"
            if not href.endswith(f"#{section}") or not file.is_file():
                wrong.append(f"{path}#{section} -> {other}: {href}")
            elif ids and f'id="{section}"' not in file.read_text(encoding="utf-8"):
                wrong.append(f"{path}#{section} -> {other}: no such section there")
    assert not wrong, "\n".join(wrong)


def test_language_switcher_follows_a_new_section_and_lands_on_it(page, site_url):
    page.goto(site_url + "de/limits/sending-limits/#mass-mailings")
    page.click("a[href='#message-size']")
    page.hover(".md-header__option .md-select")
    page.click('.md-select__link[hreflang="es"]')
    page.wait_for_url("**/help/es/limits/sending-limits/#message-size")
    assert page.evaluate("document.getElementById('message-size').getBoundingClientRect().top") < 200
