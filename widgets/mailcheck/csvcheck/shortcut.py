"""Proving that zxcvbn 4.5.0 scores a password 3 or more, without running zxcvbn.

zxcvbn costs about 1 ms per random password in CPython and up to seconds for long
strings of look-alike signs (its l33t matcher tries every substitution), while almost
every password in a batch file is a strong one. This module settles those cheaply and
exactly: it answers "score >= 3" only when it can prove it, and ``False`` ("don't
know, ask zxcvbn") otherwise. It never decides that a password is weak.

The argument (zxcvbn 4.5.0: ``scoring.most_guessable_match_sequence``,
``time_estimates.guesses_to_score``, ``matching.omnimatch``), for a password of
n >= 9 characters:

1. zxcvbn's guesses are those of one sequence of l non-overlapping matches covering the
   password, gaps filled by bruteforce: g = l! * (product of the matches' guesses) +
   10000 ** (l - 1). Score 3 starts at g >= 1e8 + 5. The search may miss the best
   sequence, never report a g no sequence has, so a bound on every sequence holds.
2. l >= 3: 10000 ** 2 = 1e8 and l! * product >= 6, so g >= 1e8 + 6: score 3 or more.
3. l = 1: a bruteforce match of n >= 9 characters alone has 10 ** n >= 1e9 guesses, so
   a lower score needs one pattern match covering the whole password.
4. l = 2: g < 1e8 + 5 needs product < 5e7. Two bruteforce matches are never adjacent.
   A pattern shorter than the password has at least 50 guesses (10 for one character),
   a bruteforce part of k characters at least 10 ** k: with one bruteforce part,
   10 ** k * 50 < 5e7 gives k <= 5 (and a one-character pattern would leave k >= 8),
   so the pattern covers n - 5 characters or more; with two patterns, one covers at
   least half.

So a score below 3 needs a pattern match of at least ``need(n) = min(ceil(n / 2), n - 5)``
characters. Each matcher is then bounded by something cheaper than running it, always
from above (a bound may see a match that is not there, never miss one):

* dictionaries (zxcvbn's frequency lists, the lists :mod:`.dictionaries` adds, and the user
  inputs), plain, reversed and l33t:
  a walk along the password through the sorted word list, where a position may stand
  for its own lower-case character or any letter the l33t table lets it replace;
* spatial: the longest run of characters each next to the previous one on any of the
  keyboards (the AZERTY and QWERTZ ones added too); sequence: the longest run of equal steps of 1 to 5 code points;
* date and the recent-year regex: the longest run of digits and date separators;
* repeat: the runs zxcvbn's own expressions find; one long enough is harmless only when
  its base token is itself proven to score 3 or more (its guesses then exceed 1e8).

``at_least_three`` is only used when the policy's minimum score is 3 or less, and only
with the zxcvbn version and constants the argument was made for (:data:`ACTIVE`).
tests/test_csv_shortcut.py checks it against zxcvbn itself (with the added lists) on 12,765 generated passwords.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from itertools import pairwise

from zxcvbn import matching, scoring, time_estimates
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from mailcheck.csvcheck.dictionaries import register

ZXCVBN_VERSION = "4.5.0"  # the version the argument above was checked against
PROVEN_SCORE = 3
MIN_LENGTH = 9  # steps 3 and 4 need 10 ** 9 > 1e8
SHORT_PREFIX = 3  # first characters looked up in a set (shorter than any need()), the rest by bisection
MAX_FRONTIER = 2_000  # a dictionary walk this wide is not worth finishing: ask zxcvbn
MAX_SEQUENCE_STEP = matching.MAX_DELTA
REPEAT_GREEDY = re.compile(r"(.+)\1+")
REPEAT_LAZY = re.compile(r"(.+?)\1+")
REPEAT_LAZY_ANCHORED = re.compile(r"^(.+?)\1+$")


def _installed_version() -> str | None:
    try:
        return version("zxcvbn")
    except PackageNotFoundError:
        return None


# The argument holds for these constants only; any other zxcvbn falls back to zxcvbn.
ACTIVE = (
    _installed_version() == ZXCVBN_VERSION
    and scoring.MIN_GUESSES_BEFORE_GROWING_SEQUENCE == 10_000
    and scoring.MIN_SUBMATCH_GUESSES_MULTI_CHAR == 50
    and scoring.BRUTEFORCE_CARDINALITY == 10
    and time_estimates.guesses_to_score(1e8 + 4) == 2
    and time_estimates.guesses_to_score(1e8 + 5) == 3
)


def need(length: int) -> int:
    """The shortest pattern match that can bring a password of ``length`` below score 3."""
    return min(-(-length // 2), length - 5)


@cache
def _words() -> tuple[list[str], frozenset[str], frozenset[str]]:
    """The words of every ranked list zxcvbn matches (its own and ours) that could be long
    enough: sorted (for prefixes by bisection), as a set, and the set of their first few
    prefixes (most walks end there)."""
    lists = [*FREQUENCY_LISTS.values(), *register().values()]
    words = sorted({word for words in lists for word in words if len(word) >= need(MIN_LENGTH)})
    short = frozenset(word[:SHORT_PREFIX] for word in words)
    return words, frozenset(words), short


@cache
def _adjacent() -> frozenset[str]:
    """Every pair of characters next to each other on one of zxcvbn's keyboards, as "ab"."""
    register()
    return frozenset(key + char for graph in matching.GRAPHS.values() for key, neighbours in graph.items()
                     for neighbour in neighbours if neighbour for char in neighbour)


