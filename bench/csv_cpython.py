"""Time ``mailcheck.csvcheck.report`` in CPython, with and without the zxcvbn shortcut (not a test).

Three files in the template's format: 50 and 10,000 rows of distinct random
16-character passwords (a third forwarding), and 200 rows of 32-character look-alike
passwords (``{$@$5%17!{o47<628...``, zxcvbn's slowest kind). Each is checked by the
current code and by the old path in the same run: the same code with the shortcut
switched off, so zxcvbn scores every password. The verdicts must agree. The browser
figures come from ``bench/widget.py`` (Pyodide in headless Chromium).

    .venv/bin/python bench/csv_cpython.py [--runs N] [--old-runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import string
import time
from collections.abc import Iterator

from mailcheck.csvcheck import password, report, template

LOOK_ALIKE = "4@8({[<369!|1l70$5+%2{}<>"


def csv_file(rows: int, seed: int = 1, *, alphabet: str = "", length: int = 16) -> bytes:
    """A valid file of ``rows`` addresses (the passwords differ, so no cache hit helps)."""
    rng = random.Random(seed)
    alphabet = alphabet or string.ascii_letters + string.digits + "-+_!"
    header = template("en").split("\r\n")[0]
    lines = [header]
    for i in range(rows):
        secret = "".join(rng.choice(alphabet) for _ in range(length))
        forward = (f"team{i}@example.org", "0") if i % 3 == 0 else ("", "")
        lines.append(",".join((f"user.{i:05d}", secret, *forward)))
    return ("\r\n".join(lines) + "\r\n").encode()


@contextlib.contextmanager
def old_path() -> Iterator[None]:
    """zxcvbn on every password, as before the shortcut."""
    shortcut = password.at_least_three
    password.at_least_three = lambda *_: False
    try:
        yield
    finally:
        password.at_least_three = shortcut


def timed(data: bytes, runs: int) -> tuple[float, str]:
    """Median seconds of ``runs`` cold-cache reports, and the verdict."""
    times = []
    for _ in range(runs):
        password.weakness.cache_clear()
        start = time.perf_counter()
        verdict = report(data, "en")["verdict"]
        times.append(time.perf_counter() - start)
    return statistics.median(times), verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old-runs", type=int, default=1, help="runs of the old path (slow)")
    args = parser.parse_args()
    report(csv_file(2), "en")  # imports, catalogs and zxcvbn's dictionaries loaded once, as in a warm worker
    files = {
        "50 strong rows": csv_file(50),
        "10,000 strong rows": csv_file(10_000),
        "200 look-alike rows": csv_file(200, alphabet=LOOK_ALIKE, length=32),
    }
    for name, data in files.items():
        new, verdict = timed(data, args.runs)
        with old_path():
            old, old_verdict = timed(data, args.old_runs)
        assert verdict == old_verdict, (name, verdict, old_verdict)
        print(f"CSV {name} ({len(data) / 1e3:.0f} kB): {new * 1e3:,.0f} ms, old path {old * 1e3:,.0f} ms "
              f"({old / new:.0f}x), verdict {verdict}")


if __name__ == "__main__":
    main()
