"""Issue 28's reproductions for the CSV checker, one test each, and issue 25's report wording.

No input under the caps may leak a password, run for minutes, offer a copy that changes
a password, hide an address, or make a download a spreadsheet would run.
"""

from __future__ import annotations

import base64
import codecs
import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailcheck import web
from mailcheck.csvcheck import report
from mailcheck.csvcheck.header import headers
from mailcheck.csvcheck.report import findings_csv
from mailcheck.csvcheck.shapes import password_like
from mailcheck.csvcheck.template import neutral, write_csv
from mailcheck.i18n import LANGUAGES
from mailcheck.policy import policy

HEADERS = headers(policy()["labels"])
LIMIT = policy()["limits"]["batch_addresses_per_day"]
SECRET = "Maple-Canyon-Drum-17"  # no example of ours: a password a reader might choose
GOOD = "Fir-Cobble-Marigold-58"


def csv_file(*rows: str, header: str = "en", delimiter: str = ",") -> bytes:
    lines = [delimiter.join(HEADERS[header])] if header else []
    return ("\r\n".join([*lines, *rows]) + "\r\n").encode("utf-8")


def shown(data: bytes, lang: str = "en") -> tuple[dict, str]:
    result = report(data, lang)
    text = json.dumps({k: v for k, v in result.items() if k not in ("fixed", "parts")}, ensure_ascii=False)
    return result, text


def codes(result: dict) -> set[str]:
    return {f["code"] for f in result["findings"]}


# --- masking by shape ---------------------------------------------------------------------

def test_swapped_columns_a_and_b_are_refused_and_the_password_is_never_shown() -> None:
    result, text = shown(csv_file(f"{SECRET},jane.doe.marketing,,"))
    assert result["verdict"] == "reject" and result["fixed"] is None
    assert "CSV_A_PASSWORD_LIKE" in codes(result)
    assert SECRET not in text and SECRET.lower() not in text
    assert not codes(result) & {"CSV_A_UPPERCASE", "CSV_A_FULL_ADDRESS"}


@pytest.mark.parametrize("row", [
    f"{SECRET}@example.org,{GOOD},,",  # a misread separator: the password before an @ in A
    f"jane,{GOOD},{SECRET},0",  # a password in C
    f"jane,{GOOD},team@example.org,{SECRET}",  # a password in D
    f"{SECRET};jane,{GOOD},,",  # a semicolon file read with commas
])
def test_a_password_in_any_column_is_masked_in_every_message(row: str) -> None:
    result, text = shown(csv_file(row))
    assert result["verdict"] == "reject"
    assert SECRET not in text and SECRET.lower() not in text


def test_non_secret_cells_are_shown_as_typed_with_a_certain_suggestion() -> None:
    result, _ = shown(csv_file(f"jürgen.müller,{GOOD},,", f"José.Núñez,{GOOD}1,john@example,0",
                                  f"Françoise,{GOOD}2,,", f"Jane Doe,{GOOD}3,,"))
    messages = {(f["row"], f["code"]): f["message"] for f in result["findings"]}
    assert "jürgen.müller" in messages[2, "CSV_A_CHARS"] and "juergen.mueller" in messages[2, "CSV_A_CHARS"]
    assert "jose.nunez" in messages[3, "CSV_A_CHARS"]
    assert "francoise" in messages[4, "CSV_A_CHARS"]
    assert "Jane Doe" in messages[5, "CSV_A_CHARS"] and "Write it as" not in messages[5, "CSV_A_CHARS"]
    assert "john@example" in messages[3, "CSV_C_INVALID"]  # a wrong forward address is no secret


@pytest.mark.parametrize(("value", "shaped"), [
    ("Pine-Harbor-Lantern-42", True), ("Sommer2024", True), ("Kx9#mQ2v", True), ("p@ssword!", True),
    ("Anna.Meier2", False), ("jane.doe", False), ("Jürgen.Müller", False), ("jane+news", False),
    ("jane.doe@example.org", False), ("user2024", False),
])
def test_what_is_shaped_like_a_password(value: str, shaped: bool) -> None:
    assert password_like(value) is shaped


# --- example and reused passwords ---------------------------------------------------------------

@pytest.mark.parametrize("password", [row[1] for rows in policy()["csv"]["example_rows"].values() for row in rows]
                         + policy()["csv"]["example_passwords"])
