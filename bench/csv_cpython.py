"""Time ``mailcheck.csvcheck.report`` on a 50-row and a 10,000-row file in CPython (not a test).

The browser figures come from ``bench/widget.py`` (Pyodide in headless Chromium). Files
are the template's header plus rows with distinct random 16-character passwords, a
third of them forwarding, in the template's format; password scoring (zxcvbn) is
timed apart because it dominates.

    .venv/bin/python bench/csv_cpython.py [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import time

from mailcheck.csvcheck import report, template
from mailcheck.csvcheck.password import strength


def csv_file(rows: int, seed: int = 1) -> bytes:
    """A valid file of ``rows`` addresses (the passwords differ, so no cache hit helps)."""
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + "-+_!"
    header = template("en").split("\r\n")[0]
    lines = [header]
    for i in range(rows):
        password = "".join(rng.choice(alphabet) for _ in range(16))
        forward = (f"team{i}@example.org", "0") if i % 3 == 0 else ("", "")
        lines.append(",".join((f"user.{i:05d}", password, *forward)))
    return ("\r\n".join(lines) + "\r\n").encode()


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    report(csv_file(2), "en")  # imports, catalogs and zxcvbn's dictionaries loaded once, as in a warm worker
    for rows in (50, 10_000):
        data = csv_file(rows)
        totals = []
        for _ in range(runs):
            strength.cache_clear()
            totals.append(timed(report, data, "en"))
        strength.cache_clear()
        passwords = [line.split(",")[1] for line in data.decode().split("\r\n")[1:-1]]
        scoring = sum(timed(strength, password, f"user.{i:05d}") for i, password in enumerate(passwords))
        verdict = report(data, "en")["verdict"]
        print(f"CSV {rows:>6} rows ({len(data) / 1e3:.0f} kB): report median {statistics.median(totals) * 1e3:.0f} ms"
              f" over {runs} runs (zxcvbn alone {scoring * 1e3:.0f} ms), verdict {verdict}")


if __name__ == "__main__":
    main()
