"""Read what a reader pastes about a failed delivery: who failed, with which code, in whose words.

Readers paste a whole bounce (RFC 3464: MIME, a human part, a ``message/delivery-status``
part, the original message), only pieces of one, an Exchange or Microsoft 365 report,
a provider's bounce in their language, a bare SMTP reply, or a line of their own
server's log. This module turns any of them into :class:`Failure` records:

1. :func:`readable` parses MIME with the standard library's :mod:`email` package
   (quoted-printable and base64 decoded, HTML reduced to text) and leaves out the
   returned original message, whose ``To:`` and ``From:`` would be misread.
2. :func:`logical_lines` joins the continuation lines (DSN fields, Exim's indented
   bounce, Postfix's wrapped replies).
3. Each form real systems write is one :class:`Form` in :data:`FORMS`; a line that
   no form reads is searched for a bare SMTP reply.

Every pattern reads fields of bounded length from a literal keyword, so parsing
stays linear in the text.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from email.message import Message

MAX_FAILURES = 50
_F = 512  # longest field read
_ADDR = r"[^\s<>()\[\]\"',;:]{1,128}@[A-Za-z0-9._-]{1,255}"
ADDRESS = re.compile(_ADDR)
_QMAIL_STATUS = re.compile(r"\(#([245]\.\d{1,3}\.\d{1,3})\)")  # qmail ends its words with "(#5.1.1)"
STATUS = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)")
# A reply at the start of the words: "550 5.1.1 text", "550-5.1.1 text", "550 text", "#550 5.1.1 …".
_REPLY = re.compile(rf"^[#<\s]*(?P<reply>[245]\d\d)(?:[ -]+#?(?P<status>[245]\.\d{{1,3}}\.\d{{1,3}}))?(?![\d.])"
                    rf"[ -]?(?P<rest>[^\n]{{0,{_F * 8}}})")
# Text that starts the returned message: what follows it is the original, not the bounce.
_ORIGINAL = re.compile(
    r"^[ \t]*(?:-{2,}[ \t]*)?(?:This is a copy of the message|Below this line is a copy of the message"
    r"|Original message headers:|Original message follows|-----Original Message-----|Undelivered message headers"
    r"|Copie du message|Kopie der Nachricht|Copia del messaggio|Copia del mensaje|Header des Originals"
    r"|En-têtes du message d['\u2019]origine|Intestazioni del messaggio originale|Encabezados del mensaje original)",
    re.IGNORECASE | re.MULTILINE)
_HEADER = re.compile(r"^[A-Za-z0-9-]{1,64}:[ \t]")
_TAG = re.compile(r"<[^<>]{0,2000}>")
_BREAK = re.compile(r"<(?:br|/p|/div|/tr|/li|/h\d)\b[^<>]{0,200}>", re.IGNORECASE)
_SKIP = ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers", "message/global",
         "message/global-headers")


@dataclass
class Failure:
    """One recipient that failed (or whose delivery is delayed), as far as the text says."""

    recipient: str | None = None
    status: str | None = None  # enhanced status code, "5.1.1"
    reply: str | None = None  # basic reply code, "550"
    words: str = ""  # the remote server's own words, codes stripped
    remote: str | None = None  # the system that refused (Remote-MTA, "host X said")
    action: str | None = None  # DSN Action, or failed/delayed from a log's status
    command: str | None = None  # the SMTP command the reply answered ("RCPT TO")


@dataclass
class Parsed:
    failures: list[Failure] = field(default_factory=list)
    reporting: str | None = None  # the system that wrote the report
    text: str = ""  # the readable text: human part and DSN fields, without the original message
    more: bool = False  # more failures than MAX_FAILURES


# --- MIME and lines ---------------------------------------------------------------------

def readable(text: str) -> str:
    """The text a person would read, MIME decoded, the original message left out."""
    lines = text.lstrip("\r\n").split("\n", 1)
    if lines and _HEADER.match(lines[0]) and re.search(r"^Content-Type:", text[:20000], re.I | re.M):
        with contextlib.suppress(Exception):  # the email package's own bugs must not reach the reader
            text = _mime_text(email.message_from_string(text, policy=email.policy.compat32))
    cut = _ORIGINAL.search(text)
    return text[:cut.start()] if cut else text


def _mime_text(message: Message) -> str:
    parts: list[str] = []
    for part in _walk(message):
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            blocks = part.get_payload()
            if isinstance(blocks, list):
                parts.append("\n\n".join(_fields(block) for block in blocks if isinstance(block, Message)))
            else:
                parts.append(str(blocks))
        elif kind.startswith("text/"):
            parts.append(_decoded(part, html_text=kind == "text/html"))
    return "\n\n".join(parts)


def _walk(message: Message) -> Iterator[Message]:
    """The parts of a message, depth first, without descending into a returned message."""
    kind = message.get_content_type()
    if kind in _SKIP:
        return
    if message.is_multipart() and kind != "message/delivery-status":
        subparts = message.get_payload()
        alternatives = kind == "multipart/alternative"
        for sub in subparts if isinstance(subparts, list) else []:
            if alternatives and sub.get_content_type() == "text/html" and any(
                    s.get_content_type() == "text/plain" for s in subparts):
                continue  # the plain twin says the same
            yield from _walk(sub)
    else:
        yield message


def _fields(block: Message) -> str:
    return "\n".join(f"{name}: {value}" for name, value in block.items())


def _decoded(part: Message, html_text: bool) -> str:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return str(part.get_payload())
    charset = part.get_content_charset() or "utf-8"
    try:
        text = data.decode(charset, "replace")
    except LookupError:
        text = data.decode("utf-8", "replace")
    if html_text:
        text = html.unescape(_TAG.sub(" ", _BREAK.sub("\n", text)))
    return text


def logical_lines(text: str) -> list[str]:
    """Lines with the lines that start with a blank joined to the one before."""
    out: list[str] = []
    for line in re.split(r"\r\n|\r|\n", text):
        if out and line[:1] in (" ", "\t") and line.strip() and out[-1].strip():
            out[-1] += " " + line.strip()
        else:
            out.append(line.rstrip())
    return out


# --- the forms ------------------------------------------------------------------------

def _addr(value: str | None) -> str | None:
    """An address from a field value (``rfc822; <a@b>``, ``<a@b>``, ``a@b``), or None."""
    found = ADDRESS.search(value or "")
    return found.group().rstrip(".") if found else None


def split_reply(words: str) -> tuple[str | None, str | None, str]:
    """(basic code, enhanced code, words without the codes) of a server's reply.

    A multi-line reply joined into one (``550-5.1.1 The email … 550-5.1.1 double-checking …``)
    keeps its words once, without the repeated codes.
    """
    words = re.sub(r"^(?:smtp|x-postfix|x-unix|mailbox|X-Local);[ \t]*", "", words.strip(), flags=re.I)
    match = _REPLY.match(words)
    if not match:
        status = STATUS.search(words[:40]) or _QMAIL_STATUS.search(words)
        return None, (status.group(1) if status.re is _QMAIL_STATUS else status.group()) if status else None, words
    reply, status, rest = match["reply"], match["status"], match["rest"]
    if status:
        rest = re.sub(rf"(?:^|(?<=\s)){reply}[ -]{re.escape(status)}\s?", "", rest)
    else:
        rest = re.sub(rf"(?<=\s){reply}-", "", rest)
    if not status:
        found = STATUS.match(rest.lstrip("# "))
        status = found.group() if found else None
    return reply, status, rest.strip(" #>")


def _with_reply(failure: Failure, words: str) -> Failure:
    reply, status, rest = split_reply(words)
    return replace(failure, reply=reply or failure.reply, status=status or failure.status, words=rest)


_SAID = re.compile(rf"(?:\bhost[ \t]+)?(?P<host>[^\s\[\]]{{1,255}})[ ]?\[[^\]]{{0,64}}\][ \t]+"
                   rf"(?:said|refused to talk to me): (?P<words>[^\n]{{0,{_F * 8}}})")
_IN_REPLY = re.compile(r"\s*\(in reply to (?P<cmd>[^)]{1,60}?)(?: command)?\)\s*\)?\s*$", re.I)


def _postfix_words(failure: Failure, rest: str) -> Failure:
    """Postfix's "host X[IP] said: 550 … (in reply to RCPT TO command)", or its own words."""
    said = _SAID.search(rest)
    if said:
        failure = replace(failure, remote=said["host"])
        rest = said["words"]
    cmd = _IN_REPLY.search(rest)
    if cmd:
        failure = replace(failure, command=cmd["cmd"].upper())
        rest = rest[:cmd.start()]
    return _with_reply(failure, rest)


