"""A bounce report as plain text for a terminal, in the report's language."""

from __future__ import annotations

from mailcheck.bounce.codes import DOMAIN
from mailcheck.i18n import N_, message

SEVERITY = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
NEXT_HEADING = N_("What to do next:")
HELO_HEADING = N_("The HELO check:")


def render(result: dict, lang: str) -> str:
    """Headline, who must act, next step, findings, the HELO check, then the summary for support."""
    lines = [result["headline"]]
    lines += [f"  {text}" for text in (result["actor_text"], result["final_text"]) if text]
    if result["step"]:
        lines += ["", "  " + message(DOMAIN, lang, NEXT_HEADING), "  " + result["step"]]
    for item in result["findings"]:
        severity = message(DOMAIN, lang, SEVERITY[item["severity"]])
        lines.append(f"  [{severity}] {item['message']} ({item['code']})")
    if result["helo"]:
        from mailcheck.helo.text import render as render_helo

        lines += ["", "  " + message(DOMAIN, lang, HELO_HEADING)]
        lines += ["  " + line for helo in result["helo"] for line in render_helo(helo, lang).splitlines()]
    lines += ["", result["summary"]]
    return "\n".join(lines)
