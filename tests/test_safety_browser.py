"""Safety nets in headless Chromium, on a small scratch build served under /help/ without SITE_URL.

- A 404 page at depth three, in two languages, on the real nginx (hosting/nginx.conf and the
  build's CSP) and on the test server: styled, its search works, its links lead into the site.
- A missing hashed file under /help/fr/ gets the French 404 page from nginx.
- Every tool on the page (whatever ``widget_markup.FORMS`` holds): a form the script has not
  taken over sends nothing anywhere; a tap made while the loader is held back shows "loading"
  and is answered once the tool is ready; nothing typed ever reaches a URL.
- Once the tools are ready, hostile input in every one of them makes no request at all.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

import site_copy
from sitebuild.testing import nginx_server
from sitebuild.widget_markup import FORMS

READY_MS = 90_000
MARK = "early-tap@example.org"
HOSTILE = ("=?koi8-r?q?=F0=D2=C9?= <a@example.org>, =?iso-8859-2?q?=A3=F3d=BC?= <b@example.org>, "
           "=?bz2_codec?q?x?= <c@example.org>, =?utf-8?q?=00=E2=80=AE?= <d@example.org>\u202e\x00\ufeff, "
           + '"' * 300 + ", " + "\\" * 300 + ", ÄÖ\u0430\uff45@\uff20.org")
HOSTILE_FILE = "\ufeff\ufeffname,password\r\nm\u00fcller,Caf\u00e9-\u202e-Pine-42\r\n".encode("cp1252", "replace")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scratch project, every tool on one English guide, built in every language without SITE_URL."""
    project = site_copy.make(tmp_path_factory.mktemp("safety") / "project")
    guide = (project / "docs" / "en" / "guides" / "first.md").read_text(encoding="utf-8")
    tools = "\n\n".join(f"<!-- md:widget {name} -->" for name in FORMS)
    site_copy.write(project, "en/guides/first.md", guide + "\n## Tools {#tools}\n\n" + tools + "\n")
    result = site_copy.build(project, project / "site")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return project / "site"


@pytest.fixture(scope="module")
def nginx_url(site: Path) -> Iterator[str]:
    with nginx_server.serve(site, "/help/") as (url, _log):
        yield url


@pytest.fixture(scope="module")
def servers(nginx_url: str, site: Path, serve) -> dict[str, str]:
    return {"nginx": nginx_url, "test-server": serve(site, "/help/")}


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    opened = browser.new_context()
    yield opened
    opened.close()


def _watch(page: Page) -> list[str]:
    """Failed requests, error responses (other than the page itself), script errors, CSP violations."""
    problems: list[str] = []
    page.add_init_script("document.addEventListener('securitypolicyviolation', (e) => console.error("
                         "`CSP violation: ${e.violatedDirective} ${e.blockedURI}`))")
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"console: {msg.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    return problems


# --- 404 pages -------------------------------------------------------------------------------

@pytest.mark.parametrize("server", ["nginx", "test-server"])
@pytest.mark.parametrize(("lang", "folder"), [("en", ""), ("fr", "fr/")])
def test_a_404_at_depth_three_is_styled_and_its_search_works(context, servers, server, lang, folder) -> None:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    status: dict[str, int] = {}
    page.on("response", lambda r: r.request.method == "GET" and status.setdefault(r.url, r.status))
    url = servers[server] + folder + "no/such/page"
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response is not None and response.status == 404
    assert page.evaluate("document.baseURI") == servers[server] + folder
    # Every style sheet and script of the page is the site's own, and loaded. (Before the <base> is
    # set, the browser's look-ahead may fetch some of them at the wrong depth: those 404s change nothing.)
    resources = page.eval_on_selector_all("link[rel=stylesheet], script[src]",
                                          "nodes => nodes.map((n) => n.href || n.src)")
    assert resources and all(status.get(r) == 200 for r in resources), {r: status.get(r) for r in resources}
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    home = page.locator("article a").last.evaluate("a => a.href")
    assert home == servers[server] + folder
    page.fill(".md-search__input", "Second")
    page.wait_for_selector(".md-search-result__link")
    first = page.locator(".md-search-result__link").first.evaluate("a => a.href")
    assert first.startswith(servers[server] + folder + "guides/"), first
    assert errors == []


def test_nginx_sends_the_language_404_for_a_missing_hashed_file(nginx_url: str) -> None:
    for path, lang in (("fr/_widgets/ui.0123456789.js", "fr"), ("_widgets/ui.0123456789.js", "en")):
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(nginx_url + path)
        assert error.value.code == 404
        assert f'<html lang="{lang}"' in error.value.read().decode("utf-8")


# --- early taps ------------------------------------------------------------------------------

