"""A trimmed standard library for the browser: only what the checkers import, traced at build time.

Pyodide's standard library as bytecode is 10.6 MB (4 MB gzipped); the checkers
import about 150 of its modules (3.5 MB). On an ordinary connection the bytes
decide how soon a first-time reader can check, so the worker starts with the
trimmed archive and keeps the full one as a fallback (widgets/stdlib_fallback.py,
fetched only if an import the trace missed ever happens).

The trace runs the checkers in Pyodide under Node (widgets/trace_stdlib.mjs):
the warm-up of every checker in every language, then the whole test corpus (the
HELO corpus and every CSV fixture in every language, the bounce corpus), and lists the modules that
came from the standard library. Cached in build/pyc/ under a key of everything
that goes in.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

import yaml

from sitebuild import pycompile
from sitebuild.paths import ROOT

SCRIPT = ROOT / "widgets" / "trace_stdlib.mjs"
FALLBACK = ROOT / "widgets" / "stdlib_fallback.py"
FALLBACK_MODULE = "_stdlib_fallback.py"  # its name inside the trimmed archive
HELO_CORPUS = ROOT / "tests" / "data" / "helo_corpus.txt"
CSV_FIXTURES = ROOT / "tests" / "fixtures" / "csv"
BOUNCE_CORPUS = (ROOT / "tests" / "fixtures" / "bounce" / "published.yml",
                 ROOT / "tests" / "fixtures" / "bounce" / "postfix.yml")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the same entries give the same bytes, hence the same hashed name


def _corpus(languages: list[str]) -> list[dict]:
    """The test corpus as mailcheck.web.run requests."""
    lines = HELO_CORPUS.read_text(encoding="utf-8").splitlines()
    values = [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]
    files = sorted(p for p in CSV_FIXTURES.iterdir() if p.is_file() and p.suffix not in {".py", ".md"})
    requests = [{"checker": "helo", "lang": lang, "text": value} for lang in languages for value in values]
    requests += [{"checker": "csv", "lang": lang, "data": base64.b64encode(path.read_bytes()).decode()}
                 for lang in languages for path in files]
    # The address tools: every path of their parsers (names, groups, field names, IDN,
    # broken entries, a list over the limit).
    over_limit = ", ".join(f"user{i}@example.org" for i in range(120))
    lists = ['"Doe, Jane" <jane@example.org>; Bob <BOB@Example.ORG>\nTo: team: a@x.ch, b@x.ch;',
             "Cc: =?utf-8?q?J=C3=BCrg?= <jurg@bücher.example>, (comment) c@d.org, not an address, @",
             over_limit, ""]
    requests += [{"checker": "recipients", "lang": lang, "text": text} for lang in languages for text in lists]
    # The bounce explainer: its whole corpus (MIME, DSN, logs, replies) once, a few in every language.
    bounces = [entry["text"] for path in BOUNCE_CORPUS for entry in yaml.safe_load(path.read_text(encoding="utf-8"))]
    requests += [{"checker": "bounce", "lang": "en", "text": text} for text in bounces]
    requests += [{"checker": "bounce", "lang": lang, "text": text} for lang in languages for text in bounces[:3]]
    return requests


def _module_name(entry: str) -> str | None:
    """``xml/dom/__init__.pyc`` -> ``xml.dom``; None for a data file."""
    if not entry.endswith(".pyc"):
        return None
    return entry.removesuffix(".pyc").removesuffix("/__init__").replace("/", ".")


def _kept_data(info: zipfile.ZipInfo, entries: set[str]) -> bool:
    """A data file at the top or in a package that is kept; no folders.

    zipimport takes a folder that holds anything but no ``__init__.pyc`` for a
    namespace package, and then never asks the fallback for the real one.
    """
    if info.is_dir() or _module_name(info.filename):
        return False
    folder = info.filename.rpartition("/")[0]
    return not folder or f"{folder}/__init__.pyc" in entries


def trimmed(full: Path, wheels: list[Path], checkers: list[str], languages: list[str]) -> Path:
    """The trimmed archive for the compiled standard library ``full`` (stored entries, like ``full``)."""
    requests = _corpus(languages)
    digest = hashlib.sha256()
    for part in (Path(__file__).read_bytes(), SCRIPT.read_bytes(), FALLBACK.read_bytes(), full.read_bytes(),
                 json.dumps(requests).encode(),
                 " ".join(checkers + languages).encode(), *(wheel.read_bytes() for wheel in wheels)):
        digest.update(hashlib.sha256(part).digest())
    target = pycompile.CACHE / f"trimmed-{digest.hexdigest()[:20]}" / full.name
    if target.exists():
        return target
    job = {"stdlib": str(full), "wheels": [str(w) for w in wheels], "checkers": checkers, "languages": languages,
           "requests": requests}
    entries = set(pycompile.run_node(SCRIPT, job, what=full.name)["entries"])
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(full) as source, zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as out:
        names = sorted(filter(None, map(_module_name, source.namelist())))
        for info in source.infolist():
            if info.filename in entries or _kept_data(info, entries):
                out.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), source.read(info))
        out.writestr(zipfile.ZipInfo(FALLBACK_MODULE, FIXED_TIME), FALLBACK.read_bytes())
        out.writestr(zipfile.ZipInfo("_stdlib_full_index.txt", FIXED_TIME), "\n".join(names) + "\n")
    partial.replace(target)
    return target
