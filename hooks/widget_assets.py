"""Publish what the in-browser checkers need into the built site, under ``_widgets/``.

Called once per full build (the i18n plugin builds every language in turn; the
caller guards). Everything is served from the site itself, so it works offline and
under any path:

    _widgets/loader.js, worker.js, ...   the page code (widgets/web/)
    _widgets/pyodide/                    the runtime from node_modules/pyodide (npm ci)
    _widgets/wheels/                     mailcheck, built here, and its pinned dependencies
    _widgets/wheels.json                 which wheels each checker needs
    _widgets/templates/                  the CSV template in every language

``mkdocs serve`` rebuilds on every edit, so unchanged files are not copied again
(same size and mtime), the wheel is rebuilt only when its sources change, and
the ``.gz`` twins (for servers that send precompressed files) come from a cache.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mailcheck.csvcheck import template
from mailcheck.i18n import LANGUAGES
from widget_markup import ASSETS, FORMS, TEMPLATES, template_filename

ROOT = Path(__file__).resolve().parent.parent
WIDGETS = ROOT / "widgets"
PACKAGE = WIDGETS / "mailcheck"
WEB = WIDGETS / "web"
PYODIDE = ROOT / "node_modules" / "pyodide"
sys.path.insert(0, str(WIDGETS))
import compile_assets  # noqa: E402  the generated policy and catalogs, and write_if_changed

WHEEL_CACHE = ROOT / "build" / "wheels"
OWN_WHEEL_DIR = ROOT / "build" / "mailcheck-wheel"
GZIP_CACHE = ROOT / "build" / "widget-gzip"
BROWSER_REQUIREMENTS = WIDGETS / "browser-requirements.txt"

# The runtime files a module worker needs; the rest of the npm package (the
# classic-script build, source maps, typings, consoles) is never requested.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK_FILE = "pyodide-lock.json"
COMPRESSED = (".wasm", ".zip", ".mjs", ".js", ".json", ".css")  # wheels are zip-compressed already
REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)\s*#\s*for:(?P<checkers>[\w ]+)$")


class AssetError(RuntimeError):
    """Something the checkers need is missing; the message says which command fetches it."""


def _copy(source: Path, target: Path) -> bool:
    """Copy unless ``target`` already has the same size and mtime; True if copied."""
    if target.exists():
        src, dst = source.stat(), target.stat()
        if (src.st_size, src.st_mtime_ns) == (dst.st_size, dst.st_mtime_ns):
            return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return True


def _gzip_twin(path: Path, relative: Path) -> None:
    """Write ``path.gz`` for servers that send precompressed files, where it pays.

    MkDocs empties the site folder on every build, so the compressed copy is kept
    in build/widget-gzip/ and only made again when its source changes (compressing
    the runtime takes about a second). python_stdlib.zip, for one, gains nothing.
    """
    cached = GZIP_CACHE / relative.with_name(relative.name + ".gz")
    stat = path.stat()
    if not cached.exists() or cached.stat().st_mtime_ns != stat.st_mtime_ns:
        packed = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(packed if len(packed) < stat.st_size * 0.9 else b"")
        os.utime(cached, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    if cached.stat().st_size:
        _copy(cached, path.with_name(path.name + ".gz"))


def compile_catalogs() -> None:
    """policy.json and the .mo catalogs, from data/mail.yml and the .po files."""
    try:
        compile_assets.write_policy()
        compile_assets.compile_catalogs()
    except compile_assets.AssetError as error:
        raise AssetError(str(error)) from error


def _sources_digest() -> str:
    """A hash of everything that goes into the mailcheck wheel."""
    digest = hashlib.sha256()
    files = [WIDGETS / "pyproject.toml", *sorted(p for p in PACKAGE.rglob("*") if p.is_file())]
    for path in files:
        if path.suffix in {".pyc", ".po", ".pot"} or "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(WIDGETS)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_wheel() -> Path:
    """The mailcheck wheel, rebuilt only when its sources changed.

    Built from a copy of the sources: setuptools keeps a build/ folder next to the
    sources, and a module deleted there would live on in the next wheel.
    """
    stamp = OWN_WHEEL_DIR / "sources.sha256"
    digest = _sources_digest()
    wheels = sorted(OWN_WHEEL_DIR.glob("mailcheck-*.whl"))
    if len(wheels) == 1 and stamp.exists() and stamp.read_text() == digest:
        return wheels[0]
    shutil.rmtree(OWN_WHEEL_DIR, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "src"
        source.mkdir()
        shutil.copy2(WIDGETS / "pyproject.toml", source)
        shutil.copytree(PACKAGE, source / "mailcheck", ignore=shutil.ignore_patterns("__pycache__", "*.po", "*.pot"))
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
             "--wheel-dir", str(OWN_WHEEL_DIR), str(source)],
            check=True,
        )
    stamp.write_text(digest)
    return next(OWN_WHEEL_DIR.glob("mailcheck-*.whl"))


def browser_requirements() -> dict[str, list[tuple[str, str]]]:
    """checker -> [(distribution name, version)] from widgets/browser-requirements.txt."""
    needs: dict[str, list[tuple[str, str]]] = {}
    for line in BROWSER_REQUIREMENTS.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            match = REQUIREMENT.match(line.strip())
            if not match:
                raise AssetError(f"{BROWSER_REQUIREMENTS}: expected 'name==version  # for: checker ...', got {line!r}")
            for checker in match["checkers"].split():
                needs.setdefault(checker, []).append((match["name"], match["version"]))
    return needs


def _cached_wheel(name: str, version: str) -> Path:
    stem = re.sub(r"[-_.]+", "_", name).lower()
    found = [p for p in WHEEL_CACHE.glob(f"*-{version}-*.whl") if p.name.lower().startswith(stem + "-")]
    if not found:
        raise AssetError(f"no wheel for {name}=={version} in {WHEEL_CACHE}: run `python widgets/fetch_wheels.py`")
    return found[0]


def publish_wheels(target: Path) -> dict[str, list[str]]:
    """Copy the wheels into ``target``/wheels and return checker -> wheel paths (site-relative to ``target``)."""
    own = build_wheel()
    needs = browser_requirements()
    manifest = {}
    for checker in FORMS:
        wheels = [own, *(_cached_wheel(name, version) for name, version in needs.get(checker, []))]
        manifest[checker] = [f"wheels/{wheel.name}" for wheel in wheels]
        for wheel in wheels:
            _copy(wheel, target / "wheels" / wheel.name)
    # Only the current wheels: an old mailcheck wheel left behind would be dead weight.
    current = {Path(path).name for paths in manifest.values() for path in paths}
    for stale in (target / "wheels").glob("*.whl"):
        if stale.name not in current:
            stale.unlink()
    return manifest


def publish_runtime(target: Path) -> None:
    """The Pyodide files a module worker requests, from node_modules (``npm ci``)."""
    if not (PYODIDE / "pyodide.mjs").exists():
        raise AssetError(f"{PYODIDE} is missing: run `npm ci` at the repository root")
    for name in RUNTIME_FILES:
        _copy(PYODIDE / name, target / "pyodide" / name)
    # The lock file lists Pyodide's own package builds, which the npm package does
    # not contain: loading one by name would go to the CDN. An empty package list
    # (the "info" block is checked against the runtime) makes that impossible, and
    # saves the reader 119 kB.
    lock = json.loads((PYODIDE / LOCK_FILE).read_text())
    compile_assets.write_if_changed(
        target / "pyodide" / LOCK_FILE, json.dumps({"info": lock["info"], "packages": {}}).encode()
    )


def publish_templates(target: Path) -> None:
    """The CSV template in every language, UTF-8 with a BOM so Excel reads the accents."""
    for lang in LANGUAGES:
        compile_assets.write_if_changed(target / template_filename(lang), ("\ufeff" + template(lang)).encode())


def publish(site_dir: Path) -> None:
    """Put the checkers' runtime, wheels, page code and templates into ``site_dir``."""
    target = Path(site_dir) / ASSETS
    compile_catalogs()
    publish_runtime(target)
    manifest = publish_wheels(target)
    compile_assets.write_if_changed(target / "wheels.json", json.dumps(manifest, indent=1).encode())
    for path in WEB.iterdir():
        if path.is_file():
            _copy(path, target / path.name)
    publish_templates(Path(site_dir) / TEMPLATES)
    for path in list(target.rglob("*")):
        if path.suffix in COMPRESSED:
            _gzip_twin(path, path.relative_to(target))