TOOLS = "[data-mailcheck], [data-maker]"  # checkers (the shared runtime) and makers (in the page alone)


def _tools(page: Page) -> list[str]:
    return page.eval_on_selector_all(TOOLS, "nodes => nodes.map((n) => n.dataset.mailcheck ?? n.dataset.maker)")


def _checkers(page: Page) -> list[str]:
    return page.eval_on_selector_all("[data-mailcheck]", "nodes => nodes.map((n) => n.dataset.mailcheck)")


def test_every_tool_is_on_the_page(site: Path) -> None:
    html = (site / "guides" / "first" / "index.html").read_text(encoding="utf-8")
    assert all(f'data-mailcheck="{name}"' in html or f'data-maker="{name}"' in html for name in FORMS)


def test_a_form_without_its_script_sends_nothing(browser: Browser, servers) -> None:
    """No JavaScript at all and no CSP (the test server): submitting still goes nowhere."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        url = servers["test-server"] + "guides/first/"
        page.goto(url)
        for name in _tools(page):
            widget = page.locator(f".mailcheck--{name}")
            for field in widget.locator("textarea, input[type=text], input[type=email]").all():
                field.fill(MARK)
            widget.locator("button[type=submit]").click()
        page.wait_for_timeout(500)
        assert page.url == url
        assert not [r for r in requests if "early-tap" in r]
    finally:
        context.close()


def test_a_tap_before_the_tool_is_ready_is_kept_and_answered(context, servers) -> None:
    """The tools' scripts are held back (a slow connection): each tap says "loading", then gets its answer."""
    page = context.new_page()
    problems = _watch(page)
    held: list = []
    released = []

    def hold(route) -> None:
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route("**/_widgets/*.js", hold)  # the loader of the checkers, and each maker's own module
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    url = servers["nginx"] + "guides/first/"
    page.goto(url, wait_until="commit")
    page.wait_for_selector("[data-mailcheck] button[type=submit]")
    names = _tools(page)
    assert set(names) == set(FORMS)
    for name in names:
        widget = page.locator(f".mailcheck--{name}")
        for field in widget.locator("textarea, input[type=text], input[type=email]").all():
            field.fill(MARK)
        widget.locator("button[type=submit]").click()
        assert widget.get_attribute("data-state") == "loading", name
        assert widget.locator(".mailcheck__result").get_attribute("aria-busy") == "true", name
        if name in _checkers(page):  # a checker's status line says so in words, with its bar
            strings = json.loads(widget.locator(".mailcheck__strings").text_content())
            assert widget.locator(".mailcheck__status-text").text_content() == strings["loading"], name
            assert widget.locator("progress").is_visible(), name
    assert held, "the scripts were held back"
    assert page.url == url
    released.append(True)
    for route in held:
        route.continue_()
    for name in names:  # (wait_for_function would evaluate a string: the CSP forbids it, rightly)
        page.wait_for_selector(f".mailcheck--{name} .mailcheck__result > *", timeout=READY_MS)
    assert page.url == url
    assert not [r for r in requests if "early-tap" in r]
    assert problems == []


# --- nothing after ready ---------------------------------------------------------------------

def test_no_request_after_ready_while_every_tool_checks_hostile_input(context, servers) -> None:
    page = context.new_page()
    problems = _watch(page)
    page.goto(servers["nginx"] + "guides/first/")
    for name in _checkers(page):
        page.wait_for_selector(f".mailcheck--{name}[data-state=ready]", timeout=READY_MS)
    page.wait_for_load_state("networkidle")
    after: list[str] = []
    context.on("request", lambda request: after.append(request.url))
    for name in _tools(page):
        widget = page.locator(f".mailcheck--{name}")
        widget.locator(".mailcheck__result").evaluate("r => r.replaceChildren()")
        for field in widget.locator("textarea, input[type=text], input[type=email]").all():
            field.fill(HOSTILE)
        widget.locator("button[type=submit]").click()
        widget.locator(".mailcheck__result > *").first.wait_for(timeout=READY_MS)
        for picker in widget.locator("input[type=file]").all():
            widget.locator("textarea").fill("")
            widget.locator(".mailcheck__result").evaluate("r => r.replaceChildren()")
            picker.set_input_files(files=[{"name": "../a\\b.csv", "mimeType": "text/csv", "buffer": HOSTILE_FILE}])
            widget.locator(".mailcheck__result > *").first.wait_for(timeout=READY_MS)
    page.wait_for_timeout(500)
    assert [url for url in after if not url.startswith("blob:")] == []
    assert all(state == "ready" for state in page.eval_on_selector_all(
        "[data-mailcheck]", "nodes => nodes.map((n) => n.dataset.state)"))  # no checker crashed
    assert problems == []
