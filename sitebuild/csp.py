"""The exact Content-Security-Policy of the site just built, in forms servers take directly.

A strict policy (nothing from other hosts, no eval, no inline code) breaks the
theme unless every inline script that remains is allowed by its sha256 hash.
Our own scripts are files; Material still writes a few inline scripts, and some
of them differ with the page's depth and with ``site_url``, so nobody deploying
the site could compute the list by hand. The build scans every page it wrote
and writes:

    _headers             the policy for static hosts that read such a file (``/*`` + header lines)
    _csp.nginx.conf      ``add_header Content-Security-Policy "..." always;`` for nginx to ``include``

WebAssembly needs ``'wasm-unsafe-eval'`` (the checkers' Pyodide and the search's
Pagefind); the checkers' module worker needs ``worker-src 'self'``; never
``'unsafe-eval'``.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

HEADERS_FILE = "_headers"
NGINX_FILE = "_csp.nginx.conf"
# Directive -> sources; the inline scripts' hashes join script-src.
POLICY: dict[str, list[str]] = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "worker-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],  # the 404 pages set a <base> of this site (overrides/404.html)
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
}
# <script type> values a browser executes (none, a JavaScript MIME type, module);
# the JSON blocks of the checkers' strings are data, which CSP does not govern.
_EXECUTED = {"", "module", "text/javascript", "application/javascript"}


class _InlineScripts(HTMLParser):
    """The text of every executed <script> without ``src``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").strip().lower()
        if tag == "script" and "src" not in attributes and kind in _EXECUTED:
            self._inside = []

    def handle_data(self, data: str) -> None:
        if self._inside is not None:
            self._inside.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inside is not None:
            self.scripts.append("".join(self._inside))
            self._inside = None


def inline_script_hashes(site_dir: Path) -> list[str]:
    """``'sha256-…'`` of every distinct inline script in the site's pages, sorted."""
    hashes = set()
    for page in site_dir.rglob("*.html"):
        parser = _InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        for script in parser.scripts:
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def policy(site_dir: Path) -> str:
    """The policy for ``site_dir`` as one header value."""
    directives = {**POLICY, "script-src": [*POLICY["script-src"], *inline_script_hashes(site_dir)]}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def write(site_dir: Path) -> str:
    """Write ``_headers`` and ``_csp.nginx.conf`` into ``site_dir``; return the policy."""
    value = policy(site_dir)
    (site_dir / HEADERS_FILE).write_text(f"/*\n  Content-Security-Policy: {value}\n", encoding="utf-8")
    (site_dir / NGINX_FILE).write_text(
        "# Written by the site build (sitebuild/csp.py) for exactly these pages: include it where\n"
        "# the site is served. \"always\" sends it with error pages too.\n"
        f'add_header Content-Security-Policy "{value}" always;\n',
        encoding="utf-8",
    )
    return value
