"""Bytes in, table out: how a spreadsheet's CSV export is decoded and split into rows.

Nothing is assumed about the file: the encoding comes from a byte-order mark or from
whether the bytes are valid UTF-8, line by line, the separator from the rows themselves. Problems of
the reading itself become findings (row and column ``None``); a file that cannot be
read at all gives one error finding and no table.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field

from mailcheck.csvcheck.codes import UTF8_TYPE, Bounded, Counted, Term, finding
from mailcheck.findings import Finding
from mailcheck.i18n import N_, NP_, Size

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": Term(N_("commas")), ";": Term(N_("semicolons")), "\t": Term(N_("tabs"))}
WORKBOOK = Term(N_("a workbook (.xlsx or .ods)"))
IMAGE = Term(N_("an image"))

# Leading bytes of the files people upload instead of a CSV export.
SIGNATURES: tuple[tuple[bytes, Term], ...] = (
    (b"PK\x03\x04", WORKBOOK),
    (b"PK\x05\x06", WORKBOOK),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Term(N_("an old Excel workbook (.xls)"))),
    (b"%PDF-", Term(N_("a PDF document"))),
    (b"\x89PNG\r\n\x1a\n", IMAGE),
    (b"\xff\xd8\xff", IMAGE),
    (b"GIF87a", IMAGE),
    (b"GIF89a", IMAGE),
)
BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE with BOM"),
)
# Windows-1252 as browsers decode it (WHATWG): the five bytes it leaves undefined map to
# the C1 controls of Latin-1 instead of failing.
WINDOWS_1252 = {byte: bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in range(0x80, 0xA0)}
# C0 controls never found in a spreadsheet's text export (tab, LF and CR are).
BINARY_CONTROLS = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r"}
SNIFF_RECORDS = 50
LINE_BREAK = re.compile(r"\r\n|\r|\n")
BYTE_LINES = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n|$)")  # the same lines, on the undecoded bytes
LINES = NP_("{n} line", "{n} lines")
QUOTE = '"'
# Appended as a line of its own after a line parsed alone: it lands inside a cell only
# when that cell's quote was left open. A C0 control, so never part of the text read.
OPEN = "\x01"
CELL_LIMIT = 131_072  # the csv module's default field limit; no cell of the template comes near


@dataclass
class Table:
    """A decoded, parsed file: ``records[i]`` is spreadsheet row ``i + 1`` (one per line).

    ``widths[i]`` counts its cells before the empty ones at the end were dropped;
    ``skipped`` holds the rows that are not data of their own (the rest of a cell with a
    line break, a line with an over-long cell). ``encoding``, ``delimiter`` and
    ``line_ends`` are what was detected, for the report and for whoever splits the file.
    ``guessed`` holds the rows whose line was not valid UTF-8 and was decoded as
    Windows-1252 (a guess).
    """

    records: list[list[str]]
    encoding: str
    delimiter: str
    line_ends: str
    findings: list[Finding] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)
    skipped: set[int] = field(default_factory=set)
    guessed: set[int] = field(default_factory=set)


def not_text_kind(data: bytes) -> Term | None:
    """What the file is when it is known not to be text (a workbook, a PDF, an image)."""
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def leading_boms(data: bytes, bom: bytes) -> int:
    """How many bytes of ``data`` are byte-order marks ``bom`` at its start (a file may carry two)."""
    end = 0
    while bom and data.startswith(bom, end):
        end += len(bom)
    return end


def _guess(line: bytes) -> str:
    return line.decode("latin-1").translate(WINDOWS_1252)


def decode(data: bytes) -> tuple[str, str, list[Finding], set[int]]:
    """Decode ``data``; return the text, a label of the encoding, any findings, the guessed rows.

    A byte-order mark decides (repeated ones are dropped). Without one, each line is read
    as strict UTF-8 (pure ASCII is valid UTF-8); only a line that is not valid UTF-8 is read
    as what Excel's plain "CSV" writes in Western Europe, Windows-1252, and its row is
    returned among the guessed ones: one stray byte does not turn a whole file into a guess.
    """
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            body = data[leading_boms(data, bom):]
            try:
                return body.decode(codec), label, [], set()
            except UnicodeDecodeError:
                damaged = finding("CSV_DAMAGED_TEXT", encoding=label.removesuffix(" with BOM"), utf8_type=UTF8_TYPE)
                return body.decode(codec, errors="replace"), label, [damaged], set()
    try:
        return data.decode("utf-8"), "UTF-8", [], set()
    except UnicodeDecodeError:
        pass
    parts, guessed = [], set()
    for row, match in enumerate(BYTE_LINES.finditer(data), 1):
        line = match.group()
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(_guess(line))
            guessed.add(row)
    legacy = finding("CSV_LEGACY_ENCODING", lines=Counted(LINES, len(guessed)), utf8_type=UTF8_TYPE)
    return "".join(parts), "Windows-1252", [legacy], guessed


def line_ends(text: str) -> str:
    """``CRLF``, ``LF``, ``CR``, ``mixed``, or ``none`` for a single unterminated line."""
    crlf = text.count("\r\n")
    kinds = [name for name, count in
             (("CRLF", crlf), ("LF", text.count("\n") - crlf), ("CR", text.count("\r") - crlf)) if count]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def column_name(index: int) -> str:
    """The spreadsheet's name of the 0-based column ``index``: A, B, ... Z, AA, AB ..."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def physical_lines(text: str) -> list[str]:
    """The lines of ``text`` as a spreadsheet shows rows: split at CRLF, LF or CR, ends dropped."""
    lines = LINE_BREAK.split(text)
    if lines and not lines[-1]:
        lines.pop()  # the line end after the last row does not start a row
    return lines