@cache
def _l33t() -> dict[str, tuple[str, ...]]:
    """For each l33t sign, the letters it may stand for (``1``: ``i`` or ``l``)."""
    letters: dict[str, tuple[str, ...]] = {}
    for letter, signs in matching.L33T_TABLE.items():
        for sign in signs:
            letters[sign] = (*letters.get(sign, ()), letter)
    return letters


def _word_from(options: list[tuple[str, ...]], start: int, shortest: int, extra: str) -> bool:
    """Whether a word of ``shortest`` characters or more can be read from ``start`` on.

    ``options[k]``: the characters position ``k`` may stand for. The walk keeps the
    readings that still start a word (of the lists or ``extra``) and stops when none does.
    """
    words, word_set, short = _words()
    frontier = [""]
    for position in range(start, start + SHORT_PREFIX):  # most starts end here, on set lookups only
        frontier = [prefix + char for prefix in frontier for char in options[position]]
    frontier = [text for text in frontier if text in short or extra.startswith(text)]
    if not frontier:
        return False
    for position in range(start + SHORT_PREFIX, len(options)):
        grown = []
        for prefix in frontier:
            for char in options[position]:
                text = prefix + char
                if len(text) >= shortest and (text in word_set or text == extra):
                    return True
                if len(text) <= SHORT_PREFIX:
                    starts = text in short
                else:
                    index = bisect_left(words, text)
                    starts = index < len(words) and words[index].startswith(text)
                if starts or extra.startswith(text):
                    grown.append(text)
        if not grown:
            return False
        if len(grown) > MAX_FRONTIER:
            return True
        frontier = grown
    return False


def _dictionary_possible(password: str, lower: str, shortest: int, extra: str) -> bool:
    l33t = _l33t()
    forward = [(char, *l33t.get(original, ())) for char, original in zip(lower, password, strict=True)]
    backward = [(char,) for char in reversed(lower)]
    starts = range(len(password) - shortest + 1)
    return any(_word_from(forward, i, shortest, extra) or _word_from(backward, i, shortest, extra) for i in starts)


@cache
def _date_run(shortest: int) -> re.Pattern[str]:
    """``shortest`` characters in a row of those zxcvbn's date and year expressions are made of."""
    return re.compile(r"[\d\s/\\_.-]{" + str(shortest) + "}")


def _runs_possible(password: str, shortest: int) -> bool:
    """Spatial, sequence and date/year matches: the longest run each could form."""
    if _date_run(shortest).search(password):
        return True
    adjacent = _adjacent()
    spatial = sequence = 1
    step = None
    for previous, char in pairwise(password):
        spatial = spatial + 1 if previous + char in adjacent else 1
        delta = ord(char) - ord(previous)
        sequence = sequence + 1 if delta == step and 0 < abs(delta) <= MAX_SEQUENCE_STEP else 2
        step = delta
        if spatial >= shortest or sequence >= shortest:
            return True
    return False


def _repeats(password: str) -> list[tuple[int, str]]:
    """(length, base token) of every repeat match, found as zxcvbn's repeat_match finds them."""
    found = []
    position = 0
    while position < len(password):
        greedy = REPEAT_GREEDY.search(password, pos=position)
        if not greedy:
            break
        lazy = REPEAT_LAZY.search(password, pos=position)
        if len(greedy.group(0)) > len(lazy.group(0)):
            match, base = greedy, REPEAT_LAZY_ANCHORED.search(greedy.group(0)).group(1)
        else:
            match, base = lazy, lazy.group(1)
        found.append((len(match.group(0)), base))
        position = match.end()
    return found


def at_least_three(password: str, address: str = "") -> bool:
    """True only when zxcvbn 4.5.0 surely scores ``password`` 3 or more (user input ``address``)."""
    length = len(password)
    lower = password.lower()
    # Lower-casing must map character to character, as the matchers' indexes assume
    # (and capital sigma lowers differently at the end of a word, so reversed differs).
    if not ACTIVE or length < MIN_LENGTH or len(lower) != length or "\u03a3" in password:
        return False
    shortest = need(length)
    if _runs_possible(password, shortest):
        return False
    if _dictionary_possible(password, lower, shortest, address.lower()):
        return False
    return all(at_least_three(base, address) for span, base in _repeats(password) if span >= shortest)