# Postfix log: "to=<a@b>, relay=mx[1.2.3.4]:25, …, dsn=5.1.1, status=bounced (host … said: …)".
_POSTFIX_LOG = re.compile(
    rf"\bto=<(?P<rcpt>[^<>\s]{{0,300}})>[^\n]{{0,{_F}}}?\bdsn=(?P<dsn>\d\.\d{{1,3}}\.\d{{1,3}}),"
    rf" status=(?P<status>\w{{1,20}})(?: \((?P<words>[^\n]{{0,{_F * 8}}})\))?")
_RELAY = re.compile(r"\brelay=(?P<relay>[^\s,\[]{1,255})")
# Postfix bounce, human part: "<a@b>: host mx[1.2.3.4] said: …" or "<a@b> (expanded from <c@d>): …".
_POSTFIX_HUMAN = re.compile(rf"^[ \t]*<?(?P<rcpt>{_ADDR})>?(?: \(expanded from <[^<>]{{0,300}}>\))?:[ \t]*"
                            rf"(?P<rest>[^\n]{{1,{_F * 8}}})")
# Exim: "** a@b R=… T=… H=mx [1.2.3.4]: SMTP error from remote mail server after RCPT TO:<a@b>: 550 …"
# in its log, and "a@b host mx [1.2.3.4] SMTP error from …" in its bounce (lines joined).
_EXIM = re.compile(
    rf"(?:^[^\n]{{0,80}}?(?P<mark>\*\*|==)[ \t]+(?P<logrcpt>{_ADDR})|^[ \t]*(?P<rcpt>{_ADDR}))?"
    rf"[^\n]{{0,{_F}}}?(?:\bH=|\bhost )(?P<host>[^\s\[\]]{{1,255}}) \[[^\]]{{0,64}}\][^\n]{{0,{_F}}}?"
    rf"SMTP error from remote (?:mail server|mailer) after (?P<cmd>[A-Za-z][A-Za-z ]{{1,19}})"
    rf"(?::<(?P<to>[^<>]{{0,300}})>)?"
    rf"(?: [^:\n]{{0,300}})?:[ \t]*(?P<words>[^\n]{{0,{_F * 8}}})")
