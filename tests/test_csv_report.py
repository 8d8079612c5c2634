"""The report the CLI and the widget show: shape, messages, summary, corrected copy, robustness."""

from __future__ import annotations

import codecs
import csv
import io
import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailcheck.csvcheck import report, template
from mailcheck.csvcheck.codes import RULES
from mailcheck.csvcheck.header import headers
from mailcheck.i18n import LANGUAGES
from mailcheck.policy import policy

HEADERS = headers(policy()["labels"])
SECRET = "Zebra-Quasar-Nimbus-71"


def test_report_shape() -> None:
    result = report(template("en").encode(), "en")
    assert set(result) == {"verdict", "rows", "findings", "summary", "detected", "fixed", "parts"}
    assert result["verdict"] == "reject"  # the template's example passwords are known to anyone
    assert result["rows"] == len(policy()["csv"]["example_rows"]["en"])
    assert result["detected"] == {"encoding": "UTF-8", "delimiter": ",", "line_ends": "CRLF",
                                  "header_language": "en"}
    json.dumps(result)  # the widget receives it as JSON


def test_finding_objects_follow_the_cli_contract() -> None:
    result = report(b"Jane,short\n", "de")
    for item in result["findings"]:
        assert set(item) == {"row", "column", "code", "severity", "message"}
        assert item["row"] is None or isinstance(item["row"], int)
        assert item["column"] in (None, "A", "B", "C", "D")
        assert item["severity"] in ("error", "warning", "info")
        assert item["code"] in RULES
        assert item["message"]


def test_messages_and_summary_are_in_the_requested_language() -> None:
    data = b"jane;short\n"
    english = report(data, "en")
    for lang in LANGUAGES:
        result = report(data, lang)
        assert [f["code"] for f in result["findings"]] == [f["code"] for f in english["findings"]]
        if lang != "en":
            assert result["summary"] != english["summary"]
            assert all(ours != theirs for ours, theirs in
                       zip([f["message"] for f in result["findings"]], [f["message"] for f in english["findings"]],
                           strict=True))


def test_translated_terms_appear_in_messages() -> None:
    [finding] = report(b"PK\x03\x04", "fr")["findings"]
    assert "classeur" in finding["message"]


def test_passwords_are_never_in_the_report_unless_in_the_corrected_copy() -> None:
    rows = [f"{SECRET},{SECRET}", f"jane,{SECRET[:8]}", f"john, {SECRET}", f"-x,-{SECRET}"]
    result = report(("\n".join(rows) + "\n").encode(), "en")
    assert result["fixed"] is None
    text = json.dumps(result, ensure_ascii=False)
    assert SECRET not in text and SECRET[:8] not in text and SECRET[1:] not in text


def test_long_cells_are_shortened_in_messages() -> None:
    long = "x" * 500 + "@example.org"
    [finding] = report(f"{','.join(HEADERS['en'])}\njane,{SECRET},{long},0\n".encode(), "en")["findings"]
    assert len(finding["message"]) < 300


def corrected(data: bytes, lang: str = "en") -> list[list[str]]:
    fixed = report(data, lang)["fixed"]
    assert fixed is not None
    assert fixed.endswith("\r\n") and "\n" not in fixed.replace("\r\n", "")
    return list(csv.reader(io.StringIO(fixed, newline="")))


