"""Daily batches: a file over the daily limit cut into parts, in its own format, byte for byte."""

from __future__ import annotations

import base64
import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mailcheck import web
from mailcheck.csvcheck import report
from mailcheck.csvcheck.header import headers
from mailcheck.csvcheck.split import part_name, split
from mailcheck.policy import policy

LIMIT = policy()["limits"]["batch_addresses_per_day"]
HEADER = headers(policy()["labels"])["en"]
WORDS = ("Pine", "Harbor", "Lantern", "Copper", "Meadow", "Violin", "Basil", "Quartz", "Canvas", "Orbit")


def rows(count: int) -> list[list[str]]:
    """Rows the checker accepts: distinct addresses, strong passwords, some forwarding, one quoted comma."""
    made = []
    for i in range(count):
        password = f"{WORDS[i % 10]}-{WORDS[(i // 10) % 10]}+{WORDS[(i * 7) % 10]}-{i:03d}"
        if i == 3:
            password = password.replace("+", ",")  # a separator inside a quoted cell
        forward = [f"team{i}@example.org", str(i % 2)] if i % 3 == 2 else ["", ""]
        made.append([f"user{i:03d}", password, *forward])
    return made


def csv_bytes(count: int, *, delimiter: str = ",", newline: str = "\n", encoding: str = "utf-8",
              bom: bytes = b"") -> bytes:
    def line(cells: list[str]) -> str:
        return delimiter.join(f'"{c}"' if delimiter in c else c for c in cells) + newline
    return bom + "".join(line(cells) for cells in [HEADER, *rows(count)]).encode(encoding)


def test_120_rows_give_three_parts_of_50_50_and_20_with_the_header() -> None:
    data = csv_bytes(120)
    parts = report(data, "en")["parts"]
    assert [part.rows for part in parts] == [LIMIT, LIMIT, 120 - 2 * LIMIT] == [50, 50, 20]
    header, *body = data.decode().splitlines(keepends=True)
    assert [part.data.decode() for part in parts] == [
        header + "".join(body[:50]), header + "".join(body[50:100]), header + "".join(body[100:])]


FORMATS = {
    "utf-8, LF": {},
    "utf-8 with BOM, CRLF": {"bom": codecs.BOM_UTF8, "newline": "\r\n"},
    "utf-16 LE with BOM, CRLF": {"bom": codecs.BOM_UTF16_LE, "encoding": "utf-16-le", "newline": "\r\n"},
    "utf-16 BE with BOM, LF": {"bom": codecs.BOM_UTF16_BE, "encoding": "utf-16-be"},
    "utf-8, CR": {"newline": "\r"},
}


@pytest.mark.parametrize("options", FORMATS.values(), ids=FORMATS.keys())
def test_parts_keep_the_file_byte_for_byte_and_are_accepted_again(options: dict) -> None:
    data = csv_bytes(LIMIT * 2 + 7, **options)
    result = report(data, "en")
    assert result["verdict"] == "accept" and result["fixed"] is None, result["findings"]
    parts = result["parts"]
    assert [part.rows for part in parts] == [LIMIT, LIMIT, 7]
    header_length = len(options.get("bom", b"")) + len(
        (",".join(HEADER) + options.get("newline", "\n")).encode(options.get("encoding", "utf-8")))
    assert all(part.data[:header_length] == data[:header_length] for part in parts)
    assert data[:header_length] + b"".join(part.data[header_length:] for part in parts) == data
    for part in parts:
        again = report(part.data, "en")
        assert again["verdict"] == "accept" and again["parts"] == [] and again["fixed"] is None
        assert again["rows"] == part.rows
        assert again["detected"] == result["detected"]


def test_a_corrected_copy_is_what_gets_cut() -> None:
    data = csv_bytes(LIMIT + 1, delimiter=";", encoding="cp1252", newline="\r\n")
    result = report(data, "de")
    assert result["fixed"] is not None
    parts = result["parts"]
    assert [part.rows for part in parts] == [LIMIT, 1]
    fixed = result["fixed"].encode("utf-8")
    header_length = fixed.index(b"\r\n") + 2
    assert fixed[:header_length] + b"".join(part.data[header_length:] for part in parts) == fixed
    for part in parts:
        again = report(part.data, "de")
        assert again["verdict"] == "accept" and again["fixed"] is None and again["findings"] == []


def test_no_parts_for_a_file_with_errors_or_within_one_day() -> None:
    broken = csv_bytes(120).replace(b"user005,", b"user 005,")
    assert report(broken, "en")["verdict"] == "reject"
    assert report(broken, "en")["parts"] == []
    assert report(csv_bytes(LIMIT), "en")["parts"] == []


def test_trailing_blank_rows_stay_in_the_last_part() -> None:
    data = csv_bytes(LIMIT + 2) + b"\n,,,\n"
    parts = split(data, ",", LIMIT)
    assert [part.rows for part in parts] == [LIMIT, 2]
    assert parts[-1].data.endswith(b"\n,,,\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("addresses.csv", "addresses-part-2-of-3.csv"),
    ("new staff.CSV", "new staff-part-2-of-3.csv"),
    ("a\\b/c.csv", "a_b_c-part-2-of-3.csv"),  # nothing dropped: a slash becomes "_"
    (".csv", "addresses-part-2-of-3.csv"),
    ("export", "export-part-2-of-3.csv"),
    ("", "addresses-part-2-of-3.csv"),
])
def test_part_names(name: str, expected: str) -> None:
    assert part_name(name, 2, 3) == expected


def test_cli_writes_the_parts_into_the_folder(tmp_path: Path) -> None:
    source = tmp_path / "staff.csv"
    source.write_bytes(csv_bytes(120, newline="\r\n"))
    out = tmp_path / "days"
    done = subprocess.run([sys.executable, "-m", "mailcheck", "csv", "--json", "--split", str(out), str(source)],
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)["parts"]
    assert listed == [{"name": f"staff-part-{i}-of-3.csv", "rows": rows} for i, rows in ((1, 50), (2, 50), (3, 20))]
    assert sorted(path.name for path in out.iterdir()) == [item["name"] for item in listed]
    assert report((out / "staff-part-3-of-3.csv").read_bytes(), "en")["rows"] == 20
    assert b"Pine" not in done.stdout  # the passwords stay in the files
    text = subprocess.run([sys.executable, "-m", "mailcheck", "csv", "--lang", "es", str(source)],
                          capture_output=True, timeout=120, check=False)
    assert "--split" in text.stdout.decode() and "3" in text.stdout.decode()


def test_web_answer_carries_named_parts_in_base64() -> None:
    data = csv_bytes(LIMIT + 5, bom=codecs.BOM_UTF16_LE, encoding="utf-16-le")
    request = {"checker": "csv", "lang": "it", "name": "team.csv", "data": base64.b64encode(data).decode()}
    parts = json.loads(web.run(json.dumps(request)))["result"]["parts"]
    assert [(p["name"], p["rows"]) for p in parts] == [("team-parte-1-di-2.csv", LIMIT), ("team-parte-2-di-2.csv", 5)]
    assert all(base64.b64decode(p["data"]).startswith(codecs.BOM_UTF16_LE) for p in parts)
