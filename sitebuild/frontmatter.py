"""Check every guide's front matter before anything is rendered.

MkDocs is lenient where an author needs it strict: a page without front matter
gets a title made from its file name, front matter that is not valid YAML is
shown as text, and a ``weight: ten`` only fails later, while the *category*
page sorts its guides, so the error names the wrong file. Here each guide is
read on its own and every problem names the guide's path and the line, before
any page of its language is rendered. The listings (catalog.py) share the parse.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from mkdocs.structure.files import File
from mkdocs.utils.meta import YAML_RE

from sitebuild import maildata

# key -> (type, reason when the value is wrong)
FIELDS: dict[str, tuple[type, str]] = {
    "title": (str, "expected one line of text"),
    "description": (str, "expected one line of text"),
    "revision": (int, "expected a whole number, 1 or more"),
    "weight": (int, "expected a whole number (the order within the category)"),
}
EXAMPLE = "---\\ntitle: ...\\nsources: [seed]\\ndescription: ...\\nrevision: 1\\nweight: 10\\n---"
# What a guide's facts rest on, for authors and reviewers (never shown to readers):
# the seed guides, or the https:// address of each page used.
SOURCE = re.compile(r"seed|https://[^\s/]+\.[^\s/]+(?:/\S*)?")
SOURCES_REASON = "expected a list of the pages the guide relies on: https:// addresses or seed, e.g. [seed]"


@dataclass(frozen=True)
class Problem:
    """One mistake in one guide; ``str()`` is the build's error line."""

    source: str  # the path as the author knows it, e.g. docs/fr/clients/x.md
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.reason}"


def _needs_weight(src_uri: str) -> bool:
    """Pages inside a category (guides and category pages) are listed, so ordered by weight.

    ``src_uri`` is ``<lang>/<category>/<page>.md``; the home page and the other
    pages at a language's root are not listed anywhere.
    """
    return len(PurePosixPath(src_uri).parts) > 2


def _is_guide(src_uri: str) -> bool:
    """Every page but the home and category pages (``index.md``): a guide states facts, so lists its
    sources, and readers search for it, so it lists their words."""
    return PurePosixPath(src_uri).name != "index.md"


def _sources(source: str, node: yaml.Node, value: Any) -> list[Problem]:
    """Problems of a ``sources:`` list, each at the line of the entry (or the key) at fault."""
    line = node.start_mark.line + 2
    if not isinstance(value, list) or not value:
        return [Problem(source, line, f"sources: {SOURCES_REASON}, got {value!r}")]
    problems = []
    for item, entry in zip(node.value, value, strict=True):
        if not (isinstance(entry, str) and SOURCE.fullmatch(entry)):
            problems.append(Problem(source, item.start_mark.line + 2,
                                    f"sources: {entry!r} is neither seed nor an https:// address"))
    return problems


KEYWORDS_REASON = "expected a list of the words readers type for this page's problem, one per line ('  - word')"


def _keyword_problems(source: str, src_uri: str, values: dict[str, yaml.Node], meta: dict[str, Any],
                      closing: int) -> list[Problem]:
    """``keywords:``: required on guides, a list of distinct one-line texts, each blamed on its own line.

    Search indexes them with a high weight (search.py) and never shows them, so a
    mistake here would be invisible on the page: the build is the only place to catch it.
    """
    if "keywords" not in meta:
        if not _is_guide(src_uri):
            return []
        return [Problem(source, closing, f"front matter: 'keywords' missing ({KEYWORDS_REASON})")]
    node = values["keywords"]
    line = node.start_mark.line + 2
    if not isinstance(meta["keywords"], list) or not meta["keywords"]:
        return [Problem(source, line, f"keywords: {KEYWORDS_REASON}, got {meta['keywords']!r}")]
    problems, seen = [], {}
    for item, value in zip(node.value, meta["keywords"], strict=True):
        at = item.start_mark.line + 2
        if not _valid(value, str):
            problems.append(Problem(source, at, f"keywords: expected one line of text, got {value!r}"))
        elif (folded := " ".join(value.casefold().split())) in seen:
            problems.append(Problem(source, at, f"keywords: {value!r} given twice; first at line {seen[folded]}"))
        else:
            seen[folded] = at
    return problems


def _valid(value: Any, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return isinstance(value, str) and bool(value.strip()) and "\n" not in value.strip()


def check(source: str, src_uri: str, text: str) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """Front matter of one Markdown file (``text``) and every problem of it, in line order."""
    text = text.removeprefix("\ufeff")
    match = YAML_RE.match(text)
    if not match:
        reason = "front matter not closed: add a line '---' after it" if text.startswith("---") else (
            f"no front matter: start the file with {EXAMPLE}")
        return {}, (Problem(source, 1, reason),)
    block = match.group(1)
    try:
        root, meta = maildata.parse_yaml(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return {}, (Problem(source, line, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}"),)
    if not isinstance(meta, dict) or root is None:
        return {}, (Problem(source, 2, f"front matter must be 'key: value' lines, got {meta!r}"),)
    # Lines of the YAML block are 0-based; the block starts on the file's line 2.
    if duplicate := maildata.duplicate_key(root):
        line, key, first = duplicate
        return meta, (Problem(source, line + 2, f"{key}: duplicate key; first given at line {first + 2}"),)
    lines = {key.value: key.start_mark.line + 2 for key, _ in root.value}
    values = {key.value: node for key, node in root.value}
    closing = block.count("\n") + 2
    problems = []
    for key, (kind, reason) in FIELDS.items():
        if key not in meta:
            if key != "weight" or _needs_weight(src_uri):
                problems.append(Problem(source, closing, f"front matter: '{key}' missing ({reason})"))
        elif not _valid(meta[key], kind) or (key == "revision" and meta[key] < 1):
            problems.append(Problem(source, lines[key], f"{key}: {reason}, got {meta[key]!r}"))
    if "sources" in meta:
        problems += _sources(source, values["sources"], meta["sources"])
    elif _is_guide(src_uri):
        problems.append(Problem(source, lines.get("title", closing),
                                f"front matter: 'sources' missing ({SOURCES_REASON}; put it after 'title')"))
    problems += _keyword_problems(source, src_uri, values, meta, closing)
    return meta, tuple(sorted(problems, key=lambda p: p.line))


@cache
def _read(path: str, mtime_ns: int, src_uri: str) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    try:
        text = maildata.read_utf8(Path(path))
    except maildata.NotUtf8 as exc:
        return {}, (Problem(path, exc.line, exc.reason),)
    return check(path, src_uri, text)


def read(file: File) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """Front matter and problems of ``file``; read once per file version, shared with the listings."""
    return _read(file.abs_src_path, os.stat(file.abs_src_path).st_mtime_ns, file.src_uri)


def meta(file: File) -> dict[str, Any]:
    """Front matter of ``file`` (title, description, revision, weight)."""
    return read(file)[0]


def problems(files: Iterable[File], project_dir: str) -> list[Problem]:
    """Every problem of ``files``, each naming its file relative to ``project_dir`` (docs/fr/...)."""
    found = [problem for file in files for problem in read(file)[1]]
    return [replace(p, source=os.path.relpath(p.source, project_dir)) for p in found]
