"""A HELO report as plain text for a terminal, in the report's language."""

from __future__ import annotations

from mailcheck.helo.codes import DOMAIN
from mailcheck.i18n import N_, message
from mailcheck.policy import policy

SEVERITY = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
FIX_HEADING = N_("How to fix it:")
DIALOGUE_HEADING = N_("What your server sees when it sends mail to {provider}:")


def render(result: dict, lang: str) -> str:
    """Summary, findings, fix hints and the SMTP dialogue, indented under the summary."""
    lines = [result["summary"]]
    for item in result["findings"]:
        severity = message(DOMAIN, lang, SEVERITY[item["severity"]])
        lines.append(f"  [{severity}] {item['message']} ({item['code']})")
    if result["advice"]:
        lines += ["", "  " + message(DOMAIN, lang, FIX_HEADING), "  " + result["advice"]]
        for hint in result["hints"]:
            lines += [f"  - {hint['text']}", f"      {hint['example']}"]
    if result["dialogue"]:
        lines += ["", "  " + message(DOMAIN, lang, DIALOGUE_HEADING, provider=policy()["provider"]["name"])]
        width = max(len(turn["label"]) for turn in result["dialogue"])
        lines += [f"    {turn['label']:<{width}}  {turn['line']}" for turn in result["dialogue"]]
    return "\n".join(lines)