_EXIM_SIMPLE = re.compile(rf"^[^\n]{{0,80}}?(?P<mark>\*\*|==)[ \t]+(?P<rcpt>{_ADDR})(?: <[^<>]{{0,300}}>)?"
                          rf"(?P<rest>[^\n]{{0,{_F * 8}}})")
# Exchange and Microsoft 365: "Remote Server returned '550 5.1.1 …'", "#550 5.1.1 RESOLVER… ##".
_EXCHANGE = re.compile(rf"Remote [Ss]erver returned '(?P<words>[^'\n]{{1,{_F * 4}}})'")
_EXCHANGE_HASH = re.compile(rf"^[ \t]*#(?:< #)?(?P<words>(?:[245]\d\d |[245]\.\d)[^\n]{{0,{_F * 4}}}?)"
                            r"(?:> #SMTP#| ##)?[ \t]*$")
_GENERATING = re.compile(r"^(?:Generating server|Server generating this report|Serveur de génération|"
                         r"Generierender Server|Server di generazione|Servidor de generación):[ \t]*"
                         r"(?P<host>\S{1,255})", re.I)
_WARNING = re.compile(r"THIS IS A WARNING ONLY|Delivery (?:Status Notification \(Delay\)|has been delayed)"
                      r"|will (?:be )?retr(?:y|ied)|still trying", re.I)
_POSTFIX_SYSTEM = re.compile(r"This is the mail system at host (?P<host>[^\s.]{1,63}(?:\.[^\s.]{1,63}){0,20})", re.I)
# A line that is only an address (Exchange, Gmail, providers' reports), maybe "a@b (a@b)".
_LONE = re.compile(rf"^[ \t]*<?(?P<rcpt>{_ADDR})>?(?:[ \t]+\([^()\n]{{0,300}}\))?[ \t]*$")
# Delivery words, in the reader's languages: an address on such a line is the recipient.
_DELIVERY = re.compile(r"deliver|zugestellt|zustell|remis|distribu|recapit|consegn|entreg|r[eé]ception|message to|"
                       r"Nachricht an|message à|messaggio a|mensaje a|following address|folgende Adresse|"
                       r"destinataire|Empfänger|destinatari|recipient", re.I)
_NOT_RECIPIENT = re.compile(r"^[ \t]*(?:From|Reply-To|Return-Path|Sender|X-Postfix-Sender|Envelope-From|Message-ID|"
                            r"Von|De|Da|Expéditeur|Absender|Mittente|Remitente|Subject)[ \t]*:", re.I)
# RFC 3464 fields, and the same fields as Oracle/Sun Messaging Server words them ("Recipient address:").
_DSN_FIELD = re.compile(r"^[ \t]*(?P<name>Final-Recipient|Original-Recipient|Action|Status|Remote-MTA|Reporting-MTA|"
                        r"Diagnostic[- ]Code|X-Display-Name|Recipient address|Remote system)[ \t]*:[ \t]*"
                        rf"(?P<value>[^\n]{{0,{_F * 8}}})", re.I)


