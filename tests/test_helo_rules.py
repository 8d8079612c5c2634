"""Every HELO rule: the RFC grammar (grammar.py) and the hoster's policy (policy.py)."""

from __future__ import annotations

import pytest

from mailcheck.findings import Severity, verdict
from mailcheck.helo import check
from mailcheck.helo.codes import RULES
from mailcheck.helo.grammar import MAX_LABEL, MAX_LINE, MAX_NAME


def codes(value: str) -> set[str]:
    return {f.code for f in check(value)}


def params(value: str, code: str) -> dict:
    return next(f.params for f in check(value) if f.code == code)


@pytest.mark.parametrize("value", [
    "mail.example.com", "MX1.Example.CH", "a.b", "1.example.com", "123.com", "a--b.example.com",
    "xn--bcher-kva.ch", " mail.example.com\t", "a" * MAX_LABEL + ".com", "sub.fakedomain.xyz",
    "localhostx.example.com", "mail.local.example.com",
])
def test_valid_names_have_no_findings(value: str) -> None:
    assert check(value) == []


@pytest.mark.parametrize(("value", "expected"), [
    ("", {"HELO_EMPTY"}),
    (" \t ", {"HELO_EMPTY"}),
    ("mail.example.com.", {"HELO_TRAILING_DOT"}),
    ("a..b.com", {"HELO_EMPTY_LABEL"}),
    (".example.com", {"HELO_EMPTY_LABEL"}),
    ("example.com..", {"HELO_TRAILING_DOT", "HELO_EMPTY_LABEL"}),
    (".", {"HELO_EMPTY_LABEL"}),
    ("-a.com", {"HELO_HYPHEN_EDGE"}),
    ("a.b-.com", {"HELO_HYPHEN_EDGE"}),
    ("mail_server.example.com", {"HELO_UNDERSCORE"}),
    ("ex%mple.com", {"HELO_BAD_CHAR"}),
    ("mail.example.com:25", {"HELO_BAD_CHAR"}),
    ("mail example.com", {"HELO_SPACE"}),
    ("a\x01b.com", {"HELO_CONTROL_CHAR"}),
    ("example.123", {"HELO_NUMERIC_TLD"}),
    ("256.1.1.1", {"HELO_NUMERIC_TLD"}),
    ("exämple.com", {"HELO_NON_ASCII", "HELO_ALABEL"}),
    ("ex_ämple.com", {"HELO_NON_ASCII", "HELO_UNDERSCORE"}),  # no A-label for an invalid name
    ("b" * (MAX_LABEL + 1) + ".com", {"HELO_LABEL_TOO_LONG"}),
])
def test_grammar(value: str, expected: set[str]) -> None:
    assert codes(value) == expected


def test_each_kind_is_reported_once_naming_the_first_offender() -> None:
    findings = check("a_b.c_d.example.com")
    assert [f.code for f in findings] == ["HELO_UNDERSCORE"]
    assert findings[0].params["part"] == "a_b"
    assert params("a%b!.example.com", "HELO_BAD_CHAR")["part"] == "!%"
    assert params("x\ty.com", "HELO_CONTROL_CHAR")["part"] == "U+0009"


def test_a_label_suggestion_uses_idna_2008() -> None:
    assert params("mail.exämple.ch", "HELO_ALABEL")["suggestion"] == "mail.xn--exmple-cua.ch"
    assert params("straße.de", "HELO_ALABEL")["suggestion"] == "xn--strae-oqa.de"  # IDNA 2003 gave strasse.de


@pytest.mark.parametrize(("length", "too_long"), [(252, False), (253, False), (254, True), (255, True), (256, True)])
def test_name_length_limit_is_253_characters(length: int, too_long: bool) -> None:
    name = "y" * (length - 4 - 4 * 50) + "." + ".".join(["z" * 49] * 4) + ".com"
    assert len(name) == length
    assert ("HELO_NAME_TOO_LONG" in codes(name)) is too_long
    assert ("HELO_NAME_TOO_LONG" in codes(name + ".")) is too_long  # a trailing dot does not count
    if too_long:
        assert params(name, "HELO_NAME_TOO_LONG") == {"length": length, "limit": MAX_NAME}


