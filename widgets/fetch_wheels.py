"""Download the browser wheels (widgets/browser-requirements.txt) and the bytecode
compiler's wheels (widgets/build-requirements.txt) into build/wheels/.

Run at setup time, with network access to the package index; the site build only
copies from this cache, so it works offline. The wheels are fetched for Pyodide's
interpreter (CPython 3.14, pure Python), not for the Python running this script.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = (ROOT / "widgets" / "browser-requirements.txt", ROOT / "widgets" / "build-requirements.txt")
CACHE = ROOT / "build" / "wheels"
PYODIDE_PYTHON = "3.14"


def _download(dest: Path, *source: str) -> bool:
    command = [
        sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
        "--only-binary=:all:", "--python-version", PYODIDE_PYTHON, "--platform", "any", "--implementation", "py",
        "--dest", str(dest), *(arg for path in REQUIREMENTS for arg in ("--requirement", str(path))), *source,
    ]
    return subprocess.run(command, check=False, capture_output=bool(source)).returncode == 0


def fetch(dest: Path = CACHE) -> None:
    """Fill ``dest`` with the pinned wheels, asking the index only for missing ones.

    The set-up script runs this on every ``make serve``: when the cache is complete,
    pip resolves everything from ``dest`` itself and no network is needed.
    """
    dest.mkdir(parents=True, exist_ok=True)
    if not _download(dest, "--no-index", "--find-links", str(dest)) and not _download(dest):
        names = " and ".join(path.name for path in REQUIREMENTS)
        raise SystemExit(f"fetch_wheels: could not download {names} into {dest}")


if __name__ == "__main__":
    fetch(Path(sys.argv[1]) if len(sys.argv) > 1 else CACHE)
