"""Where a guide's Markdown is code: fenced blocks, indented blocks and inline code.

A shortcode written inside code is an example for authors and must stay as
written. Python-Markdown only decides what is code while it converts the page,
after the shortcodes have been expanded, so this module finds the same regions
on the raw text, line by line, with the rules of the extensions the site uses:

- a fence of three or more backticks or tildes opens a block at any indentation
  (pymdownx.superfences allows fences inside lists and admonitions) and closes
  at a line holding only the same character at least as many times;
- after a blank line, a line indented four more columns than the content of the
  block it sits in (the page, a list item, an admonition, a details block or a
  definition) is an indented code block; a list item's or an admonition's own
  content is indented four columns, so it is not code;
- inside prose, text between matching runs of backticks is inline code.
"""

from __future__ import annotations

import re

FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
# Lines whose following indented lines are their content, not code.
CONTAINER = re.compile(r"(?:[-*+]|\d+[.)])[ \t]+|(?:!!!|\?\?\?\+?|===\+?)[ \t]|:[ \t]+")
INLINE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
TAB = 4


def code_ranges(text: str) -> list[tuple[int, int]]:
    """Sorted ``(start, end)`` offsets of every code region of ``text``."""
    ranges: list[tuple[int, int]] = []
    prose: list[tuple[int, int]] = []  # runs of prose lines, searched for inline code at the end
    content = [0]  # content indentation of the blocks the current line sits in
    fence = ""  # the opening fence while inside a fenced block
    indented = blank = False
    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        expanded = line.expandtabs(TAB)
        stripped = expanded.strip()
        indent = len(expanded) - len(expanded.lstrip())
        if fence:
            ranges.append((start, pos))
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                fence = ""
            continue
        if not stripped:
            blank = True
            continue
        if blank:
            while len(content) > 1 and indent < content[-1]:
                content.pop()
        if (indented or blank) and indent >= content[-1] + TAB:
            indented = True
            ranges.append((start, pos))
            blank = False
            continue
        indented = blank = False
        if match := FENCE.match(line):
            fence = match[1]
            ranges.append((start, pos))
            continue
        if CONTAINER.match(expanded, indent):
            while len(content) > 1 and indent < content[-1] - TAB:
                content.pop()
            content.append(indent + TAB)
        if prose and prose[-1][1] == start:
            prose[-1] = (prose[-1][0], pos)  # the paragraph goes on: inline code may span lines
        else:
            prose.append((start, pos))
    for first, last in prose:
        ranges += [m.span() for m in INLINE.finditer(text, first, last)]  # spans are offsets in text
    return sorted(ranges)
