"""RFC syntax of a HELO/EHLO argument: a Domain or an address literal.

RFC 5321 §4.1.2/§4.1.3 give the ABNF, RFC 1123 §2.1 allows labels that start with a
digit (but not an all-digit top label), RFC 1035 §2.3.4 sets the lengths. Each
function returns findings (codes in :mod:`.codes`) and never raises. Whether the
hoster *wants* a syntactically fine value (an IP address, ``localhost``) is
:mod:`.policy`'s business.
"""

from __future__ import annotations

import ipaddress
import re
import string
from collections.abc import Callable

import idna

from mailcheck.findings import Finding
from mailcheck.helo.codes import finding

MAX_LABEL = 63  # octets per label (RFC 1035)
MAX_NAME = 253  # characters of a name in text form: 255 octets on the wire (RFC 1035)
MAX_LINE = 512  # octets of a command line, CRLF included (RFC 5321 §4.5.3.1.4)
COMMAND = "EHLO "  # HELO and EHLO are the same length
CRLF = "\r\n"

LDH = frozenset(string.ascii_letters + string.digits + "-")
_IPV4_LITERAL = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}", re.ASCII)
_LDH_STR = re.compile(r"[A-Za-z0-9-]*[A-Za-z0-9]", re.ASCII)
_DCONTENT = re.compile(r"[\x21-\x5a\x5e-\x7e]+")  # printable ASCII but [ \ ]
_ALL_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Printable ASCII that is neither LDH, a dot, nor an underscore (which has its own code).
_OTHER = re.compile("[" + re.escape("".join(
    ch for ch in map(chr, range(0x21, 0x7F)) if ch not in LDH and ch not in "._"
)) + "]")


def octets(text: str) -> int:
    """Length on the wire; ``surrogatepass`` so that lone surrogates cannot raise."""
    return len(text.encode("utf-8", "surrogatepass"))


def ip_version(value: str) -> int | None:
    """4 or 6 for a bare IP address (``127.0.0.1``, ``::1``, no brackets), else None."""
    try:
        return ipaddress.ip_address(value).version
    except ValueError:
        return None


def is_ip_address(value: str) -> bool:
    """A bare IPv4 or IPv6 address, without brackets."""
    return ip_version(value) is not None


def a_label(name: str) -> str | None:
    """The ASCII (``xn--``) form of an internationalised name, or None if it has none."""
    if len(name) > 4 * MAX_NAME:  # far beyond any name: skip the conversion
        return None
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        return None


def check(value: str) -> list[Finding]:
    """Syntax findings for one HELO/EHLO argument (already trimmed of outer blanks)."""
    if not value:
        return [finding("HELO_EMPTY")]
    findings = []
    line = octets(COMMAND + value + CRLF)
    if line > MAX_LINE:
        findings.append(finding("HELO_LINE_TOO_LONG", length=line, limit=MAX_LINE))
    if value.startswith("["):
        findings += check_literal(value)
    else:
        findings += check_domain(value)
    return findings


def check_literal(value: str) -> list[Finding]:
    """``[IPv4]``, ``[IPv6:addr]`` or ``[tag:content]`` (RFC 5321 §4.1.3)."""
    if _valid_literal(value):
        return []
    return [finding("HELO_BAD_LITERAL", part=value)]


def _valid_literal(value: str) -> bool:
    if len(value) < 3 or not value.endswith("]"):
        return False
    inner = value[1:-1]
    tag, colon, content = inner.partition(":")
    if not colon:
        return bool(_IPV4_LITERAL.fullmatch(inner)) and all(
            int(part) <= 255 for part in inner.split(".")
        )
    if tag.lower() == "ipv6":
        # ipaddress accepts a "%zone" suffix; RFC 5321's IPv6-addr does not.
        return "%" not in content and ip_version(content) == 6
    return bool(_LDH_STR.fullmatch(tag)) and bool(_DCONTENT.fullmatch(content))


def check_domain(value: str) -> list[Finding]:
    """Domain syntax: characters first (one finding per kind), then labels, then length."""
    findings = []
    name = value
    if len(name) > 1 and name.endswith("."):
        findings.append(finding("HELO_TRAILING_DOT"))
        name = name[:-1]
    findings += _character_findings(name)
    labels = name.split(".")
    if "" in labels:
        findings.append(finding("HELO_EMPTY_LABEL"))
    long_label = _first(labels, lambda label: len(label) > MAX_LABEL)
    if long_label is not None:
        findings.append(
            finding("HELO_LABEL_TOO_LONG", part=long_label, length=len(long_label), limit=MAX_LABEL)
        )
    for code, bad in _LABEL_RULES:
        label = _first(labels, bad)
        if label is not None:
            findings.append(finding(code, part=label))
    if len(name) > MAX_NAME:
        findings.append(finding("HELO_NAME_TOO_LONG", length=len(name), limit=MAX_NAME))
    if _ALL_DIGITS.fullmatch(labels[-1]):
        findings.append(finding("HELO_NUMERIC_TLD", part=labels[-1]))
    return findings


def _first(labels: list[str], bad: Callable[[str], bool]) -> str | None:
    """The first label that breaks a rule: one finding per rule keeps the report short."""
    return next((label for label in labels if bad(label)), None)


_LABEL_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("HELO_HYPHEN_EDGE", lambda label: label[:1] == "-" or label[-1:] == "-"),
    ("HELO_UNDERSCORE", lambda label: "_" in label),
)


def _character_findings(name: str) -> list[Finding]:
    """Characters that no label may hold, grouped so a reader sees each kind once."""
    findings = []
    control = _CONTROL.search(name)
    if control is not None:
        findings.append(finding("HELO_CONTROL_CHAR", part=f"U+{ord(control.group()):04X}"))
    if " " in name:
        findings.append(finding("HELO_SPACE", part=name))
    if not name.isascii():
        findings.append(finding("HELO_NON_ASCII", part=name))
        suggestion = a_label(name)
        if suggestion is not None:
            findings.append(finding("HELO_ALABEL", suggestion=suggestion))
    other = sorted(set(_OTHER.findall(name)))
    if other:
        findings.append(finding("HELO_BAD_CHAR", part="".join(other)))
    return findings