@dataclass
class _State:
    failures: list[Failure] = field(default_factory=list)
    reporting: str | None = None
    dsn: Failure | None = None  # the DSN block being read
    lone: str | None = None  # the last address seen alone on a line
    mentioned: list[str] = field(default_factory=list)  # addresses on delivery lines, in order
    warning: bool = False  # the report is a delay warning: nothing has failed for good yet


_FIELD_NAMES = {"recipient address": "final-recipient", "remote system": "remote-mta",
                "diagnostic code": "diagnostic-code"}


def _dsn_field(state: _State, name: str, value: str) -> None:
    name = _FIELD_NAMES.get(name.lower(), name.lower())
    if name == "reporting-mta":
        state.reporting = value.split(";")[-1].strip() or state.reporting
        return
    if name in ("final-recipient", "original-recipient"):
        address = _addr(value)
        if state.dsn is not None and (name == "original-recipient" or state.dsn.recipient is None) \
                and state.dsn.recipient in (None, address) and state.dsn.status is None:
            state.dsn.recipient = state.dsn.recipient or address
            return
        state.dsn = Failure(recipient=address)
        state.failures.append(state.dsn)
        return
    if state.dsn is None:  # a piece of a DSN without its recipient line
        state.dsn = Failure()
        state.failures.append(state.dsn)
    if name == "action":
        state.dsn.action = value.split()[0].lower() if value.split() else None
    elif name == "status":
        found = STATUS.search(value)
        state.dsn.status = found.group() if found else state.dsn.status
    elif name == "remote-mta":
        state.dsn.remote = value.split(";")[-1].split()[0] if value.split(";")[-1].split() else None
    elif name == "diagnostic-code":
        updated = _postfix_words(state.dsn, value)
        state.dsn.reply, state.dsn.words, state.dsn.command = updated.reply, updated.words, updated.command
        state.dsn.remote = state.dsn.remote or updated.remote
        state.dsn.status = state.dsn.status or updated.status


_ACTIONS = {"bounced": "failed", "deferred": "delayed", "expired": "failed", "sent": "delivered"}


def _postfix_log(match: re.Match[str], line: str) -> Failure:
    relay = _RELAY.search(line)
    failure = Failure(recipient=match["rcpt"] or None, status=match["dsn"],
                      action=_ACTIONS.get(match["status"].lower(), match["status"].lower()),
                      remote=relay["relay"] if relay and relay["relay"] != "none" else None)
    return _postfix_words(failure, match["words"] or "")


def _exim(match: re.Match[str]) -> Failure:
    # After "MAIL FROM:<a@b>" the address is the sender's, not a recipient.
    to = _addr(match["to"]) if match["cmd"].upper().startswith("RCPT") else None
    recipient = match["logrcpt"] or match["rcpt"] or to
    failure = Failure(recipient=recipient, remote=match["host"], command=match["cmd"].upper().strip(),
                      action={"**": "failed", "==": "delayed"}.get(match["mark"] or ""))
    return _with_reply(failure, match["words"])


Reader = Callable[[_State, str], bool]


def _read_dsn(state: _State, line: str) -> bool:
    match = _DSN_FIELD.match(line)
    if match:
        _dsn_field(state, match["name"], match["value"].strip())
    return bool(match)


def _read_postfix_log(state: _State, line: str) -> bool:
    match = _POSTFIX_LOG.search(line) if "to=<" in line else None
    if match:
        state.failures.append(_postfix_log(match, line))
    return bool(match)


def _read_exim(state: _State, line: str) -> bool:
    match = _EXIM.search(line) if "SMTP error from remote" in line else None
    if match:
        state.failures.append(_exim(match))
        return True
    simple = _EXIM_SIMPLE.match(line) if ("**" in line or "==" in line) else None
    if simple:
        failure = Failure(recipient=simple["rcpt"], action="failed" if simple["mark"] == "**" else "delayed")
        rest = re.sub(r"^(?:[ \t]+[A-Z]=\S{0,255})*[ \t]*:?[ \t]*", "", simple["rest"])
        state.failures.append(_with_reply(failure, rest))
    return bool(simple)


def _read_postfix_human(state: _State, line: str) -> bool:
    match = _POSTFIX_HUMAN.match(line)
    if match:  # Postfix's delay warning says so in its banner; any other report is final
        action = "delayed" if state.warning else "failed"
        state.failures.append(_postfix_words(Failure(recipient=match["rcpt"], action=action), match["rest"]))
    return bool(match)


