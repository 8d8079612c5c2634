"""Column A: the part of the new address before the @.

The safe set (letters, digits, ``.``, ``-``, ``_``) is what every mail system accepts
in a mailbox name; RFC 5321 allows more, but an import is no place to find out which
extras the hoster takes (this checker's caution: the hoster does not publish its set).
Addresses are compared without case, so capitals are only a warning, and duplicates are
compared case-insensitively. Where the fix is certain (accents typed without them,
capitals, stray spaces), a finding carries it as ``suggestion``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from mailcheck.csvcheck.codes import ROWS, Counted, finding, shown_rows
from mailcheck.csvcheck.password import mask
from mailcheck.csvcheck.shapes import password_like, plausible_address
from mailcheck.findings import Finding

MAX_LENGTH = 64  # RFC 5321 section 4.5.3.1.1: local part
UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
SPACE_SHOWN_AS = "\u2423"  # OPEN BOX, a visible space
# How German, French, Italian and Spanish letters are typed without accents.
TYPED_AS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "å": "a"})

__all__ = ["check_address", "duplicates", "local_part", "plausible_address", "suggestion"]


def _a(code: str, **params: object) -> Finding:
    return finding(code, column="A", **params)


def local_part(value: str) -> str:
    """The part to keep when a full address was typed (everything before the last @)."""
    return value.rpartition("@")[0] if "@" in value else value


def unsafe_characters(value: str) -> str:
    """The characters outside the safe set, each once, in order, spaces made visible."""
    found = dict.fromkeys(UNSAFE.findall(value))
    return " ".join(SPACE_SHOWN_AS if char.isspace() else char for char in found)


def suggestion(value: str) -> str | None:
    """The address ``value`` surely meant, when one is certain: accents typed without them
    (ä -> ae, é -> e, ñ -> n), capitals lowered; ``None`` when a guess would be needed
    (spaces inside, other signs, dots at the edges)."""
    folded = unicodedata.normalize("NFD", value.lower().translate(TYPED_AS))
    typed = "".join(char for char in folded if not unicodedata.combining(char))
    if typed == value or UNSAFE.search(typed) or typed.startswith(".") or typed.endswith(".") or ".." in typed:
        return None
    return typed if len(typed) <= MAX_LENGTH else None


def check_address(value: str) -> list[Finding]:
    """Findings for one trimmed column-A cell."""
    if not value:
        return [_a("CSV_A_EMPTY")]
    if password_like(value):
        return [_a("CSV_A_PASSWORD_LIKE", masked=mask(value))]
    keep = local_part(value)
    if keep and keep != value:
        return [_a("CSV_A_FULL_ADDRESS", keep=keep)]
    findings = []
    chars = unsafe_characters(value)
    fix = suggestion(value)
    if chars:
        findings.append(_a("CSV_A_CHARS", value=value, chars=chars, **({"suggestion": fix} if fix else {})))
    if value.startswith(".") or value.endswith("."):
        findings.append(_a("CSV_A_DOT_EDGE"))
    if ".." in value:
        findings.append(_a("CSV_A_DOUBLE_DOT"))
    if len(value) > MAX_LENGTH:
        findings.append(_a("CSV_A_TOO_LONG", length=len(value), max=MAX_LENGTH))
    if value != value.lower() and not chars:
        findings.append(_a("CSV_A_UPPERCASE", value=value, suggestion=value.lower()))
    return findings


def duplicates(addresses: dict[int, str]) -> list[Finding]:
    """One error per address (case-insensitive) found on more than one row.

    ``addresses`` maps spreadsheet row numbers to trimmed column-A values. The finding
    sits on the first row and names the first rows of the group (``rows``), so 10,000
    copies of one address make one short finding, not 10,000 long ones.
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
            findings.append(finding("CSV_A_DUPLICATE", row=rows[0], column="A", address=first_spelling[key],
                                    count=Counted(ROWS, len(rows)), rows=shown_rows(rows)))
    return findings
