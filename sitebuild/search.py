"""Per-language full-text search: run Pagefind over the built site.

Pagefind reads every page's ``<html lang>`` and writes one index per language,
cut into small chunks that the browser fetches only for the words it searches.
At 1,500 guides per language a first search then costs a few hundred KB, where
one merged index of all languages costs tens of MB. It indexes only what the
templates mark ``data-pagefind-body`` (the article, not the navigation).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pagefind_bin
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from sitebuild import catalog, frontmatter, maildata, parts, tools

BUNDLE = "pagefind"  # folder of the search bundle, from the site root (the header script loads it)
# Inside the article but not prose: the "¶" permalinks MkDocs adds to headings.
EXCLUDE = ".headerlink"

# What the browser never asks for: Pagefind's ready-made UIs (we ship a small
# one of our own). Deleting them keeps the site lean.
_UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


# Readers' words (front matter ``keywords:``) count like a page title and more: Pagefind
# weighs quadratically (h1 is 7, body text 1), so 10 puts a page whose keywords hold
# the query above pages that only mention it in passing.
KEYWORD_WEIGHT = 10


def keywords_html(keywords: list[str] | None) -> str:
    """The page's keywords as an element search indexes and nobody sees.

    ``hidden`` keeps it off the screen, out of print, reader views and screen readers;
    Pagefind reads the HTML as written, so it indexes it all the same, with its weight.
    The words are author text: escaped, never markup.
    """
    if not keywords:
        return ""
    text = ", ".join(keywords)
    # How many words of the indexed text are keywords (the last ones): the search box
    # builds its excerpts from the words before them (kb-search.js).
    count = len(text.split())
    return (f'<div class="kb-keywords" hidden data-pagefind-weight="{KEYWORD_WEIGHT}" '
            f'data-pagefind-meta="keyword_words:{count}">{escape(text)}</div>')


_background: subprocess.Popen | None = None  # a re-index still running for the preview


def _command(site_dir: Path) -> list[str]:
    return [str(pagefind_bin.get_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE,
            "--exclude-selectors", EXCLUDE, "--quiet"]


def index(site_dir: Path) -> None:
    """Index ``site_dir`` in place; fail the build with Pagefind's output when it fails.

    The bundled binary is called directly: the Python API starts the same binary
    as a service and adds nothing for a one-shot run over files on disk.

    A bundle already in ``site_dir`` means a dirty rebuild (``mkdocs serve --dirty``
    after an edit): the edited page must show at once, so the search index is
    refreshed in the background and is a few seconds behind the page.
    """
    global _background
    entry = site_dir / BUNDLE / "pagefind-entry.json"
    if entry.is_file():
        if _background is None or _background.poll() is not None:
            _background = subprocess.Popen(_command(site_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return
    try:
        result = subprocess.run(_command(site_dir), capture_output=True, text=True, check=False)
    except OSError as exc:
        raise PluginError(f"search: cannot run Pagefind: {exc}") from exc
    # Pagefind exits 0 on some failures (nothing indexed): check the bundle too.
    if result.returncode != 0 or not entry.is_file():
        output = (result.stdout + result.stderr).strip()
        raise PluginError(f"search: Pagefind failed (exit {result.returncode}) on {site_dir}:\n{output}")
    for name in _UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)


def merge(sites: list[Path], target: Path) -> None:
    """Join the bundles Pagefind wrote in ``sites`` (each with other languages) into ``target``.

    A parallel build (scripts/build_parallel.py) indexes each part's languages in that
    part, on its own core. Pagefind names every per-language file after its
    language, so the bundles only share the language-independent files; only
    the entry file, which lists the languages, has to be joined.
    """
    entry: dict = {}
    for site in sites:
        bundle = site / BUNDLE
        part = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        if entry and part["version"] != entry["version"]:
            raise PluginError(f"search: Pagefind {part['version']} in {site}, {entry['version']} elsewhere")
        entry = {**part, "languages": {**entry.get("languages", {}), **part["languages"]}}
        if bundle != target / BUNDLE:
            shutil.copytree(bundle, target / BUNDLE, dirs_exist_ok=True)
    (target / BUNDLE / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")


@dataclass(frozen=True)
class Link:
    title: str
    url: str  # from the site root ("fr/clients/"), joined to the page's base_url by the template
    note: str = ""  # a second, quieter line (the guide a tool is on)


@dataclass(frozen=True)
class HelpPanel:
    """What the search panel offers before a query and when nothing matches, in one language."""

    words: list[str]  # queries to try, each a button that runs it
    categories: list[Link]
    tools: list[Link]
    popular: list[Link]


def help_panel(data: dict[str, Any], lang: str, files: Files) -> HelpPanel:
    """The panel of ``lang`` from this language's ``files``: computed once per language, in every page's header.

    The popular guides come from ``search.popular`` in the data file; a path that is no
    guide fails the build (a dead link in every page's header otherwise).
    """
    if (owned := parts.owned()) is not None and lang not in owned:
        return HelpPanel([], [], [], [])  # this part of a parallel build renders no page of ``lang``
    pages = [f for f in files.documentation_pages() if not f.inclusion.is_excluded()]
    by_path = {catalog.logical(f): f for f in pages}
    popular = []
    for index, path in enumerate(data["search"]["popular"]):
        if path not in by_path:
            raise PluginError(f"data/mail.yml: search.popular[{index}]: no guide docs/{lang}/{path}")
        popular.append(Link(frontmatter.meta(by_path[path])["title"], by_path[path].url))
    found = [
        Link(_capital(maildata.label(data, f"tool.{tool.name}", lang)), f"{f.url}#{tool.section}",
             frontmatter.meta(f)["title"])
        for f in pages for tool in tools.in_file(f.abs_src_path) if tool.section
    ]
    words = [word.strip() for word in maildata.label(data, "search.words", lang).split(",") if word.strip()]
    return HelpPanel(
        words=words,
        categories=[Link(frontmatter.meta(f)["title"], f.url) for f in catalog.category_pages(files)],
        tools=sorted(found, key=lambda link: (link.title.casefold(), link.note.casefold())),
        popular=popular,
    )


def _capital(name: str) -> str:
    """A tool's name at the head of a list item: "vérificateur HELO" -> "Vérificateur HELO".

    ``str.capitalize`` would lower the rest ("Helo").
    """
    return name[:1].upper() + name[1:]
