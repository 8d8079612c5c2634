"""Property tests: any text gives a well-formed report, never an exception."""

from __future__ import annotations

import json
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from mailcheck.findings import verdict
from mailcheck.helo import check, report
from mailcheck.helo.extract import extract
from mailcheck.i18n import LANGUAGES

SEVERITIES = {"error", "warning", "info"}
# Text that looks like what admins paste: name characters, brackets, log and command words.
pieces = st.sampled_from([
    *"abcxyz019.-_[]:<>()=; \t\r\né\x00\n\"", "HELO ", "EHLO ", "helo=<", "H=(", "localhost",
    # the keywords and delimiters of every extraction rule (helo/extract.py RULES)
    "Received: from ", " (unknown [127.0.0.1])", "\n\tby ", "helo=", " H=", " P=esmtp", "<= ", " In:  ",
    " Out: ", " -> ", "Helo command rejected", "after EHLO ", ": 501 ", 'command="EHLO ', "bogus HELO",
    "rejected EHLO from ", ": syntactically invalid argument(s): ", "\n    ", "[IPv6:", "?",
    # the forms added for issue 21: trace fields of other vendors, filter headers, prompts
    "Received: from unknown (HELO ", ") (192.0.2.1) by ", " with Microsoft SMTP Server", " with HTTP",
    " ([192.0.2.1] unverified)", " (may be forged))", ' "EHLO ', "(account x HELO ", ", claiming to be \"",
    "Received-SPF: pass ", "; helo=", " smtp.helo=", "X-MDHelo: ", "s=helo;id=", 'helo="', "hook=ehlo plugin=x"
    " function=y params=", "PREGREET 11 after 0.1 from [192.0.2.1]:1: EHLO ", "\\r\\n", "send: 'ehlo ",
    '<- "EHLO ', "CLIENT -> SERVER: EHLO ", "SMTP>> EHLO ", ",<,EHLO ", ">>>>>Sending data EHLO ", "> ", ">  ",
    "SMTP connection from (", "no MAIL in SMTP connection from ", "authenticator failed for (",
    "HELO/EHLO argument \"", "Invalid EHLO argument received: ", "in response to HELO ", "[3] => EHLO",
    "This is the mail system at host ", "Reporting-MTA: dns; ", "Generating server: ",
    # characters that must never crash or slow a reader: surrogates, controls, bidi, noncharacters
    "\ud800", "\udfff", "\x00", "\x1b", "\x85", "\u2028", "\u202e", "\u2066", "\u200b", "\ufeff", "\uffff",
])
helo_like = st.lists(pieces, max_size=40).map("".join)
any_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec=None, categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp", "Ll", "Nd"))),
    st.binary().map(lambda data: data.decode("latin-1")),
    helo_like,
)


def assert_well_formed(results: list[dict]) -> None:
    assert results
    for result in results:
        assert result["verdict"] in {"accept", "reject"}
        assert isinstance(result["summary"], str) and result["summary"]
        for item in result["findings"]:
            assert item["severity"] in SEVERITIES
            assert isinstance(item["message"], str) and item["message"]
        json.dumps(result)


@settings(max_examples=300, deadline=None)
@given(any_text, st.sampled_from(LANGUAGES))
def test_report_never_raises(text: str, lang: str) -> None:
    assert_well_formed(report(text, lang))


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_check_agrees_with_the_report_for_a_bare_value(text: str) -> None:
    findings = check(text)
    assert verdict(findings) in {"accept", "reject"}
    for result in report(text, "en"):
        if result["helo"] is not None and result["source"] == "bare" and result["helo"] == text.strip(" \t\v\f\r\n"):
            assert result["verdict"] == verdict(findings)


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["a", ".", "é", "[", "_", "-", " ", "\n", "helo=<", "EHLO ", "x.y\n"]), st.integers(1, 400_000))
def test_huge_inputs(unit: str, count: int) -> None:
    assert_well_formed(report(unit * count, "fr"))


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        extract(text, limit=10**9)
        best = min(best, time.process_time() - start)
    return best


@settings(max_examples=25, deadline=None)
@given(st.lists(pieces, min_size=1, max_size=12).map("".join))
def test_extraction_is_linear_in_the_size_of_any_paste(unit: str) -> None:
    """A paste made of any repeated fragment: four times the size, about four times the time."""
    small = _best_time(unit * (32_000 // len(unit) + 1))
    large = _best_time(unit * (128_000 // len(unit) + 1))
    assert large < 8 * small + 0.03, (unit, small, large)
