"""The address and display name a reader types for a personal profile.

The rules here are the one source of what the profile maker accepts: the CLI runs
them in Python, and :mod:`.page` exports them (character sets, limits) for the page,
whose script applies the same steps without the Python runtime. They are kept small
enough to be mirrored exactly, and a differential test (tests/test_profile_page.py)
proves that the page and the CLI make the same bytes.

What the maker accepts is its own caution, not the hoster's rule: a dot-atom local
part (RFC 5322) of ASCII letters, digits and signs or of Latin, Greek and Cyrillic
letters; a domain of letters, digits and hyphens. A domain in Unicode is converted to
its A-label (IDNA 2008, the ``idna`` package); the letters allowed in a domain are
exactly those IDNA 2008 permits and UTS 46 leaves unchanged once lower-cased, so the
browser's own conversion (``new URL``) gives the same A-label.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

import idna

from mailcheck.findings import Finding, verdict
from mailcheck.profile.codes import finding
from mailcheck.profile.mobileconfig import Account

MAX_ADDRESS = 254  # RFC 5321 §4.5.3.1.3: a path of 256 octets, minus the angle brackets (UTF-8 octets)
MAX_LOCAL = 64  # RFC 5321 §4.5.3.1.1, octets
MAX_LABEL = 63  # RFC 1035, octets of an A-label
MAX_DOMAIN = 253  # RFC 1035 in text form, without the final dot
MAX_NAME = 128  # characters (code points)
MAX_SHOWN = 80  # an address quoted in a message is cut after this many characters

# Stripped from both ends of what the reader typed or pasted (never inside).
TRIM = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
       "\u2028\u2029\u202f\u205f\u3000\ufeff"
# RFC 5322 atext and the dot
LOCAL_ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-."
DOMAIN_ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-."
# Latin-1 Supplement, Latin Extended-A and -B, Greek, Cyrillic, Latin Extended Additional.
LETTER_BLOCKS = ((0x00C0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x1E00, 0x1EFF))
# Capital sigma lower-cases to medial or final sigma by context (str.lower, toLowerCase);
# UTS 46 maps it to medial sigma always.
SIGMA = 0x03A3
# Characters a name may not hold, by kind (each kind is one finding).
CONTROL = [(0x00, 0x1F), (0x7F, 0x9F), (0x2028, 0x2029)]
# Code points XML 1.0 (so a property list) cannot hold: surrogates and noncharacters.
NOT_XML = [(0xD800, 0xDFFF), (0xFDD0, 0xFDEF),
           *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))]
# Blank-looking letters and symbols that are not format characters (Cf, added below).
INVISIBLE_EXTRA = [(0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x2800, 0x2800),
                   (0x3164, 0x3164), (0xFFA0, 0xFFA0)]


def _ranges(points: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive (first, last) ranges."""
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return [(first, last) for first, last in ranges]


def _in(point: int, ranges: list[tuple[int, int]]) -> bool:
    return any(first <= point <= last for first, last in ranges)


@cache
def local_letters() -> list[tuple[int, int]]:
    """Non-ASCII letters (any case) a local part may hold."""
    return _ranges(p for first, last in LETTER_BLOCKS for p in range(first, last + 1)
                   if unicodedata.category(chr(p)).startswith("L"))


def _domain_letter(char: str) -> bool:
    """A lower-case letter IDNA 2008 permits that UTS 46 maps to itself (so browsers agree)."""
    try:
        return idna.uts46_remap(char, std3_rules=True, transitional=False) == char and bool(idna.alabel(char))
    except idna.IDNAError:
        return False


@cache
def domain_letters() -> list[tuple[int, int]]:
    """Non-ASCII letters a domain may hold as typed: those whose lower case is all domain letters."""
    return _ranges(p for first, last in local_letters() for p in range(first, last + 1)
                   if p != SIGMA and all(ord(c) > 0x7F and _domain_letter(c) for c in chr(p).lower()))


@cache
def invisible() -> list[tuple[int, int]]:
    """Format characters (Cf: direction controls, zero-width characters, ...) and blank-looking ones."""
    points = {p for p in range(0x110000) if unicodedata.category(chr(p)) == "Cf"}
    points |= {p for first, last in INVISIBLE_EXTRA for p in range(first, last + 1)}
    return _ranges(points)


