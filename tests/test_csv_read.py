"""Reading real bytes: encodings, separators, line ends, not-text files, size cap."""

from __future__ import annotations

import codecs
import time

import pytest

from mailcheck.csvcheck.read import Table, line_ends, read, sniff_delimiter
from mailcheck.findings import Finding
from mailcheck.policy import policy

MAX_BYTES = policy()["csv"]["max_bytes"]
ROWS = "Address (before the @),Password\r\njane.doe,Pine-Harbor-Lantern-42\r\n"


def table(data: bytes) -> Table:
    result = read(data, max_bytes=MAX_BYTES, preferred_delimiter=",")
    assert isinstance(result, Table), result
    return result


def error_code(data: bytes, max_bytes: int = MAX_BYTES) -> str:
    result = read(data, max_bytes=max_bytes, preferred_delimiter=",")
    assert isinstance(result, Finding), result
    return result.code


@pytest.mark.parametrize(("data", "encoding"), [
    (ROWS.encode("utf-8"), "UTF-8"),
    (codecs.BOM_UTF8 + ROWS.encode("utf-8"), "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE + ROWS.encode("utf-16-le"), "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE + ROWS.encode("utf-16-be"), "UTF-16 BE with BOM"),
])
def test_unicode_encodings_read_without_finding(data: bytes, encoding: str) -> None:
    result = table(data)
    assert result.encoding == encoding
    assert result.findings == []
    assert result.records[1] == ["jane.doe", "Pine-Harbor-Lantern-42"]


def test_windows_1252_is_the_fallback_with_a_warning() -> None:
    result = table("a;Zürich-€-Grüße\r\n".encode("cp1252"))
    assert result.encoding == "Windows-1252"
    assert result.records == [["a", "Zürich-€-Grüße"]]
    assert [f.code for f in result.findings] == ["CSV_LEGACY_ENCODING", "CSV_DELIMITER"]


def test_bytes_windows_1252_leaves_undefined_still_decode() -> None:
    assert table(b"a,\x81\x8d\xe9").records == [["a", "\x81\x8d\u00e9"]]


def test_damaged_text_after_a_bom_is_an_error_but_still_read() -> None:
    result = table(codecs.BOM_UTF8 + b"jane,\xff\xfe-pass\n")
    assert [f.code for f in result.findings] == ["CSV_DAMAGED_TEXT"]
    assert result.findings[0].params["encoding"] == "UTF-8"
    assert result.records[0][0] == "jane"


@pytest.mark.parametrize("data", [
    b"PK\x03\x04\x14\x00\x06\x00",  # xlsx, ods, any ZIP
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00",  # xls
    b"%PDF-1.7\n",
    b"\x89PNG\r\n\x1a\n\x00",
    b"\xff\xd8\xff\xe0",
    b"GIF89a\x01\x00",
    b"jane,pass\x00word\n",  # NUL bytes
    b"jane;x\x07y\n",  # a control character no text export writes
])
def test_files_that_are_not_text_get_one_error(data: bytes) -> None:
    assert error_code(data) == "CSV_NOT_TEXT"


def test_the_kind_of_non_text_file_is_named() -> None:
    result = read(b"PK\x03\x04", max_bytes=MAX_BYTES, preferred_delimiter=",")
    assert isinstance(result, Finding)
    assert result.params["kind"] == "a workbook (.xlsx or .ods)"


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b" , ,\n\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_files(data: bytes) -> None:
    assert error_code(data) == "CSV_EMPTY"


def test_size_cap() -> None:
    assert error_code(b"a" * 11, max_bytes=10) == "CSV_TOO_LARGE"
    assert isinstance(read(b"a" * 10, max_bytes=10, preferred_delimiter=","), Table)


@pytest.mark.parametrize(("text", "delimiter"), [
    ("A,B,C,D\nx,y,,\n", ","),
    ("A;B;C;D\nx;y;;\n", ";"),
    ("A\tB\tC\tD\nx\ty\t\t\n", "\t"),
    # passwords full of the other separators do not sway the choice
    ("A;B;C;D\nx;p,a,s,s;;\ny;w,o,r,d;;\n", ";"),
    ("A,B,C,D\nx,\"p;a;s;s;x;y\",,\n", ","),
    # one column: nothing to go by, the template's separator wins
    ("jane\njohn\n", ","),
])
def test_delimiter_is_detected(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text, ",") == delimiter