def _read_exchange(state: _State, line: str) -> bool:
    match = _EXCHANGE.search(line) or (_EXCHANGE_HASH.match(line) if "#" in line else None)
    if match:
        state.failures.append(_with_reply(Failure(recipient=state.lone), match["words"]))
    return bool(match)


def _read_systems(state: _State, line: str) -> bool:
    state.warning = state.warning or bool(_WARNING.search(line))
    match = _GENERATING.match(line) or _POSTFIX_SYSTEM.search(line)
    if match:
        state.reporting = state.reporting or match["host"]
    return False  # the same line may hold more


def _read_said(state: _State, line: str) -> bool:
    """Postfix's "host X[IP] said: …" without the recipient before it (a line cut out of a bounce)."""
    if "said:" not in line and "refused to talk" not in line:
        return False
    match = _SAID.search(line)
    if match:
        state.failures.append(_postfix_words(Failure(), line))
    return bool(match)


def _read_reply(state: _State, line: str) -> bool:
    """A bare SMTP reply on a line of its own (``550 5.1.1 <a@b>: … user unknown``), or qmail's words."""
    reply, status, rest = split_reply(line)
    if reply is None and _QMAIL_STATUS.search(line[-40:]):
        state.failures.append(Failure(status=status, words=rest))
        return True
    if reply is None:
        return False
    if state.failures and state.failures[-1].reply is None and state.failures[-1].words == "":
        state.failures[-1] = replace(state.failures[-1], reply=reply, status=state.failures[-1].status or status,
                                     words=rest)
        return True
    recipient = _addr(rest[:300]) if rest.lstrip().startswith("<") else None
    state.failures.append(Failure(recipient=recipient, reply=reply, status=status, words=rest))
    return True


FORMS: tuple[Reader, ...] = (_read_systems, _read_dsn, _read_postfix_log, _read_exim, _read_postfix_human,
                             _read_exchange, _read_said, _read_reply)


def parse(text: str) -> Parsed:
    """Every failure the text reports, in order, at most :data:`MAX_FAILURES`."""
    body = readable(text)
    state = _State()
    for line in logical_lines(body):
        if not line.strip():
            continue
        if not any(read(state, line) for read in FORMS):
            _remember_addresses(state, line)
    failures = _merged(state)
    if not failures:  # a provider's bounce in prose: the addresses its delivery sentences name
        failures = [Failure(recipient=address) for address in state.mentioned]
    elif not any(f.recipient for f in failures) and state.mentioned:
        failures[0].recipient = state.mentioned[0]
    return Parsed(failures[:MAX_FAILURES], state.reporting, body, len(failures) > MAX_FAILURES)


def _remember_addresses(state: _State, line: str) -> None:
    lone = _LONE.match(line)
    if lone:
        state.lone = lone["rcpt"]
    if _NOT_RECIPIENT.match(line):
        return
    if lone or _DELIVERY.search(line):
        for found in ADDRESS.finditer(line[:2000]):
            address = found.group().rstrip(".")
            if address not in state.mentioned:
                state.mentioned.append(address)


_SENDER_BEFORE = re.compile(r"(?:from|sender|MAIL FROM:|envelope|exp[eé]diteur|Absender|mittente|remitente)\W{0,3}$",
                            re.I)


def recipient_in_words(words: str) -> str | None:
    """The address a server's words name as the recipient ("Messages to a@b deferred", "<a@b>: …").

    An address right after "from" or "sender" is the sender's and is skipped.
    """
    for found in ADDRESS.finditer(words[:2000]):
        if not _SENDER_BEFORE.search(words[max(0, found.start() - 16):found.start()]):
            return found.group().rstrip(".")
    return None


def _merged(state: _State) -> list[Failure]:
    """One failure per recipient: a bounce names the same failure in its human part and its DSN.

    The DSN's fields (status, action) are kept, and the other form fills what it lacks.
    """
    merged: dict[str | None, Failure] = {}
    for failure in state.failures:
        key = failure.recipient.lower() if failure.recipient else None
        if key is None and len(merged) == 1 and None not in merged:
            key = next(iter(merged))  # a reply without its recipient, under the one recipient
        seen = merged.get(key)
        if seen is None:
            merged[key] = failure
            continue
        for name in ("status", "reply", "remote", "action", "command", "recipient"):
            if getattr(seen, name) is None:
                setattr(seen, name, getattr(failure, name))
        if len(failure.words) > len(seen.words) and not seen.words.strip():
            seen.words = failure.words
    if None in merged and len(merged) > 1:
        orphan = merged.pop(None)
        for failure in merged.values():
            for name in ("status", "reply", "words", "remote"):
                if not getattr(failure, name):
                    setattr(failure, name, getattr(orphan, name))
    return list(merged.values())
