"""MkDocs 1.6.1 and ProperDocs 1.6 build the same site; `make serve` live-reloads on the pinned click.

MkDocs 1.6 is no longer maintained and MkDocs 2.0 cannot run Material; ProperDocs is
the drop-in continuation this project can move to (README, "MkDocs or ProperDocs").
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import site_copy

ROOT = site_copy.ROOT
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    site = tmp_path / "site"
    result = site_copy.build(ROOT, site, builder="properdocs")
    assert result.returncode == 0, result.stderr[-3000:]
    ours, theirs = _files(built_site), _files(site)
    assert ours.keys() == theirs.keys()
    pages = [name for name in ours if name.endswith(".html")]
    assert len(pages) > 50
    generators = set()
    for name in pages:
        a, b = ours[name].read_bytes(), theirs[name].read_bytes()
        generators |= set(GENERATOR.findall(a)) | set(GENERATOR.findall(b))
        assert GENERATOR.sub(b"", a) == GENERATOR.sub(b"", b), name
    assert any(b"mkdocs-1.6" in g for g in generators) and any(b"ProperDocs 1.6" in g for g in generators)
    different = [n for n in ours if not n.endswith(".html") and _content(ours[n]) != _content(theirs[n])]
    assert not different, different


def _content(path: Path) -> object:
    """A file's content; JSON parsed (Pagefind writes its entry file's languages in no fixed order)."""
    return json.loads(path.read_bytes()) if path.suffix == ".json" else path.read_bytes()


def _pin(name: str) -> tuple[int, ...]:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    version = re.search(rf"^{re.escape(name)}==([\d.]+)$", text, re.M | re.I)
    assert version, name
    return tuple(int(part) for part in version[1].split("."))


def test_pins_stay_on_the_stack_that_runs_plugins_and_hooks():
    assert _pin("mkdocs") < (2,)
    assert _pin("mkdocs-material") < (10,)
    assert (1, 6) <= _pin("properdocs") < (1, 7)
    assert _pin("click") < (8, 3)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve_command(port: int) -> list[str]:
    """The command of `make serve`, on another port, with this test's Python."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^serve:.*\n\t(.+)$", makefile, re.M)
    assert recipe, "no serve target"
    command = recipe[1].replace("$(PY)", sys.executable).replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    return command.split()


def test_make_serve_uses_the_builder_the_readme_names():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    default = re.search(r"The default builder is (MkDocs|ProperDocs)", readme)
    assert default, "the README names no default builder"
    assert _serve_command(8000)[1:3] == ["-m", default[1].lower()]


def test_make_serve_pages_carry_the_live_reload_script(tmp_path):
    project = site_copy.make(tmp_path / "project")
    port = _free_port()
    server = subprocess.Popen(_serve_command(port), cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "KB_LANGUAGE": "en"})
    try:
        html = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/guides/first/", timeout=5) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert html, stderr.decode("utf-8", "replace")[-3000:]
    assert "<h1>First en</h1>" in html
    assert re.search(r"livereload\(\d+, \d+\);", html), "the served page has no live-reload script"


def test_properdocs_reports_authors_mistakes_like_mkdocs(tmp_path):
    project = site_copy.make(tmp_path / "project")
    guide = ("---\ntitle: Premier\nsources: [seed]\ndescription: Un guide.\nrevision: 1\nweight: 10\n"
             "keywords: [premier]\n---\n\n"
             "Voir [x](second.md#nope).\n")
    site_copy.write(project, "fr/guides/first.md", guide)
    outputs = {}
    for builder in ("mkdocs", "properdocs"):
        result = site_copy.build(project, tmp_path / builder, builder=builder, KB_LANGUAGE="fr")
        assert result.returncode != 0
        outputs[builder] = result.stderr
    for output in outputs.values():
        assert "docs/fr/guides/first.md:10: Doc file 'fr/guides/first.md' contains a link 'second.md#nope'" in output
    site_copy.write(project, "fr/guides/first.md", guide.replace("weight: 10", "weight: ten"))
    result = site_copy.build(project, tmp_path / "again", builder="properdocs")
    assert result.returncode != 0
    assert "docs/fr/guides/first.md:6: weight: expected a whole number" in result.stderr
