"""A CSV report as plain text for a terminal, in the report's language."""

from __future__ import annotations

from mailcheck.csvcheck.codes import DOMAIN, ROWS
from mailcheck.i18n import N_, message, plural

SEVERITY = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
ROW = N_("Row {row}:")
ROW_COLUMN = N_("Row {row}, column {column}:")
FIXED_HINT = N_("Write it with --fixed FILE.")
PARTS_HINT = N_("Write the parts with --split DIR.")  # the summary says how many, and one every 24 hours
PART_WRITTEN = N_("Part {index} of {total} ({rows}): {path}")
# Column titles of the findings download.
TITLES = (N_("Row"), N_("Column"), N_("Severity"), N_("Message"), N_("Code"))


def _where(item: dict, lang: str) -> str:
    if item["row"] is None:
        return ""
    if item["column"] is None:
        return message(DOMAIN, lang, ROW, row=item["row"]) + " "
    return message(DOMAIN, lang, ROW_COLUMN, row=item["row"], column=item["column"]) + " "


def render(result: dict, lang: str, *, fixed_hint: bool = False, parts_hint: int = 0) -> str:
    """The summary, then one line per finding: where, severity, message, code.

    ``fixed_hint`` adds how to get the corrected copy, ``parts_hint`` how to get the parts
    (to import one every 24 hours): a terminal cannot download them.
    """
    hints = [message(DOMAIN, lang, FIXED_HINT)] if fixed_hint else []
    hints += [message(DOMAIN, lang, PARTS_HINT)] if parts_hint else []
    lines = [" ".join([result["summary"], *hints])]
    for item in result["findings"]:
        severity = message(DOMAIN, lang, SEVERITY[item["severity"]])
        lines.append(f"  {_where(item, lang)}[{severity}] {item['message']} ({item['code']})")
    return "\n".join(lines)


def written(names: list[tuple[str, int]], lang: str) -> str:
    """One line per part written: which part, how many rows, where."""
    return "\n".join(message(DOMAIN, lang, PART_WRITTEN, index=index, total=len(names), path=path,
                             rows=plural(DOMAIN, lang, *ROWS, rows))
                     for index, (path, rows) in enumerate(names, start=1))