def test_a_separator_other_than_the_templates_is_a_warning() -> None:
    finding = table(b"a;b\n").findings[0]
    assert finding.code == "CSV_DELIMITER"
    assert (finding.params["found"], finding.params["expected"]) == ("semicolons", "commas")


@pytest.mark.parametrize(("text", "ends"), [
    ("a\r\nb\r\n", "CRLF"), ("a\nb\n", "LF"), ("a\rb\r", "CR"), ("a\r\nb\n", "mixed"), ("a", "none"),
])
def test_line_ends(text: str, ends: str) -> None:
    assert line_ends(text) == ends
    assert table(text.encode()).records[0] == ["a"]


def test_cr_only_files_split_into_rows() -> None:
    assert table(b"a,b\rc,d\r").records == [["a", "b"], ["c", "d"]]


def test_rfc4180_quoting_within_a_line() -> None:
    result = table(b'"jane","pa,ss ""x""",,\r\nlast,z\r\n')
    assert result.records == [["jane", 'pa,ss "x"'], ["last", "z"]]
    assert result.findings == []


def found(result: Table) -> list[tuple[str, int | None, str | None, dict]]:
    return [(f.code, f.row, f.column, f.params) for f in result.findings]


def test_a_quoted_line_break_is_an_error_at_its_row_and_every_line_stays_a_row() -> None:
    result = table(b'a,b\r\n"multi\r\nline\r\nend",y\r\nlast,z\r\n')
    assert found(result) == [("CSV_LINE_BREAK", 2, "A", {"last": 4})]
    assert result.records == [["a", "b"], ["multi"], ["line"], ['end"', "y"], ["last", "z"]]
    assert result.skipped == {3, 4}


@pytest.mark.parametrize("ends", [b"\n", b"\r\n", b"\r"])
def test_an_unclosed_quote_names_the_rows_it_would_swallow_and_merges_nothing(ends: bytes) -> None:
    lines = [b"A,B,C,D", b'jane,"Pine-Harbor-Lantern-42,,', b"john,Copper-Meadow-Violin-7,,", b"carla,x,,"]
    result = table(ends.join(lines) + ends)
    assert found(result) == [("CSV_QUOTE_NOT_CLOSED", 2, "B", {"first": 3, "last": 4})]
    assert result.records[1:] == [["jane", "Pine-Harbor-Lantern-42,,"], ["john", "Copper-Meadow-Violin-7"],
                                  ["carla", "x"]]
    assert result.skipped == set()


def test_an_unclosed_quote_closed_by_a_later_row_swallows_up_to_that_row() -> None:
    result = table(b'A,B\njane,"Pine,,\njohn,x,,\ncarla,y"z,,\ndario,w,,\n')
    assert found(result) == [("CSV_QUOTE_NOT_CLOSED", 2, "B", {"first": 3, "last": 4})]
    assert len(result.records) == 5


def test_an_unclosed_quote_on_the_last_row() -> None:
    assert found(table(b'A,B\njane,x,"y\n')) == [("CSV_QUOTE_AT_END", 2, "C", {})]


def test_unclosed_quotes_on_every_row_stay_linear() -> None:
    data = b'a"b,"c\n' * 100_000  # each line leaves a quote open and keeps an open one open
    started = time.perf_counter()
    result = table(data)
    assert time.perf_counter() - started < 5
    # One finding per kind for the first rows, then one that counts the rest: the report stays small.
    assert [f.code for f in result.findings].count("CSV_QUOTE_NOT_CLOSED") == 20
    assert result.findings[0].params == {"first": 2, "last": 100_000}
    [more] = [f for f in result.findings if f.code == "CSV_MORE"]
    assert (more.code, more.params["code"], more.params["count"][2]) == ("CSV_MORE", "CSV_QUOTE_NOT_CLOSED", 99_979)
    assert more.params["rows"] == tuple(range(21, 41))


def test_trailing_empty_columns_and_blank_lines_are_dropped() -> None:
    assert table(b"a,b,,\n,,,\nc,d, ,\n\n\n").records == [["a", "b"], [], ["c", "d"]]


def test_a_cell_over_the_field_limit_is_an_error_at_its_row_even_on_row_1() -> None:
    for data, row in ((b'c,"' + b"x" * 200_000 + b'"\n', 1), (b"a,b\nc," + b"x" * 200_000 + b"\n", 2)):
        result = table(data)
        assert [(f.code, f.row) for f in result.findings] == [("CSV_CELL_TOO_LONG", row)]
        assert result.skipped == {row}
