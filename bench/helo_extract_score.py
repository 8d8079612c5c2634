"""Extraction score on the real-MTA corpus: this extractor against an older one, per MTA and kind.

A paste scores when the values found are exactly its ``expected`` value (case aside),
or, for a paste that shows a refusal without the name (``expected`` null), when the
report says so (``HELO_REFUSED_NOT_SHOWN``); the baseline has no such finding, so it
scores there only if its report does. The baseline is ``widgets/mailcheck/helo/extract.py``
at a git revision (default: the commit before the rule table), loaded from ``git show``.

    .venv/bin/python bench/helo_extract_score.py [--baseline REV]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from mailcheck.helo import report
from mailcheck.helo.extract import extract

ROOT = Path(__file__).resolve().parent.parent

CORPUS = ROOT / "tests" / "fixtures" / "helo" / "corpus.jsonl"
BASELINE = "5f614c3"  # issue 9 starts here: Postfix helo=<>, Exim (helo=x)/H=(x), commands, bare text


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


def scores(found: Callable[[str], list[str]], refusal: Callable[[str], bool]) -> tuple[Counter, Counter]:
    """Pastes right and pastes in all, per (MTA, kind); the key ("all", "with a value") counts
    only the pastes that show the value, where the baseline had a chance."""
    good, total = Counter(), Counter()
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        paste = json.loads(line)
        key = paste["mta"], paste["kind"]
        total[key] += 1
        if paste["expected"] is not None:
            total["all", "with a value"] += 1
            good["all", "with a value"] += [value.lower() for value in found(paste["text"])] == [
                paste["expected"].lower()]
        if paste["expected"] is None:
            good[key] += refusal(paste["text"])
        else:
            good[key] += [value.lower() for value in found(paste["text"])] == [paste["expected"].lower()]
    return good, total


def refused_not_shown(text: str) -> bool:
    return [f["code"] for f in report(text, "en")[0]["findings"]] == ["HELO_REFUSED_NOT_SHOWN"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="git revision of the older extractor")
    args = parser.parse_args()
    old = load_baseline(args.baseline)
    new_good, total = scores(lambda text: [item.value for item in extract(text)[0]], refused_not_shown)
    old_good, _ = scores(lambda text: [item.value for item in old(text)[0]], lambda text: False)
    print(f"{'MTA':10} {'kind of text':24} {'pastes':>6} {'before':>8} {'after':>8}")
    value_key = ("all", "with a value")
    for key in sorted(total, key=lambda key: (key == value_key, key)):
        print(f"{key[0]:10} {key[1]:24} {total[key]:6} {old_good[key]:8} {new_good[key]:8}")
    count = sum(value for key, value in total.items() if key != value_key)
    old_sum = sum(value for key, value in old_good.items() if key != value_key)
    new_sum = sum(value for key, value in new_good.items() if key != value_key)
    print(f"{'all':35} {count:6} {old_sum:8} {new_sum:8}"
          f"   ({100 * old_sum / count:.0f} % -> {100 * new_sum / count:.0f} %)")
    text = "\n".join(json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines())
    start = time.perf_counter()
    extract(text, limit=10**9)
    new_time = time.perf_counter() - start
    start = time.perf_counter()
    old(text, limit=10**9)
    print(f"whole corpus as one paste ({len(text.encode()) / 1e6:.2f} MB): extract {new_time:.3f} s,"
          f" baseline {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
