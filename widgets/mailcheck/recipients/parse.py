"""Pasted text to address entries: what a mail client or a spreadsheet gives, line by line.

Each entry is parsed by the standard library's RFC 5322 parser
(:mod:`email.headerregistry`), which knows quoted display names, comments, encoded
words and angle brackets; only the two everyday shapes take a shortcut that reads
them the same way (:func:`simple`). Before that, :func:`entries_of_line` only finds where one
entry ends and the next begins, for two reasons the parser alone cannot serve:

* Outlook separates addresses with ``;``, which RFC 5322 reserves for the end of a
  group (``team: a@b, c@d;``); outside quotes both ``,`` and ``;`` end an entry here.
* The parser's time grows with the square of the list's length (measured: 6.4 s for
  10,000 addresses on one line, CPython 3.11); entry by entry it stays linear.

The parser's time also grows faster than the length of one entry (40 kB of backslashes
took 14 s), so an entry longer than :data:`MAX_ENTRY`, or with more than :data:`MAX_PUNCTUATION`
characters other than letters and digits, is refused unread: the work per entry is bounded and a
whole count is linear in the text.

A top-level ``:`` ends a group name or a field name (``To:``, ``Cc:``, ``Bcc:``, ``An:``,
``mailto:`` ...): what comes before it is dropped, so a group counts as its members.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from email import errors
from email.headerregistry import Address, HeaderRegistry

from email_validator import EmailNotValidError, validate_email

# Runs of ordinary characters go in one step; every special character is one token.
_TOKEN = re.compile(r'[^"()<>\[\],;:\\]+|\\.?|.', re.DOTALL)
_CLOSING = {"<": ">", "[": "]"}
_HEADERS = HeaderRegistry()
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"  # RFC 5322 §3.2.3
_ADDR_SPEC = rf"(?P<local>{_ATEXT}(?:\.{_ATEXT})*)@(?P<domain>{_ATEXT}(?:\.{_ATEXT})*)"
_BARE = re.compile(_ADDR_SPEC)
# A display name of plain words, or quoted without escapes, controls or blanks at its edges.
_NAMED = re.compile(rf'(?:"(?P<quoted>(?:[^"\\\s\x00-\x1f\x7f](?:[^"\\\x00-\x1f\x7f]*[^"\\\s\x00-\x1f\x7f])?)?)"'
                    rf"|(?P<words>{_ATEXT}(?: {_ATEXT})*)) ?<{_ADDR_SPEC}>")


# RFC 5321 §4.5.3.1.3 bounds a path (<address>) at 256 octets; a display name rarely passes 60 characters.
MAX_ENTRY = 320
# Every character that is not a letter or a digit may start a token of the parser, whose
# cost grows with their number; a real entry has a few ("Doe, Jane (HR)" <jane.doe@example.org>: 14).
MAX_PUNCTUATION = 64
# Characters that no one means in a name and that mislead on screen or in a pasted field:
# controls (NUL, C1), format characters (direction overrides, zero-width, BOM),
# surrogates, private use, unassigned and noncharacters, line and paragraph separators.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


@dataclass(frozen=True)
class Entry:
    """One entry of the list as written (``text``) and, when it is an address, its parts.

    ``key`` is the address as delivery treats it: domain in lower-case ASCII (IDNA), local
    part lower-cased, because nearly every mailbox system ignores case there although
    RFC 5321 allows a server not to. Lower-casing, not case folding: ``straße@`` and
    ``strasse@`` are two mailboxes. ``address`` is the address as written, ``formatted``
    the whole entry (display name included) as a mail client writes it.
    """

    line: int
    text: str
    key: str | None = None
    address: str | None = None
    formatted: str | None = None


def entries_of_line(line: str) -> Iterator[str]:
    """The entries of one line, split at top-level ``,`` and ``;``, group and field names dropped."""
    start = 0
    quoted = False
    comment = 0  # nesting depth of ( ) comments
    closing = ""  # the ">" or "]" that ends an angle address or a domain literal
    for match in _TOKEN.finditer(line):
        token = match.group()
        if quoted:
            quoted = token != '"'
        elif comment:
            comment += {"(": 1, ")": -1}.get(token, 0)
        elif closing:
            closing = "" if token == closing else closing
        elif token == '"':
            quoted = True
        elif token == "(":
            comment = 1
        elif token in _CLOSING:
            closing = _CLOSING[token]
        elif token == ":":
            start = match.end()
        elif token in ",;":
            yield line[start:match.start()].strip()
            start = match.end()
    yield line[start:].strip()


def simple(text: str) -> Address | None:
    """The address of an entry in one of the two everyday shapes, read without the full parser.

    ``jane@example.org`` and ``Jane Doe <jane@example.org>`` / ``"Doe, Jane" <jane@example.org>``
    are nearly every entry of a real list, and the full parser costs about 0.3 ms each;
    for these shapes it reads exactly what this function reads (tests/test_recipients.py
    checks that on generated entries). Anything else, encoded words included, goes to it.
    """
    if "=?" in text:
        return None
    match = _BARE.fullmatch(text) or _NAMED.fullmatch(text)
    if match is None:
        return None
    groups = match.groupdict()
    name = groups.get("quoted") or groups.get("words") or ""
    return Address(display_name=name, username=match["local"], domain=match["domain"])


def parsed(text: str) -> Address | None:
    """The one address of an entry as the standard library's RFC 5322 parser reads it, or None."""
    try:
        header = _HEADERS("To", text)
        addresses = header.addresses
    except Exception:  # the parser's own bugs must not reach the reader
        return None
    if len(addresses) != 1 or any(isinstance(d, errors.InvalidHeaderDefect) for d in header.defects):
        return None
    return addresses[0]


def visible(name: str) -> str:
    """``name`` without the characters no one types in a name (an encoded word can carry any)."""
    if name.isprintable():
        return name
    return "".join(ch for ch in name if ch == " " or unicodedata.category(ch) not in _INVISIBLE)


def parse_entry(text: str, line: int) -> Entry:
    """One entry checked by the RFC 5322 parser, then by email-validator (syntax only, no DNS)."""
    readable = len(text) <= MAX_ENTRY and sum(not ch.isalnum() for ch in text) <= MAX_PUNCTUATION
    address = (simple(text) or parsed(text)) if readable else None
    if address is None:
        return Entry(line, text)
    try:
        valid = validate_email(address.addr_spec, check_deliverability=False)
    except (EmailNotValidError, ValueError):
        return Entry(line, text)
    key = f"{valid.local_part.lower()}@{valid.ascii_domain.lower()}"
    name = visible(address.display_name)
    if name != address.display_name:
        address = Address(display_name=name, addr_spec=address.addr_spec)
    return Entry(line, text, key, address.addr_spec, str(address))


def parse(text: str) -> Iterator[Entry]:
    """Every non-empty entry of ``text``, with its 1-based line number.

    Identical entries are parsed once (pasted lists repeat a lot), which keeps a long
    list cheap without changing any result.
    """
    seen: dict[str, Entry] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for item in entries_of_line(line):
            if not item:
                continue
            parsed = seen.get(item)
            if parsed is None:
                parsed = seen[item] = parse_entry(item, number)
            yield parsed if parsed.line == number else replace(parsed, line=number)
