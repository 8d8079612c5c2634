"""A reader can follow every guide: links and anchors resolve, and steps link the places they name.

MkDocs' strict build checks that a linked page exists; it does not check anchors
of other pages at the default validation level, and it cannot know that "open the
Mail web app" needs the web app's address. Both are checked here on the Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import maildata, terminology

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = maildata.load(ROOT / "data" / "mail.yml")
LANGUAGES = DATA["languages"]
PAGES = sorted(DOCS.rglob("*.md"))

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
ANCHOR_ID = re.compile(r"\{\s*#([\w-]+)[^}]*\}")
LIST_ITEM = re.compile(r"^\s*(?:\d+\.|[-*])\s")
SHORTCODE = re.compile(r"<!--\s*md:link\s+(\w+)\s*-->")


def _ids(page: Path) -> set[str]:
    return set(ANCHOR_ID.findall(page.read_text(encoding="utf-8")))


def _links(page: Path) -> list[tuple[int, str]]:
    """``(line, target)`` of every Markdown link in the prose (code is skipped)."""
    found, in_code = [], False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(r"^\s*(```|~~~)", line):
            in_code = not in_code
        elif not in_code:
            found += [(number, target) for target in LINK.findall(re.sub(r"`[^`]*`", "", line))]
    return found


def broken_links(page: Path, docs: Path = DOCS) -> list[str]:
    """Internal links of ``page`` whose file or anchor does not exist, as ``file:line: why``."""
    problems = []
    for number, target in _links(page):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ... : not ours to check
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        where = f"{page.relative_to(docs.parent)}:{number}: {target}"
        if not linked.is_file():
            problems.append(f"{where}: no such page")
        elif anchor and anchor not in _ids(linked):
            problems.append(f"{where}: no section {{#{anchor}}} in {linked.name}")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_internal_link_and_anchor_resolves(page: Path) -> None:
    problems = broken_links(page)
    assert not problems, "\n".join(problems)


def test_a_broken_anchor_or_page_is_reported(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "en" / "a").mkdir(parents=True)
    (docs / "en" / "a" / "x.md").write_text("## Here {#here}\n", encoding="utf-8")
    page = docs / "en" / "a" / "y.md"
    page.write_text(
        "See [x](x.md#here), [x](x.md#gone), [z](z.md), [top](#top) and [web](https://example.org).\n"
        "```\n[not a link](nowhere.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(page, docs) == [
        "docs/en/a/y.md:1: x.md#gone: no section {#gone} in x.md",
        "docs/en/a/y.md:1: z.md: no such page",
        "docs/en/a/y.md:1: #top: no section {#top} in y.md",
    ]


def places(lang: str) -> dict[str, re.Pattern[str]]:
    """How a guide names each linked place when it types it instead of using ``md:link``."""
    named = {name: re.escape(maildata.label(DATA, f"link.{name}", lang)) for name in ("webmail", "manager")}
    named["manager"] = r"\bManager\b"  # "the Manager" alone names it too
    return {name: re.compile(pattern, re.IGNORECASE if name == "webmail" else 0) for name, pattern in named.items()}


def unlinked_places(page: Path, lang: str) -> list[str]:
    """Steps that name the web app or the Manager without its link, and pages that never link it."""
    text = page.read_text(encoding="utf-8")
    linked = set(SHORTCODE.findall(text))
    problems, in_list = [], False
    for number, line in terminology.markdown_lines(page):
        in_list = bool(LIST_ITEM.match(line)) or (in_list and line.startswith("   ") and line.strip() != "")
        for name, pattern in places(lang).items():
            if not pattern.search(line):
                continue
            where = f"{page.relative_to(DOCS.parent)}:{number}"
            if in_list:
                problems.append(f"{where}: a step names the {name} place: write <!-- md:link {name} -->")
            elif name not in linked:
                problems.append(f"{where}: the page names the {name} place but never links it: <!-- md:link {name} -->")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_step_to_the_web_app_or_manager_carries_its_link(page: Path) -> None:
    lang = page.relative_to(DOCS).parts[0]
    problems = unlinked_places(page, lang)
    assert not problems, "\n".join(problems)


def test_a_step_without_its_link_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(__import__(__name__), "DOCS", tmp_path / "docs")
    page = tmp_path / "docs" / "en" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "1. Open the Mail web app.\n"
        "2. In the <!-- md:link manager -->, open your product.\n"
        "3. Go back to the\n   Manager.\n",
        encoding="utf-8",
    )
    assert unlinked_places(page, "en") == [
        "docs/en/x.md:1: a step names the webmail place: write <!-- md:link webmail -->",
        "docs/en/x.md:4: a step names the manager place: write <!-- md:link manager -->",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_link_shortcode_renders_the_label_as_a_link_when_the_address_is_known(lang: str) -> None:
    from sitebuild import tables

    label = maildata.label(DATA, "link.webmail", lang)
    assert tables.link(DATA, "webmail", lang) == f"[{label}]({DATA['links']['webmail']})"
    unknown = {**DATA, "links": {**DATA["links"], "manager": ""}}
    assert tables.link(unknown, "manager", lang) == maildata.label(DATA, "link.manager", lang)
    with pytest.raises(maildata.DataError, match="unknown link 'shop'"):
        tables.link(DATA, "shop", lang)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["links"].update(manager="http://example.org"),
         r":\d+: links\.manager: expected an https:// address, or \"\" while it is not known, got 'http://example.org'"),
        (lambda d: d["feedback"].update(channel="forum"), r":\d+: feedback\.channel: 'forum' is not in links"),
        (lambda d: d["labels"].pop("link.webmail"), r":\d+: labels\.link\.webmail: missing"),
    ],
)
def test_a_broken_link_setting_names_file_key_and_line(tmp_path: Path, edit, message: str) -> None:
    import yaml

    data = yaml.safe_load((ROOT / "data" / "mail.yml").read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "mail.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(maildata.DataError, match=re.escape(str(path)) + message):
        maildata.load(path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feedback_page_says_where_feedback_goes(lang: str) -> None:
    """The route is the data file's feedback channel, linked, in the section on sending feedback."""
    text = (DOCS / lang / "feedback.md").read_text(encoding="utf-8")
    how = text.split("{#how}", 1)[1].split("\n## ", 1)[0]
    assert f"<!-- md:link {DATA['feedback']['channel']} -->" in how
    assert "<!-- md:feedback -->" in text
