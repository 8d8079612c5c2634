"""The HELO paste corpora, read the same way by the tests and the extraction benchmark.

Three files in ``tests/fixtures/helo/``, one JSON object per line:

* ``corpus.jsonl`` (``make_corpus.py``): Postfix, Exim, OpenSMTPD and swaks run here;
  ``mta`` names the writer, ``expected`` is one value or null for a refusal that does
  not show the name;
* ``clients.jsonl`` (``make_clients.py``): client libraries' debug output made here;
* ``postscreen.jsonl`` (``make_postscreen.py``): Postfix postscreen's PREGREET lines and
  smtpd's reject lines, made here;
* ``published.jsonl``: text that systems we cannot run wrote, as published (vendor code
  and documentation, bug reports, mailing lists), each with its ``source`` address;
  ``expected`` is the list of HELO values the paste shows for sure, ``uncertain`` the
  names that may be the HELO or the reverse name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "helo"
FILES = ("corpus.jsonl", "clients.jsonl", "postscreen.jsonl", "published.jsonl")


@dataclass(frozen=True)
class Paste:
    """One paste and what a reader of it must find."""

    writer: str  # the system that wrote the text (postfix, exchange-online, phpmailer, ...)
    kind: str  # the kind of text (received-header, log-line, client-debug, ...)
    text: str
    expected: tuple[str, ...]  # the HELO values the text shows for sure, in order
    uncertain: tuple[str, ...]  # names the text gives that may be the HELO or the reverse name
    refusal: bool  # the text shows a refusal without the name (the report must say so)
    source: str  # where the text comes from
    file: str


def load(files: Iterable[str] = FILES) -> list[Paste]:
    """Every paste of the corpora, in file order."""
    pastes = []
    for name in files:
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            expected = entry["expected"]
            if not isinstance(expected, list):
                expected = [] if expected is None else [expected]
            pastes.append(Paste(
                writer=entry.get("writer") or entry["mta"],
                kind=entry["kind"],
                text=entry["text"],
                expected=tuple(expected),
                uncertain=tuple(entry.get("uncertain", ())),
                refusal=name == "corpus.jsonl" and entry["expected"] is None,
                source=entry.get("source") or f"made here by {name.replace('.jsonl', '')} script (make_*.py)",
                file=name,
            ))
    return pastes


def found_as_expected(paste: Paste, found: Iterable[object]) -> bool:
    """True when extracted items (``.value``, ``.certain``) are exactly the paste's values, case aside."""
    items = list(found)
    certain = [item.value.lower() for item in items if getattr(item, "certain", True)]
    uncertain = [item.value.lower() for item in items if not getattr(item, "certain", True)]
    return (certain == [value.lower() for value in paste.expected]
            and uncertain == [value.lower() for value in paste.uncertain])
