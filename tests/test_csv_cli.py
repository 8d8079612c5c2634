"""``python -m mailcheck csv`` and ``template`` as other tools call them: a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mailcheck.csvcheck.header import headers
from mailcheck.i18n import LANGUAGES
from mailcheck.policy import policy

FIXTURES = Path(__file__).parent / "fixtures" / "csv"
HEADERS = headers(policy()["labels"])


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mailcheck", *args], input=stdin, capture_output=True,
                          timeout=60, check=False)


def test_good_file_exits_0() -> None:
    done = run("csv", str(FIXTURES / "good_utf8_comma_en.csv"))
    assert done.returncode == 0, done.stderr
    assert b"Rows read: 3" in done.stdout


def test_bad_file_exits_1_with_one_json_object() -> None:
    done = run("csv", "--json", "--lang", "it", str(FIXTURES / "weak_passwords.csv"))
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["verdict"] == "reject"
    assert result["rows"] == 6
    assert "fixed" not in result  # it would hold passwords in clear
    for item in result["findings"]:
        assert set(item) == {"row", "column", "code", "severity", "message"}
    assert b"aaaaaaaaaaaa" not in done.stdout and b"password123" not in done.stdout


def test_a_workbook_is_a_reject_not_a_crash() -> None:
    done = run("csv", "--json", str(FIXTURES / "workbook.xlsx"))
    assert done.returncode == 1
    assert [f["code"] for f in json.loads(done.stdout)["findings"]] == ["CSV_NOT_TEXT"]


def test_stdin() -> None:
    data = (FIXTURES / "unicode_text_utf16_tab_es.csv").read_bytes()
    done = run("csv", "--json", "-", stdin=data)
    assert done.returncode == 0
    assert json.loads(done.stdout)["detected"]["encoding"] == "UTF-16 LE with BOM"


def test_fixed_copy_is_written_on_request(tmp_path: Path) -> None:
    out = tmp_path / "fixed.csv"
    done = run("csv", "--fixed", str(out), str(FIXTURES / "mechanical_it.csv"))
    assert done.returncode == 0
    text = out.read_bytes().decode("utf-8")
    assert text.startswith(",".join(HEADERS["it"]) + "\r\n")
    assert run("csv", "--json", str(out)).returncode == 0


def test_fixed_without_a_copy_removes_an_older_copy_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "fixed.csv"
    out.write_text("an older copy\r\n")
    done = run("csv", "--fixed", str(out), str(FIXTURES / "weak_passwords.csv"))
    assert done.returncode == 1
    assert not out.exists()
    assert b"removed" in done.stderr and b"Traceback" not in done.stderr
    done = run("csv", "--fixed", str(out), str(FIXTURES / "weak_passwords.csv"))
    assert not out.exists() and b"not written" in done.stderr


def test_fixed_copy_to_an_unwritable_place_is_a_usage_error_in_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "fixed.csv"
    done = run("csv", "--fixed", str(target), str(FIXTURES / "mechanical_it.csv"))
    assert done.returncode == 2
    assert len(done.stderr.decode().strip().splitlines()) == 1
    assert b"Traceback" not in done.stderr and b"fixed.csv" in done.stderr


def test_a_file_over_the_cap_is_refused_as_too_large_after_reading_only_the_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as stream:
        stream.truncate(50 * policy()["csv"]["max_bytes"])  # sparse: costs no disk
    for args in (("csv", "--json", str(big)), ("csv", "--json", "-")):
        done = run(*args, stdin=b"a" * (policy()["csv"]["max_bytes"] + 10) if args[-1] == "-" else b"")
        assert done.returncode == 1
        [finding] = json.loads(done.stdout)["findings"]
        assert finding["code"] == "CSV_TOO_LARGE"
        assert "larger than 2\u00a0MB" in finding["message"]  # number and unit never apart


@pytest.mark.parametrize("args", [
    ("csv", "/nonexistent/file.csv"),
    ("csv", "--lang", "xx", "file.csv"),
    ("csv",),
    ("template", "--lang", "xx"),
])
def test_unreadable_file_or_usage_error_exits_2(args: tuple[str, ...]) -> None:
    assert run(*args).returncode == 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_template(lang: str) -> None:
    done = run("template", "--lang", lang)
    assert done.returncode == 0
    lines = done.stdout.decode("utf-8").split("\r\n")
    assert lines[0] == ",".join(HEADERS[lang])
    assert len(lines) == 1 + len(policy()["csv"]["example_rows"][lang]) + 1  # CRLF after the last row too
    checked = run("csv", "--json", "-", stdin=done.stdout)
    # The template's rows are clean; their passwords are the examples anyone can read.
    assert checked.returncode == 1
    assert {f["code"] for f in json.loads(checked.stdout)["findings"]} == {"CSV_B_EXAMPLE"}
