"""Bytecode for the browser, compiled by the browser's own interpreter, cached in build/pyc/.

CPython imports a module from its ``.py`` source by compiling it first; in Pyodide
that is most of the checker's start-up (559 standard-library modules, every page
view). A ``.pyc`` must come from the same Python version as the one that runs it
(its magic number), and the host's CPython is not Pyodide's 3.14. So the archives
are compiled by Pyodide itself under Node, with pyodide-build's ``py-compile``
(widgets/pycompile.mjs), and the results are kept under a key of everything that
went into them: a site build after the first costs a few hashes.

The ``.py`` sources are dropped (that is py-compile's behaviour and what makes the
archives small): a traceback in the browser console then names the file, function
and line, but cannot quote the source line.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sitebuild.paths import ROOT

SCRIPT = ROOT / "widgets" / "pycompile.mjs"
TOOLS = ROOT / "widgets" / "build-requirements.txt"
WHEELS = ROOT / "build" / "wheels"
CACHE = ROOT / "build" / "pyc"
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide" / "package.json"
STORED, DEFLATED = 0, 6  # zlib levels py-compile takes: 0 writes entries uncompressed


class CompileError(RuntimeError):
    """The bytecode could not be made; the message says which archive and why."""


def tool_wheels() -> list[Path]:
    """The wheels of widgets/build-requirements.txt, from the cache fetch_wheels.py fills."""
    found = []
    for name, version in re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", TOOLS.read_text(), re.M):
        stem = re.sub(r"[-_.]+", "_", name).lower()
        match = [p for p in WHEELS.glob(f"*-{version}-*.whl") if p.name.lower().startswith(stem + "-")]
        if not match:
            raise CompileError(f"no wheel for {name}=={version} in {WHEELS}: run `python widgets/fetch_wheels.py`")
        found.append(match[0])
    return found


def run_node(script: Path, job: dict, what: str) -> dict:
    """Run a Pyodide script of widgets/ under Node with ``job`` (JSON); return the JSON it prints."""
    node = shutil.which("node")
    if not node:
        raise CompileError("Node.js is needed to prepare the checkers' Python: run scripts/setup")
    with tempfile.TemporaryDirectory() as tmp:
        job_file = Path(tmp) / "job.json"
        job_file.write_text(json.dumps(job))
        result = subprocess.run([node, str(script), str(job_file)], cwd=ROOT, capture_output=True, text=True,
                                check=False)
    if result.returncode != 0:
        raise CompileError(f"{script.name} under Pyodide failed for {what}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def _key(archive: Path, level: int, tools: list[Path]) -> str:
    """What the output depends on: Pyodide's version, the archive, the compiler and its wheels."""
    digest = hashlib.sha256()
    for part in (PYODIDE_PACKAGE.read_bytes(), SCRIPT.read_bytes(), archive.read_bytes(), str(level).encode(),
                 *(tool.name.encode() for tool in tools)):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:20]


def compiled(archives: list[tuple[Path, int]]) -> list[Path]:
    """The bytecode twin of each ``(archive, zlib level)``, compiling only what the cache lacks.

    Wheels come back renamed for the interpreter (``-py3-none-any`` -> ``-cp314-none-any``).
    One Node process compiles every missing archive, since starting Pyodide is the slow part.
    """
    tools = tool_wheels()
    folders = [CACHE / _key(archive, level, tools) for archive, level in archives]
    missing = [(archive, level, folder) for (archive, level), folder in zip(archives, folders, strict=True)
               if not any(folder.glob("*.*"))]
    if missing:
        with tempfile.TemporaryDirectory() as tmp:
            outputs = run_node(SCRIPT, {
                "tools": [str(tool) for tool in tools],
                "archives": [{"input": str(a), "output": str(Path(tmp) / str(i)), "level": level}
                             for i, (a, level, _) in enumerate(missing)],
            }, what=", ".join(archive.name for archive, _, _ in missing))["outputs"]
            for output, (_, _, folder) in zip(outputs, missing, strict=True):
                folder.mkdir(parents=True, exist_ok=True)
                shutil.move(output, folder / Path(output).name)
    return [next(folder.glob("*.*")) for folder in folders]
