"""The profile maker in its page: markup, and the built site in headless Chromium.

It must make the profile without the checkers' Python runtime (no request for it,
ever), mark the field an error belongs to and move focus there, name the download
for its address, and give the CLI's bytes.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from mailcheck.i18n import LANGUAGES
from mailcheck.policy import policy
from mailcheck.profile import report
from mailcheck.profile.page import page_data
from sitebuild import widget_assets, widget_markup
from sitebuild.testing.a11y import axe

RUNTIME = ("pyodide", "python_stdlib", ".whl", "worker.", "loader.")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.data: list[str] = []
        self._json = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        self._json = tag == "script" and dict(attrs).get("type") == "application/json"

    def handle_data(self, data: str) -> None:
        if self._json:
            self.data.append(data)
            self._json = False


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_maker_markup_names_its_own_module_and_carries_its_rules(lang: str) -> None:
    html = widget_markup.render("profile", lang, "../../")
    page = _Tags()
    page.feed(html)
    scripts = [attrs["src"] for tag, attrs in page.tags if tag == "script" and "src" in attrs]
    assert scripts == ["../../_widgets/" + widget_assets.stage().page["profile"]], "its module, not loader.js"
    assert not any("data-mailcheck" in attrs for _, attrs in page.tags), "loader.js must not take it for a checker"
    assert json.loads(page.data[0].replace("<\\/", "</")) == json.loads(json.dumps(page_data(policy(), lang)))
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    labelled = [attrs["for"] for tag, attrs in page.tags if tag == "label"]
    assert labelled and set(labelled) <= ids
    assert any(attrs.get("aria-live") == "polite" for _, attrs in page.tags)
    assert "<noscript>" in html and "\n\n" not in html
    assert "</" not in page.data[0].replace("<\\/", ""), "the JSON cannot close its script element"


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve) -> str:
    return serve(built_site, "/help/")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_maker_works_at_once_without_the_runtime(browser: Browser, site_url: str, lang: str) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + ("" if lang == "en" else f"{lang}/") + "clients/iphone-ipad/")
    page.wait_for_load_state("networkidle")
    widget = ".mailcheck--profile"
    address, name = page.locator("#mailcheck-profile-address"), page.locator("#mailcheck-profile-name")
    result = page.locator(f"{widget} .mailcheck__result")
    submit = f"{widget} button[type=submit]"

    # An address error: the address field is marked, described by the finding, and has focus.
    bad = report("jane.doe", "", lang)
    address.fill("jane.doe")
    page.click(submit)
    page.wait_for_selector(f"{widget} .mailcheck__finding--error")
    assert bad["summary"] in result.inner_text() and bad["findings"][0]["message"] in result.inner_text()
    assert address.get_attribute("aria-invalid") == "true" and name.get_attribute("aria-invalid") is None
    described = address.get_attribute("aria-describedby").split()
    assert page.locator(f"#{described[-1]}").inner_text() == bad["findings"][0]["message"]
    assert page.evaluate("document.activeElement.id") == "mailcheck-profile-address"
    assert result.locator("a[download]").count() == 0
    assert not result.locator(".mailcheck__verdict").count(), "a result, not a verdict badge"
    ours = [v for v in axe(page) if any(".mailcheck" in node for node in v["nodes"])]
    assert ours == [], "axe-core on the maker with an error shown"

    # A name error moves focus to the name; the address is fine now.
    address.fill("jane.doe@example.org")
    name.fill("Jane\u202eDoe")
    page.click(submit)
    page.wait_for_function("document.activeElement.id === 'mailcheck-profile-name'")
    assert name.get_attribute("aria-invalid") == "true" and address.get_attribute("aria-invalid") is None

    # A good one: the download names the address and holds the CLI's bytes.
    good = report("Jürg@Bücher.example", "Jürg & Co", lang)
    address.fill("Jürg@Bücher.example")
    name.fill("Jürg & Co")
    page.click(submit)
    link = result.locator("a[download]")
    link.wait_for()
    assert "Jürg@bücher.example" in link.inner_text()
    assert name.get_attribute("aria-invalid") is None
    with page.expect_download() as started:
        link.click()
    assert started.value.suggested_filename == good["filename"]
    assert Path(started.value.path()).read_bytes() == good["profile"].encode("utf-8")

    assert not [url for url in requests if any(part in url for part in RUNTIME)], "no runtime requested"
    assert errors == []
    context.close()
