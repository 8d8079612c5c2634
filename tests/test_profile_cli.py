"""``python -m mailcheck profile`` as other tools call it: exit 0 / 1 / 2 / 4, the profile on stdout."""

from __future__ import annotations

import json
import os
import plistlib
import subprocess
import sys

import pytest

from mailcheck.policy import policy
from mailcheck.profile import build_profile, to_plist


def run(*args: str | bytes, **options: object) -> subprocess.CompletedProcess:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    return subprocess.run([sys.executable, "-m", "mailcheck", "profile", *args], timeout=60, check=False, **streams)


def test_personal_profile_on_stdout_exit_0() -> None:
    done = run("--address", "jane@example.org", "--name", "Jane Doe", "--lang", "fr")
    assert done.returncode == 0, done.stderr
    [mail] = plistlib.loads(done.stdout)["PayloadContent"]
    assert (mail["EmailAddress"], mail["EmailAccountName"]) == ("jane@example.org", "Jane Doe")
    assert done.stderr == b""


def test_without_address_the_published_profile() -> None:
    done = run("--lang", "de")
    assert done.returncode == 0
    assert done.stdout == to_plist(build_profile(policy(), "de"))


def test_bad_address_exit_1_message_on_stderr_nothing_on_stdout() -> None:
    done = run("--address", "jane", "--lang", "es")
    assert done.returncode == 1
    assert done.stdout == b""
    assert "PROFILE_ADDRESS_NO_AT" in done.stderr.decode() and "«jane»" in done.stderr.decode()


def test_json() -> None:
    done = run("--json", "--address", "Jane@Example.org")
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert result["verdict"] == "accept" and result["filename"] == "Jane@example.org.mobileconfig"
    assert [f["code"] for f in result["findings"]] == ["PROFILE_ADDRESS_NORMALIZED"]
    assert plistlib.loads(result["profile"].encode())["PayloadContent"][0]["EmailAddress"] == "Jane@example.org"


def test_usage_errors_exit_2() -> None:
    assert run("--lang", "xx").returncode == 2
    assert run("--bogus").returncode == 2
    assert run("--name", "Jane").returncode == 2  # a name without an address


@pytest.mark.parametrize("option", ["--name", "--address"])
def test_bytes_that_are_not_utf8_are_a_usage_error(option: str) -> None:
    """Not a traceback, and not exit 1 (a refused address): exit 2, naming the option and the byte."""
    args = ["--address", "jane@example.org", "--name", b"J\xe9r\xf4me"] if option == "--name" else [
        "--address", b"j\xffne@example.org"]
    done = run(*args)
    assert (done.returncode, done.stdout) == (2, b"")
    assert option.encode() in done.stderr and b"not UTF-8" in done.stderr
    assert b"Traceback" not in done.stderr


def test_a_lone_surrogate_or_a_noncharacter_is_a_finding_not_a_crash() -> None:
    done = run("--json", "--address", "jane@example.org", "--name", "Jane\ufffeDoe")
    assert done.returncode == 1
    assert [f["code"] for f in json.loads(done.stdout)["findings"]] == ["PROFILE_NAME_NOT_XML"]


def test_a_closed_pipe_exits_4_without_a_traceback() -> None:
    read, write = os.pipe()
    os.close(read)  # nobody reads: the first write fails with EPIPE
    try:
        done = run("--address", "jane@example.org", stdout=write)
    finally:
        os.close(write)
    assert done.returncode == 4
    assert b"cannot write the output" in done.stderr and b"Traceback" not in done.stderr


def test_a_full_disk_exits_4_without_a_traceback() -> None:
    with open("/dev/full", "wb") as full:
        done = run("--json", "--address", "jane@example.org", stdout=full)
    assert done.returncode == 4
    assert b"No space left" in done.stderr and b"Traceback" not in done.stderr
