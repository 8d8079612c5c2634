"""A private, throw-away Postfix that answers HELO/EHLO on 127.0.0.1, for differential tests.

Debian's ``postfix`` package provides the programs; everything else lives in a
temporary directory: ``main.cf``/``master.cf`` (config_directory), the queue and the
data directory, and the log (``maillog_file``, so no syslog is needed). The system's
own mail set-up is never read or touched. Only the HELO syntax restrictions are on,
``smtpd_delay_reject = no`` makes the verdict come straight after HELO/EHLO, and DNS
is off so nothing leaves the machine.

``postfix start`` must run as root: the master process refuses anything else.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sitebuild.testing.loopback import free_port, wait_for_greeting
from sitebuild.testing.postfix_config import PRIVATE_MAIN

POSTFIX = Path("/usr/sbin/postfix")
MAIL_OWNER = "postfix"
HELO_RESTRICTIONS = "reject_invalid_helo_hostname, reject_non_fqdn_helo_hostname"
START_TIMEOUT = 15.0  # seconds until the port answers with 220
REPLY_TIMEOUT = 10.0

MAIN_CF = PRIVATE_MAIN + """\
myhostname = postfix-under-test.invalid
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
smtpd_helo_required = yes
smtpd_helo_restrictions = {restrictions}
smtpd_delay_reject = no
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
"""

# The smtpd listener plus the services smtpd contacts before it answers HELO.
MASTER_CF = """\
127.0.0.1:{port} inet n - n - - smtpd
anvil     unix  -  -  n  -  1  anvil
proxymap  unix  -  -  n  -  -  proxymap
rewrite   unix  -  -  n  -  -  trivial-rewrite
postlog   unix-dgram n - n - 1 postlogd
"""


class PostfixUnavailable(RuntimeError):
    """Postfix is not installed, or this process may not start it."""


class PostfixServer:
    """A running private instance; :meth:`reply_code` asks it about one HELO value."""

    def __init__(self, root: Path, port: int) -> None:
        self.root = root
        self.port = port

    @property
    def log(self) -> str:
        path = self.root / "maillog"
        return path.read_text(errors="replace") if path.exists() else ""

    def reply_code(self, command: str, value: bytes) -> int:
        """Send ``COMMAND value`` on a fresh connection and return the reply code (250, 501 ...)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=REPLY_TIMEOUT) as sock:
            stream = sock.makefile("rb")
            _read_reply(stream)  # 220 greeting
            sock.sendall(command.encode("ascii") + b" " + value + b"\r\n")
            code = _read_reply(stream)
            sock.sendall(b"QUIT\r\n")
            return code


def _read_reply(stream) -> int:
    """The code of a (possibly multi-line, ``250-...``) SMTP reply."""
    while True:
        line = stream.readline()
        if not line:
            raise ConnectionError("Postfix closed the connection")
        if line[3:4] != b"-":
            return int(line[:3])



def _postfix(root: Path, action: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(POSTFIX), "-c", str(root / "etc"), action],
                          capture_output=True, text=True, check=False)



def check_available() -> None:
    """Raise :class:`PostfixUnavailable` with what to do; the caller FAILS, never skips."""
    if not POSTFIX.exists():
        raise PostfixUnavailable(f"{POSTFIX} is missing: install the Debian package postfix (scripts/setup --test)")
    if os.geteuid() != 0:
        raise PostfixUnavailable("the Postfix master only starts as root: run this test as root")
    try:
        pwd.getpwnam(MAIL_OWNER)
    except KeyError as error:
        raise PostfixUnavailable(f"user {MAIL_OWNER!r} is missing (the postfix package creates it)") from error


@contextlib.contextmanager
def running_postfix(restrictions: str = HELO_RESTRICTIONS) -> Iterator[PostfixServer]:
    """Start a private Postfix, yield it, and stop and delete it afterwards."""
    check_available()
    # Not under pytest's tmp dir: that is mode 0700, and Postfix's daemons run as
    # the postfix user, which must reach the queue directory.
    root = Path(tempfile.mkdtemp(prefix="mailcheck-postfix-"))
    root.chmod(0o755)
    port = free_port()
    try:
        for sub in ("etc", "queue", "data"):
            (root / sub).mkdir()
        shutil.chown(root / "data", user=MAIL_OWNER)
        (root / "etc" / "main.cf").write_text(
            MAIN_CF.format(root=root, restrictions=restrictions))
        (root / "etc" / "master.cf").write_text(MASTER_CF.format(port=port))
        started = _postfix(root, "start")
        server = PostfixServer(root, port)
        if started.returncode != 0:
            raise PostfixUnavailable(f"postfix start failed: {started.stderr}\n{server.log}")
        wait_for_greeting(port, START_TIMEOUT)
        yield server
    finally:
        _stop(root)
        shutil.rmtree(root, ignore_errors=True)


def _stop(root: Path) -> None:
    """``postfix stop`` signals the master; wait until it has gone before deleting its files."""
    pid_file = root / "queue" / "pid" / "master.pid"
    pid = int(pid_file.read_text().strip() or 0) if pid_file.exists() else 0
    _postfix(root, "stop")
    deadline = time.monotonic() + START_TIMEOUT
    while pid and time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
