"""One pass over a file: reading, header, every row, then the whole-file rules.

Returns data only (findings and the normalised rows); :mod:`mailcheck.csvcheck.report`
turns it into messages and the corrected copy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from mailcheck.csvcheck.address import check_address, duplicates, local_part
from mailcheck.csvcheck.cells import formula, spaces
from mailcheck.csvcheck.codes import finding
from mailcheck.csvcheck.forward import check_forward
from mailcheck.csvcheck.header import COLUMNS, check_header, header_language, headers, looks_like_data
from mailcheck.csvcheck.password import check_password
from mailcheck.csvcheck.read import Table, read
from mailcheck.findings import Finding, Severity
from mailcheck.policy import Policy

# A formula-like start is not worth a warning in D, whose only valid values are 0 and 1.
FORMULA_COLUMNS = ("A", "B", "C")


@dataclass
class Result:
    """What the checker found, and what the corrected copy would contain."""

    findings: list[Finding]
    rows: int = 0  # data rows read (blank rows and the header not counted)
    table: Table | None = None  # None when the file could not be read at all
    header_language: str | None = None  # the language of the file's header row, if it is one
    header: list[str] = field(default_factory=list)  # the template header to write back
    clean_rows: list[list[str]] = field(default_factory=list)  # trimmed, column A in lower case


def check_row(cells: list[str], row: int, policy: Policy) -> tuple[list[Finding], list[str]]:
    """Findings for one non-blank data row and the row as the corrected copy writes it."""
    findings: list[Finding] = []
    if len(cells) > len(COLUMNS):
        findings.append(finding("CSV_TOO_MANY_COLUMNS", count=len(cells)))
    raw = (cells + [""] * len(COLUMNS))[: len(COLUMNS)]
    address, password, forward, delete = values = [cell.strip() for cell in raw]
    findings += [f for f in (spaces(cell, col) for cell, col in zip(raw, COLUMNS, strict=True)) if f]
    findings += check_address(address)
    findings += check_password(password, local_part(address), policy["passwords"])
    findings += check_forward(forward, delete, local_part(address))
    in_error = {f.column for f in findings if f.severity is Severity.ERROR}
    for value, column in zip(values, COLUMNS, strict=False):
        warning = formula(value, column) if column in FORMULA_COLUMNS and column not in in_error else None
        if warning:
            findings.append(warning)
    return [replace(f, row=row) for f in findings], [address.lower(), password, forward, delete]


def check(data: bytes, policy: Policy, lang: str) -> Result:
    """Check a whole file against ``policy``. Never raises on any bytes.

    ``lang`` only picks the language of the header a finding quotes as the expected one.
    """
    csv_policy = policy["csv"]
    table = read(data, max_bytes=csv_policy["max_bytes"], preferred_delimiter=csv_policy["delimiter"])
    if isinstance(table, Finding):
        return Result([table])
    findings = list(table.findings)
    by_language = headers(policy["labels"])
    first = table.records[0]
    language = header_language(first, by_language)
    header_deleted = language is None and looks_like_data(first, by_language)
    findings += check_header(first, by_language[lang], by_language)
    start = 1 if header_deleted else 2  # the spreadsheet row of the first data record
    data_records = table.records[start - 1:]

    filled = [(row, cells) for row, cells in enumerate(data_records, start) if cells]
    max_rows = csv_policy["max_rows"]
    if len(filled) > max_rows:
        too_many = finding("CSV_TOO_MANY_ROWS", rows=len(filled), max_rows=max_rows)
        return Result([*findings, too_many], rows=len(filled), table=table)
    findings += [finding("CSV_BLANK_ROW", row=row)
                 for row, cells in enumerate(data_records, start) if not cells]
    if not filled:
        findings.append(finding("CSV_NO_ROWS"))

    clean_rows = []
    for row, cells in filled:
        row_findings, clean = check_row(cells, row, policy)
        findings += row_findings
        clean_rows.append(clean)
    findings += duplicates({row: cells[0].strip() for row, cells in filled})

    limit = policy["limits"]["batch_addresses_per_day"]
    if len(filled) > limit:
        batches = math.ceil(len(filled) / limit)
        findings.append(finding("CSV_OVER_DAILY_LIMIT", rows=len(filled), limit=limit, batches=batches))
    findings.sort(key=lambda f: (f.row or 0, f.column or ""))
    header = by_language[language] if language else []
    return Result(findings, len(filled), table, language, header, clean_rows)
