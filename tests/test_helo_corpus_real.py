"""Pastes written by real Postfix, Exim and OpenSMTPD give the HELO value the MTA received.

``tests/fixtures/helo/corpus.jsonl`` was made by ``tests/fixtures/helo/make_corpus.py``
(the MTAs are not needed here): one JSON object per paste with ``mta``, ``kind``,
``sent``, ``expected`` (the value as the paste shows it, or null when the paste only
shows that a server refused the HELO) and ``text``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from mailcheck.helo import report
from mailcheck.helo.extract import RULES, extract

CORPUS = Path(__file__).parent / "fixtures" / "helo" / "corpus.jsonl"
PASTES = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
MTAS = {"postfix", "exim", "opensmtpd"}


def _id(paste: dict) -> str:
    return f"{paste['mta']}-{paste['kind']}-{paste['sent']}"


def test_the_corpus_covers_three_mtas_and_several_pastes_of_each_kind() -> None:
    kinds = Counter((paste["mta"], paste["kind"]) for paste in PASTES)
    assert len(PASTES) >= 300
    assert {mta for mta, _ in kinds} >= MTAS
    assert min(kinds.values()) >= 3, kinds
    assert sum(paste["expected"] is None for paste in PASTES) >= 30  # refusals without the name
    received = {mta for mta, kind in kinds if kind == "received-header"}
    assert received == MTAS


def test_the_corpus_holds_the_wrap_traps_as_the_mtas_wrote_them() -> None:
    """Bounces whose continuation starts with "Helo command rejected", and wrapped ``Out:``
    replies whose continuation holds only "HELO": neither is a HELO command."""
    texts = [paste["text"] for paste in PASTES]
    assert sum("\n    Helo command rejected" in text for text in texts) >= 3
    assert sum("bogus\n     HELO\n" in text for text in texts) >= 3


@pytest.mark.parametrize("paste", PASTES, ids=[_id(paste) for paste in PASTES])
def test_a_real_paste_gives_the_value_the_mta_received(paste: dict) -> None:
    results = report(paste["text"], "en")
    if paste["expected"] is None:
        assert [(r["helo"], [f["code"] for f in r["findings"]]) for r in results] == [
            (None, ["HELO_REFUSED_NOT_SHOWN"])]
    else:
        assert [r["helo"].lower() for r in results] == [paste["expected"].lower()]


def test_every_extraction_rule_reads_some_real_paste() -> None:
    """The rule table and what the MTAs write stay in step: no rule is there for nothing."""
    used = {item.rule for paste in PASTES for item in extract(paste["text"])[0]}
    assert used == {rule.name for rule in RULES}
