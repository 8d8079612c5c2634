"""Row 1: the template's column titles, in any of the site's languages.

People fill in the template in their own language but may have downloaded it from
another language's page, so any language's titles pass. Case and spacing are ignored
because spreadsheets and people change them without meaning anything by it.
"""

from __future__ import annotations

import re

from mailcheck.csvcheck.codes import finding
from mailcheck.findings import Finding

COLUMNS = ("A", "B", "C", "D")
# A first cell like this is an address someone typed, not a title.
DATA_LIKE = re.compile(r"[A-Za-z0-9._+-]+(@[A-Za-z0-9.-]+)?")


def _normal(cell: str) -> str:
    return " ".join(cell.split()).casefold()


def headers(labels: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """The template header per language, from the ``csv.header.<column>`` labels."""
    languages = labels[f"csv.header.{COLUMNS[0]}"]
    return {lang: [labels[f"csv.header.{col}"][lang] for col in COLUMNS] for lang in languages}


def header_language(row: list[str], by_language: dict[str, list[str]]) -> str | None:
    """The language whose header ``row`` is, or ``None``."""
    normal = [_normal(cell) for cell in row]
    for lang, header in by_language.items():
        if normal == [_normal(title) for title in header]:
            return lang
    return None


def looks_like_data(row: list[str], by_language: dict[str, list[str]]) -> bool:
    """Whether row 1 is an address row, i.e. the header was deleted.

    A row with any of the template's titles in it is an altered header, not data.
    """
    titles = {_normal(title) for header in by_language.values() for title in header}
    if any(_normal(cell) in titles for cell in row):
        return False
    return bool(row) and DATA_LIKE.fullmatch(row[0].strip()) is not None


def check_header(row: list[str], expected: list[str], by_language: dict[str, list[str]]) -> list[Finding]:
    """Findings on row 1; ``expected`` is the header shown to the reader (their language)."""
    if header_language(row, by_language) is not None:
        return []
    code = "CSV_HEADER_MISSING" if looks_like_data(row, by_language) else "CSV_HEADER_MISMATCH"
    return [finding(code, row=1, header=" | ".join(expected))]
