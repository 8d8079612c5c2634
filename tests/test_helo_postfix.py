"""Differential test: the HELO checker against a real Postfix (Debian's package).

Postfix runs privately on 127.0.0.1 with ``smtpd_helo_required = yes`` and
``reject_invalid_helo_hostname, reject_non_fqdn_helo_hostname`` (see
tests/postfix_server.py). Every corpus value goes out as ``HELO value`` and as
``EHLO value`` on fresh connections. The contract:

* whatever Postfix rejects, the checker rejects (the checker is never more lenient);
* whatever Postfix accepts, the checker accepts, unless the reject comes only from the
  stricter rules in ``STRICTER_THAN_POSTFIX`` below, each with its reason.

The test fails (it does not skip) when Postfix is missing or cannot start.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helo_corpus import corpus_values
from mailcheck.findings import Severity, verdict
from mailcheck.helo import check
from postfix_server import PostfixServer, running_postfix

# Error codes by which the checker refuses values Postfix lets through, and why.
STRICTER_THAN_POSTFIX = {
    "HELO_ADDRESS_LITERAL": "the hoster refuses HELO [127.0.0.1] (seed guide)",
    "HELO_BANNED": "the hoster's ban list (data/mail.yml helo.banned)",
    "HELO_LOOPBACK": "RFC 6761: localhost.localdomain and *.localhost have a dot, so Postfix calls them an FQDN",
    "HELO_LOCALHOST": "localhost6.localdomain6 has a dot, so Postfix calls it fully qualified",
    "HELO_UNDERSCORE": "RFC 5321 §4.1.2 forbids underscores; Postfix accepts them",
    "HELO_NAME_TOO_LONG": "254 and 255 characters: Postfix's limit is 255, the DNS text form's 253",
    "HELO_NUMERIC_TLD": "RFC 1123 §2.1: the top label is alphabetic; Postfix only refuses all-digit names",
    "HELO_CONTROL_CHAR": "Postfix reads a C string, so a NUL silently cuts the name short; no name holds one",
}
ACCEPT_CODE = 250


@pytest.fixture(scope="module")
def postfix() -> Iterator[PostfixServer]:
    with running_postfix() as server:
        yield server


@pytest.fixture(scope="module")
def verdicts(postfix: PostfixServer) -> list[tuple[str, int, int]]:
    """(value, HELO reply code, EHLO reply code) for every corpus value."""
    return [
        (value, postfix.reply_code("HELO", value.encode()), postfix.reply_code("EHLO", value.encode()))
        for value in corpus_values()
    ]


def test_corpus_is_large_and_distinct() -> None:
    values = corpus_values()
    assert len(values) >= 200
    assert len(set(values)) == len(values), "duplicate corpus lines"


def test_postfix_answers_helo_and_ehlo_alike(verdicts: list[tuple[str, int, int]]) -> None:
    different = [(value, helo, ehlo) for value, helo, ehlo in verdicts if helo != ehlo]
    assert not different


def test_postfix_both_accepts_and_rejects(verdicts: list[tuple[str, int, int]]) -> None:
    codes = {helo for _, helo, _ in verdicts}
    assert ACCEPT_CODE in codes
    assert {501, 504} <= codes  # invalid name, not fully qualified


def test_checker_rejects_whatever_postfix_rejects(verdicts: list[tuple[str, int, int]]) -> None:
    lenient = [
        (value, helo) for value, helo, _ in verdicts if helo != ACCEPT_CODE and verdict(check(value)) != "reject"
    ]
    assert not lenient, f"Postfix rejects, the checker accepts: {lenient}"


def test_checker_accepts_what_postfix_accepts_unless_a_stricter_rule_applies(
    verdicts: list[tuple[str, int, int]],
) -> None:
    unexplained, used = [], set()
    for value, helo, _ in verdicts:
        if helo != ACCEPT_CODE:
            continue
        errors = {f.code for f in check(value) if f.severity is Severity.ERROR}
        used |= errors
        if errors - STRICTER_THAN_POSTFIX.keys():
            unexplained.append((value, sorted(errors)))
    assert not unexplained, f"Postfix accepts, the checker rejects for an unlisted reason: {unexplained}"
    # Every listed divergence is exercised by the corpus, so the list cannot go stale.
    assert used == STRICTER_THAN_POSTFIX.keys()
