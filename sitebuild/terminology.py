"""One word per concept and language: find the variants ``data/terms.yml`` rules out.

A reader who meets "réglages" in one guide and "paramètres" in the next, or a
checker message that says "label" where the guide says "élément", wonders whether
they are two things. ``data/terms.yml`` gives, per language, the preferred term of
each recurring concept and the variants to avoid (regular expressions). This module
scans everything a reader sees in that language: the guides (prose only: code,
shortcodes, link targets and heading ids are not words a reader reads), the labels
of the data file and the checkers' gettext catalogs (``msgstr``; for English the
``msgid``, which is the English text). Run it as a command::

    .venv/bin/python -m sitebuild.terminology     # exit status 1 when a variant is found
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitebuild.paths import ROOT

TERMS_FILE = ROOT / "data" / "terms.yml"

# Parts of a Markdown line that are not our prose: inline code, shortcodes, link
# targets, heading ids and attribute lists, and bold text, which the guides keep for
# the exact wording of another program's interface (iOS names its app "Ajustes",
# Thunderbird its menu "Paramètres"): a guide must quote those as the reader sees them.
_NOT_PROSE = re.compile(r"`[^`]*`|<!--.*?-->|\]\([^)]*\)|\{[#:.][^}]*\}|\*\*[^*]+\*\*")
_FENCE = re.compile(r"^\s*(```|~~~)")
_NOT_PROSE_KEYS = frozenset({"sources", "keywords"})
# Labels that list readers' own words on purpose (the search panel's words to try).
_NOT_PROSE_LABELS = frozenset({"search.words"})
# In a catalog message, another program's label is quoted as each language quotes
# („Zeichensatz“, « Paramètres », “Impostazioni”): those are its words, not ours.
_QUOTED_LABEL = re.compile(r"„[^“\n]*“|“[^”\n]*”|«[^»\n]*»")
# msgid_plural counts as msgid and msgstr[N] (each plural form) as msgstr.
_PO_STRING = re.compile(r'^(msgid|msgstr)(?:_plural|\[\d+\])?\s+"(.*)"\s*$|^"(.*)"\s*$')
_UNESCAPE = re.compile(r"\\(.)")


class TermsError(ValueError):
    """``data/terms.yml`` is malformed; the message names the key."""


@dataclass(frozen=True)
class Rule:
    """One concept in one language: the term to use and what it replaces."""

    lang: str
    concept: str
    use: str
    avoid: re.Pattern[str]


@dataclass(frozen=True)
class Offence:
    """A variant found in a file: where, what, and what to write instead."""

    path: str
    line: int
    found: str
    rule: Rule

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: '{self.found}' -> use '{self.rule.use}' ({self.rule.concept})"


def load(path: Path = TERMS_FILE) -> dict[str, list[Rule]]:
    """The rules per language; ``avoid`` entries are case-sensitive regexes matched on word boundaries."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise TermsError(f"{path}: expected a mapping of languages")
    rules: dict[str, list[Rule]] = {}
    for lang, concepts in raw.items():
        if not isinstance(concepts, dict):
            raise TermsError(f"{path}: {lang}: expected a mapping of concepts")
        for concept, entry in concepts.items():
            where = f"{path}: {lang}.{concept}"
            if not isinstance(entry, dict) or not isinstance(entry.get("use"), str) or not entry.get("avoid"):
                raise TermsError(f"{where}: expected 'use: <term>' and 'avoid: [<regex>, ...]'")
            try:
                pattern = re.compile("|".join(rf"(?<!\w)(?:{p})(?!\w)" for p in entry["avoid"]))
            except re.error as exc:
                raise TermsError(f"{where}: bad regular expression: {exc}") from exc
            rules.setdefault(lang, []).append(Rule(lang, concept, entry["use"], pattern))
    return rules


def scan(text: str, rules: list[Rule], path: str, line: int) -> list[Offence]:
    """The variants of ``rules`` in one line of reader-visible text."""
    return [Offence(path, line, m.group(0), rule) for rule in rules for m in rule.avoid.finditer(text)]


def markdown_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The prose of a guide, line by line, without code blocks, inline code or link targets.

    In the front matter, the title and description are prose; ``sources:`` (addresses)
    and ``keywords:`` (the words readers type, variants included on purpose) are not.
    """
    in_code = in_front = skipping = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() == "---" and (number == 1 or in_front):
            in_front = number == 1
            continue
        if in_front:
            if not line.startswith((" ", "\t")):
                skipping = line.split(":", 1)[0].strip() in _NOT_PROSE_KEYS
            if skipping:
                continue
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if not in_code:
            yield number, _NOT_PROSE.sub(" ", line)


def label_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """``(line, lang, text)`` of every label in the data file."""
    root = yaml.compose(path.read_text(encoding="utf-8"))
    labels = next((v for k, v in root.value if k.value == "labels"), None)
    for key, texts in labels.value if labels is not None else []:
        if key.value in _NOT_PROSE_LABELS:
            continue
        for lang, text in texts.value:
            yield text.start_mark.line + 1, lang.value, text.value


def catalog_lines(path: Path, field: str = "msgstr") -> Iterator[tuple[int, str]]:
    """``(line, text)`` of every ``field`` message in a ``.po`` file, its wrapped lines joined.

    A message wrapped over several lines is one text (a term may straddle the
    break); its line is the one of ``msgstr``/``msgid``.
    """
    entries: list[tuple[str, int, list[str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = _PO_STRING.match(line)
        if match and match[1]:
            entries.append((match[1], number, [match[2]]))
        elif match and entries and entries[-1][0] != "closed":
            entries[-1][2].append(match[3])
        elif entries:
            entries.append(("closed", number, []))
    for kind, number, parts in entries:
        if kind == field:
            yield number, _UNESCAPE.sub(lambda m: " " if m[1] in "nt" else m[1], "".join(parts))


def offences(root: Path = ROOT, terms: Path = TERMS_FILE) -> list[Offence]:
    """Every variant in every guide, label and catalog of every language ``terms`` covers."""
    rules = load(terms)
    found: list[Offence] = []

    def rel(path: Path) -> str:
        return path.relative_to(root).as_posix()

    for lang, lang_rules in rules.items():
        for page in sorted((root / "docs" / lang).rglob("*.md")):
            for number, text in markdown_lines(page):
                found += scan(text, lang_rules, rel(page), number)
        catalogs = root / "widgets" / "mailcheck" / "locale"
        # English has no catalog: its messages are the msgids, the same in every .po.
        pos = sorted((catalogs / ("fr" if lang == "en" else lang) / "LC_MESSAGES").glob("*.po"))
        for po in pos:
            for number, text in catalog_lines(po, "msgid" if lang == "en" else "msgstr"):
                found += scan(_QUOTED_LABEL.sub(" ", text), lang_rules, rel(po), number)
    data = root / "data" / "mail.yml"
    for number, lang, text in label_lines(data):
        found += scan(text, rules.get(lang, []), rel(data), number)
    return found


def main() -> int:
    found = offences()
    for offence in found:
        print(offence)
    print(f"{len(found)} terminology problem(s)" if found else "one term per concept in every language")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