def code_point(char: str) -> str:
    """How a message names a character: ``“é” (U+00E9)``, or ``U+200B`` for one nobody sees."""
    label = f"U+{ord(char):04X}"
    return label if unicodedata.category(char)[0] in "CZM" else f"“{char}” ({label})"


def _shown(value: str) -> str:
    return value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "\u2026"


def _first_outside(text: str, ascii_chars: str, letters: list[tuple[int, int]]) -> str | None:
    return next((c for c in text if c not in ascii_chars and (c < "\x80" or not _in(ord(c), letters))), None)


def _octets(text: str) -> int:
    return len(text.encode("utf-8"))


def _bad_labels(labels: list[str]) -> bool:
    """Fewer than two labels; one that is empty, too long, starts or ends with a hyphen; a top
    label that starts with a digit (RFC 1123: it is alphabetic; browsers read ``x.0x1f`` as IPv4)."""
    return (len(labels) < 2
            or any(not label or label[0] == "-" or label[-1] == "-" or _octets(label) > MAX_LABEL for label in labels)
            or labels[-1][0] in "0123456789")


def check_address(value: str) -> tuple[Account | None, list[Finding]]:
    """(the account without a name, or None; findings) for the address as typed."""
    value = value.strip(TRIM)
    if not value:
        return None, [finding("PROFILE_ADDRESS_EMPTY")]
    if len(value) > MAX_ADDRESS:  # before any other work: hostile input stays cheap
        return None, [finding("PROFILE_ADDRESS_TOO_LONG")]
    value = unicodedata.normalize("NFC", value)
    if "@" not in value:
        return None, [finding("PROFILE_ADDRESS_NO_AT", address=_shown(value))]
    local, _, domain = value.rpartition("@")
    bad = _first_outside(local, LOCAL_ASCII, local_letters()) or _first_outside(domain, DOMAIN_ASCII, domain_letters())
    if bad is not None:
        return None, [finding("PROFILE_ADDRESS_CHARACTER", address=_shown(value), char=code_point(bad))]
    domain = domain.lower()
    labels = domain.split(".")
    if any(label[2:4] == "--" for label in labels):  # xn-- typed by hand, or a reserved form
        return None, [finding("PROFILE_ADDRESS_ACE", address=_shown(value))]
    if (not local or local[0] == "." or local[-1] == "." or ".." in local or _octets(local) > MAX_LOCAL
            or _bad_labels(labels)):
        return None, [finding("PROFILE_ADDRESS_INVALID", address=_shown(value))]
    try:
        ascii_domain = ".".join(idna.alabel(label).decode("ascii") if not label.isascii() else label
                                for label in labels)
    except idna.IDNAError:
        return None, [finding("PROFILE_ADDRESS_INVALID", address=_shown(value))]
    address = f"{local}@{ascii_domain}"
    if _bad_labels(ascii_domain.split(".")) or len(ascii_domain) > MAX_DOMAIN or _octets(address) > MAX_ADDRESS:
        return None, [finding("PROFILE_ADDRESS_INVALID", address=_shown(value))]
    shown = f"{local}@{domain}"
    findings = []
    if shown != value:
        findings.append(finding("PROFILE_ADDRESS_NORMALIZED", normalized=shown))
    if address != shown:
        findings.append(finding("PROFILE_ADDRESS_ASCII_DOMAIN", idn=domain, ascii=ascii_domain))
    return Account(address=address, shown=shown), findings


def check_name(value: str) -> tuple[str, list[Finding]]:
    """(the name as it goes into the profile, findings); empty is fine: the key is left out."""
    value = value.strip(TRIM)
    if len(value) > MAX_NAME:
        return value, [finding("PROFILE_NAME_TOO_LONG")]
    findings = []
    for code, ranges in (("PROFILE_NAME_CONTROL", CONTROL), ("PROFILE_NAME_NOT_XML", NOT_XML),
                         ("PROFILE_NAME_INVISIBLE", invisible())):
        bad = next((c for c in value if _in(ord(c), ranges)), None)
        if bad is not None:
            findings.append(finding(code, char=code_point(bad)))
    return value, findings


def check_account(address: str, name: str = "") -> tuple[Account | None, list[Finding]]:
    """The account to put in a profile, or None when an error finding forbids it."""
    account, findings = check_address(address)
    name, name_findings = check_name(name)
    findings += name_findings
    if account is None or verdict(findings) == "reject":
        return None, findings
    return Account(address=account.address, name=name, shown=account.shown), findings
