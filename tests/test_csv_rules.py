"""Every rule of the CSV checker, on small files built in the test."""

from __future__ import annotations

import copy

import pytest

from mailcheck.csvcheck.check import check
from mailcheck.csvcheck.header import headers
from mailcheck.csvcheck.password import mask
from mailcheck.i18n import LANGUAGES
from mailcheck.policy import Policy, policy

POLICY = policy()
PASSWORDS = POLICY["passwords"]
HEADERS = headers(POLICY["labels"])
GOOD = "Fir-Cobble-Marigold-58"


def csv_file(*rows: str, header: str = "en") -> bytes:
    lines = [",".join(HEADERS[header])] if header else []
    return ("\r\n".join([*lines, *rows]) + "\r\n").encode("utf-8")


def found(data: bytes, the_policy: Policy = POLICY) -> set[tuple[int | None, str | None, str]]:
    return {(f.row, f.column, f.code) for f in check(data, the_policy, "en").findings}


def codes(data: bytes) -> set[str]:
    return {code for _, _, code in found(data)}


# --- header ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_header_passes_in_every_language(lang: str) -> None:
    result = check(csv_file(f"jane.doe,{GOOD},,", header=lang), POLICY, "en")
    assert result.findings == []
    assert result.header_language == lang


def test_header_case_and_spacing_do_not_matter() -> None:
    sloppy = ",".join(f"  {title.upper()}  ".replace(" ", "  ") for title in HEADERS["de"])
    assert found(csv_file(sloppy, f"jane.doe,{GOOD}", header="")) == set()


def test_a_deleted_header_is_reported_and_row_1_is_checked_as_data() -> None:
    assert found(csv_file(f"jane.doe,{GOOD}", "Jane.Doe,short", header="")) == {
        (1, None, "CSV_HEADER_MISSING"), (1, "A", "CSV_A_DUPLICATE"), (2, "A", "CSV_A_UPPERCASE"),
        (2, "B", "CSV_B_TOO_SHORT"),
    }


@pytest.mark.parametrize("first", [
    "Address (before the @),Password", "Mail address,Password,Forward,Delete", "Email,Password,Forward,Delete",
    "E-MAIL ADDRESS , PASS WORD , FORWARD TO , DELETE AFTER FORWARDING", "Mailbox,Passwort,Weiterleitung,Löschen",
    "Nom,Mot de passe,Transfert,Supprimer", "Casella,Password,Inoltro,Elimina", "Buzón,Contraseña,Reenvío,Borrar",
    "login,pass", "Name,Kennwort", "user name,secret,forward address,delete?",
])
def test_row_1_in_any_wording_is_the_header_the_import_keeps(first: str) -> None:
    result = check(csv_file(first, f"jane.doe,{GOOD}", header=""), POLICY, "fr")
    assert result.findings == []
    assert result.rows == 1
    assert result.header == [cell.strip() for cell in first.split(",")]


@pytest.mark.parametrize("first", [
    f"jane.doe,{GOOD}", f"jane.doe,{GOOD},team@example.org,0", "jane,password123", "jane,x,,1",
    "jane@example.org,secret", "jane,Secret-Words,team@example.org",
])
def test_row_1_that_reads_as_data_is_a_deleted_header(first: str) -> None:
    result = check(csv_file(first, f"john,{GOOD}", header=""), POLICY, "fr")
    assert (1, None, "CSV_HEADER_MISSING") in {(f.row, f.column, f.code) for f in result.findings}
    assert next(f for f in result.findings if f.row == 1).params["header"] == " | ".join(HEADERS["fr"])


def test_an_over_long_row_1_is_one_error_at_row_1_not_an_empty_file() -> None:
    result = check(("x" * 200_000 + f"\r\njane,{GOOD}\r\n").encode(), POLICY, "en")
    assert [(f.row, f.code) for f in result.findings] == [(1, "CSV_CELL_TOO_LONG")]


def test_an_empty_row_1_is_an_error() -> None:
    assert (1, None, "CSV_HEADER_EMPTY") in found(csv_file("", f"jane,{GOOD}", header=""))


