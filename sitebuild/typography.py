"""French spacing on built pages: :func:`mailcheck.typography.french_spacing` applied to the
text of a French page's HTML, never to its markup or code.

Text nodes are spaced except inside ``code``, ``pre``, ``kbd``, ``samp``, ``script``,
``style`` and ``textarea``; of the attributes only the ones a reader sees or hears
(``title``, ``alt``, ``aria-label``, ``placeholder``, and ``content``, which only ``<meta>``
has: the description and the search result's title). Regular expressions find the text runs
and attribute values that hold a mark to space, not a parser: under a millisecond of CPU for
a 25 KB page, and every byte of the markup it does not space stays as it was. It also puts
back the no-break spaces that MkDocs' table of contents loses (it collapses every kind of
space into a plain one).
"""

from __future__ import annotations

import re

from mailcheck.typography import french_spacing

# Never spaced: code of any kind, scripts, styles, what a reader types, comments.
_SKIPPED = re.compile(r"<(code|pre|kbd|samp|script|style|textarea)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)
# A text run (after a tag's ">", up to the next tag) that holds a mark the rules space.
_TEXT = re.compile(r">[^<>:;!?«»]*[:;!?«»][^<>]*")
# A double-quoted attribute value that holds one; _value keeps it for the spoken attributes.
_VALUE = re.compile(r'="([^"<>:;!?«»]*[:;!?«»][^"]*)"')
_SPOKEN = ("title", "alt", "aria-label", "placeholder", "content")
# Spaces typed as entities are the characters themselves to the rules.
_SPACE_ENTITIES = re.compile(r"&(nbsp|#160|#xa0|#8239|#x202f);", re.I)
_NARROW = frozenset({"#8239", "#x202f"})


def _text(text: str) -> str:
    if "&" in text:
        text = _SPACE_ENTITIES.sub(lambda m: "\u202f" if m.group(1).lower() in _NARROW else "\u00a0", text)
    return french_spacing(text)


def _value(match: re.Match[str]) -> str:
    before = match.string[max(0, match.start() - 12):match.start()]
    spoken = any(before.endswith(name) and before[-len(name) - 1:-len(name)].isspace() for name in _SPOKEN)
    return f'="{_text(match.group(1))}"' if spoken else match.group(0)


def _spaced(part: str) -> str:
    """French spacing in the text runs and spoken attributes of HTML without code in it."""
    part = _TEXT.sub(lambda m: ">" + _text(m.group(0)[1:]), ">" + part)[1:]  # the part may start with text
    return _VALUE.sub(_value, part)


def french_html(html: str) -> str:
    """``html`` with French spacing in its text (and spoken attributes), code left alone."""
    out: list[str] = []
    last = 0
    for match in _SKIPPED.finditer(html):
        out += [_spaced(html[last:match.start()]), match.group(0)]
        last = match.end()
    out.append(_spaced(html[last:]))
    return "".join(out)