def cells(line: str, delimiter: str) -> tuple[list[str], int | None]:
    """The cells of one line read on its own, and the index of a cell whose quote is left open.

    A quoted cell that is not closed by the end of the line runs to the end of the line
    here (never into the next one). Lines without a quotation mark, nearly all of them,
    are split without the csv module.
    """
    if QUOTE not in line:
        return line.split(delimiter), None
    try:
        record = next(csv.reader([line, OPEN], delimiter=delimiter, quotechar=QUOTE, strict=False))
    except csv.Error:  # a quoted cell over csv.field_size_limit(): CELL_LIMIT catches it
        return [line], None
    last = record[-1]
    if OPEN not in last:
        return record, None
    record[-1] = last[: last.index(OPEN)].removesuffix("\n")  # the csv module may add a line break
    return record, len(record) - 1


def _stays_open(line: str, delimiter: str) -> bool:
    """Whether a quoted cell already open when ``line`` starts is still open at its end."""
    if QUOTE not in line:
        return True
    return cells(QUOTE + line, delimiter)[1] is not None


@dataclass(frozen=True)
class _Quoting:
    """What every unclosed quote needs to know, computed once per file (linear in it).

    ``closing[i]``: the line on which a quote still open when line ``i`` starts gets
    closed (``None``: never). Whether a line closes an open quote does not depend on
    where the quote was opened, so one backward pass answers for all of them.
    ``separators[i]``: how many of the lines before ``i`` hold the separator.
    """

    closing: list[int | None]
    separators: list[int]

    @classmethod
    def of(cls, lines: list[str], delimiter: str) -> _Quoting:
        closing: list[int | None] = [None] * (len(lines) + 1)
        for index in range(len(lines) - 1, -1, -1):
            closing[index] = closing[index + 1] if _stays_open(lines[index], delimiter) else index
        separators = [0]
        for line in lines:
            separators.append(separators[-1] + (delimiter in line))
        return cls(closing, separators)


def _open_quote(lines: list[str], index: int, column: int, quoting: _Quoting,
                delimiter: str) -> tuple[Finding, range]:
    """The finding for a quote opened on line ``index`` and the lines that are not rows of their own.

    A quote closed a few lines further on with no separator in between is a cell with a
    line break in it (the continuation lines belong to it); anything else is a quote
    left open by mistake that would swallow whole rows, which are then checked as rows.
    """
    row, where = index + 1, column_name(column)
    if index + 1 == len(lines):
        return finding("CSV_QUOTE_AT_END", row=row, column=where), range(0)
    end = quoting.closing[index + 1]
    last = len(lines) - 1 if end is None else end
    separated = quoting.separators[last] - quoting.separators[index + 1]  # lines strictly inside
    if end is not None and not separated and delimiter not in lines[last].partition(QUOTE)[0]:
        return finding("CSV_LINE_BREAK", row=row, column=where, last=last + 1), range(index + 1, last + 1)
    return finding("CSV_QUOTE_NOT_CLOSED", row=row, column=where, first=row + 1, last=last + 1), range(0)


