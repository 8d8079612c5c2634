"""Checks that apply to any cell, whatever its column: stray spaces, formula-like starts,
characters no one can type, and masking what may be a password."""

from __future__ import annotations

from dataclasses import replace

from mailcheck.csvcheck.codes import finding
from mailcheck.csvcheck.password import mask
from mailcheck.csvcheck.shapes import password_like, plausible_address, untypable
from mailcheck.findings import Finding

# OWASP "CSV injection": spreadsheets read cells starting with these as formulas.
# Tab and CR, also on OWASP's list, are leading spaces here: they are trimmed (with a
# CSV_SPACES warning) before this check, which then sees the character after them.
FORMULA_STARTS = ("=", "+", "-", "@")
# Finding parameters that quote a cell of the file (A's address, C's and D's values).
CELL_PARAMS = ("value", "keep", "address", "suggestion")


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


def invisible(value: str, column: str) -> Finding | None:
    """An error when a trimmed cell holds characters no one can type (the code points are named)."""
    chars = untypable(value)
    return finding("CSV_INVISIBLE", column=column, chars=" ".join(chars)) if chars else None


SHORT_D = 3  # column D takes 0 or 1: a value this short is a typo, longer ones may be a shifted password


def _hidden(value: object, column: str | None, secret_row: bool) -> bool:
    """Whether a quoted value must be masked: by its shape, and by what its column should hold."""
    if not isinstance(value, str) or plausible_address(value):
        return False
    if password_like(value) or secret_row:
        return True
    if column == "C":  # shown when it is an attempt at an address (has an @), as typed
        return "@" not in value
    if column == "D":
        return len(value) > SHORT_D
    return False


def conceal(found: Finding, *, secret_row: bool) -> Finding:
    """``found`` with every quoted cell that may be a password masked, by its shape.

    Columns get swapped and shifted, so a password may sit in any column: a quoted value
    shaped like a password (:func:`~.shapes.password_like`) is masked wherever it comes
    from; so is a value in C that is no attempt at an address (no @) and a value in D
    longer than a typo. In a row whose cells are out of place (``secret_row``: a quoting
    error, extra cells, an address in B) every quoted value but a full address is masked.
    Column A and attempts at addresses in C are shown as typed: they are no secret.
    """
    hidden = {name: mask(value) for name, value in found.params.items()
              if name in CELL_PARAMS and _hidden(value, found.column, secret_row)}
    return replace(found, params={**found.params, **hidden}) if hidden else found
