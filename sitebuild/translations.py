"""Which guide is missing or behind in which language.

Every page carries ``revision: N`` in its front matter and ``{#id}`` on each
section heading. A translation is *behind* when its revision is lower than the
highest revision of the same page in any language, and *out of shape* when its
section ids differ from that newest version. Run it as a command::

    .venv/bin/python hooks/translations.py        # exit status 1 when anything is off
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.meta import get_data

from sitebuild.paths import ROOT

HEADING_ID = re.compile(r"^#{2,6}\s.*\{\s*#([\w-]+)[^}]*\}\s*$", re.MULTILINE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Version:
    """What the parity check reads from one page in one language."""

    revision: int
    sections: tuple[str, ...]


def read(path: Path) -> Version:
    """Revision and section ids of one Markdown page (headings in code blocks do not count)."""
    body, meta = get_data(path.read_text(encoding="utf-8"))
    revision = meta.get("revision")
    if not isinstance(revision, int):
        raise ValueError(f"{path}: front matter needs 'revision: <integer>'")
    return Version(revision, tuple(HEADING_ID.findall(FENCE.sub("", body))))


def report(docs: Path, languages: list[str]) -> list[str]:
    """One line per problem: missing page, older revision, different sections."""
    pages = sorted({p.relative_to(docs / lang).as_posix() for lang in languages for p in (docs / lang).rglob("*.md")})
    problems = []
    for page in pages:
        versions = {lang: read(docs / lang / page) for lang in languages if (docs / lang / page).exists()}
        newest = max(versions.values(), key=lambda v: v.revision)
        for lang in languages:
            version = versions.get(lang)
            if version is None:
                problems.append(f"{lang}/{page}: missing (revision {newest.revision} exists)")
            elif version.revision < newest.revision:
                problems.append(f"{lang}/{page}: behind (revision {version.revision}, newest {newest.revision})")
            elif version.sections != newest.sections:
                problems.append(
                    f"{lang}/{page}: sections {list(version.sections)} differ from {list(newest.sections)}"
                )
    return problems


def main() -> int:
    from sitebuild import maildata

    languages = maildata.load(ROOT / "data" / "mail.yml")["languages"]
    problems = report(ROOT / "docs", languages)
    for line in problems:
        print(line)
    print(f"{len(problems)} translation problem(s)" if problems else "all pages present and current in every language")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
