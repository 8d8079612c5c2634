"""Daily batches: a checked file cut into parts of at most the daily creation limit.

The import creates at most ``limits.batch_addresses_per_day`` addresses per 24 hours;
a longer file stops part-way. Each part is what the reader's own file would be had
they cut it by hand: the header row, then the next rows in order, in the file's own
encoding (byte-order mark included), separator and line ends. The bytes of every row
are copied, not rewritten, so a part differs from the file only where it was cut.
When the checker offers a corrected copy, that copy is what gets cut.

Parts are offered only for a file without errors: cutting a file the import would
refuse would only multiply the errors.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mailcheck.csvcheck.check import Result
from mailcheck.csvcheck.codes import NO_COPY
from mailcheck.csvcheck.read import BOMS, decode, leading_boms
from mailcheck.findings import verdict
from mailcheck.policy import Policy, download_name

STDIN_NAME = "addresses"  # the stem of the parts when the file has no name (or only ".csv")


@dataclass(frozen=True)
class Part:
    """One day's import: ``rows`` data rows (header not counted) and the file's bytes."""

    rows: int
    data: bytes


def file_stem(file_name: str) -> str:
    """The name downloads are named after: the file's name (no folder: the CLI passes only the
    base name) without ``.csv``; slashes become ``_``; ``addresses`` when nothing is left."""
    stem = file_name.replace("/", "_").replace("\\", "_")
    stem = stem[:-4] if stem.lower().endswith(".csv") else stem
    return stem or STDIN_NAME


def part_name(file_name: str, index: int, total: int, lang: str = "en") -> str:
    """``addresses-part-2-of-3.csv`` for part 2 of 3 of ``addresses.csv``,
    ``addresses-partie-2-sur-3.csv`` in French (``downloads.part`` in the data file)."""
    return download_name("part", lang, stem=file_stem(file_name), index=index, total=total)


def fixed_name(file_name: str, lang: str = "en") -> str:
    """``addresses-fixed.csv``: the corrected copy of ``addresses.csv`` (``downloads.fixed``)."""
    return download_name("fixed", lang, stem=file_stem(file_name))


def findings_name(file_name: str, lang: str = "en") -> str:
    """``addresses-findings.csv``: the findings download (``downloads.findings``)."""
    return download_name("findings", lang, stem=file_stem(file_name))


def _byte_length(encoding: str) -> Callable[[str], int]:
    """How many bytes of the file a stretch of its decoded text took (encoding as ``read`` names it)."""
    codec = next((codec for _, codec, label in BOMS if label == encoding), "utf-8" if encoding == "UTF-8" else "")
    if not codec:  # Windows-1252, as read: one byte per character
        return len
    return lambda text: len(text.encode(codec, "surrogatepass"))


def _records(text: str, delimiter: str) -> Iterator[tuple[bool, str]]:
    """Each record as ``read`` parses it: whether it holds a value, and the exact text it came from.

    The reader gets the lines one at a time, so the lines it has taken when it hands
    back a record are that record's text, quoted line breaks and line end included.
    """
    taken: list[str] = []

    def lines() -> Iterator[str]:
        for line in io.StringIO(text, newline=""):
            taken.append(line)
            yield line

    for record in csv.reader(lines(), delimiter=delimiter, quotechar='"', strict=False):
        raw = "".join(taken)
        taken.clear()
        yield any(cell.strip() for cell in record), raw


def split(data: bytes, delimiter: str, limit: int) -> list[Part]:
    """Cut ``data`` (a header row, then data rows) into parts of at most ``limit`` data rows.

    Blank rows stay with the rows before them (or after them, at the start). Returns ``[]`` when the cut pieces would
    not add up to ``data`` byte for byte, which no file the checker accepts should do.
    """
    text, encoding, _, _ = decode(data)
    bom = data[:leading_boms(data, next((bom for bom, _, label in BOMS if label == encoding), b""))]
    length = _byte_length(encoding)
    offset = len(bom)
    header: bytes | None = None
    rows: list[int] = [0]  # data rows per part
    pieces: list[list[bytes]] = [[]]  # the records' bytes per part
    try:
        for filled, raw in _records(text, delimiter):
            piece = data[offset:offset + length(raw)]
            offset += len(piece)
            if header is None:
                header = bom + piece
                continue
            if filled and rows[-1] == limit:
                rows.append(0)
                pieces.append([])
            rows[-1] += filled
            pieces[-1].append(piece)
    except csv.Error:
        return []
    if offset != len(data) or header is None or not rows[0]:
        return []
    return [Part(count, header + b"".join(part)) for count, part in zip(rows, pieces, strict=True)]


def daily_parts(data: bytes, result: Result, fixed: str | None, policy: Policy) -> list[Part]:
    """The parts to import one per day, or ``[]`` when the file has errors or fits in one day."""
    limit = policy["limits"]["batch_addresses_per_day"]
    if result.table is None or verdict(result.findings) == "reject" or result.rows <= limit:
        return []
    if any(f.code in NO_COPY for f in result.findings):  # a formula-like cell: not written out again
        return []
    if fixed is not None:
        return split(fixed.encode("utf-8"), policy["csv"]["delimiter"], limit)
    parts = split(data, result.table.delimiter, limit)
    return parts if sum(part.rows for part in parts) == result.rows else []
