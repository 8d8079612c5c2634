"""Checks that apply to any cell, whatever its column: stray spaces, formula-like starts, secrets."""

from __future__ import annotations

from dataclasses import replace

from mailcheck.csvcheck.address import plausible_address
from mailcheck.csvcheck.codes import finding
from mailcheck.csvcheck.password import mask
from mailcheck.findings import Finding

# OWASP "CSV injection": spreadsheets read cells starting with these as formulas.
# Tab and CR, also on OWASP's list, are leading spaces here: they are trimmed (with a
# CSV_SPACES warning) before this check, which then sees the character after them.
FORMULA_STARTS = ("=", "+", "-", "@")
# Finding parameters that quote a cell of the file (A's address, C's and D's values).
CELL_PARAMS = ("value", "keep", "address", "lower", "chars")


def spaces(raw: str, column: str) -> Finding | None:
    """A warning when the cell has leading or trailing white space (a password is masked)."""
    value = raw.strip()
    if value == raw:
        return None
    if column == "B":
        return finding("CSV_B_SPACES", column=column, masked=mask(value))
    return finding("CSV_SPACES", column=column)


def formula(value: str, column: str) -> Finding | None:
    """A warning when a trimmed cell starts like a spreadsheet formula (a password is masked)."""
    if not value.startswith(FORMULA_STARTS):
        return None
    if column == "B":
        return finding("CSV_B_FORMULA", column=column, masked=mask(value), char=value[0])
    return finding("CSV_FORMULA", column=column, char=value[0])


def conceal(found: Finding, *, secret_row: bool) -> Finding:
    """``found`` with every quoted cell that may be a password masked.

    C and D should never hold a password, but they do when columns are shifted or
    swapped, so their values are shown only when shaped like an address. In a row whose
    password cell is out of place (``secret_row``) the same holds for column A.
    """
    hidden = {name: mask(value) for name, value in found.params.items()
              if name in CELL_PARAMS and isinstance(value, str) and not plausible_address(value)
              and (secret_row or found.column in ("C", "D"))}
    return replace(found, params={**found.params, **hidden}) if hidden else found
