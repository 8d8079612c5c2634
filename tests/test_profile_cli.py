"""``python -m mailcheck profile`` as other tools call it: exit 0 / 1 / 2, the profile on stdout."""

from __future__ import annotations

import json
import plistlib
import subprocess
import sys

from mailcheck.policy import policy
from mailcheck.profile import build_profile, to_plist


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mailcheck", "profile", *args], capture_output=True,
                          timeout=60, check=False)


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
