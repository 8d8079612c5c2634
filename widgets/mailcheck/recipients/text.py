"""A recipient report as plain text for a terminal, in the report's language."""

from __future__ import annotations

from mailcheck.i18n import N_, message
from mailcheck.recipients.codes import DOMAIN

SEVERITY = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
GROUP_HEADING = N_("Message {index} of {total}:")


def render(result: dict, lang: str) -> str:
    """The summary, one line per finding; over the limit, the newsletter tool first, then the groups."""
    lines = [result["summary"]]
    for item in result["findings"]:
        severity = message(DOMAIN, lang, SEVERITY[item["severity"]])
        lines.append(f"  [{severity}] {item['message']} ({item['code']})")
    advice = result.get("advice")
    if advice:
        address = f" <{advice['tool_url']}>" if advice["tool_url"] else ""
        lines += ["", "  " + advice["newsletter"] + address, "", "  " + advice["one_off"]]
    total = len(result["groups"])
    for index, group in enumerate(result["groups"], start=1):
        heading = message(DOMAIN, lang, GROUP_HEADING, index=index, total=total)
        lines += ["", f"  {heading} {advice['bcc'] if advice else ''}".rstrip(), "  " + group]
    return "\n".join(lines)