def test_the_examples_of_the_template_and_the_guides_are_refused(password: str) -> None:
    result, text = shown(csv_file(f"jane,{password},,"))
    assert codes(result) == {"CSV_B_EXAMPLE"}
    assert password not in text


def test_every_example_password_of_every_guide_is_known_to_the_checker() -> None:
    known = set(policy()["csv"]["example_passwords"])
    root = Path(__file__).parent.parent / "docs"
    for lang in LANGUAGES:
        page = (root / lang / "addresses" / "batch-creation.md").read_text(encoding="utf-8")
        block = page.split("```text\n", 1)[1].split("```", 1)[0]
        for row in csv.reader(io.StringIO(block)):
            assert row[1] in known, (lang, row[1])


def test_a_password_on_several_rows_is_one_error_naming_the_rows_never_the_password() -> None:
    rows = [f"user{i},{SECRET if i % 2 else GOOD + str(i)},," for i in range(6)]
    result, text = shown(csv_file(*rows))
    [reused] = [f for f in result["findings"] if f["code"] == "CSV_B_REUSED"]
    assert (reused["row"], reused["column"], reused["rows"]) == (3, "B", [3, 5, 7])
    assert SECRET not in text


# --- errors first; bounded findings; rows as data -----------------------------------------------

def test_errors_come_before_warnings() -> None:
    result = report(csv_file(f"Jane,{GOOD},,", "john,short,,", header="en", delimiter=";").replace(b",", b";"), "en")
    severities = [f["severity"] for f in result["findings"]]
    assert severities == sorted(severities, key=lambda s: s != "error") and severities[0] == "error"


def test_two_million_empty_lines_give_a_few_findings() -> None:
    header = ",".join(HEADERS["en"]) + "\n"
    budget = policy()["csv"]["max_bytes"] - len(header) - 40
    data = (header + "\n" * budget + f"jane,{GOOD},,\n").encode()
    started = time.perf_counter()
    result = report(data, "en")
    assert time.perf_counter() - started < 30
    assert len(result["findings"]) <= 25
    [more] = [f for f in result["findings"] if f["code"] == "CSV_MORE"]
    assert more["rows"] == list(range(22, 42)) and f"{budget - 20:,}" in more["message"]
    assert len(json.dumps(result)) < 20_000


def test_broken_rows_past_the_row_cap_stay_a_few_findings() -> None:
    data = csv_file(*[f'a"b{i},"c' for i in range(300_000)])[: policy()["csv"]["max_bytes"]]
    result = report(data, "en")
    assert len(result["findings"]) <= 25
    assert result["verdict"] == "reject"


# --- no copy that changes a password --------------------------------------------------------------

@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\ufeff", "\u2028", "\u0085", "\u009d", "\ufdd0", "\U0010fffe"])
def test_a_password_no_one_can_type_is_an_error_and_nothing_is_offered(char: str) -> None:
    rows = [f"user{i},{GOOD}-{i}{char if i == 7 else ''},," for i in range(LIMIT + 5)]
    result, text = shown(csv_file(*rows, delimiter=","))
    assert (8 + 1, "CSV_INVISIBLE") in {(f["row"], f["code"]) for f in result["findings"]}
    assert (result["fixed"], result["parts"]) == (None, [])
    assert f"U+{ord(char):04X}" in text


def test_a_file_with_two_byte_order_marks_is_read_as_one_and_its_copy_checks_clean() -> None:
    data = codecs.BOM_UTF8 * 2 + csv_file(f"Jane,{GOOD},,").replace(b",", b";")
    result = report(data, "en")
    assert result["detected"]["header_language"] == "en"
    assert result["verdict"] == "accept" and result["fixed"] is not None
    again = report(result["fixed"].encode(), "en")
    assert (again["verdict"], again["findings"]) == ("accept", [])


# --- row 1 decided by evidence ------------------------------------------------------------------

@pytest.mark.parametrize("first", [
    "jane.doe,sunflowerpassword", "jane.doe,,,", "jane_doe,password", "jane.doe,x,not-an-address,",
    "jane.doe,sunflowerpassword,,2", "sales2,letmein", "jane.doe@example.org,x",
])
def test_a_row_1_that_reads_as_data_is_a_missing_header(first: str) -> None:
    result = report(f"{first}\r\njohn,{GOOD},,\r\n".encode(), "en")
    assert (1, "CSV_HEADER_MISSING") in {(f["row"], f["code"]) for f in result["findings"]}


