"""The checkers in headless Chromium, in every language, on the real built site.

The site is served under /help/ to prove that every URL is relative. Expected
verdicts and messages come from the CPython checkers, so the test proves the page
shows what the validator says, in the page language, and asks nothing of the
network while it checks.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from mailcheck import csvcheck, helo
from mailcheck.i18n import plural, translations, typeset
from mailcheck.policy import policy
from sitebuild.widget_markup import RUNTIME_STRINGS, tool_msgid

LANGS = ("fr", "en", "de", "it", "es")
READY_MS = 60_000
GOOD_HELO = "mail.customer-company.ch"
BAD_HELO = "localhost"


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve) -> str:
    return serve(built_site, "/help/")


class Visit:
    """A fresh page that records every request it makes and every script error."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.context = browser.new_context()
        self.page: Page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url)

    def wait_ready(self, widget: str) -> None:
        self.page.wait_for_selector(f".mailcheck--{widget}[data-state=ready]", timeout=READY_MS)
        self.page.wait_for_load_state("networkidle")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Browser) -> Iterator:
    visits: list[Visit] = []

    def open_page(url: str) -> Visit:
        visits.append(Visit(browser, url))
        return visits[-1]

    yield open_page
    for opened in visits:
        opened.close()


def _guide(site_url: str, lang: str, path: str) -> str:
    return site_url + ("" if lang == "en" else f"{lang}/") + path


def _same_origin(visit: Visit, site_url: str) -> None:
    origin = urlsplit(site_url).netloc
    foreign = [url for url in visit.requests if urlsplit(url).scheme in {"http", "https"}
               and urlsplit(url).netloc != origin]
    assert not foreign


@pytest.mark.parametrize("lang", LANGS)
def test_helo_checker(visit, site_url: str, lang: str) -> None:
    bad, good = helo.report(BAD_HELO, lang)[0], helo.report(GOOD_HELO, lang)[0]
    assert (bad["verdict"], good["verdict"]) == ("reject", "accept")
    page = visit(_guide(site_url, lang, "errors/bogus-helo/"))
    page.wait_ready("helo")
    before = len(page.requests)

    result = page.page.locator(".mailcheck--helo .mailcheck__result")
    page.page.fill("#mailcheck-helo-text", BAD_HELO)
    page.page.wait_for_selector(".mailcheck--helo .mailcheck__item[data-verdict=reject]")
    text = result.inner_text()
    assert bad["summary"] in text
    assert all(finding["message"] in text for finding in bad["findings"])

    page.page.fill("#mailcheck-helo-text", GOOD_HELO)
    page.page.click(".mailcheck--helo button[type=submit]")
    page.page.wait_for_selector(".mailcheck--helo .mailcheck__item[data-verdict=accept]")
    assert good["summary"] in result.inner_text()

    assert page.requests[before:] == [], "the check must not touch the network"
    _same_origin(page, site_url)
    assert page.errors == []
    wheels = [url.rsplit("/", 1)[-1] for url in page.requests if url.endswith(".whl")]
    assert any(name.startswith("mailcheck-") for name in wheels), "the worker's requests are seen"
    assert not any(name.startswith(("zxcvbn", "email_validator")) for name in wheels), "CSV wheels on the HELO page"


def _table(page: Page) -> list[tuple[str, str, str]]:
    rows = page.locator(".mailcheck--csv .mailcheck__table tbody tr")
    return [tuple(rows.nth(i).locator("td").nth(j).inner_text() for j in (0, 1, 3)) for i in range(rows.count())]


def _expected(report: dict) -> list[tuple[str, str, str]]:
    return [("" if f["row"] is None else str(f["row"]), f["column"] or "", f["message"]) for f in report["findings"]]


def _good_csv(lang: str) -> bytes:
    """The template's header and rows with passwords of our own (the template's examples are refused)."""
    header = csvcheck.template(lang).splitlines()[0]
    rows = ["jane.doe,Fir-Cobble-Marigold-58,,", "john.smith,Amber+Thistle+Cello+31,john@example.org,0"]
    return "\r\n".join([header, *rows, ""]).encode()


