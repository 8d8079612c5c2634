"""Publish what the in-browser checkers need into the built site, under ``_widgets/``.

Everything is served from the site itself, so it works offline and under any path.
Every file that can change with a deploy carries a hash of its content in its
path, so a server may let browsers cache it for a year (``immutable``) and a
reader can never run yesterday's policy: the pages name the hashed loader and
stylesheet, and the loader carries the manifest of everything else.

    _widgets/loader.<hash>.js, worker.<hash>.js, ui.<hash>.js ...   the page code (widgets/web/)
    _widgets/pyodide/<hash>/              the runtime from node_modules/pyodide (npm ci)
    _widgets/python_stdlib.<hash>.zip     Pyodide's standard library as bytecode (sitebuild/pycompile.py), trimmed
                                          to what the checkers import (sitebuild/stdlib_subset.py), and in full
    _widgets/wheels/<hash>/*.whl          mailcheck, built here, and its pinned dependencies, as bytecode
    _widgets/templates/<hash>/            the CSV template in every language
    _widgets/manifest.json                the same manifest, for people and tools (never cached long)

:func:`stage` computes the names before the pages are rendered (they link the
loader) and :func:`publish` copies the files once per full build (the i18n plugin
builds every language in turn; the caller guards). ``mkdocs serve`` rebuilds on
every edit, so unchanged files are not copied again (same size and mtime), the
wheel and the bytecode are rebuilt only when their inputs change, and the
``.gz`` twins (for servers that send precompressed files) come from a cache.
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
from dataclasses import dataclass, field
from pathlib import Path

from mailcheck.csvcheck import template
from mailcheck.i18n import LANGUAGES
from mailcheck.policy import download_name
from mailcheck.web import CHECKERS
from sitebuild import (
    compile_assets,  # the generated policy and catalogs, and write_if_changed
    pycompile,
    stdlib_subset,
)
from sitebuild.paths import ROOT, WIDGETS

PACKAGE = WIDGETS / "mailcheck"
WEB = WIDGETS / "web"
PYODIDE = ROOT / "node_modules" / "pyodide"

WHEEL_CACHE = ROOT / "build" / "wheels"
OWN_WHEEL_DIR = ROOT / "build" / "mailcheck-wheel"
GZIP_CACHE = ROOT / "build" / "widget-gzip"
STAGE = ROOT / "build" / "widget-stage"  # generated files (rewritten modules, lock file, templates)
ASSETS = "_widgets/"  # where publish() puts the runtime, from the site root
BROWSER_REQUIREMENTS = WIDGETS / "browser-requirements.txt"

# The runtime files a module worker needs; the rest of the npm package (the
# classic-script build, source maps, typings, consoles) is never requested.
# The standard library is served as bytecode (STDLIB, through loadPyodide's stdLibURL).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB = "python_stdlib.zip"
LOCK_FILE = "pyodide-lock.json"
MANIFEST = "manifest.json"
MANIFEST_SLOT = "__MANIFEST__"  # in widgets/web/loader.js: replaced by the manifest at publish time
# The compiled standard library is stored (not deflated) inside its zip, so its
# .gz twin compresses it on the wire; wheels stay deflated and get no twin.
COMPRESSED = (".wasm", ".zip", ".mjs", ".js", ".json", ".css")
HASH_LENGTH = 10
REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)\s*#\s*for:(?P<checkers>[\w ]+)$")


class AssetError(RuntimeError):
    """Something the checkers need is missing; the message says which command fetches it."""


def content_hash(*parts: bytes) -> str:
    """The short content hash that goes into a published file's name."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:HASH_LENGTH]


