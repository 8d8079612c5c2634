"""Pulling HELO values out of what admins paste."""

from __future__ import annotations

import time

import pytest

from mailcheck.helo.extract import Extracted, extract

GUIDE_TRANSCRIPT = """\
220 mta-gw1.example.ch ESMTP Example Mail Servers;HELO 127.0.0.1
250 mta-gw1.example.ch Hello, pleased to meet you
MAIL FROM: user123@example.ch
250 2.1.0 user123@example.ch... Sender ok
RCPT TO: user123@example.ch
550 5.7.1 user123@example.ch... Access denied - bogus HELO [1]
"""
POSTFIX_REJECT = (
    "Nov 27 06:11:19 mx postfix/smtpd[9228]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: "
    "504 5.5.2 <srv01>: Helo command rejected: need fully-qualified hostname; "
    "from=<a@example.org> to=<b@example.net> proto=ESMTP helo=<srv01>"
)


def values(text: str) -> list[str]:
    return [item.value for item in extract(text)[0]]


@pytest.mark.parametrize(("text", "expected"), [
    ("mail.example.com", Extracted("mail.example.com", None, "bare")),
    ("  mail.example.com \n", Extracted("mail.example.com", None, "bare")),
    ("EHLO mail.example.com", Extracted("mail.example.com", "EHLO", "command")),
    ("helo  mail.example.com  ", Extracted("mail.example.com", "HELO", "command")),
    ("C: EHLO x.example.com", Extracted("x.example.com", "EHLO", "command")),
    (">>> HELO x.example.com", Extracted("x.example.com", "HELO", "command")),
    (" -> EHLO x.example.com", Extracted("x.example.com", "EHLO", "command")),
    ("HELO", Extracted("", "HELO", "command")),
    ("EHLO [127.0.0.1]", Extracted("[127.0.0.1]", "EHLO", "command")),
    (POSTFIX_REJECT, Extracted("srv01", None, "log")),
    ("client=x, helo=<>", Extracted("", None, "log")),
    ("Received: from mx.example.org ([192.0.2.1] helo=srv.lan)", Extracted("srv.lan", None, "log")),
    ("H=(win-3k2.local) [192.0.2.9] rejected", Extracted("win-3k2.local", None, "log")),
    ("H=mx.example.org (srv_1.example.org) [192.0.2.9]", Extracted("srv_1.example.org", None, "log")),
])
def test_formats(text: str, expected: Extracted) -> None:
    assert extract(text) == ([expected], False)


def test_guide_transcript_gives_the_helo_and_not_the_bounce_words() -> None:
    assert values(GUIDE_TRANSCRIPT) == ["127.0.0.1"]
    assert values(GUIDE_TRANSCRIPT.replace("\n", "\r\n")) == ["127.0.0.1"]


def test_several_values_in_order_without_duplicates() -> None:
    log = "\n".join([POSTFIX_REJECT, "EHLO a.example.com", POSTFIX_REJECT, "helo=<b.example.com>"])
    assert values(log) == ["srv01", "a.example.com", "b.example.com"]


def test_a_list_of_names_one_per_line() -> None:
    assert values("a.example.com\n\nlocalhost\r\nwww\n") == ["a.example.com", "localhost", "www"]


@pytest.mark.parametrize("text", [
    "", "   \n\t\n",
    "Delivery has failed.\nThe server said: Access denied - bogus HELO\n",
    "504 5.5.2 <x>: Helo command rejected: need fully-qualified hostname\nsecond line here\n",
])
def test_nothing_to_extract(text: str) -> None:
    assert extract(text) == ([], False)


def test_a_single_line_with_spaces_is_one_value() -> None:
    assert values("mail example.com") == ["mail example.com"]


def test_the_number_of_values_is_capped() -> None:
    text = "\n".join(f"h{i}.example.com" for i in range(5))
    found, more = extract(text, limit=3)
    assert [item.value for item in found] == ["h0.example.com", "h1.example.com", "h2.example.com"]
    assert more
    assert extract(text, limit=5)[1] is False


@pytest.mark.parametrize("text", ["helo=<" * 200_000, "H=(" * 300_000, "H=" * 500_000, ";HELO " * 200_000])
def test_pathological_lines_take_linear_time(text: str) -> None:
    start = time.perf_counter()
    extract(text)
    assert time.perf_counter() - start < 1.0
