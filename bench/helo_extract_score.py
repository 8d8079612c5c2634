"""Extraction score on the HELO corpora: this extractor against an older one, per writer and kind.

A paste scores when the values found are exactly the values it shows (case aside; names
that may be the HELO or the reverse name must come out as uncertain), or, for a paste
that shows a refusal without the name, when the report says so (``HELO_REFUSED_NOT_SHOWN``);
the baseline scores there only if its report does. The corpora are read by
``sitebuild.testing.helo_pastes``: Postfix, Exim, OpenSMTPD and swaks run here, client
libraries run here, and published text of other systems. The baseline is
``widgets/mailcheck/helo/extract.py`` at a git revision (default: the extractor before
issue 21), loaded from ``git show``.

    .venv/bin/python bench/helo_extract_score.py [--baseline REV] [--by writer|kind|file]
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from mailcheck.helo import report
from mailcheck.helo.extract import extract
from sitebuild.testing.helo_pastes import Paste, found_as_expected, load

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "a24d573"  # the extractor before issue 21 (Postfix, Exim, OpenSMTPD forms only)


def load_baseline(revision: str) -> Callable[..., tuple[list, bool]]:
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:widgets/mailcheck/helo/extract.py"],
                            capture_output=True, text=True, check=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location("baseline_extract", handle.name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.extract


def right(paste: Paste, found: Callable[[str], list], refusal: Callable[[str], bool]) -> bool:
    if paste.refusal:
        return refusal(paste.text)
    return found_as_expected(paste, found(paste.text))


def refused_not_shown(text: str) -> bool:
    return [f["code"] for f in report(text, "en")[0]["findings"]] == ["HELO_REFUSED_NOT_SHOWN"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="git revision of the older extractor")
    parser.add_argument("--by", choices=("writer", "kind", "file"), default="writer",
                        help="group the pastes by writer (default), by kind of text, or by corpus file")
    args = parser.parse_args()
    old = load_baseline(args.baseline)
    pastes = load()
    total, before, after = Counter(), Counter(), Counter()
    with_value, with_value_before, with_value_after = 0, 0, 0
    for paste in pastes:
        key = getattr(paste, args.by)
        total[key] += 1
        old_right = right(paste, lambda text: old(text)[0], lambda text: False)
        new_right = right(paste, lambda text: extract(text)[0], refused_not_shown)
        before[key] += old_right
        after[key] += new_right
        if paste.expected:
            with_value += 1
            with_value_before += old_right
            with_value_after += new_right
    print(f"{args.by:28} {'pastes':>6} {'before':>7} {'after':>7}")
    for key in sorted(total):
        print(f"{key:28} {total[key]:6} {before[key]:7} {after[key]:7}")
    count, old_sum, new_sum = sum(total.values()), sum(before.values()), sum(after.values())
    print(f"{'all':28} {count:6} {old_sum:7} {new_sum:7}"
          f"   ({100 * old_sum / count:.0f} % -> {100 * new_sum / count:.0f} %)")
    print(f"{'pastes that show a HELO':28} {with_value:6} {with_value_before:7} {with_value_after:7}"
          f"   ({100 * with_value_before / with_value:.0f} % -> {100 * with_value_after / with_value:.0f} %)")
    print(f"{'writers':28} {len({paste.writer for paste in pastes}):6}")
    text = "\n".join(paste.text for paste in pastes)
    start = time.perf_counter()
    extract(text, limit=10**9)
    new_time = time.perf_counter() - start
    start = time.perf_counter()
    old(text, limit=10**9)
    print(f"all corpora as one paste ({len(text.encode()) / 1e6:.2f} MB): extract {new_time:.3f} s,"
          f" baseline {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
