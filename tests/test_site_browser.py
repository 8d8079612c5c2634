"""The built site in headless Chromium: no request for a missing file, nothing from other hosts."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

LANGS = ("fr", "en", "de", "it", "es")
PAGES = ("", "clients/ports-and-protocols/", "errors/")


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve) -> str:
    return serve(built_site, "/help/")


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_page_requests_only_existing_files_of_its_own_site(browser, site_url, lang, path):
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    url = site_url + ("" if lang == "en" else f"{lang}/") + path
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    assert requested, "the page made no request at all"
    assert not failed
    origin = urlsplit(site_url)
    assert all(urlsplit(u)[:2] == origin[:2] for u in requested), requested


@pytest.mark.parametrize("path", ["", "de/clients/ports-and-protocols/", "fr/errors/bogus-helo/"])
def test_site_works_from_the_domain_root_too(browser, built_site, serve, path):
    root = serve(built_site, "/")
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    response = page.goto(root + path)
    page.wait_for_load_state("networkidle")
    stylesheet_applied = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    context.close()
    assert response is not None and response.status == 200
    assert stylesheet_applied in ("sticky", "fixed")
    assert not failed