@pytest.mark.parametrize("first", ["Name,Kennwort", "E-Mail-Adresse,Mot de passe,Forward,Delete (0/1)",
                                   "login,pass", "Address (before the @),Password"])
def test_titles_in_any_wording_are_a_header(first: str) -> None:
    result = report(f"{first}\r\njohn,{GOOD},,\r\n".encode(), "en")
    assert "CSV_HEADER_MISSING" not in codes(result)


# --- downloads safe to open -----------------------------------------------------------------

@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_cell_written_is_defused_in_one_function(cell: str) -> None:
    assert neutral(cell) == "'" + cell
    written = list(csv.reader(io.StringIO(write_csv([["a", cell]], ","), newline="")))
    assert written == [["a", "'" + cell]]


def test_a_formula_like_password_keeps_the_copy_and_the_parts_from_being_offered() -> None:
    rows = [f"user{i},{'=' if i == 3 else ''}{GOOD}-{i},," for i in range(LIMIT + 5)]
    result = report(csv_file(*rows).replace(b",", b";"), "en")
    assert "CSV_B_FORMULA" in codes(result)
    assert (result["fixed"], result["parts"]) == (None, [])


def test_the_findings_download_starts_no_cell_like_a_formula() -> None:
    result = report(csv_file(f"jane,{GOOD},=HYPERLINK(x)+1,0", f"john,{GOOD}1,@SUM(A1)x,0"), "en")
    for row in csv.reader(io.StringIO(findings_csv(result, "de"), newline="")):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row


# --- look-alikes, names, the command line ----------------------------------------------------------

@pytest.mark.parametrize("forward", ["jane@ex\u0430mple.org", "jane@\uff45xample.org", "j\u0430ne@example.org"])
def test_look_alike_letters_in_a_forward_address_warn_and_stop_the_copy(forward: str) -> None:
    result, text = shown(csv_file(f"Jane,{GOOD},{forward},0"))
    assert "CSV_C_LOOKALIKE" in codes(result) and forward in text
    assert result["fixed"] is None


def test_part_names_are_the_same_on_the_command_line_and_in_the_browser(tmp_path: Path) -> None:
    data = csv_file(*[f"user{i},{GOOD}-{i},," for i in range(LIMIT + 3)])
    source = tmp_path / ".csv"
    source.write_bytes(data)
    done = subprocess.run([sys.executable, "-m", "mailcheck", "csv", "--json", str(source)],
                          capture_output=True, timeout=120, check=False)
    cli = [part["name"] for part in json.loads(done.stdout)["parts"]]
    request = {"checker": "csv", "lang": "en", "name": ".csv", "data": base64.b64encode(data).decode()}
    browser = [part["name"] for part in json.loads(web.run(json.dumps(request)))["result"]["parts"]]
    assert cli == browser == ["addresses-part-1-of-2.csv", "addresses-part-2-of-2.csv"]


