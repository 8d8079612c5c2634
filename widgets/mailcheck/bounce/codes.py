"""What each reason means, who must act, and which status codes can be trusted to name it.

Three tables, one concern each:

* :data:`REASONS`: the fixed list of reason ids (printed in JSON; others rely on
  them), who must act, what happened and the next step (msgids of the ``bounce``
  gettext domain), and the guide or tool that helps (a path under ``docs/<lang>/``).
* :data:`STATUS`: enhanced status codes (RFC 3463, IANA registry) that name one
  reason. Codes that servers use for anything (``5.0.0``, ``5.7.1``, ``4.7.0`` …)
  are left out on purpose: the server's words decide then (:mod:`.words`).
* :data:`RULES`: the findings about the input itself (empty, cut, nothing found).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mailcheck.findings import Finding, Rule, Severity, finding_for
from mailcheck.i18n import N_

DOMAIN = "bounce"


class Actor(StrEnum):
    """Who can make the next delivery work."""

    SENDER = "sender"  # the person who wrote the message: fix the address, shrink it, split it
    SENDER_ADMIN = "sender-admin"  # whoever runs the sending server or domain: HELO, SPF, blocklists
    RECIPIENT_SIDE = "recipient-side"  # only the recipient or their provider can
    WAIT = "wait"  # nobody yet: the sending server tries again by itself


@dataclass(frozen=True)
class Reason:
    actor: Actor
    what: str  # msgid: what happened, one sentence
    step: str  # msgid: the next step, one or two sentences; may use {limit}
    guide: str = ""  # page under docs/<lang>/ (with #anchor) that helps, "" when none does


REASONS: dict[str, Reason] = {
    "recipient-unknown": Reason(
        Actor.SENDER, N_("The recipient's server says this address does not exist."),
        N_("Check the address for typing mistakes (letters, dots, the domain) or ask the recipient for it by"
           " another way, then send the message again.")),
    "mailbox-full": Reason(
        Actor.RECIPIENT_SIDE, N_("The recipient's mailbox is full."),
        N_("Only the recipient can make room. Let them know by another way (phone, another address), and"
           " send the message again later.")),
    "message-too-large": Reason(
        Actor.SENDER, N_("The message is larger than a server on the way accepts."),
        N_("Send the attachments as a link (a file-sharing service) or in several smaller messages. Here a"
           " message may be up to {limit}; the recipient's server may accept less."),
        "limits/sending-limits.md#message-size"),
    "too-many-recipients": Reason(
        Actor.SENDER, N_("The message has more recipients than the server accepts at once."),
        N_("Count the recipients and send the message in several groups; for mailings to many people use a"
           " newsletter tool."),
        "limits/sending-limits.md#count-recipients"),
    "sender-blocked": Reason(
        Actor.SENDER_ADMIN, N_("The recipient's server refuses mail from the sending server or address:"
                               " it is on a blocklist or has a poor reputation."),
        N_("Whoever runs the sending server must find out which list names it (the refusal usually says) and"
           " ask to be removed, after stopping what caused it (a hacked account, a mailing).")),
    "spam-or-content": Reason(
        Actor.SENDER, N_("A filter took the message for spam, or refused its content or an attachment."),
        N_("Remove what looks suspicious (links to shortened addresses, program files such as .exe or .js, even"
           " inside a zip file) and send it again; if it still bounces, send the summary below to support.")),
    "authentication-policy": Reason(
        Actor.SENDER_ADMIN, N_("The recipient's server could not confirm that the sending domain allows this"
                               " server to send for it (SPF, DKIM or DMARC)."),
        N_("Whoever manages the sender's domain must check its SPF, DKIM and DMARC records: they must include"
           " the server that really sends the mail.")),
    "auth-required": Reason(
        Actor.SENDER, N_("The server refused to pass the message on: the sender did not log in, or may not send"
                         " with this address."),
        N_("In your mail program, turn on authentication for the outgoing server (SMTP) with the full address"
           " and its password, and send from that same address."),
        "clients/ports-and-protocols.md"),
    "bogus-helo": Reason(
        Actor.SENDER_ADMIN, N_("The receiving server refused the name the sending server announced (HELO/EHLO)."),
        N_("The administrator of the sending server must give it its public, fully-qualified name; the HELO"
           " check below shows what is wrong with the name."),
        "errors/bogus-helo.md"),
    "host-unknown": Reason(
        Actor.SENDER, N_("The recipient's domain does not exist or has no mail server."),
        N_("Check the part of the address after the @ for typing mistakes. If it is right, the recipient's"
           " domain is not set up to receive mail: tell them by another way.")),
    "delivery-expired": Reason(
        Actor.RECIPIENT_SIDE, N_("The sending server tried for days to reach the recipient's server and has"
                                 " given up."),
        N_("The recipient's server could not be reached. Tell the recipient by another way, and send the"
           " message again later.")),
    "temporary": Reason(
        Actor.WAIT, N_("The recipient's server asked to try again later (greylisting or a passing problem)."),
        N_("Nothing to do yet: the sending server tries again by itself. Only a later message saying that"
           " delivery failed for good needs action.")),
    "rate-limited": Reason(
        Actor.WAIT, N_("Too many messages were sent in a short time, to this server or from this address."),
        N_("Wait before sending more, and spread large sendings over time; for mailings to many people use a"
           " newsletter tool."),
        "limits/sending-limits.md#mass-mailings"),
    "mailbox-disabled": Reason(
        Actor.RECIPIENT_SIDE, N_("The recipient's address exists but is disabled or suspended."),
        N_("Only the recipient or their provider can reactivate it: reach them by another way, or use"
           " another address.")),
    "other": Reason(
        Actor.SENDER, N_("The text does not say clearly why delivery failed."),
        N_("Copy the summary below and send it to support: it holds what they need, without the message.")),
}

# Enhanced status code -> reason, for the codes that mean one thing (RFC 3463 and the IANA
# registry; 5.1.10, 5.7.6xx and 4.4.7 as Microsoft 365 uses them, 5.4.5 and 4.7.28 as Gmail does).
STATUS: dict[str, str] = {
    "5.1.1": "recipient-unknown", "5.1.3": "recipient-unknown", "5.1.10": "recipient-unknown",
    "5.1.2": "host-unknown", "5.4.1": "recipient-unknown", "4.1.2": "host-unknown",
    "5.4.4": "host-unknown", "5.1.6": "mailbox-disabled",
    "5.2.1": "mailbox-disabled", "5.2.2": "mailbox-full", "4.2.2": "mailbox-full", "5.2.3": "message-too-large",
    "5.3.4": "message-too-large", "5.5.3": "too-many-recipients", "4.5.3": "too-many-recipients",
    "5.7.23": "authentication-policy", "5.7.26": "authentication-policy", "5.7.27": "authentication-policy",
    "5.7.57": "auth-required", "5.7.60": "auth-required", "5.7.64": "auth-required", "5.7.8": "auth-required",
    "5.7.0": "", "5.7.1": "", "4.7.0": "", "4.7.1": "",  # anything at all: the words decide
    "5.4.5": "rate-limited", "4.7.28": "rate-limited", "4.2.1": "rate-limited", "5.7.13": "mailbox-disabled",
    "4.4.7": "delivery-expired", "5.4.7": "delivery-expired", "5.4.6": "other",
    **{f"5.7.{n}": "sender-blocked" for n in range(606, 650)},
}

ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
RULES: dict[str, Rule] = {
    "BOUNCE_EMPTY": Rule(
        ERR, N_("There is nothing to explain: paste the bounce, a refusal or a log line."),
        "Empty or blank text.", "input"),
    "BOUNCE_NOT_FOUND": Rule(
        WARN, N_("No delivery failure was found in the text: no status code and no words of a refusal."),
        "Neither an SMTP reply, a DSN field, a log line nor the words of a known reason.", "input"),
    "BOUNCE_INPUT_CUT": Rule(
        WARN, N_("The text is {length} long; only the first {limit} were read."),
        "A paste is read up to bounce.max_input_bytes (data/mail.yml): a bounce with a large original"
        " message attached must not stall the page.", "input"),
    "BOUNCE_MORE_RECIPIENTS": Rule(
        INFO, N_("Only the first {limit} failed recipients are listed."),
        "A DSN of a mailing can list thousands of recipients; the report stays readable.", "input"),
    "BOUNCE_CODE_MISMATCH": Rule(
        INFO, N_("The server's code {status} does not match its own words; the words were followed."),
        "Servers often send 5.1.1 or 5.7.1 for anything; RFC 3463 codes are advisory, the text decides.",
        "RFC 3463"),
    "BOUNCE_HOSTER": Rule(
        INFO, N_("This refusal comes from {provider}'s own servers."),
        "The text matches one of the hoster's published refusals (bounce.refusals in data/mail.yml).",
        "hoster policy"),
}


def finding(code: str, **fields: object) -> Finding:
    return finding_for(RULES, code, **fields)
