"""What a scratch project (a test's broken copy, the benchmark's corpus) needs to build.

Its guides are not the real ones, so the data file's ``search.popular`` (guides the
search panel offers; the build fails on one that does not exist) must name its own.
"""

from __future__ import annotations

import re
from pathlib import Path

_POPULAR = re.compile(r"^(  popular: )\[[^\]]*\]", re.MULTILINE)


def point_popular_at(data_file: Path, guides: list[str]) -> None:
    """Make ``search.popular`` of the copied ``data_file`` list ``guides`` (paths under docs/<lang>/)."""
    text = data_file.read_text(encoding="utf-8")
    text, count = _POPULAR.subn(lambda m: m[1] + "[" + ", ".join(guides) + "]", text)
    if count != 1:
        raise ValueError(f"{data_file}: no one-line-or-more 'popular: [...]' under search:")
    data_file.write_text(text, encoding="utf-8")