def test_a_header_cell_starting_like_a_formula_is_a_warning() -> None:
    assert found(csv_file("=HYPERLINK(1),Password", f"jane,{GOOD}", header="")) == {(1, "A", "CSV_FORMULA")}
    assert found(csv_file("Email,@SUM(A),Forward,Delete,+cmd", f"jane,{GOOD}", header="")) == {
        (1, "B", "CSV_FORMULA"), (1, "E", "CSV_FORMULA")}


def test_only_a_header_is_an_error() -> None:
    assert found(csv_file()) == {(None, None, "CSV_NO_ROWS")}


# --- column A --------------------------------------------------------------------

@pytest.mark.parametrize("address", ["jane.doe", "j", "a-b_c.d9", "x" * 64])
def test_good_addresses(address: str) -> None:
    assert found(csv_file(f"{address},{GOOD},,")) == set()


@pytest.mark.parametrize(("address", "code"), [
    ("", "CSV_A_EMPTY"),
    (".jane", "CSV_A_DOT_EDGE"),
    ("jane.", "CSV_A_DOT_EDGE"),
    ("jane..doe", "CSV_A_DOUBLE_DOT"),
    ("jane doe", "CSV_A_CHARS"),
    ("jané", "CSV_A_CHARS"),
    ("jane+tag", "CSV_A_CHARS"),
    ("x" * 65, "CSV_A_TOO_LONG"),
])
def test_bad_addresses(address: str, code: str) -> None:
    assert (2, "A", code) in found(csv_file(f"{address},{GOOD},,"))


def test_unsafe_characters_are_listed_once_with_spaces_visible() -> None:
    [finding] = [f for f in check(csv_file(f"ja ne dö+e+,{GOOD}"), POLICY, "en").findings]
    assert finding.params["chars"] == "\u2423 ö +"
    assert finding.params["value"] == "ja ne dö+e+"  # column A is shown as typed
    assert "suggestion" not in finding.params  # spaces inside: no certain fix


def test_a_full_address_names_the_part_to_keep() -> None:
    [finding] = check(csv_file(f"Jane.Doe@example.org,{GOOD}"), POLICY, "en").findings
    assert (finding.code, finding.params["keep"]) == ("CSV_A_FULL_ADDRESS", "Jane.Doe")


def test_upper_case_is_a_warning_with_the_lower_case_form() -> None:
    [finding] = check(csv_file(f"Jane.Doe,{GOOD}"), POLICY, "en").findings
    assert (finding.code, finding.severity.value, finding.params["suggestion"]) == ("CSV_A_UPPERCASE", "warning",
                                                                                  "jane.doe")


def test_a_duplicate_group_is_one_error_at_its_first_row() -> None:
    result = check(csv_file(f"jane,{GOOD}", f"john,{GOOD}1", f"JANE,{GOOD}2", f" jane ,{GOOD}3"), POLICY, "en")
    [duplicate] = [f for f in result.findings if f.code == "CSV_A_DUPLICATE"]
    assert (duplicate.row, duplicate.params["count"][2], duplicate.params["rows"]) == (2, 3, (2, 4, 5))


def test_a_large_duplicate_group_names_20_rows_and_counts_all() -> None:
    result = check(csv_file(*[f"jane,{GOOD}{i}" for i in range(500)]), POLICY, "en")
    [duplicate] = [f for f in result.findings if f.code == "CSV_A_DUPLICATE"]
    assert duplicate.params["count"][2] == 500
    assert duplicate.params["rows"] == tuple(range(2, 22))


# --- column B --------------------------------------------------------------------

