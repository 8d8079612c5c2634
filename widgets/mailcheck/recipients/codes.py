"""Every finding code of the recipient counter: severity, message id, why the rule exists.

The rules live in :mod:`.count`; messages are translated in the ``recipients`` gettext
domain. Placeholders: ``{count}``, ``{limit}``, ``{line}``, ``{lines}``, ``{entry}``,
``{address}``, ``{messages}``, ``{shown}``, ``{max_size}``. A counted message is an ``NP_`` pair.
"""

from __future__ import annotations

from mailcheck.findings import Finding, Rule, Severity, finding_for
from mailcheck.i18n import N_, NP_

DOMAIN = "recipients"
ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
LIMIT = "hoster limit"

RULES: dict[str, Rule] = {
    "RCPT_EMPTY": Rule(
        ERR, N_("No e-mail address was found in the text."),
        "Nothing to count: the text is empty or holds only separators.", "input"),
    "RCPT_TOO_LARGE": Rule(
        ERR, N_("The text is larger than {max_size}, the most this counter reads. Count the list in parts."),
        "Bounds the time and memory of a count (recipients.max_bytes in the data file).", "input"),
    "RCPT_INVALID": Rule(
        ERR, N_("Line {line}: “{entry}” is not a valid e-mail address; it is not counted."),
        "The RFC 5322 parser found no single address, or email-validator refused its syntax (no DNS"
        " lookup). A mail program refuses to send the message until it is corrected.", "RFC 5322"),
    "RCPT_INVALID_MORE": Rule(
        INFO, N_("Further entries that are not valid addresses: {count} (only the first {shown} are listed)."),
        "A long pasted list can hold thousands of broken entries; the report stays readable.", "input"),
    "RCPT_DUPLICATE": Rule(
        WARN, NP_("{address} appears {count} time (lines {lines}); it counts as one recipient. Upper and"
                  " lower case do not make a different address.",
                  "{address} appears {count} times (lines {lines}); it counts as one recipient. Upper and"
                  " lower case do not make a different address.", count="count"),
        "The domain is case-insensitive (RFC 5321 §2.4) and nearly every mailbox system ignores case in"
        " the local part too; the message reaches the address once.", "RFC 5321"),
    "RCPT_DUPLICATE_ON_LINE": Rule(
        WARN, NP_("{address} appears {count} time on line {line}; it counts as one recipient. Upper and"
                  " lower case do not make a different address.",
                  "{address} appears {count} times on line {line}; it counts as one recipient. Upper and"
                  " lower case do not make a different address.", count="count"),
        "RCPT_DUPLICATE when every repeat is on one line (a To field pasted as one line): one line"
        " number, said in the singular.", "RFC 5321"),
    "RCPT_DUPLICATE_MORE": Rule(
        INFO, N_("Further addresses that appear more than once: {count} (only the first {shown} are listed)."),
        "Keeps the report short on a list with many repeats.", "input"),
    "RCPT_AT_LIMIT": Rule(
        INFO, NP_("That is exactly the limit of {limit} recipient per message: one more and the message"
                  " would be refused.",
                  "That is exactly the limit of {limit} recipients per message: one more and the message"
                  " would be refused.", count="limit"),
        "limits.recipients_per_message in the data file; To, Cc and Bcc count together.", LIMIT),
    "RCPT_OVER_LIMIT": Rule(
        ERR, NP_("{count} recipients is more than the {limit} a message may have. Send it as {messages}"
                 " message with the groups below, or use a newsletter tool for a mailing.",
                 "{count} recipients is more than the {limit} a message may have. Send it as {messages}"
                 " messages with the groups below, or use a newsletter tool for a mailing.", count="messages"),
        "limits.recipients_per_message in the data file; To, Cc and Bcc count together.", LIMIT),
}


def finding(code: str, **fields: object) -> Finding:
    """A recipient finding; ``row`` carries the line number of the pasted text."""
    return finding_for(RULES, code, **fields)
