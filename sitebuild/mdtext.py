"""Author-supplied text (titles, descriptions, data-file labels) as inert text.

A title or a label is text, never markup: ``<img src=x onerror=...>`` in a
front-matter title must show those characters, not run. Two places take such
text: Markdown that the hooks generate (listings, tables, notices) and the
theme's templates (header, ``<h1>``, ``<title>``, navigation), which MkDocs
renders without autoescaping.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# Characters that HTML or inline Markdown (links, emphasis, code, tables, attribute lists) read as syntax.
_SYNTAX = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\\`*_[]|{}"})


def markdown(text: str) -> str:
    """``text`` for generated Markdown: every syntax character as a character reference.

    Python-Markdown passes ``&#60;`` through as an entity, so the browser shows
    ``<`` and no Markdown or HTML rule ever sees it. A first character that could
    open a block (``#``, ``-``, ``1.``, ``>``) when the text starts a line is
    escaped too.
    """
    text = str(text)
    lead = text[:1]
    if not lead or lead.isalpha() or ord(lead) in _SYNTAX:
        return text.translate(_SYNTAX)
    return f"&#{ord(lead)};{text[1:].translate(_SYNTAX)}"


def html(text: str) -> Markup:
    """``text`` escaped for templates; a Markup, so a template's own ``| e`` does not escape it twice."""
    return escape(str(text))
