"""The project's own check of internal links and ``#anchors``, whatever MkDocs' log level.

MkDocs 1.6 checks links too (``validation.links``), but counts its warnings through
the logger: ``--quiet`` lifts the level above WARNING and the strict build passes,
and ``--verbose`` changes how anchors are collected. Authors' CI runs with either
flag, so the build checks links itself and fails at its end with every broken link,
each at its guide's file and line (``KB_STRICT=false``, the preview, only warns).

Links are read from the Markdown the author wrote (inline links, images and reference
definitions, outside code); anchors are the ``id``s of the HTML MkDocs wrote for each
page of the language being built.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

from mkdocs.structure.files import Files

from sitebuild.codespans import code_ranges

# [text](target "title"), ![alt](<target>), and reference definitions [id]: target
_INLINE = re.compile(r"\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<bare>[^)\s]+))")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:<(?P<angled>[^>\n]*)>|(?P<bare>\S+))", re.M)
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class Link:
    """One internal link as the author wrote it, where it is, and what it points at."""

    source: str  # the guide, from the project root (docs/fr/x.md)
    line: int
    written: str  # the target as written
    page: str  # src_uri of the page holding the link
    target: str  # src_uri it points at ("" for the page itself)
    fragment: str
    reason: str = ""

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: broken link '{self.written}': {self.reason}"


_links: list[Link] = []
_anchors: dict[str, set[str]] = {}


def _internal(target: str) -> tuple[str, str] | None:
    """(path, fragment) of a link inside the site, or None for other hosts, mail and absolute paths."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("/"):
        return None
    return unquote(parts.path), unquote(parts.fragment)


def collect(markdown: str, *, page: str, source: str, first_line: int) -> None:
    """Note every internal link of one guide's Markdown (without front matter, which starts at ``first_line``)."""
    code = code_ranges(markdown)
    for pattern in (_INLINE, _REFERENCE):
        for match in pattern.finditer(markdown):
            if any(start <= match.start() < end for start, end in code):
                continue
            written = match["angled"] if match["angled"] is not None else match["bare"]
            internal = _internal(written)
            if internal is None:
                continue
            path, fragment = internal
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else ""
            line = first_line + markdown.count("\n", 0, match.start())
            _links.append(Link(source, line, written, page, target, fragment))


def anchors(page: str, html: str) -> None:
    """Note the ``id``s of the HTML written for ``page`` (headings, attribute lists, widgets)."""
    _anchors[page] = {a or b for a, b in _ID.findall(html)}


def problems(files: Files) -> list[Link]:
    """Every noted link whose page or anchor does not exist in ``files``; the notes are then cleared."""
    found = []
    for link in _links:
        target = link.target or link.page
        if link.target and files.get_file_from_path(link.target) is None:
            reason = f"there is no file '{link.target}'"
        elif link.fragment and target.endswith(".md") and link.fragment not in _anchors.get(target, set()):
            reason = f"'{target}' has no section '#{link.fragment}'"
        else:
            continue
        found.append(replace(link, reason=reason))
    _links.clear()
    _anchors.clear()
    return sorted(set(found), key=lambda link: (link.source, link.line, link.written))
