"""What the private servers of the tests and fixture scripts share on 127.0.0.1."""

from __future__ import annotations

import socket
import time


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_greeting(port: int, timeout: float) -> None:
    """Until an SMTP server on ``port`` says 220; re-raises the last error after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                if sock.makefile("rb").readline().startswith(b"220"):
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.1)
