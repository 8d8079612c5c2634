"""Imports what the trimmed standard library lacks from the full one (runs in Pyodide only).

The site ships two standard libraries as bytecode: a trimmed one holding only
the modules the checkers were seen to import over the whole test corpus at build
time (sitebuild/stdlib_subset.py), which the worker starts with, and the full one.
This module goes into the trimmed archive as ``_stdlib_fallback``; the worker
calls :func:`install` with a function that fetches the full archive into the
file system and returns its path. An import the trace missed then still works:
the first one costs one download, and the console says which module caused it.
A module that is not in the full standard library either (an optional import
such as ``dns``) never triggers the download.

Only until the worker says "ready": then :func:`seal` switches the download off, so that
no check ever makes a request (a hostile encoded word naming an odd codec must not fetch
10 MB mid-check). A module missed after that fails to import, as an absent optional one
does, and the console names it, for the trace (sitebuild/stdlib_subset.py) to include.
"""

from __future__ import annotations

import sys
import zipimport
from collections.abc import Callable
from importlib.machinery import ModuleSpec

INDEX = "_stdlib_full_index.txt"  # every module name of the full archive, one a line (beside this module)


class FullStandardLibrary:
    """A meta path finder, consulted after the normal ones, backed by the full archive."""

    def __init__(self, fetch: Callable[[str], str], names: frozenset[str]) -> None:
        self.fetch = fetch
        self.names = names
        self.archive: str | None = None
        self.sealed = False

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        if name not in self.names:
            return None
        if self.archive is None and self.sealed:
            print(f"mailcheck: {name!r} is not in the trimmed standard library; not fetched after ready",
                  file=sys.stderr)
            return None
        if self.archive is None:
            self.archive = self.fetch(name)
        parent = name.rpartition(".")[0].replace(".", "/")
        importer = zipimport.zipimporter(f"{self.archive}/{parent}/" if parent else self.archive)
        return importer.find_spec(name, target)


_installed: list[FullStandardLibrary] = []


def install(fetch: Callable[[str], str]) -> None:
    """Put the fallback at the end of ``sys.meta_path``; ``fetch(module)`` returns the full archive's path."""
    here = __spec__.origin.rpartition("/")[0]
    names = zipimport.zipimporter(here).get_data(INDEX).decode().split()
    _installed.append(FullStandardLibrary(fetch, frozenset(names)))
    sys.meta_path.append(_installed[-1])


def seal() -> None:
    """From now on nothing is downloaded: the worker calls this just before it says "ready"."""
    for finder in _installed:
        finder.sealed = True
