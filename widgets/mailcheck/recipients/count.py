"""Count the distinct recipients of a pasted list and compare them with the hoster's limit.

Returns data only (findings with codes, the recipients, the groups); :mod:`.report`
turns it into messages. Never raises on any text, and one pass over it: a list of
10,000 entries costs about a second in CPython (``bench/recipients.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mailcheck.findings import Finding
from mailcheck.i18n import Size
from mailcheck.recipients.codes import finding
from mailcheck.recipients.parse import Entry, parse

MAX_LISTED = 20  # invalid entries, and repeated addresses, named one by one
MAX_LINES = 5  # line numbers named for one repeated address
SHOWN_LENGTH = 80  # characters of an entry repeated in a message


@dataclass
class Count:
    """What the counter found: ``recipients`` are distinct, in the order they first appear."""

    findings: list[Finding]
    entries: int = 0  # entries read, valid or not, repeats included
    recipients: list[str] = field(default_factory=list)  # formatted as a mail client writes them
    groups: list[list[str]] = field(default_factory=list)  # only when over the limit


@dataclass
class _Seen:
    address: str
    formatted: str
    times: int = 0
    lines: list[int] = field(default_factory=list)  # distinct, at most MAX_LINES + 1


def shown(text: str) -> str:
    """An entry short enough to repeat in a sentence, control characters made visible."""
    if len(text) > SHOWN_LENGTH:
        text = text[: SHOWN_LENGTH - 1] + "…"
    return "".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in text)


def _line_list(lines: list[int]) -> str:
    listed = ", ".join(str(line) for line in lines[:MAX_LINES])
    return listed + (", …" if len(lines) > MAX_LINES else "")


def _invalid(entries: list[Entry]) -> list[Finding]:
    findings = [finding("RCPT_INVALID", row=e.line, line=e.line, entry=shown(e.text)) for e in entries[:MAX_LISTED]]
    if len(entries) > MAX_LISTED:
        findings.append(finding("RCPT_INVALID_MORE", count=len(entries) - MAX_LISTED, shown=MAX_LISTED))
    return findings


def _duplicate(item: _Seen) -> Finding:
    """One repeated address; all its repeats on one line get their own message (one "line", not "lines")."""
    where = {"line": item.lines[0]} if len(item.lines) == 1 else {"lines": _line_list(item.lines)}
    code = "RCPT_DUPLICATE_ON_LINE" if len(item.lines) == 1 else "RCPT_DUPLICATE"
    return finding(code, row=item.lines[0], address=shown(item.address), count=item.times, **where)


def _duplicates(seen: dict[str, _Seen]) -> list[Finding]:
    repeated = [item for item in seen.values() if item.times > 1]
    findings = [_duplicate(item) for item in repeated[:MAX_LISTED]]
    if len(repeated) > MAX_LISTED:
        findings.append(finding("RCPT_DUPLICATE_MORE", count=len(repeated) - MAX_LISTED, shown=MAX_LISTED))
    return findings


def count(text: str, *, limit: int, max_bytes: int) -> Count:
    """Count ``text`` against ``limit`` recipients per message; read at most ``max_bytes``."""
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        return Count([finding("RCPT_TOO_LARGE", max_size=Size(max_bytes))])
    seen: dict[str, _Seen] = {}
    invalid: list[Entry] = []
    entries = 0
    for entry in parse(text):
        entries += 1
        if entry.key is None or entry.address is None or entry.formatted is None:
            invalid.append(entry)
            continue
        item = seen.setdefault(entry.key, _Seen(entry.address, entry.formatted))
        item.times += 1
        if len(item.lines) <= MAX_LINES and entry.line not in item.lines:
            item.lines.append(entry.line)
    recipients = [item.formatted for item in seen.values()]
    groups = [recipients[i:i + limit] for i in range(0, len(recipients), limit)] if len(recipients) > limit else []
    if not entries:
        findings = [finding("RCPT_EMPTY")]
    elif groups:
        findings = [finding("RCPT_OVER_LIMIT", count=len(recipients), limit=limit, messages=len(groups))]
    elif len(recipients) == limit:
        findings = [finding("RCPT_AT_LIMIT", limit=limit)]
    else:
        findings = []
    # The whole list first, then the entries in the order of the text.
    return Count(findings + _invalid(invalid) + _duplicates(seen), entries, recipients, groups)
