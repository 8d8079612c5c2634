"""A private nginx serving a built site with the project's hosting/nginx.conf, for tests and benchmarks.

Debian's ``nginx`` package provides the program; the configuration, pid file, logs
and temporary folders live in a throw-away directory (``nginx -p DIR -c FILE``,
``daemon off``), it listens on 127.0.0.1 on a free port, and the system's nginx
service is never started or read. The server block is the README's: root,
hosting/nginx.conf included as it is, the build's _csp.nginx.conf, the 404 page.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sitebuild.paths import ROOT
from sitebuild.testing.loopback import free_port

NGINX = Path("/usr/sbin/nginx")
CONFIG = ROOT / "hosting" / "nginx.conf"
CSP_FILE = "_csp.nginx.conf"  # written into the site by sitebuild/csp.py
START_TIMEOUT = 15.0



def config(work: Path, document_root: Path, site: Path, prefix: str, port: int) -> str:
    """nginx.conf of the private instance: the README's server block and nothing else of note."""
    temp = " ".join(f"{name}_temp_path {work / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would run as "nobody", who may not read private temporary folders.
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""{user}
daemon off; worker_processes 1; pid {work}/nginx.pid; error_log {work}/error.log warn;
events {{}}
http {{
    access_log off; {temp}
    server {{
        listen 127.0.0.1:{port};
        root {document_root};
        include {CONFIG};
        include {site / CSP_FILE};
        error_page 404 {prefix}404.html;
    }}
}}
"""


@contextlib.contextmanager
def serve(site: Path, prefix: str = "/help/") -> Iterator[tuple[str, Path]]:
    """Serve ``site`` at ``prefix``; yields (base URL, error log). Fails loudly if nginx cannot start."""
    if not NGINX.is_file():
        raise RuntimeError("Debian's nginx is missing: scripts/setup --test installs it")
    site = site.resolve()
    with tempfile.TemporaryDirectory(prefix="nginx-") as tmp:
        work = Path(tmp)
        document_root = site
        if prefix != "/":
            document_root = work / "www"
            (document_root / prefix.strip("/")).parent.mkdir(parents=True)
            (document_root / prefix.strip("/")).symlink_to(site, target_is_directory=True)
        port = free_port()
        (work / "nginx.conf").write_text(config(work, document_root, site, prefix, port))
        server = subprocess.Popen([str(NGINX), "-p", str(work), "-c", str(work / "nginx.conf")],
                                  stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                if server.poll() is not None:
                    log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
                    raise RuntimeError(f"nginx stopped: {server.stderr.read().decode()}{log}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("nginx did not start listening") from None
                    time.sleep(0.1)
            yield f"http://127.0.0.1:{port}{prefix}", work / "error.log"
        finally:
            server.terminate()
            server.wait(timeout=10)
