"""The standard library and wheels the site ships, run by Pyodide under Node, answer exactly as CPython does.

The browser runs Python 3.14 compiled to WebAssembly with the bytecode-only
standard library and wheels from the site; the tests and the CLI run this
machine's CPython. Both go through mailcheck.web.run with the same requests, so
any difference (a stdlib change, a module lost in compilation, a dependency left
out of the manifest) shows up here.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from helo_corpus import corpus_values
from mailcheck import web
from test_recipients import INVALID, WRITTEN

ROOT = Path(__file__).resolve().parent.parent
CSV_FIXTURES = ROOT / "tests" / "fixtures" / "csv"
LANGS = ("fr", "en", "de", "it", "es")


def _csv_files() -> list[Path]:
    return sorted(p for p in CSV_FIXTURES.iterdir() if p.is_file() and p.suffix not in {".py", ".md"})


def _node(widgets: Path, checker: str, requests: list[dict], tmp_path: Path, modules: tuple[str, ...] = ()) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is required (the setup script installs it)"
    request_file = tmp_path / f"{checker}-requests.json"
    request_file.write_text(json.dumps(requests))
    result = subprocess.run(
        [node, str(ROOT / "tests" / "node" / "parity.mjs"), str(widgets), checker, str(request_file),
         ",".join(modules)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout)


def _in_pyodide(widgets: Path, checker: str, requests: list[dict], tmp_path: Path) -> list[dict]:
    output = _node(widgets, checker, requests, tmp_path)
    # The bytecode was imported, not a source: the standard library's (trimmed) and ours.
    assert output["sources"]["json"].endswith("python314.zip/json/__init__.pyc")
    assert output["sources"]["mailcheck.web"].endswith("site-packages/mailcheck/web.pyc")
    assert output["fallbacks"] == [], "the trimmed standard library holds everything the corpus needs"
    return [json.loads(answer) for answer in output["answers"]]


def test_an_import_the_trace_missed_comes_from_the_full_standard_library(
    published_widgets: Path, tmp_path: Path
) -> None:
    manifest = json.loads((published_widgets / "manifest.json").read_text())
    with zipfile.ZipFile(published_widgets / manifest["stdlib"]) as trimmed:
        names = set(trimmed.namelist())
    assert "tomllib/__init__.pyc" not in names and "encodings/cp1250.pyc" not in names
    assert "encodings/__init__.pyc" in names, "a package of the trimmed archive, a submodule only in the full one"
    output = _node(published_widgets, "helo", [], tmp_path, ("dns", "tomllib", "encodings.cp1250"))
    assert output["sources"]["dns"].startswith("ModuleNotFoundError"), "not stdlib: no fallback"
    assert output["sources"]["tomllib"] == "/lib/python_stdlib_full.zip/tomllib/__init__.pyc"
    assert output["sources"]["encodings.cp1250"] == "/lib/python_stdlib_full.zip/encodings/cp1250.pyc"
    assert output["fallbacks"] == ["tomllib"], "fetched once, by the first module that needed it"


def _compare(requests: list[dict], answers: list[dict]) -> None:
    assert len(answers) == len(requests)
    for request, answer in zip(requests, answers, strict=True):
        expected = json.loads(web.run(json.dumps(request)))
        assert "result" in answer, (request, answer)
        assert answer == expected, request


@pytest.mark.parametrize("lang", ["en", "de"])
def test_helo_corpus_in_pyodide_matches_cpython(published_widgets: Path, tmp_path: Path, lang: str) -> None:
    values = corpus_values()
    assert len(values) >= 200
    requests = [{"checker": "helo", "lang": lang, "text": value} for value in values]
    _compare(requests, _in_pyodide(published_widgets, "helo", requests, tmp_path))


def test_csv_fixtures_in_pyodide_match_cpython(published_widgets: Path, tmp_path: Path) -> None:
    files = _csv_files()
    assert len(files) >= 10
    requests = [
        {"checker": "csv", "lang": lang, "data": base64.b64encode(path.read_bytes()).decode()}
        for path in files
        for lang in LANGS
    ]
    _compare(requests, _in_pyodide(published_widgets, "csv", requests, tmp_path))


def test_recipient_lists_in_pyodide_match_cpython(published_widgets: Path, tmp_path: Path) -> None:
    """Python 3.14's email parser must read every list as 3.11's does: same count, same findings."""
    lists = [text for text, _ in WRITTEN] + [f"ok@example.org\n{entry}" for entry in INVALID]
    lists.append("To: " + "; ".join(f'"Doe, J{i}" <J{i}@Example.org>' for i in range(250)) + "\nj7@example.ORG")
    requests = [{"checker": "recipients", "lang": lang, "text": text} for text in lists for lang in ("en", "de")]
    _compare(requests, _in_pyodide(published_widgets, "recipients", requests, tmp_path))


def test_bounces_in_pyodide_match_cpython(published_widgets: Path, tmp_path: Path) -> None:
    """Python 3.14's email package and re must read every bounce of the corpus as 3.11's do."""
    corpus = [entry["text"] for name in ("published.yml", "postfix.yml")
              for entry in yaml.safe_load((ROOT / "tests" / "fixtures" / "bounce" / name).read_text(encoding="utf-8"))]
    requests = [{"checker": "bounce", "lang": "en", "text": text} for text in corpus]
    requests += [{"checker": "bounce", "lang": lang, "text": text} for text in corpus[:5] for lang in LANGS]
    _compare(requests, _in_pyodide(published_widgets, "bounce", requests, tmp_path))
