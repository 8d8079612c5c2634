"""Per-language full-text search: run Pagefind over the built site.

Pagefind reads every page's ``<html lang>`` and writes one index per language,
cut into small chunks that the browser fetches only for the words it searches.
At 1,500 guides per language a first search then costs a few hundred KB, where
one merged index of all languages costs tens of MB. It indexes only what the
templates mark ``data-pagefind-body`` (the article, not the navigation).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pagefind_bin
from mkdocs.exceptions import PluginError

BUNDLE = "pagefind"  # folder of the search bundle, from the site root (the header script loads it)
# Inside the article but not prose: the "¶" permalinks MkDocs adds to headings.
EXCLUDE = ".headerlink"

# What the browser never asks for: Pagefind's ready-made UIs (we ship a small
# one of our own) and its playground. Deleting them keeps the site lean.
_UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def index(site_dir: Path) -> None:
    """Index ``site_dir`` in place; fail the build with Pagefind's output when it fails.

    The bundled binary is called directly: the Python API starts the same binary
    as a service and adds nothing for a one-shot run over files on disk.
    """
    command = [str(pagefind_bin.get_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE,
               "--exclude-selectors", EXCLUDE, "--quiet"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise PluginError(f"search: cannot run Pagefind: {exc}") from exc
    # Pagefind exits 0 on some failures (nothing indexed): check the bundle too.
    entry = site_dir / BUNDLE / "pagefind-entry.json"
    if result.returncode != 0 or not entry.is_file():
        output = (result.stdout + result.stderr).strip()
        raise PluginError(f"search: Pagefind failed (exit {result.returncode}) on {site_dir}:\n{output}")
    for name in _UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
