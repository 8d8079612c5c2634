"""A deterministic corpus of (password, address) pairs for the zxcvbn shortcut.

Used by tests/test_csv_shortcut.py (equivalence with zxcvbn) and bench/csv_cpython.py.
Every kind of password a batch file may hold, and the kinds built to defeat the
shortcut's bounds: weak ones of each zxcvbn pattern, strong random ones, passphrases,
look-alike signs (l33t), Unicode, long ones and repeated halves, addresses hidden in
the password reversed or in l33t; and the words of the lists the checker adds to zxcvbn
(German, French, Italian, Spanish, common passwords across languages, our own office
words) with years and signs around them, passphrases of them, AZERTY and QWERTZ walks.
"""

from __future__ import annotations

import random
import string

from zxcvbn.frequency_lists import FREQUENCY_LISTS

from mailcheck.csvcheck.dictionaries import register

LOOK_ALIKE = "4@8({[<369!|1l70$5+%2ioast"
UNICODE = "äöüßéèêàçñåøæœÄÖÜÉÈÇÑΣσςαβγδεΩжщыэюяЖЩİıłŁőűčšžřěğş漢字かなカナ한글😀🎉\u2010\u2013\u2014\u2026"
SEPARATORS = "-_.+!*/ 0123456789"
WALKS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc", "qazwsxedc", "poiuytrewq", "!QAZ@WSX#EDC",
         "1234567890", "0987654321", "7894561230", "zaq12wsx", "mnbvcxz")
LOCAL_WALKS = ("azertyuiop", "qsdfghjklm", "wxcvbn", "qwertzuiopü", "asdfghjklöä", "yxcvbnm", "1aqw2zsx",
               "1qay2wsx3edc", "ytrewq", "poiuytreza")


def _words(name: str, minimum: int = 3) -> list[str]:
    return [word for word in FREQUENCY_LISTS[name] if len(word) >= minimum]


def _l33t(word: str, rng: random.Random) -> str:
    table = {"a": "4@", "e": "3", "i": "1!|", "o": "0", "s": "$5", "t": "+7", "l": "1|", "g": "69", "b": "8"}
    return "".join(rng.choice(table[c]) if c in table and rng.random() < 0.7 else c for c in word)


def _random(rng: random.Random, alphabet: str, low: int, high: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def _local(rng: random.Random, add: object) -> None:
    """Passwords made of the words the checker adds to zxcvbn: weak and strong ones."""
    lists = register()
    common = lists["mailcheck_common"]
    own, passwords = common[:250], common[250:]
    words = [word for word in lists["mailcheck_words"] if len(word) >= 4]
    tails = ["", "1", "!", "123", "2024", "2025!", "24!", "#1", str(rng.randint(0, 9999)), "!!", "?"]
    for _ in range(2400):
        tail = rng.choice(tails)
        kind = rng.randrange(8)
        add([
            lambda tail=tail: rng.choice(own).capitalize() + tail,
            lambda tail=tail: rng.choice(tails) + rng.choice(own) + tail,
            lambda tail=tail: rng.choice(passwords) + tail,
            lambda tail=tail: rng.choice(words).capitalize() + str(rng.randint(1950, 2030)) + tail,
            lambda tail=tail: rng.choice(LOCAL_WALKS) + tail,
            lambda tail=tail: _l33t(rng.choice(own + words[:3000]), rng).capitalize() + tail,
            lambda: "".join(word + rng.choice(SEPARATORS) for word in rng.sample(words, rng.randint(2, 4)))
                    + str(rng.randint(0, 99)),
            lambda tail=tail: rng.choice(words)[::-1].capitalize() + rng.choice(own) + tail,
        ][kind]())


def corpus(seed: int = 10) -> list[tuple[str, str]]:
    """About 12,800 (password, address) pairs, the same on every run."""
    rng = random.Random(seed)
    passwords = _words("passwords")
    english = _words("english_wikipedia", 4)
    names = _words("female_names") + _words("male_names") + _words("surnames")
    printable = string.ascii_letters + string.digits + string.punctuation
    pairs: list[tuple[str, str]] = []

    def add(password: str, address: str = "") -> None:
        if password and password == password.strip():
            pairs.append((password, address or rng.choice(names)))

    for _ in range(4000):  # strong random, the bulk of a real file
        add(_random(rng, printable, 10, 24))
    for _ in range(2000):  # passphrases
        words = [rng.choice(english).capitalize() if rng.random() < 0.5 else rng.choice(english)
                 for _ in range(rng.randint(2, 4))]
        add("".join(word + rng.choice(SEPARATORS) for word in words) + str(rng.randint(0, 99)))
    for _ in range(1800):  # weak: one pattern, or one pattern and a short tail
        kind = rng.randrange(9)
        tail = rng.choice(["", "1", "!", "123", "2024", "!!", str(rng.randint(0, 9999))])
        add([
            lambda tail=tail: rng.choice([w for w in passwords if len(w) >= 8]) + tail,
            lambda tail=tail: rng.choice(english) + rng.choice(english) + tail,
            lambda tail=tail: rng.choice(names).capitalize() + str(rng.randint(1950, 2030)) + tail,
            lambda tail=tail: rng.choice(WALKS) + tail,
            lambda: "".join(chr(ord("a") + (rng.randint(0, 5) + i * rng.choice([1, 2, 3])) % 26) for i in range(12)),
            lambda tail=tail: rng.choice(english) * rng.randint(2, 4) + tail,
            lambda tail=tail: f"{rng.randint(1, 28):02d}{rng.choice('/.-')}{rng.randint(1, 12):02d}{rng.choice('/.-')}"
                    f"{rng.randint(1900, 2030)}{tail}",
            lambda tail=tail: _l33t(rng.choice(passwords + english), rng).capitalize() + tail,
            lambda tail=tail: rng.choice(english)[::-1] + rng.choice(english)[::-1] + tail,
        ][kind]())
    for _ in range(600):  # look-alike signs: the l33t matcher's worst case (about 20 ms each in zxcvbn)
        add(_random(rng, LOOK_ALIKE, 10, 16))
    for _ in range(20):
        add(_random(rng, LOOK_ALIKE + printable[:20], 30, 34))
    for _ in range(1200):  # Unicode
        add(_random(rng, UNICODE + string.ascii_letters + string.digits, 10, 24))
    for _ in range(150):  # long, and long repeated halves (zxcvbn itself needs seconds past 72)
        half = _random(rng, printable, 6, 24)
        add(rng.choice([half * 2, half * 3, _random(rng, printable, 41, 60), rng.choice(english) * 8,
                        " ".join(rng.choice(english) for _ in range(8))])[:60])
    for _ in range(600):  # the address inside the password, reversed or in l33t
        address = rng.choice(names)
        hidden = rng.choice([address[::-1], _l33t(address, rng), address.upper()[::-1]])
        add(_random(rng, printable, 2, 8) + hidden + _random(rng, printable, 0, 8), address)
    _local(rng, add)
    return pairs
