"""A CSV report as plain text for a terminal, in the report's language."""

from __future__ import annotations

from mailcheck.csvcheck.codes import DOMAIN
from mailcheck.i18n import N_, message

SEVERITY = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
ROW = N_("Row {row}:")
ROW_COLUMN = N_("Row {row}, column {column}:")
FIXED_HINT = N_("Write it with --fixed FILE.")


def _where(item: dict, lang: str) -> str:
    if item["row"] is None:
        return ""
    if item["column"] is None:
        return message(DOMAIN, lang, ROW, row=item["row"]) + " "
    return message(DOMAIN, lang, ROW_COLUMN, row=item["row"], column=item["column"]) + " "


def render(result: dict, lang: str, *, fixed_hint: bool = False) -> str:
    """The summary, then one line per finding: where, severity, message, code.

    ``fixed_hint`` adds how to get the corrected copy, which a terminal cannot download.
    """
    lines = [result["summary"] + (" " + message(DOMAIN, lang, FIXED_HINT) if fixed_hint else "")]
    for item in result["findings"]:
        severity = message(DOMAIN, lang, SEVERITY[item["severity"]])
        lines.append(f"  {_where(item, lang)}[{severity}] {item['message']} ({item['code']})")
    return "\n".join(lines)