def _hashed_name(name: str, data: bytes) -> str:
    """``ui.js`` -> ``ui.<hash>.js``."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{content_hash(data)}{dot}{suffix}"


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
        compile_assets.write_policy(compile_assets.DATA_FILE)
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


def template_filename(lang: str) -> str:
    """File name of the CSV template in ``lang`` (written by publish()): ``downloads.template``."""
    return download_name("template", lang)


def _wheel_needs() -> dict[str, list[Path]]:
    """checker -> the wheels it loads (mailcheck first), as built or downloaded."""
    own = build_wheel()
    needs = browser_requirements()
    return {checker: [own, *(_cached_wheel(name, version) for name, version in needs.get(checker, []))]
            for checker in CHECKERS}


def _runtime(files: dict[str, Path]) -> str:
    """Add the Pyodide runtime under ``pyodide/<hash>/``; return that folder.

    The lock file lists Pyodide's own package builds, which the npm package does
    not contain: loading one by name would go to the CDN. An empty package list
    (the "info" block is checked against the runtime) makes that impossible, and
    saves the reader 119 kB.
    """
    if not (PYODIDE / "pyodide.mjs").exists():
        raise AssetError(f"{PYODIDE} is missing: run `npm ci` at the repository root")
    lock = json.loads((PYODIDE / LOCK_FILE).read_text())
    lock_file = STAGE / LOCK_FILE
    compile_assets.write_if_changed(lock_file, json.dumps({"info": lock["info"], "packages": {}}).encode())
    sources = [PYODIDE / name for name in RUNTIME_FILES] + [lock_file]
    folder = f"pyodide/{content_hash(*(path.read_bytes() for path in sources))}/"
    files.update({folder + path.name: path for path in sources})
    return folder


def _templates(files: dict[str, Path]) -> str:
    """Add the CSV template in every language (UTF-8 with a BOM, so Excel reads the accents)."""
    written = []
    for lang in LANGUAGES:
        path = STAGE / "templates" / template_filename(lang)
        compile_assets.write_if_changed(path, ("\ufeff" + template(lang)).encode())
        written.append(path)
    folder = f"templates/{content_hash(*(path.read_bytes() for path in written))}/"
    files.update({folder + path.name: path for path in written})
    return folder


def _page_code(files: dict[str, Path], manifest: dict) -> dict[str, str]:
    """Add widgets/web/ under hashed names; return source name -> published name.

    A module that imports another (``"./ui.js"``) is rewritten to import the hashed
    name, so its own hash covers what it imports; the module holding
    ``__MANIFEST__`` (the loader) gets the manifest written in, and is done last.
    """
    sources = {path.name: path.read_text(encoding="utf-8") for path in sorted(WEB.iterdir()) if path.is_file()}
    names: dict[str, str] = {}

    def publish_one(name: str, trail: tuple[str, ...] = ()) -> str:
        if name in names:
            return names[name]
        if name in trail:
            raise AssetError(f"widgets/web: modules import each other in a circle: {' -> '.join((*trail, name))}")
        text = sources[name]
        for other in sources:
            if other != name and f'"./{other}"' in text:
                text = text.replace(f'"./{other}"', f'"./{publish_one(other, (*trail, name))}"')
        if MANIFEST_SLOT in text:
            manifest["checkers"] = {
                checker: {**entry, "module": publish_one(f"{checker}.js", (*trail, name))}
                for checker, entry in manifest["checkers"].items()
            }
            manifest["worker"] = publish_one("worker.js", (*trail, name))
            text = text.replace(MANIFEST_SLOT, json.dumps(manifest, sort_keys=True))
        data = text.encode("utf-8")
        names[name] = _hashed_name(name, data)
        staged = STAGE / "web" / names[name]
        compile_assets.write_if_changed(staged, data)
        files[names[name]] = staged
        return names[name]

    for name in sources:
        publish_one(name)
    return names


@dataclass
class Staged:
    """What :func:`publish` copies: published path -> file, and the names pages need."""

    files: dict[str, Path] = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)
    page: dict[str, str] = field(default_factory=dict)  # "loader", "css", "profile", "templates" -> published path


_staged: dict[str, Staged] = {}


def _inputs_key() -> str:
    """Size and mtime of every input: the same key means the same staged files."""
    inputs = [compile_assets.DATA_FILE, BROWSER_REQUIREMENTS, pycompile.TOOLS, pycompile.SCRIPT,
              PYODIDE / "package.json", WIDGETS / "pyproject.toml", stdlib_subset.SCRIPT, stdlib_subset.FALLBACK,
              stdlib_subset.HELO_CORPUS, *stdlib_subset.CSV_FIXTURES.iterdir(), *stdlib_subset.BOUNCE_CORPUS,
              *WEB.iterdir(), *sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)]
    return ";".join(f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in inputs)


def stage() -> Staged:
    """Build, compile and name everything once per change of the inputs (a cheap call otherwise)."""
    compile_catalogs()  # first: the key must see the policy and catalogs as they will be
    key = _inputs_key()
    if key in _staged:
        return _staged[key]
    needs = _wheel_needs()
    archives = sorted({wheel for wheels in needs.values() for wheel in wheels})
    try:
        full_stdlib, *compiled = pycompile.compiled([(PYODIDE / STDLIB, pycompile.STORED)]
                                                    + [(wheel, pycompile.DEFLATED) for wheel in archives])
        stdlib = stdlib_subset.trimmed(full_stdlib, compiled, list(CHECKERS), list(LANGUAGES))
    except pycompile.CompileError as error:
        raise AssetError(str(error)) from error
    staged = Staged()
    published = {}
    for source, output in zip(archives, compiled, strict=True):
        published[source] = f"wheels/{content_hash(output.read_bytes())}/{output.name}"
        staged.files[published[source]] = output
    stdlibs = {name: (archive, _hashed_name(STDLIB, archive.read_bytes()))
               for name, archive in (("stdlib", stdlib), ("stdlib_full", full_stdlib))}
    staged.files.update({published_name: archive for archive, published_name in stdlibs.values()})
    staged.manifest = {
        "pyodide": _runtime(staged.files),
        **{name: published_name for name, (_, published_name) in stdlibs.items()},
        "checkers": {checker: {"wheels": [published[wheel] for wheel in wheels]} for checker, wheels in needs.items()},
    }
    code = _page_code(staged.files, staged.manifest)
    # The profile maker runs without the runtime: its page names its own module.
    staged.page = {"loader": code["loader.js"], "css": code["widget.css"], "profile": code["profile.js"],
                   "templates": _templates(staged.files)}
    _staged.clear()
    _staged[key] = staged
    return staged


def publish(site_dir: Path) -> None:
    """Put the checkers' runtime, wheels, page code and templates into ``site_dir``."""
    target = Path(site_dir) / ASSETS
    staged = stage()
    for name, source in staged.files.items():
        _copy(source, target / name)
    compile_assets.write_if_changed(target / MANIFEST, json.dumps(
        {**staged.manifest, **staged.page}, indent=1, sort_keys=True).encode())
    for path in list(target.rglob("*")):
        if path.suffix in COMPRESSED:
            _gzip_twin(path, path.relative_to(target))
