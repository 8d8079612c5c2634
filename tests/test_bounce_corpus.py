"""The bounce explainer against bounces real systems wrote (tests/fixtures/bounce/).

``published.yml`` holds bounces as providers, hosters and bug reports published them;
``postfix.yml`` the ones a private Postfix wrote here (``make_postfix.py``). Every entry
names its source and what a person who knows mail reads in it: the reason, who must act
and the failed recipients. The explainer must match the reason and who must act on at
least :data:`MIN_REASON_SCORE` of the entries, and name exactly the expected recipients on
:data:`MIN_RECIPIENT_SCORE` of them; every entry in ``must_pass`` (the hoster's own
refusals, and everything Postfix wrote) must be right. ``pytest -s`` prints the score per reason.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from mailcheck.bounce import report
from mailcheck.bounce.codes import REASONS

FIXTURES = Path(__file__).parent / "fixtures" / "bounce"
MIN_REASON_SCORE = 0.85
MIN_RECIPIENT_SCORE = 0.95


def corpus() -> list[dict]:
    entries = []
    for name in ("published.yml", "postfix.yml"):
        for entry in yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8")):
            entries.append({**entry, "file": name})
    return entries


CORPUS = corpus()


def _recipients(values: list[str]) -> list[str]:
    return sorted(value.lower() for value in values)


def test_the_corpus_is_broad() -> None:
    """At least 150 entries from 25 systems in five languages, each with a source and valid labels."""
    assert len(CORPUS) >= 150
    assert len({entry["system"] for entry in CORPUS}) >= 25
    assert {"en", "fr", "de", "it", "es"} <= {entry["lang"] for entry in CORPUS}
    for entry in CORPUS:
        assert entry["source"] == "seed" or entry["source"].startswith(("https://", "http://", "generated:")), \
            entry["id"]
        assert entry["reason"] in REASONS, entry["id"]
        assert entry["actor"] == REASONS[entry["reason"]].actor.value, entry["id"]
    assert len({entry["id"] for entry in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("entry", [e for e in CORPUS if e.get("must_pass") or e["file"] == "postfix.yml"],
                         ids=lambda e: e["id"])
def test_must_pass_entries(entry: dict) -> None:
    result = report(entry["text"], "en")
    assert (result["reason"], result["actor"]) == (entry["reason"], entry["actor"])
    assert _recipients(result["recipients"]) == _recipients(entry["recipients"])
    if "final" in entry:
        assert result["final"] is entry["final"]
    if "refusal" in entry:
        assert result["refusal"] == entry["refusal"]


def test_scores_per_reason() -> None:
    """The score per expected reason (printed), and the floors for the whole corpus."""
    right, total, recipients_right = Counter(), Counter(), 0
    misses = []
    for entry in CORPUS:
        result = report(entry["text"], "en")
        total[entry["reason"]] += 1
        if (result["reason"], result["actor"]) == (entry["reason"], entry["actor"]):
            right[entry["reason"]] += 1
        else:
            misses.append(f"{entry['id']}: expected {entry['reason']}, got {result['reason']}")
        recipients_right += _recipients(result["recipients"]) == _recipients(entry["recipients"])
    lines = [f"{reason:24} {right[reason]:3}/{total[reason]:3}" for reason in REASONS if total[reason]]
    print("\nbounce corpus, reason and who must act right per expected reason:\n" + "\n".join(lines))
    print(f"all: {sum(right.values())}/{len(CORPUS)}; recipients exact: {recipients_right}/{len(CORPUS)}")
    print("misses:\n  " + "\n  ".join(misses))
    assert sum(right.values()) / len(CORPUS) >= MIN_REASON_SCORE
    assert recipients_right / len(CORPUS) >= MIN_RECIPIENT_SCORE
