"""The bounce explainer in headless Chromium, in every language, on the real built site.

Same set-up as test_widget_browser.py (the built site under /help/, Debian's Chromium):
the page must say what the CPython explainer says, announce the result once, copy the
summary for support with the addresses masked, and ask nothing of the network while it
explains.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import test_widget_browser as pages
from mailcheck.bounce import report
from test_widget_browser import LANGS, WATCH, _guide, _heard, _same_origin

site_url, visit = pages.site_url, pages.visit  # the same fixtures: one server, fresh pages

POSTFIX = {entry["id"]: entry for entry in yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "bounce" / "postfix.yml").read_text(encoding="utf-8"))}
UNKNOWN = POSTFIX["postfix-unknown-user-mime"]["text"]  # a whole DSN, MIME and all
TOO_LARGE = POSTFIX["postfix-size-limit-human"]["text"]
BOGUS_HELO = POSTFIX["postfix-bogus-helo-log"]["text"]
WIDGET = ".mailcheck--bounce"


@pytest.mark.parametrize("lang", LANGS)
def test_bounce_explainer(visit, site_url: str, lang: str, built_site: Path) -> None:
    expected = report(UNKNOWN, lang)
    assert (expected["reason"], expected["recipients"]) == ("recipient-unknown", ["nobody@rcpt.test"])
    page = visit(_guide(site_url, lang, "errors/bounce/"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.wait_ready("bounce")
    tab = page.page
    tab.evaluate(WATCH)
    before = len(page.requests)

    # A pasted bounce is explained after the pause in typing, and said once.
    tab.fill("#mailcheck-bounce-text", UNKNOWN)
    heard = _heard(tab, 1)
    assert len(heard["said"]) == 1 and heard["busy"] == 1, heard
    assert expected["headline"] in heard["said"][0]
    shown = tab.inner_text(f"{WIDGET} .mailcheck__result")
    assert expected["headline"] in shown and expected["actor_text"] in shown and expected["step"] in shown
    assert tab.get_attribute(f"{WIDGET} .mailcheck__headline", "data-reason") == "recipient-unknown"

    # The summary for support is the checker's, copied on the page, local parts masked.
    tab.click(f"{WIDGET} .mailcheck__copy")
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied == expected["summary"]
    assert "***@rcpt.test" in copied and "nobody@" not in copied and "sender@" not in copied

    # A reason with a guide links it in the page language; the target exists in the build.
    tab.fill("#mailcheck-bounce-text", TOO_LARGE)
    tab.click(f"{WIDGET} button[type=submit]")
    tab.wait_for_selector(f"{WIDGET} .mailcheck__headline[data-reason=message-too-large]")
    href = tab.get_attribute(f"{WIDGET} .mailcheck__result a", "href")
    page_dir = built_site / ("" if lang == "en" else lang) / "errors" / "bounce"
    assert href.endswith("limits/sending-limits/#message-size")
    assert (page_dir / href.split("#")[0] / "index.html").resolve().exists()

    assert page.requests[before:] == [], "explaining must not touch the network"
    _same_origin(page, site_url)
    assert page.errors == []
    wheels = [url.rsplit("/", 1)[-1] for url in page.requests if url.endswith(".whl")]
    assert any(name.startswith("mailcheck-") for name in wheels)
    assert not any(name.startswith(("zxcvbn", "email_validator")) for name in wheels), "CSV wheels on the bounce page"


def test_bogus_helo_bounce_shows_the_helo_check(visit, site_url: str) -> None:
    expected = report(BOGUS_HELO, "de")
    assert expected["reason"] == "bogus-helo" and expected["helo"][0]["helo"] == "localhost"
    page = visit(_guide(site_url, "de", "errors/bounce/"))
    page.wait_ready("bounce")
    page.page.fill("#mailcheck-bounce-text", BOGUS_HELO)
    page.page.click(f"{WIDGET} button[type=submit]")
    page.page.wait_for_selector(f"{WIDGET} .mailcheck__helo .mailcheck__item[data-verdict=reject]")
    assert expected["helo"][0]["summary"] in page.page.inner_text(f"{WIDGET} .mailcheck__helo")
    assert page.errors == []
