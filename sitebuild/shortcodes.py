"""Expand ``<!-- md:NAME ARGS -->`` shortcodes in a guide's Markdown.

HTML comments stay invisible in a pull-request preview and cannot collide with
prose. One regex finds them, one table dispatches them; an unknown name, a bad
argument or a shortcode that is never closed fails the build with the Markdown
file and line. Inside code (fenced, indented or inline) a shortcode is an example
and stays as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitebuild import catalog, client_files, codespans, tables, widget_markup
from sitebuild.maildata import DataError

# Anything that opens like a shortcode is one: a typo must fail, not vanish.
OPENING = re.compile(r"<!--\s*md:")
# A shortcode ends at the first "-->", before any other comment opens or a blank line.
SHORTCODE = re.compile(r"<!--\s*md:(?P<name>(?:(?!-->)\S)*)(?P<args>(?:(?!<!--|-->|\n[ \t]*\n).)*?)-->", re.DOTALL)


class ShortcodeError(PluginError):
    """A shortcode the build cannot expand; the message names file and line."""


@dataclass(frozen=True)
class Context:
    """What a shortcode may use: the page being built, in which language."""

    data: dict[str, Any]
    lang: str
    page: Page
    files: Files
    source: str  # the Markdown file as the author knows it, e.g. docs/fr/clients/x.md

    @property
    def base(self) -> str:
        """Relative prefix from this page to the site root (for assets)."""
        depth = self.page.url.count("/")
        return "../" * depth or "./"


# name -> (how many arguments it takes, what it becomes)
HANDLERS: dict[str, tuple[range, Callable[..., str]]] = {
    "settings": (range(0, 1), lambda c: tables.settings(c.data, c.lang)),
    "ports": (range(0, 1), lambda c: tables.ports(c.data, c.lang)),
    "feedback": (range(0, 1), lambda c: tables.feedback(c.data, c.lang)),
    "value": (range(1, 3), lambda c, path, fmt="plain": tables.value(c.data, path, fmt, c.lang)),
    "link": (range(1, 2), lambda c, name: tables.link(c.data, name, c.lang)),
    "port": (range(2, 3), lambda c, protocol, security: str(tables.port(c.data, protocol, security))),
    "widget": (range(1, 2), lambda c, name: widget_markup.render(name, c.lang, c.base)),
    "template": (range(0, 1), lambda c: widget_markup.template_link(c.lang, c.base)),
    "profile": (range(0, 1), lambda c: client_files.profile_link(c.lang, c.base)),
    "autoconfig": (range(0, 1), lambda c: client_files.autoconfig_link(c.lang, c.base)),
    "helo-dialogue": (range(0, 1), lambda c: widget_markup.helo_dialogue(c.data)),
    "guides": (range(0, 1), lambda c: catalog.guides(c.page, c.files)),
    "categories": (range(0, 1), lambda c: catalog.categories(c.page, c.files)),
}


def _arity(count: range) -> str:
    return str(count.start) if len(count) == 1 else f"{count.start} to {count.stop - 1}"


def inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    """True when ``offset`` falls inside one of the sorted, non-nested ``ranges``."""
    index = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= offset < ranges[index][1]


def expand(markdown: str, context: Context, *, first_line: int = 1) -> str:
    """Replace every shortcode outside code; ``first_line`` is the file line of ``markdown``'s start."""
    code = codespans.code_ranges(markdown)
    out: list[str] = []
    done = 0
    for opening in OPENING.finditer(markdown):
        if opening.start() < done or inside(code, opening.start()):
            continue
        line = first_line + markdown.count("\n", 0, opening.start())
        match = SHORTCODE.match(markdown, opening.start())
        if not match:
            raise ShortcodeError(f"{context.source}:{line}: unclosed `<!-- md:`; end the shortcode with `-->`")
        out += [markdown[done:match.start()], _render(match, context, f"{context.source}:{line}")]
        done = match.end()
    return "".join(out) + markdown[done:]


def _render(match: re.Match[str], context: Context, where: str) -> str:
    name, args = match["name"], match["args"].split()
    if name not in HANDLERS:
        known = ", ".join(sorted(HANDLERS))
        raise ShortcodeError(f"{where}: unknown shortcode 'md:{name}'; known: {known}")
    count, handler = HANDLERS[name]
    if len(args) not in count:
        raise ShortcodeError(f"{where}: md:{name} takes {_arity(count)} argument(s), got {len(args)}")
    try:
        return handler(context, *args)
    except (DataError, ValueError, KeyError, TypeError) as exc:
        reason = exc.args[0] if exc.args else exc
        raise ShortcodeError(f"{where}: md:{name} {' '.join(args)}: {reason}") from exc
