"""What the CLI and the browser widget show: findings as messages, a summary, the fix.

This is the only layer that knows about languages and the only one that writes a
password back out, in the corrected copy the reader downloads for themselves.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from mailcheck.csvcheck.cells import CELL_PARAMS
from mailcheck.csvcheck.check import Progress, Result, check
from mailcheck.csvcheck.codes import (
    COPY_FIXES,
    DOMAIN,
    NO_COPY,
    PARTS,
    RULES,
    SUGGESTION,
    SUMMARY_ACCEPT,
    SUMMARY_ACCEPT_PARTS,
    SUMMARY_FIXED,
    SUMMARY_REJECT,
    SUMMARY_UNREAD,
    Counted,
    Term,
)
from mailcheck.csvcheck.split import Part, daily_parts
from mailcheck.csvcheck.template import write_csv
from mailcheck.findings import Finding, Severity, verdict
from mailcheck.i18n import message, plural, translate
from mailcheck.policy import policy as load_policy


class FindingReport(TypedDict):
    """One finding as the CLI's JSON and the browser show it."""

    row: int | None  # the spreadsheet row (1 = the header row); None for the whole file
    column: str | None  # "A" to "D"; None for a whole row or the file
    code: str  # stable, documented in widgets/README.md
    severity: str  # "error" or "warning"
    message: str  # in the report's language; a password in it is always masked
    rows: NotRequired[list[int]]  # a finding that covers several rows: the first 20 of them


class Detected(TypedDict):
    encoding: str
    delimiter: str
    line_ends: str
    header_language: str | None


class Report(TypedDict):
    """What :func:`report` returns (the CLI prints it as JSON, the browser renders it)."""

    verdict: str  # "accept" or "reject"
    rows: int
    findings: list[FindingReport]  # errors first, then warnings; each kind for its first rows, then counted
    summary: str
    detected: Detected | None
    fixed: str | None  # the corrected copy, offered only when it changes no password
    parts: list[Part]  # one per 24 hours, only for an acceptable file over the limit

MAX_SHOWN = 80  # a cell quoted in a message is cut after this many characters


def _shown(name: str, value: object, lang: str) -> object:
    if isinstance(value, Term):
        return message(DOMAIN, lang, value)
    if isinstance(value, Counted):
        singular, plural_form, n = value
        return plural(DOMAIN, lang, singular, plural_form, n)
    if isinstance(value, tuple):  # rows
        return ", ".join(map(str, value))
    if name in CELL_PARAMS and isinstance(value, str) and len(value) > MAX_SHOWN:
        return value[: MAX_SHOWN - 1] + "\u2026"
    return value


def _rows_text(found: Finding, lang: str) -> object:
    """The rows a finding names, with an ellipsis when it covers more than it names."""
    rows = found.params["rows"]
    counted = found.params.get("count")
    total = counted[2] if isinstance(counted, Counted) else len(rows)
    more = " (\u2026)" if total > len(rows) else ""  # "(…)", not "…": a sentence may end right after
    return _shown("rows", rows, lang) + more


def render(finding: Finding, lang: str, *, copy: bool = False) -> FindingReport:
    """A finding as the JSON object of the CLI contract.

    ``copy``: a corrected copy is offered, so a problem it fixes says so (and only then).
    """
    params = {name: _shown(name, value, lang) for name, value in finding.params.items()}
    if isinstance(finding.params.get("rows"), tuple):
        params["rows"] = _rows_text(finding, lang)
    text = translate(DOMAIN, lang, RULES[finding.code].message, **params)  # an int is written as a number
    if "suggestion" in finding.params:
        text += " " + message(DOMAIN, lang, SUGGESTION, suggestion=params["suggestion"])
    if copy and RULES[finding.code].fixed:
        text += " " + message(DOMAIN, lang, COPY_FIXES)
    shown: FindingReport = {
        "row": finding.row,
        "column": finding.column,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": text,
    }
    if isinstance(finding.params.get("rows"), tuple):
        shown["rows"] = list(finding.params["rows"])
    return shown


