"""Findings -> a JSON-able report in the reader's language (the widget and the CLI use it).

One dict per HELO value::

    {"helo": "localhost", "command": "HELO" | "EHLO" | None, "source": "bare",
     "verdict": "reject", "summary": "...",
     "findings": [{"code", "severity", "message", "part"}],
     "advice": "..." | None, "hints": [{"mta", "setting", "text", "example"}],
     "dialogue": [{"side": "server" | "client", "label", "line"}]}

``hints`` and ``advice`` appear when something is wrong (an error or a warning). When
the text shows which system sent the HELO (a Postfix bounce, PHPMailer's debug output),
that system's hint comes first; the example in each hint uses a name from the paste
(the server's reverse name or its own host name) when one is valid, else
``mail.example.com``. ``dialogue`` is the exchange the hoster's guide shows for a reject
the hoster states: the 550 comes at RCPT TO, not right after HELO. The SMTP lines stay
as servers send them; labels, messages and hints are translated (gettext domain ``helo``).

The summary never says the hoster accepts a name: a name "passes every rule this
checker knows"; "{provider} refuses" is said only for the kinds of name the hoster's
own guide lists (:data:`HOSTER_STATED`); other errors are the RFC's rules, which the
checker applies as its own caution.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mailcheck.findings import Finding, Severity, verdict
from mailcheck.helo.checker import check
from mailcheck.helo.codes import COUNTED, DOMAIN, RULES, finding
from mailcheck.helo.extract import MAX_VALUES, Extracted, extract, sending_system, server_names, shows_refusal
from mailcheck.helo.policy import normalise
from mailcheck.i18n import N_, message, number, plural
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
         N_("Exim: set helo_data in the smtp transport (by default it is $primary_hostname),"
            " then restart Exim."),
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
    Hint("qmail", "control/helohost",
         N_("qmail: write the name into control/helohost (without it, qmail-remote announces the name"
            " in control/me)."),
         "echo {name} > /var/qmail/control/helohost"),
    Hint("Haraka", "config/me",
         N_("Haraka: write the name into config/me (without it, Haraka announces the machine's host name),"
            " then restart Haraka."),
         "echo {name} > config/me"),
)
# Client libraries: their hint is shown only when the text shows that one of them sent the HELO.
CLIENT_HINTS = (
    Hint("PHPMailer", "Helo",
         N_("PHPMailer: set the Helo property (without it, PHPMailer announces its Hostname property"
            " or the web server's name)."),
         "$mail->Helo = '{name}';"),
    Hint("Python smtplib", "local_hostname",
         N_("Python smtplib: pass local_hostname (without it, smtplib announces socket.getfqdn())."),
         'smtplib.SMTP(host, port, local_hostname="{name}")'),
    Hint("Nodemailer", "name",
         N_("Nodemailer: set the name option of the transport (without it, Nodemailer announces the"
            " machine's host name)."),
         'nodemailer.createTransport({{ host, port, name: "{name}" }})'),
    Hint("Ruby Net::SMTP", "helo",
         N_("Ruby Net::SMTP: pass the name to start as the HELO domain (without it, Net::SMTP"
            " announces “localhost”)."),
         'Net::SMTP.start(address, port, "{name}")'),
    Hint("Perl Net::SMTP", "Hello",
         N_("Perl Net::SMTP: pass the Hello option to new (without it, Net::SMTP announces"
            " “localhost.localdomain”)."),
         "Net::SMTP->new($host, Hello => '{name}')"),
    Hint("curl", "URL path",
         N_("curl: the name curl announces is the path of the smtp:// address."),
         "curl --url 'smtp://SERVER:587/{name}' ..."),
    Hint("JavaMail", "mail.smtp.localhost",
         N_("JavaMail (Jakarta Mail): set the mail.smtp.localhost property."),
         'props.put("mail.smtp.localhost", "{name}");'),
)
# Errors for which the hoster's own guide says its servers refuse the name (the seed's
# examples: 127.0.0.1, [127.0.0.1], localhost, www, fakedomain.xyz on its ban list).
HOSTER_STATED = frozenset({"HELO_BARE_IP", "HELO_ADDRESS_LITERAL", "HELO_SINGLE_LABEL", "HELO_BANNED"})
# Rules no standard and no statement of the hoster asks for: their messages say so.
CHECKER_CAUTION = frozenset({"HELO_LOCAL_LABEL", "HELO_SPECIAL_USE", "HELO_DYNAMIC"})
ADVICE = N_(
    "Announce the server's public, fully-qualified name: a name with an A or AAAA record"
    " that points to the server, whose address points back to the name (PTR record)."
)
SUMMARY_ACCEPT = N_("“{helo}” passes every rule this checker knows.")
SUMMARY_WARN = N_("“{helo}” passes every rule this checker knows, but read the warnings.")
SUMMARY_REJECT = N_("{provider} refuses “{helo}”: mail from this server bounces with “bogus HELO”.")
SUMMARY_INVALID = N_("“{helo}” breaks the rules for host names (RFC): receivers may refuse it, and this"
                     " checker counts it as refused.")
SUMMARY_UNCERTAIN = N_("The text does not show for sure which name the server announced.")
CAUTION = N_("This is this checker's own caution, not a rule of {provider}.")
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
        context = Context(sending_system(text), [name for name in server_names(text) if _usable(name)])
        reports = [_report_one(item, lang, context) if item.certain else _uncertain(item, lang, context)
                   for item in extracted]
    else:
        reports = [_refused_not_shown(text, lang) if shows_refusal(text) else _not_found(lang)]
    notes = [finding("HELO_MORE_VALUES", limit=MAX_VALUES)] if truncated else []
    if length is not None:
        notes.append(finding("HELO_INPUT_CUT", limit=policy()["helo"]["max_input_bytes"]))
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


@dataclass(frozen=True)
class Context:
    """What the whole paste tells about the sender: its software and its own valid names."""

    system: str | None  # a hint's ``mta`` (see extract.SENDERS), or None
    names: list[str]  # host names of the sending server found in the text, each one valid


def _usable(name: str | None) -> bool:
    """A name fit for an example: one that passes every rule with no warning."""
    return bool(name) and not check(name) and "." in name


def _example_name(item: Extracted, findings: list[Finding], context: Context) -> str:
    """The A-label of the reader's own name, else a valid name from the paste, else the placeholder."""
    suggestion = next((str(f.params["suggestion"]) for f in findings if f.code == "HELO_ALABEL"), None)
    if suggestion:
        return suggestion
    candidates = ([item.host] if item.host else []) + context.names
    return next((name for name in candidates if _usable(name) and name.lower() != item.value.lower()),
                PLACEHOLDER_NAME)


