"""Property tests: any text gives a well-formed, bounded report, in time linear in its size."""

from __future__ import annotations

import json
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from mailcheck.bounce import report
from mailcheck.bounce.codes import REASONS, Actor
from mailcheck.bounce.parse import MAX_FAILURES
from mailcheck.bounce.report import WORDS_SHOWN
from mailcheck.i18n import LANGUAGES
from mailcheck.policy import policy

# The keywords and delimiters of every form the reader knows (bounce/parse.py), and reason words.
pieces = st.sampled_from([
    *"abc019.-_[]:;<>()=@#' \t\r\n\"é\x00", "550 ", "5.1.1 ", "4.7.1 ", "550-5.1.1 ", "smtp; ", "to=<", ">, ",
    "dsn=5.2.2, status=bounced (", "host mx[192.0.2.1] said: ", " (in reply to RCPT TO command)", "** ",
    "SMTP error from remote mail server after RCPT TO:<", "Final-Recipient: rfc822; ", "Action: failed\n",
    "Status: ", "Diagnostic-Code: smtp; ", "Remote-MTA: dns; ", "Reporting-MTA: dns; ", "Remote Server returned '",
    "Content-Type: multipart/report; boundary=B\n\n--B\n", "Content-Type: message/delivery-status\n\n", "--B--",
    "a@example.org", "user unknown", "Postfach voll", "bogus HELO", "is rbl blacklisted - http://chk.me/rbl",
    "\n    ", "(#5.1.1)", "Recipient address: ", "THIS IS A WARNING ONLY",
])
bounce_like = st.lists(pieces, max_size=60).map("".join)
any_text = st.one_of(st.text(), st.binary().map(lambda data: data.decode("latin-1")), bounce_like)
ACTORS = {actor.value for actor in Actor}


def assert_well_formed(result: dict) -> None:
    assert result["reason"] is None or result["reason"] in REASONS
    assert (result["actor"] is None) == (result["reason"] is None)
    assert result["actor"] is None or result["actor"] in ACTORS
    assert isinstance(result["headline"], str) and result["headline"]
    assert len(result["failures"]) <= MAX_FAILURES
    assert all(len(failure["words"]) <= WORDS_SHOWN for failure in result["failures"])
    assert len(result["summary"]) < 3000
    assert all(item["message"] for item in result["findings"])
    json.dumps(result)


@settings(max_examples=300, deadline=None)
@given(any_text, st.sampled_from(LANGUAGES))
def test_report_never_raises_and_stays_bounded(text: str, lang: str) -> None:
    assert_well_formed(report(text, lang))


def _seconds(text: str) -> float:
    start = time.perf_counter()
    report(text, "en")
    return time.perf_counter() - start


def test_time_is_linear_in_the_size_of_the_text() -> None:
    """Hostile repetitions of every keyword: 8 times the text may cost at most about 8 times the time."""
    unit = ("to=<a@b " "Final-Recipient: rfc822; a@b\n" "SMTP error from remote mail server after RCPT TO:<"
            "host x[1] said: 550 5.1.1 <a@b" "Remote Server returned '" "<a@b>: " "** a@b " "(#5.1" "550-5.1.1 ")
    cap = policy()["bounce"]["max_input_bytes"]
    small = unit * (cap // len(unit) // 16)
    large = small * 8
    assert len(large.encode()) <= cap
    for text in (small.replace("\n", " "), small):
        _seconds(text)  # warm caches
        ratio = _seconds(text * 8) / max(_seconds(text), 1e-3)
        assert ratio < 20, ratio
    assert _seconds(large) < 5


def test_a_huge_paste_is_cut_not_slow() -> None:
    text = "550 5.1.1 <a@example.org>: user unknown\n" * 200_000  # about 8 MB
    start = time.perf_counter()
    result = report(text, "en")
    assert time.perf_counter() - start < 10
    assert result["findings"][-1]["code"] == "BOUNCE_INPUT_CUT"
    assert len(result["failures"]) == 1  # the same failure, said once
