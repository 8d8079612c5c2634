"""Category and home listings built from the guides' front matter.

The sidebar lists categories only (it must stay small at 1,500 guides per
language); a category page lists its guides, the home page lists categories.
Front matter is read once per file version (frontmatter.py, which has checked it) and
shared by every page that lists it; titles and descriptions go in as text (mdtext).
"""

from __future__ import annotations

import posixpath

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from sitebuild import frontmatter, mdtext


def logical(file: File) -> str:
    """``fr/clients/x.md`` -> ``clients/x.md``: the path shared by all languages."""
    return file.src_uri.split("/", 1)[1] if "/" in file.src_uri else file.src_uri


def _entry(file: File, page: Page) -> str:
    data = frontmatter.meta(file)
    # A link to the .md file: MkDocs resolves it per language and checks it.
    href = posixpath.relpath(logical(file), posixpath.dirname(logical(page.file)) or ".")
    return f"- [{mdtext.markdown(data['title'])}]({href})  \n  {mdtext.markdown(data['description'])}"


def _ordered(files: list[File]) -> list[File]:
    return sorted(files, key=lambda f: (frontmatter.meta(f)["weight"], frontmatter.meta(f)["title"]))


def _listing(files: list[File], page: Page) -> str:
    return "\n\n" + "\n".join(_entry(f, page) for f in _ordered(files)) + "\n\n"


def folder_guides(folder: str, files: Files) -> list[File]:
    """The guides of the category ``folder`` (``clients``), in the order their category lists them."""
    return _ordered([
        f for f in files.documentation_pages()
        if posixpath.dirname(logical(f)) == folder and posixpath.basename(f.src_uri) != "index.md"
    ])


def guides(page: Page, files: Files) -> str:
    """The guides in the folder of the category page ``page``."""
    return _listing(folder_guides(posixpath.dirname(logical(page.file)), files), page)


def category_pages(files: Files) -> list[File]:
    """The category pages (``<folder>/index.md`` one level below the home page), in sidebar order."""
    return _ordered([
        f for f in files.documentation_pages()
        if posixpath.basename(f.src_uri) == "index.md" and logical(f).count("/") == 1
    ])


def categories(page: Page, files: Files) -> str:
    """The category pages, listed on the home page ``page``."""
    return _listing(category_pages(files), page)
