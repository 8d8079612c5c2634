"""Every CSV the tools write: the template, the corrected copy, the findings download.

:func:`neutral` is the one place a cell is defused against spreadsheet formulas (OWASP
CSV injection): every cell :func:`write_csv` writes goes through it. The corrected copy
and the parts are offered only for files in which no cell needs it, so defusing never
changes an address or a password there; in a findings download it changes only how a
message cell is opened.
"""

from __future__ import annotations

import csv
import io

from mailcheck.csvcheck.header import headers
from mailcheck.policy import Policy
from mailcheck.policy import policy as load_policy

# OWASP: spreadsheets read a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutral(cell: str) -> str:
    """``cell``, or ``'cell`` when a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def write_csv(rows: list[list[str]], delimiter: str) -> str:
    """Rows as RFC 4180 text: CRLF after every record, quotes only where needed, no formula."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(
        [neutral(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def template(lang: str, policy: Policy | None = None) -> str:
    """The template in ``lang``, with the data file's delimiter and that language's example rows."""
    policy = policy or load_policy()
    header = headers(policy["labels"])[lang]
    return write_csv([header, *policy["csv"]["example_rows"][lang]], policy["csv"]["delimiter"])