def test_a_full_disk_for_the_copy_is_exit_4_in_one_line_without_traceback() -> None:
    source = Path(__file__).parent / "fixtures" / "csv" / "mechanical_it.csv"
    done = subprocess.run([sys.executable, "-m", "mailcheck", "csv", "--fixed", "/dev/full", str(source)],
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 4  # the output could not be written
    assert b"Traceback" not in done.stderr and len(done.stderr.decode().strip().splitlines()) == 1


def test_a_closed_pipe_is_exit_4_without_traceback() -> None:
    source = Path(__file__).parent / "fixtures" / "csv" / "duplicates_many.csv"
    reader = subprocess.Popen([sys.executable, "-m", "mailcheck", "csv", "--lang", "de", str(source)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()  # the reader of the output leaves before it is written (like `| head -0`)
    _, stderr = reader.communicate(timeout=120)
    assert reader.returncode == 4
    assert b"Traceback" not in stderr


# --- the parts and the copy in the reader's words -------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_over_the_limit_the_verdict_says_to_import_the_parts_one_every_24_hours(lang: str) -> None:
    over = report(csv_file(*[f"user{i},{GOOD}-{i},," for i in range(LIMIT + 10)], header=lang), lang)
    under = report(csv_file(*[f"user{i},{GOOD}-{i},," for i in range(LIMIT)], header=lang), lang)
    assert len(over["parts"]) == 2 and under["parts"] == []
    assert "24" in over["summary"] and str(LIMIT) in over["summary"] and "2" in over["summary"]
    assert "24" not in under["summary"]
    words = {"en": "2 parts", "fr": "2 parties", "de": "2 Teilen", "it": "2 parti", "es": "2 partes"}
    assert words[lang] in over["summary"]


COPY = {"en": "corrected copy", "fr": "copie corrigée", "de": "korrigierte", "it": "copia corretta",
        "es": "copia corregida"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_message_mentions_a_corrected_copy_unless_one_is_offered(lang: str) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "csv"
    for path in sorted(fixtures.glob("*.csv")):
        result = report(path.read_bytes(), lang)
        mentions = any(COPY[lang] in f["message"] for f in result["findings"])
        assert mentions == (result["fixed"] is not None) or (result["fixed"] is not None and not mentions
                                                            and not result["findings"]), path.name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_workbook_is_told_to_save_as_the_utf8_type_of_its_excel(lang: str) -> None:
    labels = {"en": "CSV UTF-8 (Comma delimited)", "fr": "CSV UTF-8 (délimité par des virgules)",
              "de": "CSV UTF-8 (durch Trennzeichen getrennt)", "it": "CSV UTF-8 (delimitato da virgole)",
              "es": "CSV UTF-8 (delimitado por comas)"}
    [finding] = report(b"PK\x03\x04" + b"\0" * 100, lang)["findings"]
    assert labels[lang] in finding["message"] and "UTF-8" in finding["message"]


# --- bounded work: the password path stays linear ----------------------------------------------------

HOSTILE = "4@8({[<369!|1l70$5+%2"


def _hostile_rows(count: int) -> bytes:
    """Distinct passwords built to defeat the shortcut (a digit run) and to feed zxcvbn's l33t matcher."""
    rows = [f"user{i},{HOSTILE}{i:06d}123456789{HOSTILE[::-1]}{'ab' * 30}"[:128] + ",," for i in range(count)]
    return csv_file(*rows)


def test_hostile_passwords_take_time_linear_in_their_rows() -> None:
    report(_hostile_rows(5), "en")  # dictionaries and caches loaded
    times = {}
    for count in (100, 400):
        started = time.perf_counter()
        report(_hostile_rows(count), "en")
        times[count] = time.perf_counter() - started
    assert times[400] < 6 * times[100] + 0.5  # 4 times the rows: about 4 times the time
    assert times[400] / 400 < 0.05  # and each row bounded: 10,000 such rows in minutes at worst, not hours


# --- generated input: never raises, never leaks ------------------------------------------------------

TRICKY = st.sampled_from(["\u200b", "\u200e", "\u202e", "\u2066", "\ufeff", "\u2028", "\u2029", "\x85", "\x9d",
                          "\ufdd0", "\ufffe", "\U0001fffe", "\ud800", "\udfff", "\u0430", "\u0435", "\u043e", "\uff45",
                          "\uff21", "\x00",
                          "\x1b", "\x7f", ",", ";", '"', "\r", "\n", "\t", "=", "@"])
CELL = st.lists(st.one_of(TRICKY, st.characters(codec="utf-8")), max_size=12).map("".join)
PASSWORD_SIGNS = "!#$%&*=?^~"
PASSWORD = st.text(alphabet="abcdefghijkXYZ0123456789" + PASSWORD_SIGNS, min_size=10, max_size=30).filter(
    lambda p: any(sign in p for sign in PASSWORD_SIGNS))


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(CELL, PASSWORD, CELL, CELL), min_size=1, max_size=8), st.sampled_from(LANGUAGES))
def test_surrogates_noncharacters_controls_bidi_and_look_alikes_never_break_the_report(rows: list, lang: str) -> None:
    lines = [",".join(HEADERS[lang])] + [",".join((a, p, c, d)) for a, p, c, d in rows]
    data = "\r\n".join(lines).encode("utf-8", "surrogatepass")
    result = report(data, lang)
    text = json.dumps({k: v for k, v in result.items() if k not in ("fixed", "parts")}, ensure_ascii=False)
    for _, password, *_ in rows:
        assert password not in text
    if result["fixed"] is not None:  # a copy is only offered when it checks clean of errors again
        assert report(result["fixed"].encode(), lang)["verdict"] == "accept"
