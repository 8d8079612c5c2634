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

from dataclasses import dataclass

from mailcheck.findings import Finding, Severity, verdict
from mailcheck.helo.checker import check
from mailcheck.helo.codes import DOMAIN, RULES, finding
from mailcheck.helo.extract import MAX_VALUES, Extracted, extract
from mailcheck.i18n import N_, message
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
SERVER_LABEL = N_("{provider} server")
CLIENT_LABEL = N_("Your server")


def report(text: str, lang: str) -> list[dict]:
    """One report per HELO value found in ``text``, in ``lang``; never raises on any text."""
    extracted, truncated = extract(text)
    if not extracted:
        return [_not_found(lang)]
    reports = [_report_one(item, lang) for item in extracted]
    if truncated:
        more = finding("HELO_MORE_VALUES", limit=MAX_VALUES)
        reports[-1]["findings"].append(_finding_dict(more, lang))
    return reports


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


def _finding_dict(item: Finding, lang: str) -> dict:
    params = {key: shown(value) if isinstance(value, str) else value for key, value in item.params.items()}
    return {
        "code": item.code,
        "severity": item.severity.value,
        # Messages name the hoster as the data file does ({provider}); the others ignore it.
        "message": message(DOMAIN, lang, RULES[item.code].message, provider=policy()["provider"]["name"], **params),
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
    """The exchange as the hoster's guide shows it: accepted HELO, refused recipient."""
    provider, helo = policy()["provider"], policy()["helo"]
    lines = [
        ("server", f"220 {provider['smtp_greeting']}"),
        ("client", f"{item.command or 'HELO'} {shown(item.value)}"),
        ("server", f"250 {provider['smtp_banner_host']}"),
        ("client", f"MAIL FROM:<{SENDER}>"),
        ("server", f"250 2.1.0 {SENDER}... Sender ok"),
        ("client", f"RCPT TO:<{RECIPIENT}>"),
        ("server", helo["reject_reply"].replace("{address}", RECIPIENT)),
    ]
    labels = {"server": message(DOMAIN, lang, SERVER_LABEL, provider=provider["name"]),
              "client": message(DOMAIN, lang, CLIENT_LABEL)}
    return [{"side": side, "label": labels[side], "line": line} for side, line in lines]


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
