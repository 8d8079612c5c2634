"""One pass over a file: reading, header, every row, then the whole-file rules.

Returns data only (findings and the normalised rows); :mod:`mailcheck.csvcheck.report`
turns it into messages and the corrected copy.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from mailcheck.csvcheck.address import check_address, duplicates, local_part
from mailcheck.csvcheck.cells import FORMULA_STARTS, conceal, formula, invisible, spaces
from mailcheck.csvcheck.codes import PARTS, ROWS, UTF8_TYPE, Bounded, Counted, finding, shown_rows
from mailcheck.csvcheck.forward import check_forward
from mailcheck.csvcheck.header import COLUMNS, data_signs, header_language, headers
from mailcheck.csvcheck.password import check_password, mask
from mailcheck.csvcheck.read import DELIMITER_NAMES, Table, column_name, read
from mailcheck.csvcheck.shapes import plausible_address
from mailcheck.findings import Finding, Severity
from mailcheck.policy import Policy

# ``progress(rows_done, rows_total)``: the browser shows it while a long file is checked.
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 250  # rows between two progress calls: often enough to see, rare enough to cost nothing

# A formula-like start is not worth a warning in D, whose only valid values are 0 and 1.
FORMULA_COLUMNS = ("A", "B", "C")


@dataclass
class Result:
    """What the checker found, and what the corrected copy would contain."""

    findings: list[Finding]
    rows: int = 0  # data rows read (blank rows and the header not counted)
    table: Table | None = None  # None when the file could not be read at all
    header_language: str | None = None  # the language of the file's header row, if it is ours
    header: list[str] = field(default_factory=list)  # the header to write back
    clean_rows: list[list[str]] = field(default_factory=list)  # trimmed, column A in lower case


@dataclass(frozen=True)
class Row:
    """One checked row: its findings, the cells the corrected copy writes, whether any may be secret."""

    findings: list[Finding]
    clean: list[str]
    secret: bool


@dataclass(frozen=True)
class Shape:
    """How a row sits in the file: its cell count before trimming, the header's, the separator."""

    width: int
    header_width: int
    delimiter: str
    broken: bool = False  # a quoting error on this row: its cells may be out of place
    guessed: bool = False  # the line is not valid UTF-8 and was decoded by guesswork


def _shape_findings(cells: list[str], shape: Shape) -> list[Finding]:
    """Filled cells after D, or more cells than the header row (empty ones included).

    A spreadsheet writes the same number of cells on every row, so a row longer than
    the header, even by empty cells only, has a separator inside a cell that was not quoted.
    """
    if len(cells) > len(COLUMNS):
        return [finding("CSV_TOO_MANY_COLUMNS", count=len(cells))]
    if shape.width > max(shape.header_width, len(COLUMNS)):
        return [finding("CSV_SEPARATOR_IN_CELL", count=shape.width, header_count=shape.header_width,
                        separator=DELIMITER_NAMES[shape.delimiter])]
    return []


def examples(policy: Policy) -> frozenset[str]:
    """The passwords our template and guides show, case folded: refused in a file."""
    csv_policy = policy["csv"]
    shown = [row[1] for rows in csv_policy["example_rows"].values() for row in rows] + csv_policy["example_passwords"]
    return frozenset(password.casefold() for password in shown)


def _password(password: str, address: str, policy: Policy, shape: Shape, known: frozenset[str]) -> list[Finding]:
    """Column B: a guessed decoding and the examples first, then the password policy."""
    if shape.guessed and not password.isascii():
        return [finding("CSV_B_ENCODING", column="B", masked=mask(password), utf8_type=UTF8_TYPE)]
    if password and password.casefold() in known:
        return [finding("CSV_B_EXAMPLE", column="B", masked=mask(password))]
    return check_password(password, address, policy["passwords"])


def check_row(cells: list[str], row: int, policy: Policy, shape: Shape,
              known: frozenset[str] = frozenset()) -> Row:
    """Findings for one non-blank data row and the row as the corrected copy writes it.

    ``known``: the example passwords (see :func:`examples`).
    """
    shape_findings = _shape_findings(cells, shape)
    findings = list(shape_findings)
    raw = (cells + [""] * len(COLUMNS))[: len(COLUMNS)]
    address, password, forward, delete = values = [cell.strip() for cell in raw]
    findings += [f for f in (spaces(cell, col) for cell, col in zip(raw, COLUMNS, strict=True)) if f]
    findings += [f for f in (invisible(cell, col) for cell, col in zip(raw, COLUMNS, strict=True)) if f]
    findings += check_address(address)
    password_findings = _password(password, local_part(address), policy, shape, known)
    findings += password_findings
    findings += check_forward(forward, delete, local_part(address))
    in_error = {f.column for f in findings if f.severity is Severity.ERROR}
    for value, column in zip(values, COLUMNS, strict=False):
        warning = formula(value, column) if column in FORMULA_COLUMNS and column not in in_error else None
        if warning:
            findings.append(warning)
    # Cells out of place (a quoting error, extra cells, an address in B: B and C swapped):
    # any other cell may be the password. Elsewhere, masking goes by each value's shape.
    secret = shape.broken or bool(shape_findings) or plausible_address(password)
    findings = [conceal(replace(f, row=row), secret_row=secret) for f in findings]
    return Row(findings, [address.lower(), password, forward, delete], secret)


