"""``python -m mailcheck helo``: the contract other tools rely on (exit codes, JSON Lines, --lang)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cli_run import with_endless_stdin


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


def test_a_ten_megabyte_paste_on_stdin_is_cut_reported_and_not_called_accepted() -> None:
    log_line = b"Dec 04 16:26:21 mx postfix/smtpd[1]: connect from unknown[127.0.0.1]\n"
    paste = b"EHLO mail.example.com\n" + log_line * 150_000
    result = run("helo", "--json", "-", stdin=paste)
    assert result.returncode == 3  # the rest was never checked: it may hold a rejected name
    (line,) = result.stdout.splitlines()
    report = json.loads(line)
    assert report["helo"] == "mail.example.com"
    assert [f["code"] for f in report["findings"]] == ["HELO_INPUT_CUT"]
    assert "262,144" in report["findings"][0]["message"]  # grouped as English writes numbers


def test_a_rejected_name_before_the_cut_still_exits_1() -> None:
    assert run("helo", "-", stdin=b"HELO localhost\n" + b"x " * 300_000).returncode == 1


def test_names_past_the_first_hundred_make_the_exit_code_say_incomplete() -> None:
    names = "\n".join(f"h{i}.example.com" for i in range(150)).encode()
    result = run("helo", "--json", "-", stdin=names)
    assert result.returncode == 3
    assert len(result.stdout.splitlines()) == 100


def test_stdin_is_read_only_up_to_the_cap() -> None:
    """An endless standard input: the command reads the cap, answers and ends."""
    result = with_endless_stdin("EHLO mail.example.com", "helo", "--json", "-")
    assert result.returncode == 3
    assert json.loads(result.stdout)["findings"][-1]["code"] == "HELO_INPUT_CUT"


def test_help_lists_the_exit_codes() -> None:
    text = run("helo", "--help").stdout.decode()
    for code in ("0", "1", "2", "3", "4"):
        assert f"\n  {code}  " in text


def test_a_full_disk_gives_one_line_and_exit_4() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run([sys.executable, "-m", "mailcheck", "helo", "localhost"], stdout=full,
                                stderr=subprocess.PIPE, check=False)
    assert result.returncode == 4
    assert result.stderr.decode().count("\n") == 1 and "Traceback" not in result.stderr.decode()
    assert "cannot write the output" in result.stderr.decode()


def test_a_closed_pipe_gives_one_line_and_exit_4() -> None:
    names = "\n".join(f"h{i}.example.com" for i in range(100)).encode()
    process = subprocess.Popen([sys.executable, "-m", "mailcheck", "helo", "--json", "-"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader goes away before the first line (as "| head -0" would)
    _, error = process.communicate(names, timeout=60)
    assert process.returncode == 4
    assert error.decode().count("\n") == 1 and "Traceback" not in error.decode()
    assert "closed the pipe" in error.decode()