def test_corrected_copy_of_a_file_with_only_mechanical_problems() -> None:
    header = ";".join(title.upper() for title in HEADERS["it"])
    text = f"{header}\r\n Jane.Doe ;{SECRET} ;;\r\n;;;\r\nJohn;{SECRET}1;team@example.org;1\r\n"
    assert corrected(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == [
        HEADERS["it"], ["jane.doe", SECRET, "", ""], ["john", SECRET + "1", "team@example.org", "1"]]


def test_corrected_copy_is_utf8_text_from_windows_1252() -> None:
    data = f"{';'.join(HEADERS['de'])}\r\njane;{SECRET};;\r\n".encode("cp1252")  # "löschen" in the header
    rows = corrected(data)
    assert rows[0] == HEADERS["de"]
    assert rows[1][1] == SECRET


@pytest.mark.parametrize("codec", ["cp1252", "mac_roman", "cp1250", "cp850"])
def test_a_password_decoded_by_guesswork_is_an_error_and_nothing_is_offered(codec: str) -> None:
    data = f"{';'.join(HEADERS['en'])}\r\njane;Zürich-Bärengraben-Käse-7;;\r\n".encode(codec)
    result = report(data, "en")
    errors = [f["code"] for f in result["findings"] if f["severity"] == "error"]
    assert "CSV_B_ENCODING" in errors and set(errors) <= {"CSV_B_ENCODING", "CSV_INVISIBLE"}
    assert (result["fixed"], result["parts"]) == (None, [])
    assert "Bären" not in json.dumps(result, ensure_ascii=False)


def test_one_stray_byte_makes_only_its_line_a_guess() -> None:
    lines = [",".join(HEADERS["en"]), f"jane,Zürich-Bärengraben-Käse-{SECRET},,",
             "john,Caf\u00e9-Gl\u00fcck-Tr\u00e4ume-5,,"]
    data = "\r\n".join(lines).encode() + b"\r\n"
    data = data.replace(b"john", b"jo\xffn")  # row 3 is not valid UTF-8 any more
    result = report(data, "en")
    errors = {(f["row"], f["code"]) for f in result["findings"] if f["severity"] == "error"}
    assert (3, "CSV_B_ENCODING") in errors and not any(row == 2 for row, _ in errors)
    assert result["fixed"] is None


def test_no_corrected_copy_when_there_is_an_error_or_nothing_to_correct() -> None:
    assert report(f"{';'.join(HEADERS['en'])}\njane;short\n".encode(), "en")["fixed"] is None
    assert report(f"{','.join(HEADERS['en'])}\r\njane,{SECRET},,\r\n".encode(), "en")["fixed"] is None


def test_summary_mentions_the_corrected_copy() -> None:
    result = report(f"{';'.join(HEADERS['en'])}\njane;{SECRET}\n".encode(), "en")
    assert result["fixed"] is not None
    assert "corrected copy" in result["summary"]


def test_template_in_every_language_is_a_clean_file() -> None:
    for lang in LANGUAGES:
        text = template(lang)
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows == [HEADERS[lang], *policy()["csv"]["example_rows"][lang]]
        assert text.count("\r\n") == len(rows)
        result = report(text.encode(), lang)
        # The rows are clean but their passwords are the examples everyone can read.
        assert {(f["row"], f["code"]) for f in result["findings"]} == {(2, "CSV_B_EXAMPLE"), (3, "CSV_B_EXAMPLE")}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_give_a_report_quickly(data: bytes) -> None:
    start = time.perf_counter()
    result = report(data, "fr")
    assert time.perf_counter() - start < 2
    assert result["verdict"] in ("accept", "reject")
    assert all(f["code"] in RULES for f in result["findings"])


CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["", "0", "1", "jane", "Jane.Doe", "a@b.org", "=1+1", " x ", SECRET, '"', "a,b", "a;b", "\t", "\r\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELL, max_size=6), max_size=20), st.sampled_from([",", ";", "\t"]),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]), st.booleans())
def test_any_spreadsheet_like_file_gives_a_report(rows: list[list[str]], delimiter: str, encoding: str,
                                                  with_header: bool) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([HEADERS["en"], *rows] if with_header else rows)
    data = buffer.getvalue().encode(encoding, errors="replace")
    result = report(data, "de")
    assert result["verdict"] in ("accept", "reject")
    if result["fixed"] is not None:  # the corrected copy checks clean, apart from the daily limit
        again = report(result["fixed"].encode(), "de")
        assert {f["code"] for f in again["findings"]} <= {"CSV_OVER_DAILY_LIMIT", "CSV_FORMULA", "CSV_C_SELF",
                                                          "CSV_D_MISSING"}


def _rows_file(rows: int) -> bytes:
    """A valid file of ``rows`` data rows (distinct addresses, strong distinct passwords)."""
    header = template("en").splitlines()[0]
    lines = [header, *(f"user.{i:05d},Quiet-Harbor-{i:05d}-Lantern-Mosaic,," for i in range(rows))]
    return ("\r\n".join(lines) + "\r\n").encode()


def test_progress_counts_rows_up_to_the_total_and_changes_nothing() -> None:
    from mailcheck.csvcheck.check import PROGRESS_EVERY

    data = _rows_file(2 * PROGRESS_EVERY + 17)
    calls: list[tuple[int, int]] = []
    with_progress = report(data, "de", lambda done, total: calls.append((done, total)))
    assert with_progress == report(data, "de")
    assert calls == [(PROGRESS_EVERY, 517), (2 * PROGRESS_EVERY, 517), (517, 517)]
    assert with_progress["rows"] == 517


def test_no_progress_for_a_file_that_cannot_be_read() -> None:
    calls: list[tuple[int, int]] = []
    assert report(b"", "en", lambda done, total: calls.append((done, total)))["verdict"] == "reject"
    assert calls == []