def _bad_csv(lang: str) -> bytes:
    """The template with a full address in A, a weak password, and D set without C."""
    header = csvcheck.template(lang).splitlines()[0]
    return f"{header}\r\njane@example.org,123456,,1\r\n".encode()


@pytest.mark.parametrize("lang", LANGS)
def test_csv_checker(visit, site_url: str, lang: str) -> None:
    good_bytes, bad_bytes = _good_csv(lang), _bad_csv(lang)
    good, bad = csvcheck.report(good_bytes, lang), csvcheck.report(bad_bytes, lang)
    assert (good["verdict"], bad["verdict"]) == ("accept", "reject")
    page = visit(_guide(site_url, lang, "addresses/batch-creation/"))
    page.wait_ready("csv")
    before = len(page.requests)
    picker = "#mailcheck-csv-file"
    verdict = ".mailcheck--csv .mailcheck__verdict--{}"

    page.page.set_input_files(picker, files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": bad_bytes}])
    page.page.wait_for_selector(verdict.format("reject"))
    assert _table(page.page) == _expected(bad)
    assert {row for row, _, _ in _table(page.page)} >= {"2"}

    page.page.set_input_files(picker, files=[{"name": "good.csv", "mimeType": "text/csv", "buffer": good_bytes}])
    page.page.wait_for_selector(verdict.format("accept"))
    assert good["summary"] in page.page.inner_text(".mailcheck--csv .mailcheck__result")
    assert _table(page.page) == _expected(good)

    assert page.requests[before:] == [], "the file must not leave the browser"
    _same_origin(page, site_url)
    assert page.errors == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_guide_without_a_checker_loads_nothing_of_it(visit, site_url: str, lang: str) -> None:
    page = visit(_guide(site_url, lang, "clients/android/"))
    page.page.wait_for_load_state("networkidle")
    page.page.wait_for_timeout(1500)  # idle callbacks would have fired by now
    assert len(page.requests) > 1
    assert not [url for url in page.requests if "/_widgets/" in url]
    _same_origin(page, site_url)


def test_csv_checker_refuses_a_large_file_and_shows_the_first_findings_of_a_long_report(visit, site_url: str) -> None:
    max_bytes = policy()["csv"]["max_bytes"]
    big = b"jane,Pine-Harbor-Lantern-42,,\r\n" * (max_bytes // 30 + 10)
    header = csvcheck.template("en").splitlines()[0]
    many = (header + "\r\n" + "".join(f"user{i},short,=1+2+3+4+5,0\r\n" for i in range(300))).encode()
    too_large, long_report = csvcheck.report(big, "en"), csvcheck.report(many, "en")
    assert [f["code"] for f in too_large["findings"]] == ["CSV_TOO_LARGE"]
    assert len(long_report["findings"]) <= 50  # 300 rows of two problems: the first 20 of each, then a count
    page = visit(_guide(site_url, "en", "addresses/batch-creation/"))
    page.wait_ready("csv")
    picker = "#mailcheck-csv-file"

    page.page.set_input_files(picker, files=[{"name": "big.csv", "mimeType": "text/csv", "buffer": big}])
    page.page.wait_for_selector(".mailcheck--csv .mailcheck__verdict--reject")
    assert _table(page.page) == _expected(too_large)  # "larger than 2 MB", not "empty"

    page.page.set_input_files(picker, files=[{"name": "many.csv", "mimeType": "text/csv", "buffer": many}])
    page.page.wait_for_selector('.mailcheck--csv .mailcheck__overflow a[download="many-findings.csv"]')
    assert _table(page.page) == _expected(long_report)
    link = page.page.locator(".mailcheck--csv .mailcheck__overflow a")
    assert link.get_attribute("download") == "many-findings.csv"
    listed = page.page.evaluate("async (url) => (await fetch(url)).text()", link.get_attribute("href"))
    lines = listed.strip().split("\r\n")
    assert len(lines) == 1 + len(long_report["findings"])
    # No cell of the download starts like a formula (a message quotes "=1+2+3+4+5" masked as "=•••").
    assert not any(cell.startswith(("=", "+", "-", "@")) for line in lines for cell in line.split(","))


# Counts, in the page, what a screen reader would hear: each non-empty text of the
# announcer, each change of the status line, and each time the result turns busy.
WATCH = """() => {
    const widget = document.querySelector(".mailcheck");
    const text = {childList: true, characterData: true, subtree: true};
    window.heard = {said: [], status: 0, busy: 0};
    new MutationObserver(() => {
        const said = widget.querySelector(".mailcheck__announce").textContent;
        if (said) window.heard.said.push(said);
    }).observe(widget.querySelector(".mailcheck__announce"), text);
    new MutationObserver(() => window.heard.status++).observe(widget.querySelector(".mailcheck__status-text"), text);
    new MutationObserver(() => widget.querySelector(".mailcheck__result").getAttribute("aria-busy") === "true"
        && window.heard.busy++).observe(widget.querySelector(".mailcheck__result"), {attributes: true});
}"""


def _heard(page: Page, said: int) -> dict:
    page.wait_for_function(f"window.heard.said.length >= {said}")
    page.wait_for_timeout(1200)  # longer than the typing pause: nothing else may come
    return page.evaluate("window.heard")


@pytest.mark.parametrize("lang", LANGS)
def test_helo_checker_with_the_keyboard_announces_each_check_once(visit, site_url: str, lang: str) -> None:
    good = helo.report(GOOD_HELO, lang)[0]
    page = visit(_guide(site_url, lang, "errors/bogus-helo/"))
    page.wait_ready("helo")
    tab = page.page
    tab.evaluate(WATCH)
    tab.focus("#mailcheck-helo-text")
    # Typing a name key by key: one check when typing pauses, one announcement.
    tab.keyboard.type(GOOD_HELO, delay=40)
    heard = _heard(tab, 1)
    assert heard["busy"] == 1 and len(heard["said"]) == 1, heard
    assert good["summary"] in heard["said"][0]
    assert heard["status"] == 0, "the status line must not change while the state stays 'ready'"
    assert tab.locator(".mailcheck__item[data-verdict=accept] .mailcheck__next").count() == 1
    # Shift+Enter adds a line; Enter checks at once, keeps the focus and adds no line.
    tab.keyboard.press("Shift+Enter")
    tab.keyboard.type(BAD_HELO)
    tab.keyboard.press("Enter")
    heard = _heard(tab, 2)
    assert tab.input_value("#mailcheck-helo-text") == f"{GOOD_HELO}\n{BAD_HELO}"
    assert tab.evaluate("document.activeElement.id") == "mailcheck-helo-text"
    assert heard["busy"] == 2 and len(heard["said"]) == 2, heard
    assert helo.report(BAD_HELO, lang)[0]["summary"] in heard["said"][1]
    # A rejection shows how to fix it without a click.
    assert tab.locator(".mailcheck__item[data-verdict=reject] details.mailcheck__fix[open]").count() == 1
    # The same check asked for again is said again; Tab reaches the button, Enter presses it.
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.type") == "submit"
    tab.keyboard.press("Enter")
    heard = _heard(tab, 3)
    assert len(heard["said"]) == 3 and heard["said"][2] == heard["said"][1]
    assert tab.evaluate("document.activeElement.type") == "submit"
    assert heard["status"] == 0
    assert tab.get_attribute(".mailcheck__result", "aria-busy") == "false"
    assert page.errors == []


@pytest.mark.parametrize("lang", ["en", "it"])
def test_csv_checker_with_the_keyboard(visit, site_url: str, lang: str) -> None:
    bad = _bad_csv(lang).decode()
    page = visit(_guide(site_url, lang, "addresses/batch-creation/"))
    page.wait_ready("csv")
    tab = page.page
    tab.evaluate(WATCH)
    tab.focus("#mailcheck-csv-text")
    # In the CSV box Enter is a new row, not a check.
    tab.keyboard.type(bad.replace("\r\n", "\n").rstrip("\n"))
    tab.wait_for_timeout(1200)
    assert tab.evaluate("window.heard.said.length") == 0
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.type") == "submit"
    tab.keyboard.press("Enter")
    heard = _heard(tab, 1)
    assert len(heard["said"]) == 1 and heard["busy"] == 1
    assert csvcheck.report(bad.encode(), lang)["summary"] in heard["said"][0]
    assert tab.evaluate("document.activeElement.type") == "submit"
    assert page.errors == []


LOOK_ALIKE = "4@8({[<369!|1l70$5+%2{}<>"  # as in bench/widget.py: zxcvbn's slowest kind of password


def _long_csv(lang: str, rows: int = 10_000) -> bytes:
    """A valid file at the row cap whose look-alike passwords keep the checker busy for seconds."""
    rng = random.Random(rows)
    header = csvcheck.template(lang).splitlines()[0]
    lines = [header, *(f"user.{i:05d},x{''.join(rng.choice(LOOK_ALIKE) for _ in range(40))},," for i in range(rows))]
    return ("\r\n".join(lines) + "\r\n").encode()


def _ui(lang: str, key: str) -> str:
    return typeset(translations("ui", lang).gettext(tool_msgid("csv", key)), lang)


def _rows_done(lang: str, total: int) -> str:
    """A pattern for "Checked {done} of {total} rows" in ``lang`` (numbers grouped), any count done."""
    shown = plural("ui", lang, *RUNTIME_STRINGS["rows_done"], total, done="\0")
    return re.escape(shown).replace("\0", r"(\d[\d.,\u202f]*)")


def _pick(page: Page, name: str, data: bytes) -> None:
    page.set_input_files("#mailcheck-csv-file", files=[{"name": name, "mimeType": "text/csv", "buffer": data}])


def _wait_for_rows(page: Page, pattern: str) -> int:
    """Waits until the status line counts rows; returns how many are done."""
    status = ".mailcheck--csv .mailcheck__status-text"
    page.wait_for_function("([re, at]) => new RegExp(re).test(document.querySelector(at).textContent)",
                           arg=[pattern, status])
    return int(re.sub(r"\D", "", re.fullmatch(pattern, page.inner_text(status)).group(1)))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_long_csv_check_counts_its_rows_and_can_be_cancelled(visit, site_url: str, lang: str) -> None:
    small = _bad_csv(lang)
    page = visit(_guide(site_url, lang, "addresses/batch-creation/"))
    page.wait_ready("csv")
    tab = page.page
    tab.evaluate(WATCH)
    (first_worker,) = tab.workers
    before = len(page.requests)
    _pick(tab, "long.csv", _long_csv(lang))
    started = tab.evaluate("performance.now()")
    done = _wait_for_rows(tab, _rows_done(lang, 10_000))
    assert 0 < done < 10_000
    bar = tab.locator(".mailcheck--csv progress")
    assert bar.is_visible() and bar.get_attribute("max") == "10000"
    # The count grows while the check runs, on a status line renewed at most once a second.
    tab.wait_for_function("(done) => document.querySelector('.mailcheck--csv progress').value > done", arg=done)
    tab.get_by_role("button", name=_ui(lang, "cancel")).click()
    seconds = (tab.evaluate("performance.now()") - started) / 1000
    status_changes = tab.evaluate("window.heard.status")
    assert status_changes <= seconds + 2, (status_changes, seconds)  # "Checking…" at most, then one per second

    tab.wait_for_selector(".mailcheck--csv[data-state=ready]", timeout=READY_MS)
    assert tab.inner_text(".mailcheck--csv .mailcheck__result") == _ui(lang, "cancelled")
    assert tab.evaluate("window.heard.said") == [_ui(lang, "cancelled")]
    assert tab.inner_text(".mailcheck--csv .mailcheck__status-text") == _ui(lang, "ready")
    assert tab.locator(".mailcheck--csv .mailcheck__cancel").is_hidden()
    assert tab.locator(".mailcheck--csv .mailcheck__retry").is_hidden()
    # Focus is not lost with the hidden button: it is on the form's first field.
    assert tab.evaluate("document.activeElement.id") == "mailcheck-csv-file"

    # The new worker checks the next file as the first one would have.
    _pick(tab, "small.csv", small)
    tab.wait_for_selector(".mailcheck--csv .mailcheck__verdict--reject")
    assert _table(tab) == _expected(csvcheck.report(small, lang))
    # The browser reports a terminated worker closed a moment later: give it up to ten seconds.
    for _ in range(100):
        if first_worker not in tab.workers:
            break
        tab.wait_for_timeout(100)
    assert len(tab.workers) == 1 and tab.workers[0] != first_worker, "the cancelled worker is gone, a new one runs"
    assert [url for url in page.requests[before:] if "/_widgets/" not in url] == [], "nothing but the runtime again"
    assert page.errors == []


def test_cancel_is_offered_as_soon_as_a_check_is_slow_before_any_count(visit, site_url: str) -> None:
    """Passwords built to keep zxcvbn busy: the first count (250 rows) is seconds away, Cancel is not."""
    signs = "4@8({[<369!|1l70$5+%2"
    rows = [f"user{i},{signs}{i:06d}123456789{signs[::-1]}{'ab' * 30}"[:128] + ",," for i in range(2_000)]
    data = ("\r\n".join([csvcheck.template("en").splitlines()[0], *rows]) + "\r\n").encode()
    page = visit(_guide(site_url, "en", "addresses/batch-creation/"))
    page.wait_ready("csv")
    tab = page.page
    _pick(tab, "slow.csv", data)
    cancel = tab.get_by_role("button", name=_ui("en", "cancel"))
    cancel.wait_for(state="visible", timeout=5_000)
    assert tab.inner_text(".mailcheck--csv .mailcheck__status-text") == _ui("en", "checking")  # no count yet
    cancel.click()
    tab.wait_for_selector(".mailcheck--csv[data-state=ready]", timeout=READY_MS)
    assert tab.inner_text(".mailcheck--csv .mailcheck__result") == _ui("en", "cancelled")
    assert page.errors == []


def test_a_new_file_cancels_the_running_check(visit, site_url: str) -> None:
    small = _bad_csv("fr")
    page = visit(_guide(site_url, "fr", "addresses/batch-creation/"))
    page.wait_ready("csv")
    tab = page.page
    tab.evaluate(WATCH)
    (first_worker,) = tab.workers
    _pick(tab, "long.csv", _long_csv("fr"))
    _wait_for_rows(tab, _rows_done("fr", 10_000))
    _pick(tab, "small.csv", small)
    tab.wait_for_selector(".mailcheck--csv .mailcheck__verdict--reject", timeout=READY_MS)
    expected = csvcheck.report(small, "fr")
    assert _table(tab) == _expected(expected)
    tab.wait_for_timeout(3000)  # the long file would have answered by now: it must not
    assert expected["summary"] in tab.inner_text(".mailcheck--csv .mailcheck__result")
    said = tab.evaluate("window.heard.said")
    assert len(said) == 1 and expected["summary"] in said[0], said  # no "cancelled": the new file answers
    assert tab.inner_text(".mailcheck--csv .mailcheck__status-text") == _ui("fr", "ready")
    assert len(tab.workers) == 1 and tab.workers[0] != first_worker, "the cancelled worker is gone, a new one runs"
    assert page.errors == []
