"""Download the browser wheels (widgets/browser-requirements.txt) into build/wheels/.

Run at setup time, with network access to the package index; the site build only
copies from this cache, so it works offline. The wheels are fetched for Pyodide's
interpreter (CPython 3.14, pure Python), not for the Python running this script.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "widgets" / "browser-requirements.txt"
CACHE = ROOT / "build" / "wheels"
PYODIDE_PYTHON = "3.14"


def fetch(dest: Path = CACHE) -> None:
    """Fill ``dest`` with the pinned wheels; pip skips what is already there."""
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "--python-version", PYODIDE_PYTHON, "--platform", "any", "--implementation", "py",
         "--dest", str(dest), "--requirement", str(REQUIREMENTS)],
        check=True,
    )


if __name__ == "__main__":
    fetch(Path(sys.argv[1]) if len(sys.argv) > 1 else CACHE)
