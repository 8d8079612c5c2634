"""Content rules: nothing from the data file typed into Markdown, every page in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import maildata, translations

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = maildata.load(ROOT / "data" / "mail.yml")
SHORTCODE = re.compile(r"<!--\s*md:.*?-->", re.DOTALL)


def _forbidden_numbers() -> set[int]:
    """Ports and limits of the data file: a guide must take them from there."""
    ports = {p["port"] for proto in DATA["servers"]["protocols"] for p in proto["ports"]}
    limits = set(DATA["limits"].values()) | {DATA["passwords"]["min_length"], DATA["csv"]["max_rows"]}
    limits.add(round(DATA["limits"]["max_message_bytes"] / 2**20))  # "201 MB"
    return {n for n in ports | limits if n >= 10}  # 1 and 0 are words, not limits


FORBIDDEN = _forbidden_numbers()
# A number standing alone (not part of 5.7.1, RFC 5321, x10 or a heading id).
NUMBER = re.compile(r"(?<![\w.,\u202f\u00a0'-])(\d{1,3}(?:[ .,'\u202f\u00a0]\d{3})+|\d+)(?![\w.,]\d|\w)")


def _offences(text: str) -> list[str]:
    text = SHORTCODE.sub("", text)
    found = []
    if DATA["servers"]["host"] in text:
        found.append(DATA["servers"]["host"])
    for match in NUMBER.finditer(text):
        if int(re.sub(r"\D", "", match[1])) in FORBIDDEN:
            found.append(match[1])
    return found


MARKDOWN = sorted(DOCS.rglob("*.md"))


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_host_port_or_limit_typed_into_markdown(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    # Front matter (weight, revision) is metadata, not prose: scan after its closing ---.
    start = lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0
    offences = [
        f"{path.relative_to(ROOT)}:{n}: {hit}"
        for n, line in enumerate(lines[start:], start + 1)
        for hit in _offences(line)
    ]
    assert not offences, "take these from data/mail.yml through a shortcode:\n" + "\n".join(offences)


@pytest.mark.parametrize(
    ("line", "hit"),
    [
        ("Use port 993 for IMAP", ["993"]),
        ("up to 100 recipients", ["100"]),
        ("at most 10 000 rows", ["10 000"]),
        ("at most 10,000 rows", ["10,000"]),
        ("server mail.infomaniak.com here", ["mail.infomaniak.com"]),
        ("reply 550 5.7.1 per RFC 5321 §4.1.1.1, step 3", []),
        ("<!-- md:port imap ssl --> and <!-- md:value limits.recipients_per_message -->", []),
    ],
)
def test_the_literal_scan_itself(line, hit):
    assert _offences(line) == hit


def test_every_page_exists_and_is_current_in_every_language():
    problems = translations.report(DOCS, DATA["languages"])
    assert not problems, "\n".join(problems)


def _page(root: Path, lang: str, name: str, revision: int, sections: list[str]) -> None:
    path = root / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(f"## Section {s} {{#{s}}}" for s in sections)
    path.write_text(f"---\ntitle: T\nrevision: {revision}\n---\n\n{body}\n\n```\n## not {{#a-heading}}\n```\n")


def test_parity_report_names_missing_behind_and_reshaped_pages(tmp_path):
    _page(tmp_path, "en", "a.md", 2, ["one", "two"])
    _page(tmp_path, "fr", "a.md", 1, ["one", "two"])
    _page(tmp_path, "de", "a.md", 2, ["two", "one"])
    _page(tmp_path, "en", "b.md", 1, ["x"])
    _page(tmp_path, "fr", "b.md", 1, ["x"])
    _page(tmp_path, "de", "b.md", 1, ["x"])
    assert translations.report(tmp_path, ["en", "fr", "de", "it"]) == [
        "fr/a.md: behind (revision 1, newest 2)",
        "de/a.md: sections ['two', 'one'] differ from ['one', 'two']",
        "it/a.md: missing (revision 2 exists)",
        "it/b.md: missing (revision 1 exists)",
    ]


def test_parity_needs_a_revision(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "a.md").write_text("---\ntitle: T\n---\n\ntext\n")
    with pytest.raises(ValueError, match=r"a\.md: front matter needs 'revision"):
        translations.report(tmp_path, ["en"])
