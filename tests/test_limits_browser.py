"""The recipient counter and the CSV daily parts in headless Chromium, in every language.

Same set-up as test_widget_browser.py (the built site under /help/, Debian's Chromium):
what the page shows and downloads must be what the CPython checkers compute, and no
request may leave the page while it counts or cuts.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

import test_widget_browser as pages
from mailcheck import csvcheck
from mailcheck.policy import download_name, policy
from mailcheck.recipients import report
from test_csv_split import csv_bytes
from test_widget_browser import LANGS, Visit, _guide, _same_origin

site_url, visit = pages.site_url, pages.visit  # the same fixtures: one server, fresh pages

LIMIT = policy()["limits"]["recipients_per_message"]
DAILY = policy()["limits"]["batch_addresses_per_day"]


def _no_request_left(page: Visit, before: int) -> None:
    """Downloads are Blob URLs made in the page; anything with a network scheme is a leak."""
    assert [url for url in page.requests[before:] if urlsplit(url).scheme != "blob"] == []


def _over_limit_list() -> str:
    names = [f'"Person, No. {i}" <person{i}@example.org>' for i in range(LIMIT)]
    return "To: " + "; ".join(names) + "\nCc: PERSON3@EXAMPLE.ORG, extra@example.org\nBcc: not-an-address"


@pytest.mark.parametrize("lang", LANGS)
def test_recipient_counter(visit, site_url: str, lang: str) -> None:
    text = _over_limit_list()
    expected = report(text, lang)
    assert (expected["verdict"], expected["recipients"], len(expected["groups"])) == ("reject", LIMIT + 1, 2)
    page = visit(_guide(site_url, lang, "limits/sending-limits/"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.wait_ready("recipients")
    before = len(page.requests)
    widget = ".mailcheck--recipients"

    page.page.fill("#mailcheck-recipients-text", text)
    page.page.wait_for_selector(f"{widget} .mailcheck__verdict--reject")
    shown = page.page.inner_text(f"{widget} .mailcheck__result")
    assert expected["summary"] in shown
    assert all(finding["message"] in shown for finding in expected["findings"])
    groups = page.page.locator(f"{widget} .mailcheck__group textarea")
    assert [groups.nth(i).input_value() for i in range(groups.count())] == expected["groups"]

    page.page.click(f"{widget} .mailcheck__group:nth-child(2) button")
    assert page.page.evaluate("navigator.clipboard.readText()") == expected["groups"][1]
    with page.page.expect_download() as download:
        page.page.click(f"{widget} a[download]")
    assert download.value.suggested_filename == download_name("groups", lang)
    assert Path(download.value.path()).read_text(encoding="utf-8") == "\n\n".join(expected["groups"]) + "\n"
    advice = page.page.get_attribute(f"{widget} a[href^='#']", "href")
    assert page.page.locator(advice).count() == 1, "the newsletter advice is on the page"

    within = "a@example.org\nA@example.org"
    page.page.fill("#mailcheck-recipients-text", within)
    page.page.click(f"{widget} button[type=submit]")
    page.page.wait_for_selector(f"{widget} .mailcheck__verdict--accept")
    assert report(within, lang)["summary"] in page.page.inner_text(f"{widget} .mailcheck__result")

    _no_request_left(page, before)
    _same_origin(page, site_url)
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_csv_daily_parts(visit, site_url: str, lang: str) -> None:
    data = csv_bytes(DAILY * 2 + 3, newline="\r\n", bom=b"\xef\xbb\xbf")
    expected = csvcheck.report(data, lang)["parts"]
    assert [part.rows for part in expected] == [DAILY, DAILY, 3]
    page = visit(_guide(site_url, lang, "addresses/batch-creation/"))
    page.wait_ready("csv")
    before = len(page.requests)

    page.page.set_input_files("#mailcheck-csv-file",
                              files=[{"name": "staff.csv", "mimeType": "text/csv", "buffer": data}])
    page.page.wait_for_selector(".mailcheck--csv .mailcheck__verdict--accept")
    links = page.page.locator(".mailcheck--csv .mailcheck__parts a[download]")
    assert links.count() == len(expected)
    for index, part in enumerate(expected):
        with page.page.expect_download() as download:
            links.nth(index).click()
        assert download.value.suggested_filename == download_name("part", lang, stem="staff", index=index + 1, total=3)
        assert Path(download.value.path()).read_bytes() == part.data

    _no_request_left(page, before)
    _same_origin(page, site_url)
    assert page.errors == []
