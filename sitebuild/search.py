"""Per-language full-text search: run Pagefind over the built site.

Pagefind reads every page's ``<html lang>`` and writes one index per language,
cut into small chunks that the browser fetches only for the words it searches.
At 1,500 guides per language a first search then costs a few hundred KB, where
one merged index of all languages costs tens of MB. It indexes only what the
templates mark ``data-pagefind-body`` (the article, not the navigation).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pagefind_bin
from mkdocs.exceptions import PluginError

BUNDLE = "pagefind"  # folder of the search bundle, from the site root (the header script loads it)
# Inside the article but not prose: the "¶" permalinks MkDocs adds to headings.
EXCLUDE = ".headerlink"

# What the browser never asks for: Pagefind's ready-made UIs (we ship a small
# one of our own). Deleting them keeps the site lean.
_UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


_background: subprocess.Popen | None = None  # a re-index still running for the preview


def _command(site_dir: Path) -> list[str]:
    return [str(pagefind_bin.get_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE,
            "--exclude-selectors", EXCLUDE, "--quiet"]


def index(site_dir: Path) -> None:
    """Index ``site_dir`` in place; fail the build with Pagefind's output when it fails.

    The bundled binary is called directly: the Python API starts the same binary
    as a service and adds nothing for a one-shot run over files on disk.

    A bundle already in ``site_dir`` means a dirty rebuild (``mkdocs serve --dirty``
    after an edit): the edited page must show at once, so the search index is
    refreshed in the background and is a few seconds behind the page.
    """
    global _background
    entry = site_dir / BUNDLE / "pagefind-entry.json"
    if entry.is_file():
        if _background is None or _background.poll() is not None:
            _background = subprocess.Popen(_command(site_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return
    try:
        result = subprocess.run(_command(site_dir), capture_output=True, text=True, check=False)
    except OSError as exc:
        raise PluginError(f"search: cannot run Pagefind: {exc}") from exc
    # Pagefind exits 0 on some failures (nothing indexed): check the bundle too.
    if result.returncode != 0 or not entry.is_file():
        output = (result.stdout + result.stderr).strip()
        raise PluginError(f"search: Pagefind failed (exit {result.returncode}) on {site_dir}:\n{output}")
    for name in _UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)


def merge(sites: list[Path], target: Path) -> None:
    """Join the bundles Pagefind wrote in ``sites`` (each with other languages) into ``target``.

    A parallel build (scripts/build_parallel.py) indexes each part's languages in that
    part, on its own core. Pagefind names every per-language file after its
    language, so the bundles only share the language-independent files; only
    the entry file, which lists the languages, has to be joined.
    """
    entry: dict = {}
    for site in sites:
        bundle = site / BUNDLE
        part = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        if entry and part["version"] != entry["version"]:
            raise PluginError(f"search: Pagefind {part['version']} in {site}, {entry['version']} elsewhere")
        entry = {**part, "languages": {**entry.get("languages", {}), **part["languages"]}}
        if bundle != target / BUNDLE:
            shutil.copytree(bundle, target / BUNDLE, dirs_exist_ok=True)
    (target / BUNDLE / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
