"""widgets/compile_assets.py is a script, not part of the package: load it by path."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "widgets" / "compile_assets.py"


def load():
    spec = importlib.util.spec_from_file_location("compile_assets", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compile_assets = load()
