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
# name@domain.tld without spaces: a cell shaped like this is shown in messages even in a
# row where the cells may be out of place (anything else there may be a password).
PLAUSIBLE_ADDRESS = re.compile(r"[^\s@\"]{1,64}@[^\s@\"]+\.[A-Za-z]{2,63}")
DUPLICATE_ROWS_SHOWN = 20


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


def plausible_address(value: str) -> bool:
    """Whether ``value`` is shaped like a full e-mail address (so not taken for a secret)."""
    return PLAUSIBLE_ADDRESS.fullmatch(value) is not None


def duplicates(addresses: dict[int, str]) -> list[Finding]:
    """One error per address (case-insensitive) found on more than one row.

    ``addresses`` maps spreadsheet row numbers to trimmed column-A values. The finding
    sits on the first row and names at most :data:`DUPLICATE_ROWS_SHOWN` rows of the
    group, so 10,000 copies of one address make one short finding, not 10,000 long ones.
    """
    rows_by_address: dict[str, list[int]] = defaultdict(list)
    first_spelling: dict[str, str] = {}
    for row, address in addresses.items():
        if address:
            rows_by_address[address.lower()].append(row)
            first_spelling.setdefault(address.lower(), address)
    findings = []
    for key, rows in rows_by_address.items():
        if len(rows) > 1:
            shown = ", ".join(map(str, rows[:DUPLICATE_ROWS_SHOWN]))
            more = ", \u2026" if len(rows) > DUPLICATE_ROWS_SHOWN else ""
            findings.append(finding("CSV_A_DUPLICATE", row=rows[0], column="A", address=first_spelling[key],
                                    count=len(rows), rows=shown + more))
    return findings
