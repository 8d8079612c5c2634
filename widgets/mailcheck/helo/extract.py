"""Find the HELO/EHLO names in what an admin pastes.

Admins rarely have "the HELO name" at hand; they have a configuration value, an SMTP
transcript, a log line or a bounce. Recognised, line by line:

* a command line: ``EHLO mail.example.com``, ``C: HELO x``, ``>>> EHLO x``,
  ``-> EHLO x`` (swaks), or after a ``;`` as in the hoster's guide
  (``220 mta... Servers;HELO 127.0.0.1``); the name is the rest of the line;
* a Postfix log field ``helo=<x>`` (also in ``NOQUEUE: reject`` lines);
* Exim: ``(helo=x)`` in a Received header, ``H=(x) [ip]`` or ``H=host (x) [ip]`` in its log;
* otherwise a bare name: a single line, or several lines of one word each.

A bounce's own words ("bogus HELO", "Helo command rejected") are not commands:
a command must start its line (after a prompt) or follow a ``;``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_VALUES = 100  # names checked per text; the report says when more were found
BLANKS = " \t\v\f"  # what Postfix trims around the argument (C isspace; CR/LF end the line)
_FIELD = 1024  # longest field read from a log: far beyond a valid name, and keeps regexes linear

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_COMMAND = re.compile(
    r"(?:^|;)[ \t]*(?:(?:[<>~-]+|[CS]:)[ \t]*)?(HELO|EHLO)(?:[ \t]+(.*))?$",
    re.IGNORECASE | re.DOTALL,
)
_LOG_FIELDS = (
    # A field also stops where the next one could start ("<", "(", "="), so a run of
    # unclosed "helo=<" or "H=" cannot make the search quadratic.
    re.compile(rf"\bhelo=<([^<>]{{0,{_FIELD}}})>", re.IGNORECASE),  # Postfix
    re.compile(r"\bhelo=([^\s<>()\[\];]+)", re.IGNORECASE),  # Exim Received header
    re.compile(rf"\bH=(?:[^\s(=]{{1,{_FIELD}}} )?\(([^()]{{0,{_FIELD}}})\)"),  # Exim log
)


@dataclass(frozen=True)
class Extracted:
    """One HELO value and how it was found (``command`` is None unless the text said)."""

    value: str
    command: str | None
    source: str  # "command", "log" or "bare"


def extract(text: str, limit: int = MAX_VALUES) -> tuple[list[Extracted], bool]:
    """The distinct HELO values in ``text`` in order, at most ``limit``; True if more exist."""
    lines = _LINE_BREAK.split(text)
    found = [item for line in lines for item in _from_line(line)] or _bare(lines)
    unique: dict[str, Extracted] = {}
    for item in found:
        if item.value not in unique:
            if len(unique) == limit:
                return list(unique.values()), True
            unique[item.value] = item
    return list(unique.values()), False


def _from_line(line: str) -> list[Extracted]:
    hits: list[tuple[int, Extracted]] = []
    command = _COMMAND.search(line)
    if command is not None:
        value = (command.group(2) or "").strip(BLANKS)
        hits.append((command.start(1), Extracted(value, command.group(1).upper(), "command")))
    for pattern in _LOG_FIELDS:
        for match in pattern.finditer(line):
            hits.append((match.start(), Extracted(match.group(1).strip(BLANKS), None, "log")))
    return [item for _, item in sorted(hits, key=lambda hit: hit[0])]


def _bare(lines: list[str]) -> list[Extracted]:
    """A pasted name, or a list of names one per line; anything else is not a HELO."""
    words = [line.strip(BLANKS) for line in lines if line.strip(BLANKS)]
    if len(words) == 1 or all(len(word.split()) == 1 for word in words):
        return [Extracted(word, None, "bare") for word in words]
    return []
