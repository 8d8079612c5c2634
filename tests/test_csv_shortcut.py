"""The zxcvbn shortcut gives the verdict and code full zxcvbn gives, on 12,765 passwords.

The corpus (tests/password_corpus.py) is generated, seeded, so every run checks the same
passwords: weak ones of every zxcvbn pattern, strong random ones, passphrases, look-alike
signs, Unicode, long ones, repeated halves, addresses hidden reversed or in l33t, and the
words of the lists the checker adds (five languages, office words, common passwords)
with years and signs, passphrases of them, AZERTY and QWERTZ walks. zxcvbn runs with
those lists, as the checker runs it.
"""

from __future__ import annotations

import pytest
from zxcvbn import zxcvbn

from mailcheck.csvcheck import shortcut
from mailcheck.csvcheck.dictionaries import COMMON
from mailcheck.csvcheck.password import CACHE_SIZE, _zxcvbn, scored_part, weakness
from mailcheck.policy import policy
from password_corpus import corpus

MIN_SCORE = policy()["passwords"]["min_zxcvbn_score"]
PAIRS = corpus()


def test_the_corpus_is_large_and_the_shortcut_is_on_for_the_pinned_zxcvbn() -> None:
    assert len(PAIRS) >= 12_000
    assert shortcut.ACTIVE
    assert MIN_SCORE <= shortcut.PROVEN_SCORE


def test_same_verdict_and_code_as_full_zxcvbn_on_the_whole_corpus() -> None:
    """Within the work bound the checker's answer is full zxcvbn's; past it, a password the
    shortcut proves is one full zxcvbn (length guard lifted, here only) scores 3 or more, and
    any other is zxcvbn's verdict on the bounded beginning."""
    weakness.cache_clear()
    proven = wrong = bounded = 0
    for password, address in PAIRS:
        folded = address.casefold()
        part = scored_part(password)
        is_proven = shortcut.at_least_three(password, folded)
        proven += is_proven
        if part == password or is_proven:
            score, common = _zxcvbn_full(password, folded)
            wrong += is_proven and score < shortcut.PROVEN_SCORE
            expected = (score, common) if score < MIN_SCORE and not is_proven else None
        else:
            bounded += 1
            score, common = _zxcvbn(part, folded)
            expected = (score, common) if score < MIN_SCORE else None
        assert weakness(password, folded, MIN_SCORE) == expected, (password, address)
    assert wrong == 0
    assert proven > len(PAIRS) // 2  # the shortcut really settles most of them
    assert bounded < len(PAIRS) // 20  # the bound touches few passwords people type


def _zxcvbn_full(password: str, address: str) -> tuple[int, bool]:
    """zxcvbn on the whole password, its length guard lifted: the reference, never the checker."""
    result = zxcvbn(password, user_inputs=[address] if address else [], max_length=len(password))
    sequence = result["sequence"]
    common = (len(sequence) == 1 and sequence[0]["pattern"] == "dictionary"
              and sequence[0]["dictionary_name"] in COMMON)
    return result["score"], common


@pytest.mark.parametrize(("length", "shortest"), [(9, 4), (10, 5), (11, 6), (16, 8), (17, 9), (128, 64)])
def test_the_longest_match_a_weak_password_needs(length: int, shortest: int) -> None:
    assert shortcut.need(length) == shortest


@pytest.mark.parametrize("password", [
    "Kx9#mQ2",  # under 9 characters: the argument does not hold, zxcvbn decides
    "qwertyuiop!7Zr", "abcdefghij#4Qz", "password12#Zq", "drowssap#4Qz!x", "P@55w0rd!xQz", "12/05/1987#Qz",
    "xQ#7xQ#7xQ#7xQ#7", "Zq!eilatanQ#x", "Zq!n4t4l1eQ#x",  # a repeat; the address reversed, in l33t
])
def test_passwords_with_a_long_pattern_are_left_to_zxcvbn(password: str) -> None:
    assert not shortcut.at_least_three(password, "natalie")


def test_the_cache_holds_as_many_passwords_as_a_file_has_rows() -> None:
    assert policy()["csv"]["max_rows"] == CACHE_SIZE
