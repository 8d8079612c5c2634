"""Count -> a JSON-able report in the reader's language (the widget and the CLI use it)::

    {"verdict": "accept" | "reject", "summary": "...", "entries": 120, "recipients": 104,
     "limit": 100, "findings": [{"line": int | None, "code", "severity", "message"}],
     "groups": ["a@example.org, \\"Doe, Jane\\" <jane@example.org>, ...", ...]}

``groups`` is empty unless the list is over the limit; then each group holds at most
``limit`` recipients, comma-separated as RFC 5322 writes a To field, ready to paste.
"""

from __future__ import annotations

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
SEPARATOR = ", "  # between the recipients of a group, as in a To field


def render(item: Finding, lang: str) -> dict:
    """A finding as the JSON object of the CLI contract; ``line`` is 1-based or None."""
    return {
        "line": item.row,
        "code": item.code,
        "severity": item.severity.value,
        "message": translate(DOMAIN, lang, RULES[item.code].message, **item.params),
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


def report(text: str, lang: str) -> dict:
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
    }
