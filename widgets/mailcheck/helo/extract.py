"""Find the HELO/EHLO names in what an admin pastes.

Admins rarely have "the HELO name" at hand; they have a configuration value, an SMTP
transcript, their MTA's log, a ``Received:`` header or a bounce. Every form real
Postfix, Exim and OpenSMTPD write is one :class:`Rule` in :data:`RULES`, named after
the MTA and the kind of text (``tests/fixtures/helo/corpus.jsonl`` holds what they
really wrote). Text that matches no rule is checked as a name only when each line is
a single token that could be a name: a log line or a sentence is never a HELO.

Before the rules run, the text is cut into logical lines: a line that starts with a
blank continues the one before (a folded ``Received:`` header, a bounce wrapped at
about 78 columns, a wrapped ``Out:`` reply of a Postfix transcript), unless it is
itself a transcript line (`` In:``/`` Out:`` of Postfix, `` -> ``/``<- `` of swaks).
That is what keeps a continuation line starting with "Helo command rejected", or one
holding only "HELO", from being read as a command.

Every pattern starts at a literal keyword and reads fields of bounded length, so
extraction stays linear in the size of the paste.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_VALUES = 100  # names checked per text; the report says when more were found
BLANKS = " \t\v\f"  # what Postfix trims around the argument (C isspace; CR/LF end the line)
_FIELD = 1024  # longest field read: far beyond a valid name (255), and keeps the rules linear
_NAME = 300  # longest name token read where the form gives no closing delimiter

_POSTFIX_BLANKS = str.maketrans({blank: "?" for blank in BLANKS})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Lines that start with a blank but are lines of their own: transcript turns and prompts.
_TURN = re.compile(r"[ \t]*(?:(?:In|Out):|->|<-|<~|~>|\*\*\*|<\*\*|===|[CS]:)")


@dataclass(frozen=True)
class Rule:
    """One form of text that names a HELO value: the group ``helo`` holds it.

    ``name`` says which MTA writes the form and where (``exim-received``); an optional
    group ``command`` says whether the client said HELO or EHLO.
    """

    name: str
    source: str  # "command" (the client's own line) or "log" (what a server wrote about it)
    keywords: tuple[str, ...]  # lower-case words the form always holds: lines without any are skipped
    pattern: re.Pattern[str]


def _rule(name: str, source: str, keywords: tuple[str, ...], pattern: str) -> Rule:
    return Rule(name, source, keywords, re.compile(pattern, re.IGNORECASE))


_CMD = r"(?P<command>HELO|EHLO)"
_IP = r"\[[0-9A-Fa-f.:IPv]{1,64}\]"

RULES: tuple[Rule, ...] = (
    # "EHLO x" at the start of a line, after a prompt: swaks (" -> EHLO x"), Postfix's
    # transcripts (" In:  EHLO x" as receiver, " Out: EHLO x" in its bounces as sender),
    # "C: EHLO x", ">>> HELO x", or after a ";" as in the hoster's guide ("220 mta...
    # Servers;HELO 127.0.0.1"). The rest of the line is the name; "Helo command
    # rejected" is a server's words, not a command.
    _rule("transcript-command", "command", ("helo", "ehlo"),
          rf"(?:^|;)[ \t]*(?:(?:In:|Out:|[<>~-]+|[CS]:)[ \t]*)?{_CMD}(?![ \t]+command\b)(?:[ \t]+(?P<helo>[^\n]*))?$"),
    # Postfix log: "... helo=<x>" (NOQUEUE reject lines).
    _rule("postfix-log", "log", ("helo=<",), rf"\bhelo=<(?P<helo>[^<>]{{0,{_FIELD}}})>"),
    # Postfix reply, in its own delivery lines, bounces and transcripts:
    # "504 5.5.2 <x>: Helo command rejected: ...".
    _rule("postfix-reply", "log", ("rejected",),
          rf"<(?P<helo>[^<>]{{0,{_FIELD}}})>:[ \t]+Helo[ \t]+command[ \t]+rejected"),
    # Postfix and OpenSMTPD Received header: "Received: from HELO (rDNS [IP]) by ..." (with
    # SASL, Postfix puts "(Authenticated sender: ...)" before "by").
    _rule("postfix-opensmtpd-received", "log", ("received:",),
          rf"^Received:[ \t]+from[ \t]+(?P<helo>[^ \t()]{{1,{_NAME}}})[ \t]+\([^ \t()\[\]]{{1,{_NAME}}}[ \t]+{_IP}\)"),
    # Exim Received header without helo=: the HELO was the verified name ("from NAME ([IP])";
    # Postfix always writes a reverse name or "unknown" before the address).
    _rule("exim-received-verified", "log", ("received:",),
          rf"^Received:[ \t]+from[ \t]+(?P<helo>[^ \t()\[\]]{{1,{_NAME}}})[ \t]+\({_IP}\)"),
    # Exim Received header: "from NAME ([IP] helo=x)", "from [IP] (helo=x)", also with
    # "ident=..." before helo=; x may be an address literal or hold a space.
    _rule("exim-received", "log", ("helo=",),
          rf"\((?:[^()\n]{{0,{_NAME}}}[ \t])?helo=(?P<helo>[^()\n]{{0,{_NAME}}})\)"),
    # Exim log: "H=(x) [IP]" or "H=NAME (x) [IP]".
    _rule("exim-log", "log", ("h=",), rf"\bH=(?:[^\s(=]{{1,{_NAME}}} )?\((?P<helo>[^()]{{0,{_FIELD}}})\)"),
    # Exim log of a reception, HELO equal to the verified name: "H=NAME [IP] P=esmtp",
    # "H=NAME [IP] F=<...> rejected RCPT". Delivery lines ("H=host [IP]: SMTP error",
    # "H=host [IP] C=...") name the remote host, not a HELO.
    _rule("exim-log-verified", "log", ("h=",),
          rf"(?<!\S)H=(?P<helo>[^\s()\[\]=:]{{1,{_NAME}}}) {_IP}(?= (?:P=|F=<|rejected\b))"),
    # Exim log: "rejected EHLO from [IP]: syntactically invalid argument(s): x".
    _rule("exim-log-invalid", "log", ("syntactically",),
          rf"rejected {_CMD} from [^\n]{{0,{_NAME}}}?: syntactically invalid argument\(s\): "
          rf"(?P<helo>[^\n]{{0,{_FIELD}}})"),
    # Exim delivery line and bounce: "SMTP error from remote mail server after EHLO x: 501 ..."
    # (the colon is glued to the name). x is an address literal, a bare IPv6 address, or
    # anything up to the colon (a name may hold a space).
    _rule("exim-delivery", "log", ("after",),
          rf"\bafter {_CMD} (?P<helo>\[[^\]\n]{{0,{_NAME}}}\]|[0-9A-Fa-f.:]{{2,64}}|[^\n:]{{0,{_NAME}}})"
          r":[ \t]+[2-5][0-9][0-9]\b"),
    # OpenSMTPD log: 'failed-command command="EHLO x" result="501 ..."'.
    _rule("opensmtpd-log", "log", ('command="',), rf'\bcommand="{_CMD}(?: (?P<helo>[^"\n]{{0,{_FIELD}}}))?"'),
)

# Words by which a server refuses a HELO without repeating the name (a bounce that only
# says "Access denied - bogus HELO", a reply "in reply to EHLO command").
_REFUSAL = re.compile(
    r"bogus[ \t]+HELO|HELO[ \t]+command[ \t]+rejected|invalid[ \t]+(?:HELO|EHLO)[ \t]+argument"
    r"|in[ \t]+reply[ \t]+to[ \t]+(?:HELO|EHLO)[ \t]+command",
    re.IGNORECASE,
)
# A token that could be a name: no blanks, none of the delimiters of log fields.
_NAME_TOKEN = re.compile(rf"[^\s<>()\"'=,;]{{1,{_FIELD}}}")


@dataclass(frozen=True)
class Extracted:
    """One HELO value and how it was found (``command`` is None unless the text said)."""

    value: str
    command: str | None
    source: str  # "command", "log" or "bare"
    rule: str  # the :class:`Rule` that found it, or "bare-name"


def extract(text: str, limit: int = MAX_VALUES) -> tuple[list[Extracted], bool]:
    """The distinct HELO values in ``text`` in order, at most ``limit``; True if more exist."""
    found = [item for line in logical_lines(text) for item in _from_line(line)] or _bare(text)
    unique: dict[str, Extracted] = {}
    for item in found:
        key = same_name_key(item.value)
        if key not in unique:
            if len(unique) == limit:
                return list(unique.values()), True
            unique[key] = item
    return list(unique.values()), False


def same_name_key(value: str) -> str:
    """Values that name the same HELO: case aside, and Postfix's ``?`` for a blank it won't log.

    A transcript's "EHLO mail example.org" and Postfix's "<mail?example.org>" in the
    same paste are one HELO, reported as first seen.
    """
    return value.lower().translate(_POSTFIX_BLANKS)


def shows_refusal(text: str) -> bool:
    """True when the text says a server refused a HELO (whether or not it names it)."""
    return any(_REFUSAL.search(line) for line in logical_lines(text))


def logical_lines(text: str) -> Iterator[str]:
    """Lines with their continuations joined by one space (see the module docstring)."""
    current: list[str] = []
    for line in _LINE_BREAK.split(text):
        continues = line[:1] in (" ", "\t") and line.strip(BLANKS) and not _TURN.match(line)
        if current and (continues or _lone_helo_after_bogus(current[-1], line)):
            current.append(line.strip(BLANKS))
            continue
        if current:
            yield " ".join(current)
        current = [line]
    if current:
        yield " ".join(current)


def _lone_helo_after_bogus(previous: str, line: str) -> bool:
    """A wrap that lost its indentation: "... bogus" then a line of only "HELO"."""
    return line.strip(BLANKS).upper() == "HELO" and previous.rstrip(BLANKS).lower().endswith("bogus")


def _from_line(line: str) -> list[Extracted]:
    hits: list[tuple[int, int, Extracted]] = []
    lower = line.lower()
    for rule in RULES:
        if not any(keyword in lower for keyword in rule.keywords):
            continue
        for match in rule.pattern.finditer(line):
            value = (match.group("helo") or "").strip(BLANKS)
            command = match.groupdict().get("command")
            item = Extracted(value, command.upper() if command else None, rule.source, rule.name)
            hits.append((match.start("helo") if match.group("helo") is not None else match.start(),
                         match.end(), item))
    hits.sort(key=lambda hit: (hit[0], -hit[1]))
    kept: list[Extracted] = []
    end = -1
    for start, stop, item in hits:
        if start >= end:  # a value already read by another rule is not read twice
            kept.append(item)
            end = stop
    return kept


def _bare(text: str) -> list[Extracted]:
    """A pasted name, or a list of names one per line; anything else is not a HELO."""
    words = [line.strip(BLANKS) for line in _LINE_BREAK.split(text)]
    words = [word for word in words if word]
    if words and all(_NAME_TOKEN.fullmatch(word) for word in words):
        return [Extracted(word, None, "bare", "bare-name") for word in words]
    return []
