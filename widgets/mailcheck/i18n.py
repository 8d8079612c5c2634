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


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for ``pybabel extract -k NP_:1,2`` where it is defined; :func:`plural` shows it."""
    return singular, plural


def message(domain: str, lang: str, msgid: str, **params: object) -> str:
    """Translate ``msgid`` and fill in its ``{placeholders}``."""
    return translations(domain, lang).gettext(msgid).format(**params)


def plural(domain: str, lang: str, singular: str, plural: str, n: int, **params: object) -> str:
    """The form of a counted message that ``lang`` uses for ``n`` (the catalog's Plural-Forms).

    ``{n}`` in the message is the count, formatted for the language by :func:`number`.
    """
    return translations(domain, lang).ngettext(singular, plural, n).format(n=number(n, lang), **params)


# Digit grouping per language (CLDR via Babel: en_GB, fr_FR, de_DE, it_IT, es_ES).
_GROUP_SEPARATOR = {"en": ",", "fr": "\u202f", "de": ".", "it": ".", "es": "."}


def number(n: int, lang: str) -> str:
    """``n`` with the language's digit grouping: 10,000 / 10 000 (narrow no-break space) / 10.000."""
    return f"{n:,}".replace(",", _GROUP_SEPARATOR.get(lang, ","))
