"""Column A: the part of the new address before the @.

The safe set (letters, digits, ``.``, ``-``, ``_``) is what every mail system accepts
in a mailbox name; RFC 5321 allows more, but an import is no place to find out which
extras the hoster takes. Addresses are created in lower case, so case differences are
only a warning, and duplicates are compared case-insensitively.
"""

from __future__ import annotations

import re
from collections import defaultdict

from mailcheck.csvcheck.codes import finding
from mailcheck.findings import Finding

MAX_LENGTH = 64  # RFC 5321 section 4.5.3.1.1: local part
UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
SPACE_SHOWN_AS = "\u2423"  # OPEN BOX, a visible space


def _a(code: str, **params: object) -> Finding:
    return finding(code, column="A", **params)


def local_part(value: str) -> str:
    """The part to keep when a full address was typed (everything before the last @)."""
    return value.rpartition("@")[0] if "@" in value else value


def unsafe_characters(value: str) -> str:
    """The characters outside the safe set, each once, in order, spaces made visible."""
    found = dict.fromkeys(UNSAFE.findall(value))
    return " ".join(SPACE_SHOWN_AS if char.isspace() else char for char in found)


def check_address(value: str) -> list[Finding]:
    """Findings for one trimmed column-A cell."""
    if not value:
        return [_a("CSV_A_EMPTY")]
    keep = local_part(value)
    if keep and keep != value:
        return [_a("CSV_A_FULL_ADDRESS", keep=keep)]
    findings = []
    chars = unsafe_characters(value)
    if chars:
        findings.append(_a("CSV_A_CHARS", chars=chars))
    if value.startswith(".") or value.endswith("."):
        findings.append(_a("CSV_A_DOT_EDGE"))
    if ".." in value:
        findings.append(_a("CSV_A_DOUBLE_DOT"))
    if len(value) > MAX_LENGTH:
        findings.append(_a("CSV_A_TOO_LONG", length=len(value), max=MAX_LENGTH))
    if value != value.lower():
        findings.append(_a("CSV_A_UPPERCASE", lower=value.lower()))
    return findings


def duplicates(addresses: dict[int, str]) -> list[Finding]:
    """One error per row whose address (case-insensitive) is on another row too.

    ``addresses`` maps spreadsheet row numbers to trimmed column-A values; every row of
    a repeated address is flagged, each naming all of them, so whichever copy the reader
    looks at tells them where the others are.
    """
    rows_by_address: dict[str, list[int]] = defaultdict(list)
    for row, address in addresses.items():
        if address:
            rows_by_address[address.lower()].append(row)
    return [
        finding("CSV_A_DUPLICATE", row=row, column="A", address=address, rows=", ".join(map(str, rows)))
        for address, rows in rows_by_address.items() if len(rows) > 1
        for row in rows
    ]
