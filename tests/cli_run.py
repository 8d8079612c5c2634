"""The command line as the CLI tests run it, shared by every tool's tests."""

from __future__ import annotations

import subprocess
import sys


def with_endless_stdin(line: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``yes LINE | python -m mailcheck ARGS``: the command must read its cap and end by itself."""
    producer = subprocess.Popen(["yes", line], stdout=subprocess.PIPE)
    try:
        return subprocess.run([sys.executable, "-m", "mailcheck", *args], stdin=producer.stdout,
                              capture_output=True, timeout=60, check=False)
    finally:
        producer.kill()
        producer.wait()
