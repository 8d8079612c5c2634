"""``python -m mailcheck helo``: the contract other tools rely on (exit codes, JSON Lines, --lang)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mailcheck.i18n import number


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mailcheck", *args], input=stdin,
                          capture_output=True, check=False)


def json_lines(result: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_accepted_names_exit_0() -> None:
    result = run("helo", "mail.example.com", "EHLO mx.example.org")
    assert result.returncode == 0, result.stderr
    assert "mail.example.com" in result.stdout.decode()


def test_one_rejected_name_exits_1() -> None:
    assert run("helo", "mail.example.com", "localhost").returncode == 1


@pytest.mark.parametrize("args", [(), ("helo",), ("helo", "--lang", "pt", "x.example.com"), ("nope", "x"),
                                  ("helo", "--bogus", "x.example.com")])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert b"usage:" in result.stderr


def test_json_lines_one_object_per_value() -> None:
    result = run("helo", "--json", "mail.example.com", "[127.0.0.1]", "host.local")
    assert result.returncode == 1
    objects = json_lines(result)
    assert [(o["input"], o["helo"], o["verdict"]) for o in objects] == [
        (1, "mail.example.com", "accept"), (2, "[127.0.0.1]", "reject"), (3, "host.local", "accept")]
    for obj in objects:
        for item in obj["findings"]:
            assert set(item) >= {"code", "severity", "message"}
            assert item["severity"] in {"error", "warning", "info"}
    assert objects[1]["findings"][0]["code"] == "HELO_ADDRESS_LITERAL"
    assert objects[2]["findings"][0]["severity"] == "warning"


def test_stdin_dash_reads_a_pasted_log() -> None:
    log = b"postfix/smtpd: NOQUEUE: reject: ... helo=<srv01>\npostfix/smtpd: ... helo=<mx.example.org>\n"
    objects = json_lines(run("helo", "--json", "-", stdin=log))
    assert [(o["input"], o["helo"]) for o in objects] == [(1, "srv01"), (1, "mx.example.org")]


def test_undecodable_bytes_are_flagged_not_fatal() -> None:
    result = run("helo", "--json", "-", stdin=b"mail.ex\xe4mple.com")
    assert result.returncode == 1
    assert "HELO_NON_ASCII" in {f["code"] for f in json_lines(result)[0]["findings"]}


@pytest.mark.parametrize(("lang", "word"), [
    ("fr", "Infomaniak refuse «"), ("de", "Infomaniak lehnt"), ("it", "Infomaniak rifiuta"),
    ("es", "Infomaniak rechaza"), ("en", "Infomaniak refuses"),
])
def test_human_output_in_the_chosen_language(lang: str, word: str) -> None:
    result = run("helo", "--lang", lang, "localhost")
    assert result.returncode == 1
    text = result.stdout.decode()
    assert word in text
    assert "550 5.7.1" in text and "HELO_LOOPBACK" in text


def test_json_messages_follow_lang() -> None:
    (obj,) = json_lines(run("helo", "--json", "--lang", "de", "www"))
    assert obj["findings"][0]["message"].startswith("„www“")


def test_a_ten_megabyte_paste_on_stdin_is_cut_and_reported() -> None:
    log_line = b"Dec 04 16:26:21 mx postfix/smtpd[1]: connect from unknown[127.0.0.1]\n"
    paste = b"EHLO mail.example.com\n" + log_line * 150_000
    result = run("helo", "--json", "-", stdin=paste)
    assert result.returncode == 0
    (line,) = result.stdout.splitlines()
    report = json.loads(line)
    assert report["helo"] == "mail.example.com"
    assert [f["code"] for f in report["findings"]] == ["HELO_INPUT_CUT"]
    assert number(len(paste), "en") in report["findings"][0]["message"]  # 10,350,022: grouped
