"""The checkers a guide holds, and the one line under its title that says so.

A reader who comes for a tool (an administrator with a log line in hand) should not
have to read a long guide to its end to find it. The build looks for every
``<!-- md:widget NAME -->`` of a page and puts one line at the top: the tool's name,
linked to the section it sits in. No guide is edited for it; the text is a data-file
label per language (``tool.on_page``, and ``tool.NAME`` for each tool's name). The
search panel's list of tools (search.py) comes from the same scan.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from sitebuild import codespans, maildata, shortcodes

# A section heading with its explicit id: "## Check your HELO name {#check-helo}".
HEADING = re.compile(r"^#{1,6}[ \t].*?\{[^}]*#(?P<id>[^\s}]+)[^}]*\}[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Tool:
    """One checker on a page: its name (``helo``), the section it sits in, its offset in the Markdown."""

    name: str
    section: str | None
    offset: int


def found(markdown: str) -> list[Tool]:
    """Every ``md:widget`` of ``markdown`` outside code, with the id of the section above it."""
    if "md:widget" not in markdown:  # most guides: skip the code scan (1,500 guides per language)
        return []
    code = codespans.code_ranges(markdown)
    headings = [(m.start(), m["id"]) for m in HEADING.finditer(markdown) if not shortcodes.inside(code, m.start())]
    starts = [start for start, _ in headings]
    tools = []
    for match in shortcodes.SHORTCODE.finditer(markdown):
        args = match["args"].split()
        if match["name"] != "widget" or len(args) != 1 or shortcodes.inside(code, match.start()):
            continue  # a wrong argument count is the shortcode's own error, raised where it expands
        above = bisect.bisect_right(starts, match.start()) - 1
        tools.append(Tool(args[0], headings[above][1] if above >= 0 else None, match.start()))
    return tools


@cache
def _in_file(path: str, mtime_ns: int) -> tuple[Tool, ...]:
    return tuple(found(Path(path).read_text(encoding="utf-8-sig")))


def in_file(path: str) -> tuple[Tool, ...]:
    """The tools of the guide at ``path``, read once per file version (search panel, every page)."""
    return _in_file(path, Path(path).stat().st_mtime_ns)


def line(tools: list[Tool], data: dict, lang: str, source: str, first_line: int, markdown: str) -> str:
    """The HTML line that names the page's tools and links to them, or "" for a page without one.

    ``source`` and ``first_line`` place an error at the author's line: a tool outside any
    section has nothing to link to.
    """
    if not tools:
        return ""
    links = []
    for tool in tools:
        if tool.section is None:
            at = first_line + markdown.count("\n", 0, tool.offset)
            raise shortcodes.ShortcodeError(
                f"{source}:{at}: md:widget {tool.name}: put the tool under a section heading with an id "
                "('## Check it {#check}'); the line at the top of the page links to that section")
        name = escape(maildata.label(data, f"tool.{tool.name}", lang))
        links.append(f'<a href="#{escape(tool.section)}">{name}</a>')
    before, _, after = escape(maildata.label(data, "tool.on_page", lang)).partition("{tool}")
    # Search leaves the line out: the keywords name the tools, and excerpts stay the guide's own text.
    return f'<p class="kb-tool" data-pagefind-ignore>{before}{", ".join(links)}{after}</p>\n\n'
