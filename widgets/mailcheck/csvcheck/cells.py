"""Checks that apply to any cell, whatever its column: stray spaces, formula-like starts."""

from __future__ import annotations

from mailcheck.csvcheck.codes import finding
from mailcheck.csvcheck.password import mask
from mailcheck.findings import Finding

# OWASP "CSV injection": spreadsheets read cells starting with these as formulas.
# Tab and CR, also on OWASP's list, are leading spaces here: the corrected copy trims them.
FORMULA_STARTS = ("=", "+", "-", "@")


def spaces(raw: str, column: str) -> Finding | None:
    """A warning when the cell has leading or trailing white space (a password is masked)."""
    value = raw.strip()
    if value == raw:
        return None
    if column == "B":
        return finding("CSV_B_SPACES", column=column, masked=mask(value))
    return finding("CSV_SPACES", column=column)


def formula(value: str, column: str) -> Finding | None:
    """A warning when a trimmed cell starts like a spreadsheet formula."""
    if value.startswith(FORMULA_STARTS):
        return finding("CSV_FORMULA", column=column, char=value[0])
    return None
