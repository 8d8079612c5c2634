"""The HELO corpus (tests/data/helo_corpus.txt): one JSON string per line, # comments."""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "helo_corpus.txt"


def corpus_values() -> list[str]:
    """Every value, in file order (duplicates are a mistake in the file: the test says so)."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]
