"""Where the project's own files are, from the checkout's root (the package is installed editable)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "mail.yml"
WIDGETS = ROOT / "widgets"
