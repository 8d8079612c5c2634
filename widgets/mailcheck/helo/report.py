"""Findings -> a JSON-able report in the reader's language (the widget and the CLI use it).

One dict per HELO value::

    {"helo": "localhost", "command": "HELO" | "EHLO" | None, "source": "bare",
     "verdict": "reject", "summary": "...",
     "findings": [{"code", "severity", "message", "part"}],
     "advice": "..." | None, "hints": [{"mta", "setting", "text", "example"}],
     "dialogue": [{"side": "server" | "client", "label", "line"}]}

``hints`` and ``advice`` appear when something is wrong (an error or a warning);
``dialogue`` is the exchange the hoster's guide shows for a reject: the 550 comes at
RCPT TO, not right after HELO. The SMTP lines stay as servers send them; labels,
messages and hints are translated (gettext domain ``helo``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mailcheck.findings import Finding, Severity, verdict
from mailcheck.helo.checker import check
from mailcheck.helo.codes import DOMAIN, RULES, finding
from mailcheck.helo.extract import MAX_VALUES, Extracted, extract, shows_refusal
from mailcheck.i18n import N_, Size, message, translate
from mailcheck.policy import policy

PLACEHOLDER_NAME = "mail.example.com"  # shown in hints until the reader's own name is valid
SENDER = "sender@example.com"
RECIPIENT = "recipient@example.net"
SHOWN_LENGTH = 80  # characters of reader input repeated in a message


@dataclass(frozen=True)
class Hint:
    """Where one MTA sets the name it announces; ``example`` is a literal config line."""

    mta: str
    setting: str
    text: str
    example: str


HINTS = (
    Hint("Postfix", "smtp_helo_name",
         N_("Postfix: set smtp_helo_name in main.cf (by default it is $myhostname),"
            " then run “postfix reload”."),
         "smtp_helo_name = {name}"),
    Hint("Exim", "helo_data",
         N_("Exim: set helo_data in the smtp transport, then restart Exim."),
         "helo_data = {name}"),
    Hint("OpenSMTPD", "helo",
         N_("OpenSMTPD: add helo and the name to the action that relays mail in smtpd.conf,"
            " then restart smtpd."),
         'action "relay" relay helo {name}'),
    Hint("Sendmail", "confDOMAIN_NAME",
         N_("Sendmail: define confDOMAIN_NAME in sendmail.mc (it sets $j),"
            " rebuild sendmail.cf and restart Sendmail."),
         "define(`confDOMAIN_NAME', `{name}')dnl"),
    Hint("Exchange", "Fqdn",
         N_("Exchange: enter the name as the FQDN of the send connector that delivers"
            " to the Internet."),
         'Set-SendConnector -Identity "Internet" -Fqdn {name}'),
)
ADVICE = N_(
    "Announce the server's public, fully-qualified name: a name with an A or AAAA record"
    " that points to the server, whose address points back to the name (PTR record)."
)
SUMMARY_ACCEPT = N_("{provider} accepts “{helo}”.")
SUMMARY_WARN = N_("{provider} accepts “{helo}”, but read the warnings.")
SUMMARY_REJECT = N_("{provider} refuses “{helo}”: mail from this server bounces with “bogus HELO”.")
SUMMARY_NOT_FOUND = N_("There is no HELO name to check.")
SUMMARY_REFUSED = N_("A server refused mail because of the HELO name, but the text does not show the name.")
SERVER_LABEL = N_("{provider} server")
CLIENT_LABEL = N_("Your server")


def report(text: str, lang: str) -> list[dict]:
    """One report per HELO value found in ``text``, in ``lang``; never raises on any text.

    Only the first ``helo.max_input_bytes`` of the text are read (the CLI and the
    widget both come through here), and the last report says when the rest was cut.
    """
    text, length = cap_input(text, policy()["helo"]["max_input_bytes"])
    extracted, truncated = extract(text)
    if extracted:
        reports = [_report_one(item, lang) for item in extracted]
    else:
        reports = [_refused_not_shown(lang) if shows_refusal(text) else _not_found(lang)]
    notes = [finding("HELO_MORE_VALUES", limit=MAX_VALUES)] if truncated else []
    if length is not None:
        notes.append(finding("HELO_INPUT_CUT", length=Size(length), limit=Size(policy()["helo"]["max_input_bytes"])))
    reports[-1]["findings"] += [_finding_dict(note, lang) for note in notes]
    return reports


def cap_input(text: str, limit: int) -> tuple[str, int | None]:
    """``text`` cut to at most ``limit`` UTF-8 bytes, and its length in bytes if it was cut.

    The cut falls on a character boundary and drops the last, partial line (it could
    hold half a name); a single line longer than the limit keeps its first part.
    """
    if len(text) * 4 <= limit:  # cannot be over the limit: skip encoding small pastes
        return text, None
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return text, None
    cut = limit
    while cut and data[cut] & 0xC0 == 0x80:  # not inside a multi-byte character
        cut -= 1
    head = data[:cut].decode("utf-8", "surrogatepass")
    line_end = max(head.rfind("\n"), head.rfind("\r"))
    return (head[:line_end] if line_end > 0 else head), len(data)


def _report_one(item: Extracted, lang: str) -> dict:
    findings = check(item.value)
    result = verdict(findings)
    needs_fix = any(f.severity is not Severity.INFO for f in findings)
    name = next((str(f.params["suggestion"]) for f in findings if f.code == "HELO_ALABEL"), PLACEHOLDER_NAME)
    summary = SUMMARY_REJECT if result == "reject" else SUMMARY_WARN if needs_fix else SUMMARY_ACCEPT
    return {
        "helo": item.value,
        "command": item.command,
        "source": item.source,
        "verdict": result,
        "summary": message(DOMAIN, lang, summary, helo=shown(item.value), provider=policy()["provider"]["name"]),
        "findings": [_finding_dict(f, lang) for f in findings],
        "advice": message(DOMAIN, lang, ADVICE) if needs_fix else None,
        "hints": [_hint_dict(hint, name, lang) for hint in HINTS] if needs_fix else [],
        "dialogue": _dialogue(item, lang) if result == "reject" else [],
    }


def _not_found(lang: str) -> dict:
    return {
        "helo": None,
        "command": None,
        "source": None,
        "verdict": "reject",
        "summary": message(DOMAIN, lang, SUMMARY_NOT_FOUND),
        "findings": [_finding_dict(finding("HELO_NOT_FOUND"), lang)],
        "advice": None,
        "hints": [],
        "dialogue": [],
    }


def _refused_not_shown(lang: str) -> dict:
    """A bounce that shows the refusal but not the name: say so, and where the name is set."""
    return {
        "helo": None,
        "command": None,
        "source": None,
        "verdict": "reject",
        "summary": message(DOMAIN, lang, SUMMARY_REFUSED),
        "findings": [_finding_dict(finding("HELO_REFUSED_NOT_SHOWN"), lang)],
        "advice": message(DOMAIN, lang, ADVICE),
        "hints": [_hint_dict(hint, PLACEHOLDER_NAME, lang) for hint in HINTS],
        "dialogue": [],
    }


def _finding_dict(item: Finding, lang: str) -> dict:
    params = {key: shown(value) if isinstance(value, str) else value for key, value in item.params.items()}
    return {
        "code": item.code,
        "severity": item.severity.value,
        # Messages name the hoster as the data file does ({provider}); the others ignore it.
        "message": translate(DOMAIN, lang, RULES[item.code].message, provider=policy()["provider"]["name"], **params),
        "part": item.params.get("part"),
    }


def _hint_dict(hint: Hint, name: str, lang: str) -> dict:
    return {
        "mta": hint.mta,
        "setting": hint.setting,
        "text": message(DOMAIN, lang, hint.text),
        "example": hint.example.format(name=name),
    }


def _dialogue(item: Extracted, lang: str) -> list[dict]:
    lines = dialogue_lines(policy()["provider"], policy()["helo"], item.command or "HELO", shown(item.value))
    labels = {"server": message(DOMAIN, lang, SERVER_LABEL, provider=policy()["provider"]["name"]),
              "client": message(DOMAIN, lang, CLIENT_LABEL)}
    return [{"side": side, "label": labels[side], "line": line} for side, line in lines]


def dialogue_lines(provider: Mapping[str, str], helo: Mapping[str, object], command: str,
                   name: str) -> list[tuple[str, str]]:
    """The exchange as the hoster's guide shows it: accepted HELO, refused recipient.

    (side, SMTP line) pairs from the data file's greeting, banner and reject reply; the
    bogus-HELO guide renders the same lines (shortcode ``md:helo-dialogue``), so the
    page and the checker always show the hoster's real words.
    """
    return [
        ("server", f"220 {provider['smtp_greeting']}"),
        ("client", f"{command} {name}"),
        ("server", f"250 {provider['smtp_banner_host']}"),
        ("client", f"MAIL FROM:<{SENDER}>"),
        ("server", f"250 2.1.0 {SENDER}... Sender ok"),
        ("client", f"RCPT TO:<{RECIPIENT}>"),
        ("server", str(helo["reject_reply"]).replace("{address}", RECIPIENT)),
    ]


def shown(text: str, limit: int = SHOWN_LENGTH) -> str:
    """Reader input made safe to repeat in a sentence: short, printable, no lone surrogates."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(_printable(ch) for ch in text)


def _printable(ch: str) -> str:
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return ch
