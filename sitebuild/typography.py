"""French spacing on built pages: :func:`mailcheck.typography.french_spacing` applied to the
text of a French page's HTML, never to its markup or code.

Text nodes are spaced except inside ``code``, ``pre``, ``kbd``, ``samp``, ``script``,
``style`` and ``textarea``; of the attributes only the ones a reader sees or hears
(``title``, ``alt``, ``aria-label``, ``placeholder``). A regular-expression walk over
the tags, not a parser: it costs about a millisecond per page and keeps every byte of the
markup it does not space. It also puts back the no-break spaces that MkDocs' table of
contents loses (it collapses every kind of space into a plain one).
"""

from __future__ import annotations

import re

from mailcheck.typography import french_spacing

_SKIP = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|<[^>]*>", re.S)
_SPOKEN = re.compile(r"""(\s(?:title|alt|aria-label|placeholder)=)("[^"]*"|'[^']*')""")
# Spaces typed as entities are the characters themselves to the rules.
_SPACE_ENTITIES = re.compile(r"&(nbsp|#160|#xa0|#8239|#x202f);", re.I)
_NARROW = frozenset({"#8239", "#x202f"})


def _text(text: str) -> str:
    if "&" in text:
        text = _SPACE_ENTITIES.sub(lambda m: "\u202f" if m.group(1).lower() in _NARROW else "\u00a0", text)
    return french_spacing(text)


def _attributes(attrs: str) -> str:
    return _SPOKEN.sub(lambda m: m.group(1) + m.group(2)[0] + _text(m.group(2)[1:-1]) + m.group(2)[-1], attrs)


def french_html(html: str) -> str:
    """``html`` with French spacing in its text (and spoken attributes), code left alone."""
    out: list[str] = []
    skip = 0
    last = 0
    for match in _TAG.finditer(html):
        text = html[last:match.start()]
        out.append(_text(text) if not skip and text else text)
        closing, name, attrs = match.group(1), (match.group(2) or "").lower(), match.group(3)
        tag = match.group(0)
        if name in _SKIP:
            if closing:
                skip = max(0, skip - 1)
            elif not (attrs or "").rstrip().endswith("/"):
                skip += 1
        elif name and not closing and not skip and attrs and _SPOKEN.search(attrs):
            tag = f"<{match.group(2)}{_attributes(attrs)}>"
        out.append(tag)
        last = match.end()
    tail = html[last:]
    out.append(_text(tail) if not skip else tail)
    return "".join(out)
