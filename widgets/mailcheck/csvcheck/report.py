"""What the CLI and the browser widget show: findings as messages, a summary, the fix.

This is the only layer that knows about languages and the only one that writes a
password back out, in the corrected copy the reader downloads for themselves.
"""

from __future__ import annotations

from mailcheck.csvcheck.cells import CELL_PARAMS
from mailcheck.csvcheck.check import Progress, Result, check
from mailcheck.csvcheck.codes import (
    DOMAIN,
    NO_COPY,
    RULES,
    SUMMARY_ACCEPT,
    SUMMARY_FIXED,
    SUMMARY_REJECT,
    SUMMARY_UNREAD,
    Term,
)
from mailcheck.csvcheck.split import daily_parts
from mailcheck.csvcheck.template import write_csv
from mailcheck.findings import Finding, Severity, verdict
from mailcheck.i18n import message, translate
from mailcheck.policy import policy as load_policy

MAX_SHOWN = 80  # a cell quoted in a message is cut after this many characters


def _shown(name: str, value: object, lang: str) -> object:
    if isinstance(value, Term):
        return message(DOMAIN, lang, value)
    if name in CELL_PARAMS and isinstance(value, str) and len(value) > MAX_SHOWN:
        return value[: MAX_SHOWN - 1] + "\u2026"
    return value


def render(finding: Finding, lang: str) -> dict:
    """A finding as the JSON object of the CLI contract."""
    params = {name: _shown(name, value, lang) for name, value in finding.params.items()}
    return {
        "row": finding.row,
        "column": finding.column,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": translate(DOMAIN, lang, RULES[finding.code].message, **params),
    }


def fixed_copy(result: Result, delimiter: str) -> str | None:
    """The corrected file, offered when nothing but mechanical problems was found.

    Never for a file with an error (a quoting error included: no copy can carry merged
    rows) nor with a formula-like cell (the copy would carry the formula on).
    """
    if result.table is None or verdict(result.findings) == "reject":
        return None
    if any(f.code in NO_COPY for f in result.findings):
        return None
    if not any(RULES[f.code].fixed for f in result.findings):
        return None
    return write_csv([result.header, *result.clean_rows], delimiter)


def summary(result: Result, fixed: str | None, lang: str) -> str:
    """One sentence (two with a corrected copy) for the top of the results."""
    if result.table is None:
        return message(DOMAIN, lang, SUMMARY_UNREAD)
    count = {severity: sum(f.severity is severity for f in result.findings) for severity in Severity}
    template = SUMMARY_REJECT if count[Severity.ERROR] else SUMMARY_ACCEPT
    text = message(DOMAIN, lang, template, rows=result.rows, errors=count[Severity.ERROR],
                   warnings=count[Severity.WARNING])
    return f"{text} {message(DOMAIN, lang, SUMMARY_FIXED)}" if fixed else text


def report(data: bytes, lang: str, progress: Progress | None = None) -> dict:
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
    table = result.table
    return {
        "verdict": verdict(result.findings),
        "rows": result.rows,
        "findings": [render(f, lang) for f in result.findings],
        "summary": summary(result, fixed, lang),
        "detected": table and {
            "encoding": table.encoding,
            "delimiter": table.delimiter,
            "line_ends": table.line_ends,
            "header_language": result.header_language,
        },
        "fixed": fixed,
        "parts": daily_parts(data, result, fixed, policy),
    }
