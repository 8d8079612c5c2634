"""The word lists and keyboards the CSV checker adds to zxcvbn, registered once.

zxcvbn's own lists are English; ``words.json`` (written by ``widgets/password_words.py``
from the zxcvbn-ts language packages, committed) adds, ranked: our short list of the
words office passwords are built from in the site's languages ("password", months,
seasons, greetings, company words), then common passwords across languages
(``mailcheck_common``), then frequent German, French, Italian and Spanish words and
names (``mailcheck_words``); and the AZERTY and QWERTZ keyboards for the spatial matcher.

Python's zxcvbn keeps its dictionaries in module state: ``matching.add_frequency_lists``
is its documented way to add lists, and ``matching.GRAPHS`` is the dict its spatial
matcher reads. A keyboard not named qwerty or dvorak is scored with the keypad's
smaller constants, so a walk on AZERTY or QWERTZ counts as fewer guesses, never more.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from zxcvbn import matching

LISTS = ("mailcheck_common", "mailcheck_words")
COMMON = frozenset({"passwords", "mailcheck_common"})  # a whole password found here is a "common password"


@cache
def register() -> dict[str, list[str]]:
    """Add our lists and keyboards to zxcvbn (once per process); return the lists."""
    data = json.loads(resources.files(__package__).joinpath("words.json").read_text(encoding="utf-8"))
    lists = {name: data[name].split(" ") for name in LISTS}
    matching.add_frequency_lists(lists)
    matching.GRAPHS.update(data["graphs"])
    return lists
