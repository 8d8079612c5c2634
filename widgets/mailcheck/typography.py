"""French spacing as code: authors and translators type plain spaces (or none), readers get
the no-break spaces French typography puts before ``: ; ! ?`` and inside ``« »``.

One function for everything French the reader sees: catalog messages (at render time, in
the CLI and in the browser's worker alike), data-file labels and the text of built pages
(``sitebuild/typography.py`` walks the HTML and calls it on text only). Rules, as the
French national printing office and most French publishers set them:

* a narrow no-break space (U+202F) before ``;``, ``!`` and ``?``, after ``«`` and before ``»``;
* a no-break space (U+00A0) before ``:``.

Only punctuation that ends a clause is spaced: a mark followed by a space, the end of the
text or closing punctuation. ``10:30``, ``mail.example.com:993``, ``IPv6:``, a URL's
``?query``, an address, an HTML entity's ``;`` and a ``{placeholder}`` are left alone, and
text that is already right stays as it is (applying it twice changes nothing).
"""

from __future__ import annotations

import re
from collections.abc import Callable

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
_SPACES = "[ \t\u00a0\u202f]*"
# What may follow a spaced mark: a space, the end, or closing punctuation.
_ENDS = r"(?=[\s»\"\u201d\u2019)\].,;:!?…]|$)"  # the re module reads the \u escapes

# Spans never touched: HTML entities, URLs and other scheme:value or host:port tokens,
# e-mail addresses.
_PROTECTED = re.compile(
    r"&#?\w+;"
    r"|\b[A-Za-z][\w+.-]*:[^\s<>«»\"“”]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_MARKS = re.compile("[:;!?«»]")
_MAY_PROTECT = re.compile(r"[@&]|:\S")
_HIGH = re.compile(f"({_SPACES})([;!?]+){_ENDS}")
_COLON = re.compile(f"({_SPACES}):{_ENDS}")
_OPEN = re.compile(f"«{_SPACES}")
_CLOSE = re.compile(f"{_SPACES}»")


def _space_before(space: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        start = match.start()
        if start and match.string[start - 1] in ";:!?":  # "?!" takes one space, before the first mark
            return match.group(0)
        return space + match.group(0).lstrip(" \t\u00a0\u202f")
    return replace


def _gap(text: str) -> str:
    text = _HIGH.sub(_space_before(NARROW_NBSP), text)
    text = _COLON.sub(_space_before(NBSP), text)
    text = _OPEN.sub("«" + NARROW_NBSP, text)
    return _CLOSE.sub(NARROW_NBSP + "»", text)


def french_spacing(text: str) -> str:
    """``text`` with French no-break spaces before ``: ; ! ?`` and inside ``« »``."""
    if not _MARKS.search(text):
        return text
    if not _MAY_PROTECT.search(text):  # no address, entity or "x:y" token: one gap (most texts, fast)
        return _gap(text)
    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out += [_gap(text[last:match.start()]), match.group(0)]
        last = match.end()
    out.append(_gap(text[last:]))
    return "".join(out)