def _header(first: list[str], width: int, delimiter: str, policy: Policy, lang: str,
            by_language: dict[str, list[str]]) -> tuple[list[Finding], str | None, bool]:
    """Findings on row 1, the language of our template it is in, and whether it is data.

    Row 1 is the header the import keeps: any wording passes unless it reads as data.
    """
    expected = " | ".join(by_language[lang])
    language = header_language(first, by_language)
    if language is not None:
        return [], language, False
    if not first:
        return [finding("CSV_HEADER_EMPTY", row=1, header=expected)], None, False
    as_data = check_row(first, 1, policy, Shape(width, width, delimiter), examples(policy))
    if data_signs(first) or not any(f.severity is Severity.ERROR for f in as_data.findings):
        return [finding("CSV_HEADER_MISSING", row=1, header=expected)], None, True
    # Titles are not secrets: any of them starting like a formula keeps the copy from being offered.
    return [finding("CSV_FORMULA", row=1, column=column_name(index), char=cell.strip()[0])
            for index, cell in enumerate(first) if cell.strip().startswith(FORMULA_STARTS)], None, False


def _reused(passwords: dict[int, str]) -> list[Finding]:
    """One error per password found on more than one row; it names the rows, never the password."""
    rows_by_password: dict[str, list[int]] = {}
    for row, password in passwords.items():
        if password:
            rows_by_password.setdefault(password, []).append(row)
    return [finding("CSV_B_REUSED", row=rows[0], column="B", count=Counted(ROWS, len(rows)), rows=shown_rows(rows))
            for rows in rows_by_password.values() if len(rows) > 1]


def _blank_rows(numbered: list[tuple[int, list[str]]], found: Bounded) -> None:
    for row, cells in numbered:
        if not cells:
            found.add(finding("CSV_BLANK_ROW", row=row))


def _severity_order(found: Finding) -> tuple[bool, int, str]:
    """Errors first, then warnings; within each, by row and column (file-wide findings first)."""
    return found.severity is not Severity.ERROR, found.row or 0, found.column or ""


def check(data: bytes, policy: Policy, lang: str, progress: Progress | None = None) -> Result:
    """Check a whole file against ``policy``. Never raises on any bytes.

    ``lang`` only picks the language of the header a finding quotes as the expected one.
    ``progress``, if given, is called every :data:`PROGRESS_EVERY` data rows and after the
    last one; it only observes, so the result is the same with or without it. Findings
    come errors first, then warnings, and at most the first rows of each kind are listed
    (:class:`~.codes.Bounded`), so the result stays small for any file under the cap.
    """
    csv_policy = policy["csv"]
    table = read(data, max_bytes=csv_policy["max_bytes"], preferred_delimiter=csv_policy["delimiter"])
    if isinstance(table, Finding):
        return Result([table])
    found = Bounded()
    found.extend(table.findings)
    broken_rows = {f.row for f in table.findings if f.row is not None}
    by_language = headers(policy["labels"])
    known = examples(policy)
    first = table.records[0]
    if 1 in table.skipped:  # row 1 is already an error (an over-long cell): nothing to judge
        header_findings, language, header_is_data = [], None, False
    else:
        header_findings, language, header_is_data = _header(first, table.widths[0], table.delimiter, policy, lang,
                                                            by_language)
    found.extend(header_findings)
    start = 1 if header_is_data else 2  # the spreadsheet row of the first data record
    numbered = [(row, cells) for row, cells in enumerate(table.records[start - 1:], start)
                if row not in table.skipped]

    filled = [(row, cells) for row, cells in numbered if cells]
    max_rows = csv_policy["max_rows"]
    if len(filled) > max_rows:
        found.add(finding("CSV_TOO_MANY_ROWS", rows=len(filled), max_rows=max_rows))
        return Result(sorted(found.items(), key=_severity_order), rows=len(filled), table=table)
    _blank_rows(numbered, found)
    if not filled:
        found.add(finding("CSV_NO_ROWS"))

    clean_rows = []
    secret_rows = set()
    for done, (row, cells) in enumerate(filled, 1):
        shape = Shape(table.widths[row - 1], table.widths[0], table.delimiter, row in broken_rows,
                      row in table.guessed)
        checked = check_row(cells, row, policy, shape, known)
        found.extend(checked.findings)
        clean_rows.append(checked.clean)
        if checked.secret:
            secret_rows.add(row)
        if progress and (done % PROGRESS_EVERY == 0 or done == len(filled)):
            progress(done, len(filled))
    found.extend(conceal(f, secret_row=f.row in secret_rows)
                 for f in duplicates({row: cells[0].strip() for row, cells in filled}))
    found.extend(_reused({row: cells[1].strip() if len(cells) > 1 else "" for row, cells in filled}))

    limit = policy["limits"]["batch_addresses_per_day"]
    if len(filled) > limit:
        parts = Counted(PARTS, math.ceil(len(filled) / limit))
        found.add(finding("CSV_OVER_DAILY_LIMIT", rows=len(filled), limit=limit, parts=parts))
    header = by_language[language] if language else [cell.strip().lstrip("\ufeff") for cell in first]
    return Result(sorted(found.items(), key=_severity_order), len(filled), table, language, header, clean_rows)
