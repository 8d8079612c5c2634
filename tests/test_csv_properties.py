"""Properties of the CSV report on generated files: its size stays linear, no password is shown."""

from __future__ import annotations

import json
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from mailcheck.csvcheck import report, template

HEADER = template("en").split("\r\n")[0]
# Cells made of the characters that upset readers: quotes, separators, line ends, formula starts.
NASTY = st.text(alphabet=string.ascii_letters + string.digits + ' ",;\t\r\n@.=+-', max_size=30)
# A sign no message, code or label holds, so a secret found in the output came from the file.
SIGNS = "!#$%&*+=?^~"
SECRET = st.text(alphabet=string.ascii_letters + string.digits + SIGNS + "-_", min_size=8, max_size=40).filter(
    lambda secret: any(sign in secret for sign in SIGNS))
ADDRESS = st.text(alphabet=string.ascii_lowercase + string.digits + "._-", min_size=1, max_size=20)


def _json(data: bytes, lang: str = "en") -> str:
    result = report(data, lang)
    result.pop("fixed")
    return json.dumps(result, ensure_ascii=False)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(NASTY, max_size=6), max_size=40), st.sampled_from([",", ";", "\t"]))
def test_report_size_is_linear_in_the_file_size(rows: list[list[str]], delimiter: str) -> None:
    data = ("\r\n".join([HEADER, *(delimiter.join(row) for row in rows)]) + "\r\n").encode()
    # At most a dozen findings of a few hundred bytes per line, whatever the line holds.
    assert len(_json(data).encode()) <= 4_000 + 4_000 * data.count(b"\n")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(ADDRESS, SECRET, st.permutations(range(4)), NASTY), min_size=1, max_size=15),
       st.sampled_from(["en", "de"]))
def test_no_output_carries_a_password_in_full_whatever_its_column(rows: list, lang: str) -> None:
    """The password lands in B, C or D (columns swapped, shifted), A may be anything."""
    lines, secrets = [HEADER], []
    for address, secret, order, other in rows:
        cells = [address, secret, other.replace('"', "").replace("\n", "").replace("\r", ""), ""]
        placed = [cells[i] for i in order]
        if placed[0] == secret:  # a password in A is the address column: keep B, C or D for it
            placed[0], placed[1] = placed[1], placed[0]
        lines.append(",".join(placed))
        secrets.append(secret)
    data = ("\r\n".join(lines) + "\r\n").encode()
    shown = _json(data, lang)
    for secret in secrets:
        if secret not in HEADER and not any(secret in line.split(",")[0] for line in lines):
            assert secret not in shown


def test_a_file_of_one_address_repeated_gives_a_report_linear_in_its_rows() -> None:
    sizes = {}
    for rows in (1_000, 10_000):
        data = (HEADER + "\r\n" + "jane,x,,\r\n" * rows).encode()
        sizes[rows] = len(_json(data).encode())
    assert sizes[10_000] < 12 * sizes[1_000]