def test_password_length_limits_come_from_the_policy() -> None:
    short = "Zq8#" + "x" * (PASSWORDS["min_length"] - 5)
    long = "Zq8#" * (PASSWORDS["max_length"] // 4 + 1)
    assert (2, "B", "CSV_B_TOO_SHORT") in found(csv_file(f"jane,{short}"))
    assert (2, "B", "CSV_B_TOO_LONG") in found(csv_file(f"jane,{long}"))


def test_a_stricter_policy_is_applied() -> None:
    strict = copy.deepcopy(POLICY)
    strict["passwords"]["min_length"] = len(GOOD) + 1
    assert (2, "B", "CSV_B_TOO_SHORT") in found(csv_file(f"jane,{GOOD}"), strict)


@pytest.mark.parametrize(("row", "code"), [
    ("jane,", "CSV_B_EMPTY"),
    ("jane", "CSV_B_EMPTY"),
    ("margarethe,Margarethe", "CSV_B_IS_ADDRESS"),
    ("margarethe,Harbor-MARGARETHE-42", "CSV_B_CONTAINS_ADDRESS"),
    ("jane,password123", "CSV_B_COMMON"),
    ("jane,qwertyuiop", "CSV_B_COMMON"),
    ("jane,aaaaaaaaaaaaaaa", "CSV_B_WEAK"),
    ("jane,abcdefghijkl", "CSV_B_WEAK"),
    ("jane,johnsmith1990", "CSV_B_WEAK"),
])
def test_bad_passwords(row: str, code: str) -> None:
    assert codes(csv_file(row)) == {code}


def test_a_short_address_inside_a_password_is_no_finding() -> None:
    assert found(csv_file("jo,Harbor-jo-Lantern-42")) == set()


@pytest.mark.parametrize("password", [GOOD, "Amber+Thistle+Cello+31", "correct horse battery staple",
                                      "Zürich-Bärengraben-Käse", "K8#vQ2!mZ9@x"])
def test_good_passwords(password: str) -> None:
    assert found(csv_file(f'jane,"{password}"')) == set()


def test_the_whole_password_is_scored_not_its_start() -> None:
    strong_start = GOOD + "-Copper-Meadow-Violin-97-Glacier-Orchid-Pebble-Thunder-Canvas"
    weak_start = "aK8#vQ2!mZ9@x" * 2 + "a" * 30  # strong start, weak run after it
    assert found(csv_file(f"jane,{strong_start}")) == set()
    assert found(csv_file(f"jane,{weak_start}")) == set()
    # Past the work bound zxcvbn judges a beginning only: a weak one is refused (the checker's caution).
    assert codes(csv_file(f"jane,{'a' * 60 + 'K8#vQ2!mZ9@x'}")) == {"CSV_B_WEAK"}
    assert codes(csv_file(f"jane,{'Qz' * 40}")) == {"CSV_B_WEAK"}


def test_mask_shows_neither_the_length_nor_more_than_the_first_character() -> None:
    assert mask("Pine-Harbor") == mask("Pine-Harbor-Lantern-42" * 5000) == "P" + "\u2022" * 8
    assert mask("abc") == mask("abcdefg") == "\u2022" * 8


# --- columns C and D -------------------------------------------------------------

@pytest.mark.parametrize("row", [
    f"jane,{GOOD},,", f"jane,{GOOD},jane.doe@example.org,0", f"jane,{GOOD},team@example.org,1",
    f"jane,{GOOD},team@sub.example.co.uk,0",
])
def test_good_forwarding(row: str) -> None:
    assert found(csv_file(row)) == set()


@pytest.mark.parametrize(("row", "expected"), [
    (f"jane,{GOOD},not-an-address,0", {(2, "C", "CSV_C_INVALID")}),
    (f"jane,{GOOD},jane@example,0", {(2, "C", "CSV_C_INVALID")}),
    (f"jane,{GOOD},a@@example.org,0", {(2, "C", "CSV_C_INVALID")}),
    (f"jane,{GOOD},JANE@example.org,0", {(2, "C", "CSV_C_SELF")}),
    (f"jane,{GOOD},team@example.org,2", {(2, "D", "CSV_D_INVALID")}),
    (f"jane,{GOOD},team@example.org,yes", {(2, "D", "CSV_D_INVALID")}),
    (f"jane,{GOOD},,1", {(2, "D", "CSV_D_WITHOUT_C")}),
    (f"jane,{GOOD},,0", {(2, "D", "CSV_D_WITHOUT_C")}),
    (f"jane,{GOOD},team@example.org,", {(2, "D", "CSV_D_MISSING")}),
])
def test_bad_forwarding(row: str, expected: set) -> None:
    assert found(csv_file(row)) == expected


def test_self_forward_is_only_a_warning() -> None:
    [finding] = check(csv_file(f"jane,{GOOD},jane@example.org,0"), POLICY, "en").findings
    assert finding.severity.value == "warning"


# --- any cell, rows, the whole file -------------------------------------------------

def test_more_than_four_columns() -> None:
    assert found(csv_file(f"jane,{GOOD},,,extra")) == {(2, None, "CSV_TOO_MANY_COLUMNS")}
    assert found(csv_file(f"jane,{GOOD},,", header="")) == {(1, None, "CSV_HEADER_MISSING")}


def test_more_cells_than_the_header_row_is_a_separator_inside_a_cell() -> None:
    header = ",".join(HEADERS["en"])
    assert found(csv_file(f"{header},,", f"jane,{GOOD},,,,", header="")) == set()  # as wide as the header
    assert found(csv_file("jane,Pine,Harbor-Lantern-42,,")) == {
        (2, None, "CSV_SEPARATOR_IN_CELL"), (2, "B", "CSV_B_TOO_SHORT"), (2, "C", "CSV_C_INVALID"),
        (2, "D", "CSV_D_MISSING")}


def test_spaces_are_warnings_and_the_values_are_checked_trimmed() -> None:
    assert found(csv_file(f" jane ,{GOOD} , team@example.org ,\t0")) == {
        (2, "A", "CSV_SPACES"), (2, "B", "CSV_B_SPACES"), (2, "C", "CSV_SPACES"), (2, "D", "CSV_SPACES")}


@pytest.mark.parametrize(("row", "column", "char", "code"), [
    ("-jane,{p}", "A", "-", "CSV_FORMULA"), ("jane,-{p}", "B", "-", "CSV_B_FORMULA"),
    ("jane,={p}", "B", "=", "CSV_B_FORMULA"), ("jane,+{p}", "B", "+", "CSV_B_FORMULA"),
    ("jane,@{p}", "B", "@", "CSV_B_FORMULA"), ("jane,{p},+team@example.org,0", "C", "+", "CSV_FORMULA"),
    ("jane,\t={p}", "B", "=", "CSV_B_FORMULA"),
])
def test_formula_like_starts_are_warnings(row: str, column: str, char: str, code: str) -> None:
    findings = check(csv_file(row.format(p=GOOD)), POLICY, "en").findings
    [finding] = [f for f in findings if f.code != "CSV_B_SPACES"]
    assert (finding.code, finding.column, finding.params["char"]) == (code, column, char)
    if column == "B":
        assert finding.params["masked"] == mask(char + GOOD)


def test_no_formula_warning_on_a_cell_that_already_has_an_error() -> None:
    assert found(csv_file(f"=jane,{GOOD}")) == {(2, "A", "CSV_A_PASSWORD_LIKE")}
    assert found(csv_file(f"jane,{GOOD},team@example.org,-1")) == {(2, "D", "CSV_D_INVALID")}


def test_blank_rows_between_addresses_are_warnings_and_not_counted() -> None:
    result = check(csv_file(f"jane,{GOOD}", ",,,", f"john,{GOOD}1", "", ""), POLICY, "en")
    assert [(f.row, f.code) for f in result.findings] == [(3, "CSV_BLANK_ROW")]
    assert result.rows == 2


def test_more_rows_than_the_daily_limit_is_a_warning_with_the_number_of_batches() -> None:
    limit = POLICY["limits"]["batch_addresses_per_day"]
    rows = [f"user{i},{GOOD}-{i}" for i in range(2 * limit + 1)]
    result = check(csv_file(*rows), POLICY, "en")
    [finding] = result.findings
    assert finding.code == "CSV_OVER_DAILY_LIMIT"
    assert finding.params == {"rows": 2 * limit + 1, "limit": limit, "parts": ("{n} part", "{n} parts", 3)}
    assert found(csv_file(*rows[:limit])) == set()


def test_more_rows_than_the_cap_is_an_error_and_stops_the_check() -> None:
    small = copy.deepcopy(POLICY)
    small["csv"]["max_rows"] = 3
    result = check(csv_file(*[f"user{i},weak" for i in range(4)]), small, "en")
    assert [f.code for f in result.findings] == ["CSV_TOO_MANY_ROWS"]
    assert found(csv_file(*[f"user{i},{GOOD}{i}" for i in range(3)]), small) == set()


def test_findings_come_errors_first_then_warnings_each_by_row_and_column() -> None:
    result = check(csv_file(f"jane,{GOOD},,1", "JOHN,short", header="").replace(b",", b";"), POLICY, "en")
    keys = [(f.severity.value != "error", f.row or 0, f.column or "") for f in result.findings]
    assert keys == sorted(keys)
    assert result.findings[0].severity.value == "error"
    assert result.findings[-1].severity.value == "warning"
    assert "CSV_DELIMITER" in {f.code for f in result.findings}
