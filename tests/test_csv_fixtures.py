"""The LibreOffice-made fixtures (tests/fixtures/csv) give the findings they were made for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailcheck.csvcheck import report
from mailcheck.csvcheck.address import plausible_address

FIXTURES = Path(__file__).parent / "fixtures" / "csv"

# file -> (encoding, delimiter, line ends), rows, {(row, column, code)}, corrected copy offered
EXPECTED: dict[str, tuple[tuple[str, str, str] | None, int, set[tuple[int | None, str | None, str]], bool]] = {
    "good_utf8_comma_en.csv": (("UTF-8", ",", "LF"), 3, set(), False),
    "good_utf8_semicolon_fr.csv": (("UTF-8", ";", "LF"), 3, {(None, None, "CSV_DELIMITER")}, True),
    "good_utf8_bom_crlf_en.csv": (("UTF-8 with BOM", ",", "CRLF"), 3, set(), False),
    "good_cr_en.csv": (("UTF-8", ",", "CR"), 3, set(), False),
    # A password with "Ä" on a line that is not UTF-8: which letter it is cannot be known for sure.
    "excel_semicolon_cp1252_de.csv": (("Windows-1252", ";", "LF"), 4, {
        (None, None, "CSV_LEGACY_ENCODING"), (None, None, "CSV_DELIMITER"), (5, "B", "CSV_B_ENCODING")}, False),
    "unicode_text_utf16_tab_es.csv": (("UTF-16 LE with BOM", "\t", "LF"), 3, {(None, None, "CSV_DELIMITER")}, True),
    "mechanical_it.csv": (("UTF-8", ";", "LF"), 2, {
        (None, None, "CSV_DELIMITER"), (2, "A", "CSV_SPACES"), (2, "A", "CSV_A_UPPERCASE"), (3, None, "CSV_BLANK_ROW"),
        (4, "A", "CSV_A_UPPERCASE"), (4, "B", "CSV_B_SPACES")}, True),
    "header_missing.csv": (("UTF-8", ",", "LF"), 3, {(1, None, "CSV_HEADER_MISSING")}, False),
    "header_only.csv": (("UTF-8", ",", "LF"), 0, {(None, None, "CSV_NO_ROWS")}, False),
    "weak_passwords.csv": (("UTF-8", ",", "LF"), 6, {
        (2, "B", "CSV_B_TOO_SHORT"), (3, "B", "CSV_B_COMMON"), (4, "B", "CSV_B_TOO_SHORT"),
        (4, "B", "CSV_B_IS_ADDRESS"), (5, "B", "CSV_B_CONTAINS_ADDRESS"), (6, "B", "CSV_B_WEAK"),
        (7, "B", "CSV_B_EMPTY")}, False),
    "full_addresses.csv": (("UTF-8", ",", "LF"), 2, {(2, "A", "CSV_A_FULL_ADDRESS")}, False),
    "bad_addresses.csv": (("UTF-8", ",", "LF"), 6, {
        (2, "A", "CSV_A_DOT_EDGE"), (3, "A", "CSV_A_DOUBLE_DOT"), (4, "A", "CSV_A_CHARS"), (5, "A", "CSV_A_CHARS"),
        (6, "A", "CSV_A_TOO_LONG"), (7, "A", "CSV_A_EMPTY")}, False),
    "duplicates.csv": (("UTF-8", ",", "LF"), 3, {
        (2, "A", "CSV_A_DUPLICATE"), (4, "A", "CSV_A_UPPERCASE")}, False),
    "forwarding.csv": (("UTF-8", ",", "LF"), 4, {
        (2, "D", "CSV_D_WITHOUT_C"), (3, "C", "CSV_C_INVALID"), (4, "C", "CSV_C_SELF"), (4, "D", "CSV_D_INVALID"),
        (5, "C", "CSV_C_SELF"), (5, "D", "CSV_D_MISSING")}, False),
    "five_columns.csv": (("UTF-8", ",", "LF"), 1, {(2, None, "CSV_TOO_MANY_COLUMNS")}, False),
    "formulas.csv": (("UTF-8", ",", "LF"), 4, {
        (2, "A", "CSV_FORMULA"), (3, "B", "CSV_B_FORMULA"), (4, "B", "CSV_B_FORMULA"), (5, "C", "CSV_FORMULA")},
        False),
    "over_limit_60.csv": (("UTF-8", ",", "LF"), 60, {(None, None, "CSV_OVER_DAILY_LIMIT")}, False),
    "workbook.xlsx": (None, 0, {(None, None, "CSV_NOT_TEXT")}, False),
    "header_manager_wording.csv": (("UTF-8", ",", "LF"), 3, set(), False),
    "header_upper_spaces.csv": (("UTF-8", ",", "LF"), 3, set(), False),
    "line_break_in_cell.csv": (("UTF-8", ",", "LF"), 3, {(2, "B", "CSV_LINE_BREAK")}, False),
    "swapped_columns.csv": (("UTF-8", ",", "LF"), 2, {(2, "B", "CSV_B_CONTAINS_ADDRESS"), (2, "C", "CSV_C_INVALID")},
                            False),
    "formula_injection.csv": (("UTF-8", ",", "LF"), 4, {
        (2, "C", "CSV_C_INVALID"), (3, "A", "CSV_A_PASSWORD_LIKE"), (4, "C", "CSV_C_INVALID"),
        (5, "C", "CSV_C_INVALID")}, False),
    "duplicates_many.csv": (("UTF-8", ",", "LF"), 30, {(2, "A", "CSV_A_DUPLICATE")}, False),
    "ssconvert_crlf_en.csv": (("UTF-8", ",", "CRLF"), 3, set(), False),
    "ssconvert_semicolon_in_cell.csv": (("UTF-8", ";", "CRLF"), 3, {
        (None, None, "CSV_DELIMITER"), (2, None, "CSV_SEPARATOR_IN_CELL"), (2, "B", "CSV_B_TOO_SHORT"),
        (2, "C", "CSV_C_INVALID"), (2, "D", "CSV_D_MISSING")}, False),
    "ssconvert_unclosed_quote.csv": (("UTF-8", ",", "LF"), 4, {(2, "B", "CSV_QUOTE_NOT_CLOSED")}, False),
}


def test_every_fixture_has_expectations() -> None:
    on_disk = {path.name for path in FIXTURES.iterdir() if path.suffix in (".csv", ".xlsx")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    detected, rows, findings, fixed = EXPECTED[name]
    result = report((FIXTURES / name).read_bytes(), "en")
    assert {(f["row"], f["column"], f["code"]) for f in result["findings"]} == findings
    assert result["rows"] == rows
    if detected is None:
        assert result["detected"] is None
    else:
        got = result["detected"]
        assert (got["encoding"], got["delimiter"], got["line_ends"]) == detected
    assert (result["fixed"] is not None) == fixed


@pytest.mark.parametrize("name", sorted(name for name in EXPECTED if name.endswith(".csv")))
@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_cell_that_may_be_a_password_is_shown_in_full(name: str, lang: str) -> None:
    """Whatever column a password lands in (swapped, shifted, swallowed by a quote)."""
    data = (FIXTURES / name).read_bytes()
    result = report(data, lang)
    for secret in ("fixed", "parts"):  # both hold the passwords by design: the CLI never prints them
        result.pop(secret)
    shown = json.dumps(result, ensure_ascii=False)
    delimiter = result["detected"]["delimiter"]
    text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "cp1252", errors="replace")
    for line in text.splitlines()[1:]:
        for column, cell in enumerate(line.split(delimiter)[1:], 1):
            value = cell.strip().strip('"')
            # Column B, and anything in C or D that is no attempt at an address (a wrong
            # forwarding address like "bruno@example" is shown as typed: it is no secret).
            if len(value) >= 8 and not plausible_address(value) and (column == 1 or "@" not in value):
                assert value not in shown


def test_the_unclosed_quote_names_the_rows_it_would_swallow() -> None:
    [finding] = report((FIXTURES / "ssconvert_unclosed_quote.csv").read_bytes(), "en")["findings"]
    assert "rows 3 to 5" in finding["message"]
