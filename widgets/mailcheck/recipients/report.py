"""Count -> a JSON-able report in the reader's language (the widget and the CLI use it).

Its shape is :class:`Report`. ``groups`` is empty unless the list is over the limit; then
each group holds at most ``limit`` recipients, comma-separated as RFC 5322 writes a To
field, ready to paste, and ``advice`` says first to use the hoster's newsletter tool for a
mailing, and how to send the groups for a one-off message (in Bcc, not all at once).
"""

from __future__ import annotations

from typing import TypedDict

from mailcheck.findings import Finding, Severity, verdict
from mailcheck.i18n import N_, message, translate
from mailcheck.policy import policy
from mailcheck.recipients.codes import DOMAIN, RULES
from mailcheck.recipients.count import Count, count

SUMMARY_WITHIN = N_("Distinct recipients: {count} of at most {limit} per message (entries read: {entries}).")
SUMMARY_OVER = N_("Distinct recipients: {count}, more than the {limit} allowed per message (entries read: {entries}).")
SUMMARY_INVALID = N_("Distinct recipients: {count} of at most {limit} per message (entries read: {entries})."
                     " Correct the entries that are not addresses before sending.")
SUMMARY_UNREAD = N_("There is nothing to count.")
ADVICE_NEWSLETTER = N_("For a newsletter or any mailing to many people, use {tool}, our tool made for it: it"
                       " manages the list of subscribers and their consent.")
ADVICE_ONE_OFF = N_("Only for a one-off message: send one message per group below. Send them one after another,"
                    " not all at once: a burst of messages to many people looks like a mass mailing to spam filters.")
ADVICE_BCC = N_("Paste this group into Bcc, not To or Cc: there, every recipient would see all the other addresses.")
SEPARATOR = ", "  # between the recipients of a group, as in a To field


class FindingReport(TypedDict):
    """One finding: ``line`` is where it starts (1-based, or None for the whole list), ``rows``
    every line it covers (a repeated address: each line it is on, at most ``count.MAX_ROWS``)."""

    line: int | None
    rows: list[int]
    code: str
    severity: str  # "error" | "warning" | "info"
    message: str


class Advice(TypedDict):
    """What to do over the limit, in the reader's language: the newsletter tool first."""

    newsletter: str  # a sentence that names ``tool``
    tool: str
    tool_url: str  # "" while the data file has no confirmed address (links.newsletter)
    one_off: str
    bcc: str  # the reminder shown with each group


class Report(TypedDict):
    """The recipient counter's answer, shared by the CLI (``--json``), the widget and the docs."""

    verdict: str  # "accept" | "reject"
    summary: str
    entries: int  # entries read, repeats and invalid ones included
    recipients: int  # distinct valid addresses
    limit: int
    findings: list[FindingReport]
    groups: list[str]  # empty within the limit
    advice: Advice | None  # None within the limit


def render(item: Finding, lang: str) -> FindingReport:
    """A finding as the JSON object of the CLI contract; ``line`` is 1-based or None."""
    rows = item.params.get("rows")
    return {
        "line": item.row,
        "rows": list(rows) if isinstance(rows, list) else [],
        "code": item.code,
        "severity": item.severity.value,
        "message": translate(DOMAIN, lang, RULES[item.code].message, **item.params),
    }


def advice(lang: str) -> Advice:
    """The advice over the limit; the tool and its address come from the data file (``links.newsletter``)."""
    data = policy()
    tool = data["labels"]["link.newsletter"][lang]
    url = data["links"]["newsletter"]  # one address, or one per language
    return {
        "newsletter": message(DOMAIN, lang, ADVICE_NEWSLETTER, tool=tool),
        "tool": tool,
        "tool_url": url[lang] if isinstance(url, dict) else url,
        "one_off": message(DOMAIN, lang, ADVICE_ONE_OFF),
        "bcc": message(DOMAIN, lang, ADVICE_BCC),
    }


def summary(result: Count, limit: int, lang: str) -> str:
    """One sentence for the top of the result."""
    if not result.entries:
        return message(DOMAIN, lang, SUMMARY_UNREAD)
    if result.groups:
        template = SUMMARY_OVER
    elif any(f.severity is Severity.ERROR for f in result.findings):
        template = SUMMARY_INVALID
    else:
        template = SUMMARY_WITHIN
    return message(DOMAIN, lang, template, count=len(result.recipients), limit=limit, entries=result.entries)


def report(text: str, lang: str) -> Report:
    """Count the recipients of ``text`` and describe the result in ``lang``; never raises on any text."""
    limit = policy()["limits"]["recipients_per_message"]
    result = count(text, limit=limit, max_bytes=policy()["recipients"]["max_bytes"])
    return {
        "verdict": verdict(result.findings),
        "summary": summary(result, limit, lang),
        "entries": result.entries,
        "recipients": len(result.recipients),
        "limit": limit,
        "findings": [render(f, lang) for f in result.findings],
        "groups": [SEPARATOR.join(group) for group in result.groups],
        "advice": advice(lang) if result.groups else None,
    }
