"""A built copy of the site served on 127.0.0.1, for the scripts that look at it.

bench/a11y.py and scripts/screenshots.py both build the real project into a
folder of their own and serve it at the domain root (a 404 page built without
SITE_URL only finds its styles there).
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sitebuild.paths import ROOT


def build(site: Path) -> None:
    """``mkdocs build --strict`` of the project into ``site``, without the caller's SITE_URL."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def serve(site: Path) -> str:
    """Serves ``site`` until the process ends; returns its address."""
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"
