"""Put the guide's path and line in front of MkDocs' warnings about broken links.

MkDocs checks links to missing pages and sections (``validation.links``) after
Markdown has become HTML, so its warning names the page but not the line:
``Doc file 'fr/x.md' contains a link 'y.md#nope', but ...``. An author wants to
jump to it, so the warning gains ``docs/fr/x.md:12:`` (the first line holding
the link), as every other error of the build.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

# The logger of MkDocs' page module; under ProperDocs, `mkdocs.*` modules are `properdocs.*`.
LOGGERS = ("mkdocs.structure.pages", "properdocs.structure.pages")
WARNING = re.compile(r"Doc file '(?P<page>[^']+)' contains (?:a|an unrecognized relative) link '(?P<url>[^']+)'")


def _line(path: Path, url: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, 1) if url in line), None)


class LinkLines(logging.Filter):
    """Rewrites a link warning in place; every record passes (``--strict`` still counts it)."""

    def __init__(self) -> None:
        super().__init__()
        self.docs_dir = self.project_dir = ""

    def filter(self, record: logging.LogRecord) -> bool:
        match = WARNING.match(record.getMessage())
        if match and self.docs_dir:
            path = Path(self.docs_dir) / match["page"]
            line = _line(path, match["url"])
            if line:
                record.msg, record.args = f"{os.path.relpath(path, self.project_dir)}:{line}: {record.getMessage()}", ()
        return True


_FILTER = LinkLines()


def watch(docs_dir: str, project_dir: str) -> None:
    """Rewrite the link warnings of the build of ``docs_dir`` (idempotent: every build calls it)."""
    _FILTER.docs_dir, _FILTER.project_dir = docs_dir, project_dir
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
