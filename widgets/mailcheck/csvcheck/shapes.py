"""What a cell looks like, whatever column it sits in: an address, a password, characters no one types.

Masking goes by shape, not by verdict: a cell that could be a password is masked in
every message, in any column and whatever else is wrong with its row, because columns
get swapped and shifted. These rules are this checker's own caution, not the hoster's.
"""

from __future__ import annotations

import re
import unicodedata

# name@domain.tld without spaces: shown in messages even in a row whose cells are out of place.
PLAUSIBLE_ADDRESS = re.compile(r"[^\s@\"]{1,64}@[^\s@\"]+\.[A-Za-z]{2,63}")
# A sign no name has (letters and digits of any script, spaces, . ' @ _ - and the + of
# sub-addresses are name-like).
SIGN = re.compile(r"[^\w\s.'@+-]")
UPPER = re.compile(r"[^\W\d_]")  # any letter; upper case is tested on the match
DIGIT = re.compile(r"\d")
MIN_DIGITS = 2  # with capitals: a year or a number, as passwords have; a name may end in one digit
# Characters a person cannot type or see: controls (C0, C1), format characters (zero-width,
# direction marks and overrides, byte-order mark, soft hyphen), line and paragraph
# separators, private use, surrogates and unassigned code points (noncharacters included).
UNTYPABLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})
TYPED_CONTROLS = frozenset({"\t"})  # a tab inside a cell is a spreadsheet's, shown as a space


def plausible_address(value: str) -> bool:
    """Whether ``value`` is shaped like a full e-mail address (so not taken for a secret)."""
    return PLAUSIBLE_ADDRESS.fullmatch(value) is not None


def password_like(value: str) -> bool:
    """Whether ``value`` could be a password: masked wherever it appears, an error in column A.

    A sign no name has (``!``, ``#``, ``=``, ``(`` ...), or capitals with two digits or more
    (``Pine-Harbor-Lantern-42``, ``Sommer2024``; ``Anna.Meier2`` stays a name), in anything
    that is not a full address.
    """
    if not value or plausible_address(value):
        return False
    if SIGN.search(value):
        return True
    return len(DIGIT.findall(value)) >= MIN_DIGITS and any(char.isupper() for char in value)


def untypable(value: str) -> list[str]:
    """The characters of ``value`` no one can type or see, each once, as ``U+200B``."""
    found = dict.fromkeys(char for char in value if char not in TYPED_CONTROLS
                          and unicodedata.category(char) in UNTYPABLE_CATEGORIES)
    return [f"U+{ord(char):04X}" for char in found]


def look_alikes(value: str) -> list[str]:
    """Letters of another script mixed with Latin ones, or full-width letters, each once."""
    letters = [char for char in value if char.isalpha()]
    names = {char: unicodedata.name(char, "") for char in letters}
    full_width = [char for char, name in names.items() if name.startswith(("FULLWIDTH", "HALFWIDTH"))]
    latin = any(name.startswith("LATIN") for name in names.values())
    foreign = [char for char, name in names.items() if latin and not name.startswith("LATIN")]
    return list(dict.fromkeys(full_width + foreign))
