"""The built site on Debian's nginx with exactly hosting/nginx.conf and the build's CSP.

A private nginx (``nginx -p DIR -c FILE``, ``daemon off``, 127.0.0.1, a free port;
never the system service) serves the real build under /help/ and at the domain
root. Its server block is the README's: hosting/nginx.conf included as it is,
plus the _csp.nginx.conf that the build wrote. In Chromium every page type loads
with no failed request, no console error and no CSP violation, and both checkers
and the search work under that policy.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from mailcheck import csvcheck, helo
from sitebuild import client_files, csp
from sitebuild.testing import nginx_server

READY_MS = 60_000
PAGES = ("", "clients/", "clients/apple-mail/", "errors/bogus-helo/", "addresses/batch-creation/", "feedback/",
         "de/", "de/clients/ports-and-protocols/", "fr/errors/bogus-helo/", "it/addresses/batch-creation/")


@pytest.fixture(scope="module", params=["/help/", "/"], ids=["under-help", "domain-root"])
def site_url(request: pytest.FixtureRequest, built_site: Path) -> Iterator[str]:
    with nginx_server.serve(built_site, request.param) as (url, error_log):
        yield url
        log = error_log.read_text()
    problems = [line for line in log.splitlines() if any(f"[{level}]" in line for level in ("error", "crit", "emerg"))]
    assert not problems, problems


def _head(url: str, gzip: bool = False) -> dict[str, str]:
    request = urllib.request.Request(url, method="HEAD", headers={"Accept-Encoding": "gzip"} if gzip else {})
    with urllib.request.urlopen(request) as response:
        return {name.lower(): value for name, value in response.headers.items()}


def test_headers_types_compression_and_cache(site_url: str, built_site: Path) -> None:
    manifest = json.loads((built_site / "_widgets" / "manifest.json").read_text())
    page = _head(site_url)
    assert page["content-security-policy"] == csp.policy(built_site)
    assert page["cache-control"] == "no-cache"
    runtime = site_url + "_widgets/" + manifest["pyodide"]
    module = _head(runtime + "pyodide.mjs")
    assert module["content-type"] == "text/javascript", "Debian's mime.types has no .mjs: the snippet adds it"
    assert module["cache-control"] == "public, max-age=31536000, immutable"
    assert "content-security-policy" in module, "the worker's policy comes with its script"
    wasm = _head(runtime + "pyodide.asm.wasm", gzip=True)
    assert (wasm["content-type"], wasm["content-encoding"]) == ("application/wasm", "gzip")
    stdlib = _head(site_url + "_widgets/" + manifest["stdlib"], gzip=True)
    assert stdlib["content-encoding"] == "gzip" and "immutable" in stdlib["cache-control"]
    assert _head(site_url + "_widgets/manifest.json")["cache-control"] == "no-cache"
    # iOS offers to install a profile only with this type; Thunderbird reads the autoconfig file as XML
    assert _head(site_url + client_files.profile_path("fr"))["content-type"] == "application/x-apple-aspen-config"
    assert _head(site_url + ".well-known/autoconfig/mail/config-v1.1.xml")["content-type"] == "text/xml"


class Visit:
    """A page that records failed requests, console errors and CSP violations."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context()
        self.page: Page = self.context.new_page()
        self.problems: list[str] = []
        self.page.add_init_script(
            "document.addEventListener('securitypolicyviolation', (e) => console.error("
            "`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`))")
        self.page.on("console", lambda msg: msg.type == "error" and self.problems.append(f"console: {msg.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda request: self.problems.append(f"failed: {request.url}"))
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{r.status} {r.url}"))

    def open(self, url: str) -> Page:
        self.page.goto(url)
        if self.page.query_selector("[data-mailcheck]"):
            self.page.wait_for_selector(".mailcheck[data-state=ready]", timeout=READY_MS)
        self.page.wait_for_load_state("networkidle")
        return self.page


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    opened = Visit(browser)
    yield opened
    opened.context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_loads_cleanly_under_the_generated_csp(visit: Visit, site_url: str, path: str) -> None:
    page = visit.open(site_url + path)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    assert visit.problems == []


def test_both_checkers_and_the_search_work_under_the_csp(visit: Visit, site_url: str) -> None:
    page = visit.open(site_url + "errors/bogus-helo/")
    page.fill("#mailcheck-helo-text", "localhost")
    page.click(".mailcheck--helo button[type=submit]")
    page.wait_for_selector(".mailcheck--helo .mailcheck__item[data-verdict=reject]")
    assert helo.report("localhost", "en")[0]["summary"] in page.inner_text(".mailcheck--helo .mailcheck__result")

    page = visit.open(site_url + "addresses/batch-creation/")
    data = csvcheck.template("en").encode()
    page.set_input_files("#mailcheck-csv-file", files=[{"name": "t.csv", "mimeType": "text/csv", "buffer": data}])
    page.wait_for_selector(".mailcheck--csv .mailcheck__verdict--reject")  # its example passwords are known
    assert csvcheck.report(data, "en")["summary"] in page.inner_text(".mailcheck--csv .mailcheck__result")

    page = visit.open(site_url + "de/")
    page.fill(".md-search__input", "Posteingangsserver")
    page.wait_for_selector(".md-search-result__link")
    assert page.eval_on_selector_all(".md-search-result__link", "links => links.length") > 0
    assert visit.problems == []
