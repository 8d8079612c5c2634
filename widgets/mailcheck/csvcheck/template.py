"""The template CSV offered for download: the header in one language and two example rows."""

from __future__ import annotations

import csv
import io

from mailcheck.csvcheck.header import headers
from mailcheck.policy import Policy
from mailcheck.policy import policy as load_policy


def write_csv(rows: list[list[str]], delimiter: str) -> str:
    """Rows as RFC 4180 text: CRLF after every record, quotes only where needed."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def template(lang: str, policy: Policy | None = None) -> str:
    """The template in ``lang``, with the data file's delimiter and that language's example rows."""
    policy = policy or load_policy()
    header = headers(policy["labels"])[lang]
    return write_csv([header, *policy["csv"]["example_rows"][lang]], policy["csv"]["delimiter"])