def fixed_copy(result: Result, delimiter: str) -> str | None:
    """The corrected file, offered when nothing but mechanical problems was found.

    Never for a file with an error (a quoting error included: no copy can carry merged
    rows; a password decoded by guesswork or holding a character no one can type is an
    error too), nor with a formula-like cell (the copy would carry the formula on, or
    change a password to defuse it), nor with look-alike letters in a forward address.
    """
    if result.table is None or verdict(result.findings) == "reject":
        return None
    if any(f.code in NO_COPY for f in result.findings):
        return None
    if not any(RULES[f.code].fixed for f in result.findings):
        return None
    return write_csv([result.header, *result.clean_rows], delimiter)


def summary(result: Result, fixed: str | None, parts: list[Part], lang: str, limit: int) -> str:
    """One sentence (two with a corrected copy) for the top of the results.

    Over the limit per 24 hours, the verdict itself says to import the parts one every
    24 hours, in order; under it, parts are not mentioned.
    """
    if result.table is None:
        return message(DOMAIN, lang, SUMMARY_UNREAD)
    count = {severity: sum(f.severity is severity for f in result.findings) for severity in Severity}
    template = SUMMARY_REJECT if count[Severity.ERROR] else SUMMARY_ACCEPT_PARTS if parts else SUMMARY_ACCEPT
    text = translate(DOMAIN, lang, template, rows=result.rows, errors=count[Severity.ERROR],
                     warnings=count[Severity.WARNING], limit=limit,
                     parts=_shown("parts", Counted(PARTS, len(parts)), lang))
    return f"{text} {message(DOMAIN, lang, SUMMARY_FIXED)}" if fixed else text


def findings_csv(result: dict, lang: str) -> str:
    """The findings as a CSV file for the reader (row, column, severity, message, code).

    Written by :func:`~.template.write_csv`, so no cell starts like a formula.
    """
    from mailcheck.csvcheck.text import SEVERITY, TITLES

    head = [message(DOMAIN, lang, title) for title in TITLES]
    rows = [["" if item["row"] is None else str(item["row"]), item["column"] or "",
             message(DOMAIN, lang, SEVERITY[item["severity"]]), item["message"], item["code"]]
            for item in result["findings"]]
    return write_csv([head, *rows], ",")


def report(data: bytes, lang: str, progress: Progress | None = None) -> Report:
    """Check ``data`` (a whole file) and describe the result in ``lang``.

    Keys: ``verdict`` (``accept``/``reject``), ``rows``, ``findings`` (see :func:`render`),
    ``summary``, ``detected`` (``encoding``, ``delimiter``, ``line_ends``, ``header_language``;
    ``None`` when the file could not be read), ``fixed`` (the corrected file as text, to be
    saved as UTF-8, or ``None``) and ``parts`` (:class:`~.split.Part` list, one per day, empty
    unless an acceptable file is over the daily limit). ``progress(done, total)`` hears how many
    data rows are checked (see :func:`~.check.check`). Raises only for a language the catalogs
    do not cover.
    """
    policy = load_policy()
    result = check(data, policy, lang, progress)
    fixed = fixed_copy(result, policy["csv"]["delimiter"])
    parts = daily_parts(data, result, fixed, policy)
    limit = policy["limits"]["batch_addresses_per_day"]
    table = result.table
    return {
        "verdict": verdict(result.findings),
        "rows": result.rows,
        "findings": [render(f, lang, copy=fixed is not None) for f in result.findings],
        "summary": summary(result, fixed, parts, lang, limit),
        "detected": table and {
            "encoding": table.encoding,
            "delimiter": table.delimiter,
            "line_ends": table.line_ends,
            "header_language": result.header_language,
        },
        "fixed": fixed,
        "parts": parts,
    }
