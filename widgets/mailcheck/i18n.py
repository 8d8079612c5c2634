"""Messages in the reader's language, from gettext catalogs.

Catalogs are ``locale/<lang>/LC_MESSAGES/<domain>.po`` (edited by translators,
checked by Babel); ``compile_assets.py`` turns them into ``.mo`` files that the
standard library's :mod:`gettext` reads, so Pyodide needs no extra package.
Message ids are the English text with ``{name}`` placeholders.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from mailcheck.typography import french_spacing

LANGUAGES = ("fr", "en", "de", "it", "es")
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"


class UnknownLanguage(ValueError):
    """Raised for a language the catalogs do not cover."""


@cache
def translations(domain: str, lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``domain`` in ``lang``; English ids need no catalog."""
    if lang not in LANGUAGES:
        raise UnknownLanguage(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(domain, localedir=LOCALE_DIR, languages=[lang])


def N_(msgid: str) -> str:
    """Mark ``msgid`` for ``pybabel extract`` where it is defined, not where it is shown.

    Rule tables hold English ids at import time; :func:`message` translates them later,
    once the reader's language is known.
    """
    return msgid


class Counted(tuple[str, str]):
    """A counted message: (singular, plural) English ids, and ``count``, the parameter
    that holds the count (``{n}`` unless the message names it otherwise)."""

    count: str

    def __str__(self) -> str:
        """The plural form, as rule tables and documentation show the message."""
        return self[1]


def NP_(singular: str, plural: str, count: str = "n") -> Counted:
    """Mark a plural pair for ``pybabel extract -k NP_:1,2`` where it is defined; :func:`translate` shows it.

    ``count`` names the parameter that holds the count, when it is not ``n``: a rule's
    finding may carry ``count=``, ``rows=`` or ``length=``.
    """
    pair = Counted((singular, plural))
    pair.count = count
    return pair


def translate(domain: str, lang: str, msgid: str | Counted, **params: object) -> str:
    """:func:`message` for a plain id, :func:`plural` for a :func:`NP_` pair (by its count)."""
    if not isinstance(msgid, Counted):
        return message(domain, lang, msgid, **params)
    n = params.pop("n") if msgid.count == "n" else params[msgid.count]
    if not isinstance(n, int):
        raise TypeError(f"{msgid[0]!r}: the count {msgid.count!r} is not an integer")
    return plural(domain, lang, *msgid, n, **params)


def message(domain: str, lang: str, msgid: str, **params: object) -> str:
    """Translate ``msgid`` and fill in its ``{placeholders}``.

    An ``int`` value is a number for readers, written by :func:`number` (10 000, 10.000), a
    :class:`Size` by :func:`size` (256 KiB); pass an identifier that must stay as it is (a
    port) as text. French messages get French spacing
    (:func:`mailcheck.typography.french_spacing`) before the values go in, so an address or
    a pasted name is never touched.
    """
    return typeset(translations(domain, lang).gettext(msgid), lang).format(**_shown(params, lang))


class Size(int):
    """A number of bytes in a message's parameters: :func:`message` writes it with :func:`size`."""


def _shown(params: dict[str, object], lang: str) -> dict[str, object]:
    def shown(value: object) -> object:
        if isinstance(value, Size):
            return size(value, lang)
        return number(value, lang) if isinstance(value, int) and not isinstance(value, bool) else value
    return {name: shown(value) for name, value in params.items()}


def plural(domain: str, lang: str, singular: str, plural: str, n: int, **params: object) -> str:
    """The form of a counted message that ``lang`` uses for ``n`` (the catalog's Plural-Forms).

    ``{n}`` in the message is the count; it and every other ``int`` value are written by
    :func:`number` for the language.
    """
    text = typeset(translations(domain, lang).ngettext(singular, plural, n), lang)
    return text.format(n=number(n, lang), **_shown(params, lang))


def typeset(text: str, lang: str) -> str:
    """``text`` with the spacing rules of ``lang`` (French only; other languages need none)."""
    return french_spacing(text) if lang == "fr" else text


# Plural rules: every language here has two forms, the first for the counts listed
# (gettext's classic rules; CLDR's extra "many" form of French, Italian and Spanish
# is for exact millions only and is not used). The catalogs' Plural-Forms headers
# say the same (tests/test_i18n_format.py); the browser gets SINGULAR_COUNTS.
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
}
SINGULAR_COUNTS = {"fr": (0, 1), "en": (1,), "de": (1,), "it": (1,), "es": (1,)}


def plural_index(lang: str, n: int) -> int:
    """Which form of a counted message ``lang`` uses for ``n`` (0 singular, 1 plural)."""
    return 0 if n in SINGULAR_COUNTS[lang] else 1


# Number conventions per language, from CLDR (Babel) for the locale of BABEL_LOCALE:
# (digit group separator, decimal separator). tests/test_i18n_format.py compares them
# with Babel, which cannot run in the browser. French groups with a narrow no-break
# space; German, Italian and Spanish with a dot as in Germany, Italy and Spain (the
# Swiss apostrophe is not used: one page serves every country of the language);
# English is British English.
BABEL_LOCALE = {"fr": "fr", "en": "en_GB", "de": "de", "it": "it", "es": "es"}
NUMBER_SYMBOLS = {
    "fr": ("\u202f", ","),
    "en": (",", "."),
    "de": (".", ","),
    "it": (".", ","),
    "es": (".", ","),
}
NBSP = "\u00a0"  # between a number and its unit: they never break apart


def number(n: float, lang: str, decimals: int = 0) -> str:
    """``n`` with the language's digit grouping and decimal sign: 10,000 / 10 000 / 10.000.

    ``decimals`` digits after the decimal sign, trailing zeros dropped (1.5, not 1.50).
    """
    group, decimal = NUMBER_SYMBOLS.get(lang, NUMBER_SYMBOLS[DEFAULT_LANGUAGE])
    text = f"{n:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", decimal).replace("\0", group)


# Size units: binary (KiB = 1,024 bytes) when the size is a whole number of them,
# decimal (kB = 1,000 bytes) otherwise; French writes octets (o, ko, Kio).
_UNITS = {
    "fr": (("o", "ko", "Mo", "Go"), ("o", "Kio", "Mio", "Gio")),
    "other": (("B", "kB", "MB", "GB"), ("B", "KiB", "MiB", "GiB")),
}


def size(n_bytes: int, lang: str) -> str:
    """A size for readers: exact where it can be (256 KiB, 2 MB, 201 MiB), else one decimal (1.5 MB).

    French: 256 Kio, 2 Mo. Number and unit are joined by a no-break space.
    """
    decimal_units, binary_units = _UNITS.get(lang, _UNITS["other"])
    for base, units in ((1024, binary_units), (1000, decimal_units)):
        power = 0
        while power < len(units) - 1 and n_bytes >= base ** (power + 1) and n_bytes % base ** (power + 1) == 0:
            power += 1
        if power:
            return number(n_bytes // base**power, lang) + NBSP + units[power]
    power = 0
    while power < len(decimal_units) - 1 and n_bytes >= 1000 ** (power + 1):
        power += 1
    return number(n_bytes / 1000**power, lang, decimals=1) + NBSP + decimal_units[power]
