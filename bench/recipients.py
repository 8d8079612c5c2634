"""Time the recipient counter on 10,000 entries in CPython, against the standard library alone (not a test).

Three shapes of the same 10,000 addresses (a tenth of them repeated in other case, a
few hundred broken): one per line as a spreadsheet column pastes them, one long To
line with quoted display names and ``;`` as Outlook writes it, and the whole list
as one RFC 5322 address list. Baselines in the same run: ``email.utils.getaddresses``
(the legacy parser, no validation) and ``email.headerregistry`` on the whole list at
once, which is what the counter avoids (its time grows with the square of the length).
Hostile input (issue 28): one 40 kB entry of backslashes or quotes (14 to 23 s before the
per-entry cap), and the whole cap (1 MB) filled with distinct entries just under the cap,
each as costly for the parser as its characters make it (the worst case the cap allows).
``--pyodide`` also times the one-per-line list in Pyodide under Node (the browser's
Python, through tests/node/parity.mjs): the time of a run with the list minus that of
a run with one address, so Pyodide's start-up cancels out.

    .venv/bin/python bench/recipients.py [--runs N] [--entries N] [--pyodide]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from email.headerregistry import HeaderRegistry
from email.utils import getaddresses
from pathlib import Path

from mailcheck.recipients import report
from mailcheck.recipients.parse import MAX_ENTRY


def addresses(entries: int) -> list[str]:
    """``entries`` entries: every tenth repeats an earlier one in upper case, every fortieth is broken."""
    made = []
    for i in range(entries):
        if i % 40 == 39:
            made.append(f"broken entry {i}")
        elif i % 10 == 9:
            made.append(f'"Person, No. {i - 5}" <PERSON{i - 5}@EXAMPLE{(i - 5) % 7}.ORG>')
        else:
            made.append(f'"Person, No. {i}" <person{i}@example{i % 7}.org>')
    return made


def median_ms(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def pyodide_ms(text: str, runs: int) -> float:
    """Median extra time Pyodide (Node) takes for ``text`` over a one-address request."""
    root = Path(__file__).resolve().parent.parent
    from sitebuild import widget_assets  # the site's own publishing step: the wheels the browser gets

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        widget_assets.publish(site)
        widgets = site / widget_assets.ASSETS

        def run(request_text: str) -> float:
            requests = site / "requests.json"
            requests.write_text(json.dumps([{"checker": "recipients", "lang": "en", "text": request_text}]))
            start = time.perf_counter()
            subprocess.run(["node", str(root / "tests" / "node" / "parity.mjs"), str(widgets), "recipients",
                            str(requests)], cwd=root, check=True, capture_output=True)
            return time.perf_counter() - start

        return statistics.median(run(text) - run("a@example.org") for _ in range(runs)) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--pyodide", action="store_true", help="also time the list in Pyodide under Node")
    args = parser.parse_args()
    entries = addresses(args.entries)
    report("a@example.org", "en")  # imports and catalogs loaded once, as in a warm worker
    shapes = {
        "one per line": "\n".join(entries),
        "one To line, ';'": "To: " + "; ".join(entries),
        "one list, ','": ", ".join(entries),
    }
    for name, text in shapes.items():
        result = report(text, "en")
        counter = median_ms(lambda text=text: report(text, "en"), args.runs)
        legacy = median_ms(lambda text=text: getaddresses(text.splitlines()), args.runs)
        print(f"{name:<17} {len(text) / 1e3:>4.0f} kB: counter {counter:>5.0f} ms"
              f" ({result['recipients']} recipients, {len(result['findings'])} findings);"
              f" getaddresses alone {legacy:.0f} ms")
    headers = HeaderRegistry()
    for size in (1_000, 2_000, 4_000):
        whole = ", ".join(entries[:size])
        start = time.perf_counter()
        headers("To", whole).addresses  # noqa: B018  the parse is the point
        print(f"headerregistry on one list of {size:>5}: {(time.perf_counter() - start) * 1e3:.0f} ms")
    for name, pattern in (("backslashes", "\\"), ("quotes", '"'), ("comments", "(a)"), ("dots", "a."), ("ats", "a@")):
        long_entry = pattern * (40_000 // len(pattern))
        print(f"one 40 kB entry of {name:<11}: {median_ms(lambda t=long_entry: report(t, 'en'), args.runs):>6.0f} ms")
        body = (pattern * MAX_ENTRY)[: MAX_ENTRY - 20]
        lines = [f"{body} <x{i}@example.org>" for i in range(1_000_000 // (MAX_ENTRY + 1))]
        full = "\n".join(lines)[:1_000_000]
        print(f"1 MB of {MAX_ENTRY}-character {name:<11}: {median_ms(lambda t=full: report(t, 'en'), 1):>6.0f} ms")
    if args.pyodide:
        print(f"Pyodide (Node), one per line: counter {pyodide_ms(shapes['one per line'], args.runs):.0f} ms")


if __name__ == "__main__":
    main()
