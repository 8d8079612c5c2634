"""Build only some languages' pages in this process: one part of a parallel build.

mkdocs-static-i18n builds the languages one after the other in one process; at
1,500 guides per language that is most of the build time, on one core. scripts/build_parallel.py
starts one ``mkdocs build`` per group of languages, each into its own folder,
with ``KB_BUILD_LANGUAGES=fr,de``. Every part still runs the plugin's full cycle
(so alternates, fallbacks and the language switcher are computed from every
language, exactly as in a normal build) but renders only the pages of the
languages it owns: the others are marked excluded, which MkDocs skips. The
driver then merges the owned folders and runs the once-per-site steps.

Without the variable nothing changes: a normal ``mkdocs build`` renders everything.
"""

from __future__ import annotations

import os

from mkdocs.structure.files import Files, InclusionLevel

ENV = "KB_BUILD_LANGUAGES"


def owned() -> frozenset[str] | None:
    """The languages this process renders, or None when it renders all of them."""
    value = os.environ.get(ENV, "").strip()
    return frozenset(value.replace(",", " ").split()) if value else None


def is_part() -> bool:
    """True in one part of a parallel build: the once-per-site steps are the driver's."""
    return owned() is not None


def exclude_unowned(files: Files, lang: str) -> None:
    """Mark every page of ``lang`` excluded unless this process owns ``lang``.

    Excluded pages are neither converted nor written; links to them from the
    pages that are still built only log at INFO level, so ``--strict`` holds.
    """
    languages = owned()
    if languages is None or lang in languages:
        return
    for file in files.documentation_pages():
        file.inclusion = InclusionLevel.EXCLUDED