def test_command_line_limit_counts_octets() -> None:
    fits = "é" * ((MAX_LINE - 7) // 2)  # two octets each in UTF-8
    assert "HELO_LINE_TOO_LONG" not in codes(fits)
    assert params(fits + "é", "HELO_LINE_TOO_LONG") == {"length": MAX_LINE + 1, "limit": MAX_LINE}


@pytest.mark.parametrize(("value", "valid"), [
    ("[127.0.0.1]", True), ("[255.255.255.255]", True), ("[001.2.3.4]", True),
    ("[IPv6:::1]", True), ("[ipv6:2001:db8::1]", True), ("[IPv6:::ffff:192.0.2.1]", True),
    ("[x-tag:content]", True),
    ("[256.1.1.1]", False), ("[1.2.3]", False), ("[::1]", False), ("[IPv6:zz::1]", False),
    ("[IPv6:fe80::1%eth0]", False), ("[IPv6:1.2.3.4]", False), ("[tag-:x]", False), ("[tag:]", False),
    ("[tag:a]b]", False), ("[]", False), ("[127.0.0.1", False), ("[\u0661.\u0662.\u0663.\u0664]", False),
])
def test_address_literals(value: str, valid: bool) -> None:
    expected = {"HELO_ADDRESS_LITERAL"} | (set() if valid else {"HELO_BAD_LITERAL"})
    assert codes(value) == expected


@pytest.mark.parametrize("value", ["127.0.0.1", "10.0.0.1", "::1", "2001:db8::1", "fe80::1%eth0"])
def test_bare_ip_is_refused_without_grammar_noise(value: str) -> None:
    assert codes(value) == {"HELO_BARE_IP"}


@pytest.mark.parametrize(("value", "expected"), [
    ("localhost", {"HELO_LOOPBACK"}),
    ("LocalHost.", {"HELO_LOOPBACK", "HELO_TRAILING_DOT"}),
    ("localhost.localdomain", {"HELO_LOOPBACK"}),
    ("ip6-localhost", {"HELO_LOCALHOST"}),
    ("localhost6.localdomain6", {"HELO_LOCALHOST"}),
    ("localhost.example.com", {"HELO_LOCAL_LABEL"}),
    ("www", {"HELO_SINGLE_LABEL"}),
    ("server", {"HELO_SINGLE_LABEL"}),
    ("local", {"HELO_SINGLE_LABEL"}),
    ("fakedomain.xyz", {"HELO_BANNED"}),
    ("FakeDomain.XYZ.", {"HELO_BANNED", "HELO_TRAILING_DOT"}),
    ("host.local", {"HELO_SPECIAL_USE"}),
    ("nas.home.arpa", {"HELO_SPECIAL_USE"}),
    ("mail.test", {"HELO_SPECIAL_USE"}),
    ("192-168-1-2.dsl.example.net", {"HELO_DYNAMIC"}),
    ("host-10-0-0-1.example.com", {"HELO_DYNAMIC"}),
    ("1.2.3.4.example.com", {"HELO_DYNAMIC"}),
    ("ppp-256-1-1-1.example.com", set()),  # 256 is no octet
    ("mail-2024-01-01-1.example.com", set()),  # 2024 is no octet
])
def test_policy(value: str, expected: set[str]) -> None:
    assert codes(value) == expected


@pytest.mark.parametrize("value", [
    "localhost", "LOCALHOST", "localhost.", "localhost.localdomain", "LocalHost.LocalDomain.",
    "server.localhost", "a.b.localhost", "mail.LOCALHOST", "mail.localhost.", "localhost.localhost",
])
def test_rfc_6761_loopback_names_are_refused_with_their_own_code(value: str) -> None:
    found = check(value)
    assert "HELO_LOOPBACK" in codes(value) and verdict(found) == "reject"
    assert "HELO_SPECIAL_USE" not in codes(value)  # the error says it all


@pytest.mark.parametrize("value", [
    "localhost.example.com", "LocalHost.Example.COM", "localhost.mail.example.org.", "ip6-localhost.example.net",
    "localhostx.example.com", "mail.localhost.example.com", "localhost-1.example.com",
])
def test_legal_names_that_say_localhost_are_accepted(value: str) -> None:
    assert verdict(check(value)) == "accept"
    assert codes(value) <= {"HELO_LOCAL_LABEL", "HELO_TRAILING_DOT"}


@pytest.mark.parametrize("value", ["localhost..", "x.localhost..", ".localhost"])
def test_only_one_trailing_dot_is_ignored(value: str) -> None:
    assert "HELO_EMPTY_LABEL" in codes(value)


def test_special_use_part_names_the_suffix() -> None:
    assert params("nas.home.arpa", "HELO_SPECIAL_USE")["part"] == ".home.arpa"


@pytest.mark.parametrize(("value", "result"), [
    ("mail.example.com", "accept"), ("host.local", "accept"), ("mail.example.com.", "accept"),
    ("localhost", "reject"), ("[127.0.0.1]", "reject"), ("127.0.0.1", "reject"), ("www", "reject"),
    ("fakedomain.xyz", "reject"),
])
def test_verdicts_of_the_guide_examples(value: str, result: str) -> None:
    assert verdict(check(value)) == result


def test_every_finding_code_is_registered_with_its_severity() -> None:
    values = ["", "x" * 600, "a..b", "-a_.c%d é\x01.123", "[1.2]", "127.0.0.1", "[::1]", "localhost",
              "www", "fakedomain.xyz", "a.local", "1-2-3-4.example.com", "exämple.com", "x.com."]
    for value in values:
        for item in check(value):
            assert item.severity is RULES[item.code].severity


def test_severities_match_the_rule_table() -> None:
    warnings = {code for code, rule in RULES.items() if rule.severity is Severity.WARNING}
    assert warnings == {"HELO_TRAILING_DOT", "HELO_SPECIAL_USE", "HELO_DYNAMIC", "HELO_LOCAL_LABEL", "HELO_INPUT_CUT"}
