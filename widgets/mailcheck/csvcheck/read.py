"""Bytes in, table out: how a spreadsheet's CSV export is decoded and split into rows.

Nothing is assumed about the file: the encoding comes from a byte-order mark or from
whether the bytes are valid UTF-8, the separator from the rows themselves. Problems of
the reading itself become findings (row and column ``None``); a file that cannot be
read at all gives one error finding and no table.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field

from mailcheck.csvcheck.codes import Term, finding
from mailcheck.findings import Finding
from mailcheck.i18n import N_

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


@dataclass
class Table:
    """A decoded, parsed file: ``records[i]`` is spreadsheet row ``i + 1``."""

    records: list[list[str]]
    encoding: str
    delimiter: str
    line_ends: str
    findings: list[Finding] = field(default_factory=list)


def not_text_kind(data: bytes) -> Term | None:
    """What the file is when it is known not to be text (a workbook, a PDF, an image)."""
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def decode(data: bytes) -> tuple[str, str, list[Finding]]:
    """Decode ``data``; return the text, a label of the encoding and any findings.

    Without a BOM, valid UTF-8 wins (pure ASCII is valid UTF-8); anything else is read
    as what Excel's plain "CSV" writes in Western Europe, Windows-1252.
    """
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(codec), label, []
            except UnicodeDecodeError:
                damaged = finding("CSV_DAMAGED_TEXT", encoding=label.removesuffix(" with BOM"))
                return body.decode(codec, errors="replace"), label, [damaged]
    try:
        return data.decode("utf-8"), "UTF-8", []
    except UnicodeDecodeError:
        pass
    return data.decode("latin-1").translate(WINDOWS_1252), "Windows-1252", [finding("CSV_LEGACY_ENCODING")]


def line_ends(text: str) -> str:
    """``CRLF``, ``LF``, ``CR``, ``mixed``, or ``none`` for a single unterminated line."""
    crlf = text.count("\r\n")
    kinds = [name for name, count in
             (("CRLF", crlf), ("LF", text.count("\n") - crlf), ("CR", text.count("\r") - crlf)) if count]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def _parse(text: str, delimiter: str) -> csv.reader:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=False)


def sniff_delimiter(text: str, preferred: str) -> str:
    """The separator that splits the first records into the most multi-cell rows.

    Ties (including a one-column file) go to the header's width, then to ``preferred``.
    The stdlib ``csv.Sniffer`` was not used: it guesses from character frequencies,
    raises when unsure, and a password full of ``;`` would sway it.
    """
    sample = text[:65536]

    def score(delimiter: str) -> tuple[int, int, bool]:
        widths = []
        try:
            for record in _parse(sample, delimiter):
                widths.append(len(record))
                if len(widths) == SNIFF_RECORDS:
                    break
        except csv.Error:
            pass
        return sum(w > 1 for w in widths), widths[0] if widths else 0, delimiter == preferred

    return max(DELIMITERS, key=score)


def _trimmed(record: list[str]) -> list[str]:
    """Drop the empty cells a spreadsheet writes after the last filled one."""
    end = len(record)
    while end and not record[end - 1].strip():
        end -= 1
    return record[:end]


def read(data: bytes, *, max_bytes: int, preferred_delimiter: str) -> Table | Finding:
    """Decode and parse ``data``, or return the one finding that says why it cannot be read."""
    if not data:
        return finding("CSV_EMPTY")
    if len(data) > max_bytes:
        return finding("CSV_TOO_LARGE", max_mb=f"{max_bytes / 1_000_000:g}")
    kind = not_text_kind(data)
    if kind is not None:
        return finding("CSV_NOT_TEXT", kind=kind)
    text, encoding, findings = decode(data)
    if not BINARY_CONTROLS.isdisjoint(text):
        return finding("CSV_NOT_TEXT", kind=Term(N_("a binary file")))
    delimiter = sniff_delimiter(text, preferred_delimiter)
    records: list[list[str]] = []
    reader = _parse(text, delimiter)
    try:
        for record in reader:
            records.append(_trimmed(record))
    except csv.Error:
        findings.append(finding("CSV_UNREADABLE", row=len(records) + 1))
    while records and not records[-1]:
        records.pop()
    if not records:
        return finding("CSV_EMPTY")
    if delimiter != preferred_delimiter:
        expected = DELIMITER_NAMES[preferred_delimiter]
        findings.append(finding("CSV_DELIMITER", found=DELIMITER_NAMES[delimiter], expected=expected))
    return Table(records, encoding, delimiter, line_ends(text), findings)
