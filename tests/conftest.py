"""Shared fixtures: the real site built once per session, and a static server for it."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``mkdocs build --strict`` of the project as a user runs it (no SITE_URL)."""
    site = tmp_path_factory.mktemp("site")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return site


class _Handler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix`` only, like a site hosted at /help/."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args: object) -> None:  # keep test output readable
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing file gets the site's 404 page of its language folder, as a host is told to set up."""
        if code != 404 or not self.path.startswith(self.prefix):
            return super().send_error(code, message, explain)
        folder = self.path[len(self.prefix):].split("/", 1)[0]
        page = Path(self.directory) / folder / "404.html"
        body = (page if folder and page.is_file() else Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


@pytest.fixture(scope="session")
def serve() -> Iterator:
    """``serve(site_dir, prefix="/help/")`` -> base URL of a local static server."""
    servers: list[ThreadingHTTPServer] = []

    def start(directory: Path, prefix: str = "/help/") -> str:
        handler = type("Handler", (_Handler,), {"prefix": prefix})
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{prefix}"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def published_widgets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checkers' ``_widgets/`` folder as widget_assets.publish writes it, without MkDocs."""
    from sitebuild import widget_assets

    site = tmp_path_factory.mktemp("widgets-site")
    widget_assets.publish(site)
    return site / widget_assets.ASSETS


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the session; tests open their own pages."""
    from playwright.sync_api import sync_playwright

    from sitebuild.testing.browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