def sniff_delimiter(text: str, preferred: str) -> str:
    """The separator that splits the first lines into the most multi-cell rows.

    Ties (including a one-column file) go to the header's width, then to ``preferred``.
    The stdlib ``csv.Sniffer`` was not used: it guesses from character frequencies,
    raises when unsure, and a password full of ``;`` would sway it.
    """
    sample = physical_lines(text[:65536])[:SNIFF_RECORDS]

    def score(delimiter: str) -> tuple[int, int, bool]:
        widths = [len(cells(line, delimiter)[0]) for line in sample]
        return sum(w > 1 for w in widths), widths[0] if widths else 0, delimiter == preferred

    return max(DELIMITERS, key=score)


def _trimmed(record: list[str]) -> list[str]:
    """Drop the empty cells a spreadsheet writes after the last filled one."""
    end = len(record)
    while end and not record[end - 1].strip():
        end -= 1
    return record[:end]


def parse(text: str, delimiter: str) -> tuple[list[list[str]], list[int], set[int], list[Finding]]:
    """Rows, their widths before trimming, rows not to check as data, and quoting findings.

    Every line of the text is one row, read on its own: a quotation mark left open can
    make a spreadsheet read the following rows into one cell, so that is an error at its
    row and column, and the rows are still read (and checked) as the rows they are.
    """
    lines = physical_lines(text)
    records: list[list[str]] = []
    widths: list[int] = []
    skipped: set[int] = set()
    findings = Bounded()
    quoting: _Quoting | None = None
    for index, line in enumerate(lines):
        record, open_cell = cells(line, delimiter)
        widths.append(len(record))
        records.append(_trimmed(record))
        if index + 1 in skipped:
            continue
        if max(map(len, record)) > CELL_LIMIT:
            findings.add(finding("CSV_CELL_TOO_LONG", row=index + 1, max=f"{CELL_LIMIT:,}"))
            skipped.add(index + 1)
        elif open_cell is not None:
            quoting = quoting or _Quoting.of(lines, delimiter)
            found, continuation = _open_quote(lines, index, open_cell, quoting, delimiter)
            findings.add(found)
            skipped.update(line + 1 for line in continuation)
    return records, widths, skipped, findings.items()


def read(data: bytes, *, max_bytes: int, preferred_delimiter: str) -> Table | Finding:
    """Decode and parse ``data``, or return the one finding that says why it cannot be read."""
    if not data:
        return finding("CSV_EMPTY", utf8_type=UTF8_TYPE)
    if len(data) > max_bytes:
        return finding("CSV_TOO_LARGE", max_size=Size(max_bytes))
    kind = not_text_kind(data)
    if kind is not None:
        return finding("CSV_NOT_TEXT", kind=kind, utf8_type=UTF8_TYPE)
    text, encoding, findings, guessed = decode(data)
    if not BINARY_CONTROLS.isdisjoint(text):
        return finding("CSV_NOT_TEXT", kind=Term(N_("a binary file")), utf8_type=UTF8_TYPE)
    delimiter = sniff_delimiter(text, preferred_delimiter)
    records, widths, skipped, quoting = parse(text, delimiter)
    while records and not records[-1] and len(records) not in skipped:
        records.pop()
        widths.pop()
    if not records:
        return finding("CSV_EMPTY", utf8_type=UTF8_TYPE)
    if delimiter != preferred_delimiter:
        expected = DELIMITER_NAMES[preferred_delimiter]
        findings.append(finding("CSV_DELIMITER", found=DELIMITER_NAMES[delimiter], expected=expected))
    return Table(records, encoding, delimiter, line_ends(text), [*findings, *quoting], widths, skipped, guessed)
