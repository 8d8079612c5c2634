"""Where a reader is and where to go next: breadcrumbs, the category in the sidebar,
previous/next within a category, an in-page contents list, the last-updated date.

The sidebar lists categories only (catalog.py), so a guide is in no navigation of
its own: its category stands in for it. Everything here is per page and cheap;
the dates of all guides come from ONE ``git log`` per build, not one per page.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import subprocess
import weakref
from dataclasses import dataclass, field
from functools import cache

from babel.dates import format_date
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mailcheck.i18n import BABEL_LOCALE
from sitebuild import catalog, frontmatter, mdtext

TOC_MIN_SECTIONS = 4  # "On this page" for guides with more than three sections


@dataclass
class Link:
    title: str
    url: str  # from the site root, for the templates' ``url`` filter


@dataclass
class Wayfinding:
    """What the templates show around one page (``page.kb``)."""

    crumbs: list[Link] = field(default_factory=list)
    category: Page | None = None  # highlighted in the sidebar
    previous: Link | None = None
    next: Link | None = None
    toc: bool = False
    updated: str = ""


@cache
def _git_dates(root: str) -> dict[str, int]:
    """Last commit time of every file under ``root`` that git knows, from one ``git log``.

    Newest commits come first, so a path's first appearance is its last change.
    No git, or no history (an export, a tarball): an empty map, and callers fall
    back to the file's modification time.
    """
    try:
        out = subprocess.run(
            ["git", "-C", root, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "."],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout
        top = subprocess.run(["git", "-C", root, "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, int] = {}
    for commit in out.split("\0")[1:]:
        stamp, _, names = commit.partition("\n")
        for name in names.split():
            dates.setdefault(os.path.normpath(os.path.join(top, name)), int(stamp))
    return dates


def last_updated(path: str, docs_dir: str) -> dt.date:
    """The date ``path`` last changed in git, or its modification time without history."""
    stamp = _git_dates(os.path.realpath(docs_dir)).get(os.path.realpath(path))
    if stamp is None:
        stamp = int(os.stat(path).st_mtime)
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date()


# Per build (one Files object per language): category folder -> its guides in order,
# and each guide's place, so that previous/next costs a look-up per page, not a scan.
_ORDER: weakref.WeakKeyDictionary[Files, dict[str, tuple[list[File], dict[str, int]]]] = weakref.WeakKeyDictionary()


def _category_order(folder: str, files: Files) -> tuple[list[File], dict[str, int]]:
    folders = _ORDER.setdefault(files, {})
    if folder not in folders:
        guides = catalog.folder_guides(folder, files)
        folders[folder] = guides, {f.src_uri: i for i, f in enumerate(guides)}
    return folders[folder]


def _link(file: File) -> Link:
    # An author's title is text: escaped here, as the templates print it as it comes.
    return Link(mdtext.html(frontmatter.meta(file)["title"]), file.url)


def build(page: Page, nav: Navigation, files: Files, lang: str, updated_text: str, docs_dir: str) -> Wayfinding:
    """The wayfinding of ``page``; ``updated_text`` is the label with a ``{date}`` slot."""
    logical = catalog.logical(page.file)
    folder = posixpath.dirname(logical)
    is_guide = bool(folder) and posixpath.basename(logical) != "index.md"
    found = Wayfinding(toc=is_guide and len(page.toc.items) >= TOC_MIN_SECTIONS)
    # A home page (of any language: is_homepage is only the default language's) has no trail.
    if logical != "index.md" and nav.homepage is not None:
        found.crumbs.append(Link(nav.homepage.title or "", nav.homepage.url))
    if is_guide:
        index = f"{folder}/index.md"
        found.category = next((p for p in nav.pages if catalog.logical(p.file) == index), None)
        if found.category is not None:
            found.crumbs.append(Link(found.category.title or "", found.category.url))
        siblings, places = _category_order(folder, files)
        at = places.get(page.file.src_uri)
        if at is not None:
            found.previous = _link(siblings[at - 1]) if at > 0 else None
            found.next = _link(siblings[at + 1]) if at + 1 < len(siblings) else None
        date = last_updated(page.file.abs_src_path, docs_dir)
        found.updated = updated_text.format(date=format_date(date, format="long", locale=BABEL_LOCALE[lang]))
    return found

