"""The checkers' failure states in headless Chromium: the cause, one sentence, Retry, recovery.

Each test breaks the runtime the way a real deployment does (a file missing, a
module script with the wrong MIME type, a worker that dies, a CSP without
'wasm-unsafe-eval'), then checks what the reader sees (the sentence in the page's
language, a Retry button), what the administrator sees in the console (the
cause and the fix), and that the checker works again once the cause is gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from mailcheck.i18n import message
from sitebuild.widget_markup import RUNTIME_STRINGS, tool_msgid

READY_MS = 60_000
HELO = ".mailcheck--helo"


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve) -> str:
    return serve(built_site, "/help/")


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    yield page
    context.close()


def _helo_page(site_url: str, lang: str) -> str:
    return site_url + ("" if lang == "en" else f"{lang}/") + "errors/bogus-helo/"


def _expect_failure(page: Page, lang: str, cause: str) -> None:
    page.wait_for_selector(f"{HELO}[data-state=failed][data-failure={cause}]", timeout=READY_MS)
    sentence = message("ui", lang, tool_msgid("helo", f"failed.{cause}"))
    assert page.inner_text(f"{HELO} .mailcheck__status-text") == sentence
    assert page.is_visible(f"{HELO} .mailcheck__retry")
    assert page.inner_text(f"{HELO} .mailcheck__retry") == message("ui", lang, RUNTIME_STRINGS["retry"])


def _check_works(page: Page) -> None:
    page.fill("#mailcheck-helo-text", "localhost")
    page.click(f"{HELO} button[type=submit]")
    page.wait_for_selector(f"{HELO} .mailcheck__item[data-verdict=reject]", timeout=READY_MS)
    assert page.get_attribute(HELO, "data-state") == "ready"
    assert not page.is_visible(f"{HELO} .mailcheck__retry")


def test_a_missing_runtime_file_names_its_url_and_retry_recovers(page: Page, site_url: str) -> None:
    page.route("**/_widgets/python_stdlib.*.zip", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(_helo_page(site_url, "de"))
    _expect_failure(page, "de", "fetch")
    assert any("python_stdlib." in text and "HTTP 404" in text and "Fix:" in text for text in page.console_errors)

    page.unroute("**/_widgets/python_stdlib.*.zip")
    page.click(f"{HELO} .mailcheck__retry")
    page.wait_for_selector(f"{HELO}[data-state=ready]", timeout=READY_MS)
    _check_works(page)


def _octet_stream(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})


def test_a_module_with_the_wrong_mime_type_names_the_type_and_the_fix(page: Page, site_url: str) -> None:
    page.route("**/pyodide.mjs", _octet_stream)
    page.goto(_helo_page(site_url, "fr"))
    _expect_failure(page, "fr", "mime")
    assert any('"application/octet-stream"' in text and "text/javascript" in text for text in page.console_errors)

    page.unroute("**/pyodide.mjs")
    page.click(f"{HELO} .mailcheck__retry")
    page.wait_for_selector(f"{HELO}[data-state=ready]", timeout=READY_MS)
    _check_works(page)


def test_a_worker_killed_mid_check_is_reported_and_replaced_on_the_next_check(page: Page, site_url: str) -> None:
    held: list[Route] = []
    page.route("**/_widgets/python_stdlib.*.zip", lambda route: held.append(route))  # the runtime waits for it
    page.goto(_helo_page(site_url, "it"))
    page.fill("#mailcheck-helo-text", "localhost")
    page.click(f"{HELO} button[type=submit]")  # a check is now waiting for the runtime
    # The status says "Checking…" once the check is slow (ui.js SLOW_MS), as this one is.
    checking = message("ui", "it", tool_msgid("helo", "checking"))
    page.wait_for_function(f"document.querySelector('{HELO} .mailcheck__status-text').textContent === {checking!r}")
    assert len(page.workers) == 1
    page.workers[0].evaluate("setTimeout(() => self.close(), 0)")
    _expect_failure(page, "it", "crashed")
    assert any("(crashed)" in text and "Fix:" in text for text in page.console_errors)

    assert held, "the dead worker was waiting for the standard library"
    page.unroute("**/_widgets/python_stdlib.*.zip")  # its request died with it
    _check_works(page)  # no Retry click: the check itself starts a new worker


def test_a_csp_without_wasm_unsafe_eval_says_so(page: Page, site_url: str) -> None:
    def strict(route: Route) -> None:
        response = route.fetch()
        policy = "default-src 'self'; script-src 'self' 'unsafe-inline'; worker-src 'self'"
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    page.route("**/*", strict)
    page.goto(_helo_page(site_url, "es"))
    _expect_failure(page, "es", "csp")
    assert any("wasm-unsafe-eval" in text for text in page.console_errors)


def test_a_browser_without_webassembly_gets_the_plain_sentence(page: Page, site_url: str) -> None:
    page.add_init_script("delete window.WebAssembly")
    page.goto(_helo_page(site_url, "en"))
    page.wait_for_selector(f"{HELO}[data-state=failed][data-failure=no-wasm]", timeout=READY_MS)
    assert page.inner_text(f"{HELO} .mailcheck__status-text") == message("ui", "en", tool_msgid("helo", "failed"))
    assert any("no WebAssembly" in text for text in page.console_errors)