def hints_for(system: str | None) -> tuple[Hint, ...]:
    """The hints to show: the sending system's own first, then every MTA's."""
    own = tuple(hint for hint in HINTS + CLIENT_HINTS if hint.mta == system)
    return own + tuple(hint for hint in HINTS if hint.mta != system)


def hoster_states(findings: list[Finding], value: str) -> bool:
    """True when an error is one of the kinds of name the hoster's guide says it refuses."""
    return any(f.code in HOSTER_STATED or (f.code == "HELO_LOOPBACK" and normalise(value) == "localhost")
               for f in findings if f.severity is Severity.ERROR)


def _summary(findings: list[Finding], value: str) -> str:
    if verdict(findings) == "reject":
        return SUMMARY_REJECT if hoster_states(findings, value.strip()) else SUMMARY_INVALID
    return SUMMARY_WARN if any(f.severity is not Severity.INFO for f in findings) else SUMMARY_ACCEPT


def _report_one(item: Extracted, lang: str, context: Context) -> dict:
    findings = check(item.value)
    result = verdict(findings)
    needs_fix = any(f.severity is not Severity.INFO for f in findings)
    name = _example_name(item, findings, context)
    summary = _summary(findings, item.value)
    return {
        "helo": item.value,
        "command": item.command,
        "source": item.source,
        "verdict": result,
        "summary": message(DOMAIN, lang, summary, helo=shown(item.value), provider=policy()["provider"]["name"]),
        "findings": [_finding_dict(f, lang) for f in findings],
        "advice": message(DOMAIN, lang, ADVICE) if needs_fix else None,
        "hints": [_hint_dict(hint, name, lang) for hint in hints_for(context.system)] if needs_fix else [],
        "dialogue": _dialogue(item, lang) if summary == SUMMARY_REJECT else [],
    }


def _uncertain(item: Extracted, lang: str, context: Context) -> dict:
    """A name that may be the HELO or only the reverse name: said, not checked as the HELO."""
    return {
        "helo": None,
        "command": None,
        "source": item.source,
        "verdict": "reject",
        "summary": message(DOMAIN, lang, SUMMARY_UNCERTAIN),
        "findings": [_finding_dict(finding("HELO_UNCERTAIN", part=item.value), lang)],
        "advice": message(DOMAIN, lang, ADVICE),
        "hints": [_hint_dict(hint, _example_name(item, [], context), lang) for hint in hints_for(context.system)],
        "dialogue": [],
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


def _refused_not_shown(text: str, lang: str) -> dict:
    """A bounce that shows the refusal but not the name: say so, and where the name is set."""
    context = Context(sending_system(text), [name for name in server_names(text) if _usable(name)])
    name = context.names[0] if context.names else PLACEHOLDER_NAME
    return {
        "helo": None,
        "command": None,
        "source": None,
        "verdict": "reject",
        "summary": message(DOMAIN, lang, SUMMARY_REFUSED),
        "findings": [_finding_dict(finding("HELO_REFUSED_NOT_SHOWN"), lang)],
        "advice": message(DOMAIN, lang, ADVICE),
        "hints": [_hint_dict(hint, name, lang) for hint in hints_for(context.system)],
        "dialogue": [],
    }


def _finding_dict(item: Finding, lang: str) -> dict:
    params = {key: shown(value) if isinstance(value, str) else number(value, lang) if isinstance(value, int) else value
              for key, value in item.params.items()}
    provider = policy()["provider"]["name"]
    # Messages name the hoster as the data file does ({provider}); the others ignore it.
    if item.code in COUNTED:
        (singular, plural_id), counted = COUNTED[item.code]
        text = plural(DOMAIN, lang, singular, plural_id, int(item.params[counted]), provider=provider, **params)
    else:
        text = message(DOMAIN, lang, RULES[item.code].message, provider=provider, **params)
    if item.code in CHECKER_CAUTION:
        text += " " + message(DOMAIN, lang, CAUTION, provider=provider)
    return {"code": item.code, "severity": item.severity.value, "message": text, "part": item.params.get("part")}


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
