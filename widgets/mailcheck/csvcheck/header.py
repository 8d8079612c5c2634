"""Row 1: the header the import keeps, in whatever wording it comes.

The hoster's guide says to keep the template's first row (the column titles); it does
not say how the import reads it. Any titles are taken as titles: ours in any of the
site's languages, the hoster's own template (whose wording we do not know), a sheet a
person labelled themselves. What this checker refuses in row 1 is data, decided by
evidence in any column: it passes as a valid row (decided in :mod:`.check`), or shows
signs no title has: a full address or a lower-case name with a dot, underscore or digit
in A (``jane.doe``), digits in a password next to such an A, an address in C, 0 or 1 in D.
"""

from __future__ import annotations

import re

from mailcheck.csvcheck.shapes import plausible_address

COLUMNS = ("A", "B", "C", "D")
# A first cell like this is an address someone typed, not a title.
DATA_LIKE = re.compile(r"[A-Za-z0-9._+-]+(@[A-Za-z0-9.-]+)?")
# A lower-case name as addresses are written (``jane.doe``, ``j_doe``, ``sales2``), never a title.
NAME_LIKE = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)+|[a-z0-9._-]*\d[a-z0-9._-]*")
DIGIT = re.compile(r"\d")


def _normal(cell: str) -> str:
    return " ".join(cell.lstrip("\ufeff").split()).casefold()


def headers(labels: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """The template header per language, from the ``csv.header.<column>`` labels."""
    languages = labels[f"csv.header.{COLUMNS[0]}"]
    return {lang: [labels[f"csv.header.{col}"][lang] for col in COLUMNS] for lang in languages}


def header_language(row: list[str], by_language: dict[str, list[str]]) -> str | None:
    """The language whose header ``row`` is (case and spacing ignored), or ``None``."""
    normal = [_normal(cell) for cell in row]
    for lang, header in by_language.items():
        if normal == [_normal(title) for title in header]:
            return lang
    return None


def data_signs(row: list[str]) -> bool:
    """Whether row 1 shows a sign of data that no column title has."""
    address, password, forward, delete = [cell.strip() for cell in (row + [""] * 4)[:4]]
    return (plausible_address(forward) or delete in ("0", "1") or plausible_address(address)
            or NAME_LIKE.fullmatch(address) is not None
            or (DATA_LIKE.fullmatch(address) is not None and DIGIT.search(password) is not None))
