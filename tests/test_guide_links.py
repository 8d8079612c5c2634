"""A reader can follow every guide: links and anchors resolve, and steps link the places they name.

MkDocs' strict build checks that a linked page exists; it does not check anchors
of other pages at the default validation level, and it cannot know that "open the
Mail web app" needs the web app's address. Both are checked here on the Markdown.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
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


# How prose names each place, per language (the labels `link.*` and their short forms:
# "our support", "the web app", "the Manager"). Support and the web app in any case.
MENTIONS: dict[str, dict[str, str]] = {
    "support": {"fr": r"\bsupport\b", "en": r"\bsupport\b", "de": r"\bSupport\b", "it": r"\bsupporto\b",
                "es": r"\bsoporte\b"},
    "webmail": {"fr": r"\bapp Web\b", "en": r"\bweb app\b", "de": r"\bWeb-App\b", "it": r"\bweb app\b",
                "es": r"\baplicación web\b"},
    # not Guest Manager (a product in the feedback table) nor Passwort-Manager
    "manager": dict.fromkeys(LANGUAGES, r"(?<!Guest )(?<![\w-])Manager\b"),
}


def places(lang: str) -> dict[str, re.Pattern[str]]:
    """How a guide names each linked place when it types it instead of using ``md:link``."""
    return {place: re.compile(words[lang], 0 if place == "manager" else re.IGNORECASE)
            for place, words in MENTIONS.items()}


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


# --- The built pages: every mention of a place is its link; the footer has all three ------------

# Not a reference to a place: headings (a link there would hide the section's permalink),
# code, the wayfinding around the article, and interface labels, which guides set in bold
# ("click **Support** in the left sidebar" is the Manager's menu, not our support page).
SKIPPED = {"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "nav", "details", "strong"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Mentions(HTMLParser):
    """Every mention of a place in the article of a built page, with the link it sits in (or None)."""

    def __init__(self, patterns: dict[str, re.Pattern[str]]) -> None:
        super().__init__()
        self.patterns = patterns
        # open elements inside the article: (tag, href, hidden); a hidden element (the readers'
        # words that search indexes) is not read by anyone
        self.stack: list[tuple[str, str | None, bool]] = []
        self.in_article = False
        self.found: list[tuple[str, str, str | None]] = []  # (place, text around it, href)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article, self.stack = True, []
        elif self.in_article and tag not in VOID:
            attributes = dict(attrs)
            self.stack.append((tag, attributes.get("href") if tag == "a" else None, "hidden" in attributes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article = False
        elif self.in_article and tag not in VOID:
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self.in_article or any(tag in SKIPPED or hidden for tag, _, hidden in self.stack):
            return
        href = next((h for tag, h, _ in reversed(self.stack) if tag == "a"), None)
        for place, pattern in self.patterns.items():
            for match in pattern.finditer(data):
                around = data[max(0, match.start() - 40): match.end() + 40].strip()
                self.found.append((place, " ".join(around.split()), href))


def unlinked_mentions(html: str, lang: str) -> list[str]:
    """Mentions of support, the web app or the Manager that are not a link to its address."""
    parser = _Mentions(places(lang))
    parser.feed(html)
    return [f"{place} named without its link ({maildata.link_address(DATA, place, lang)}): ...{text}..."
            for place, text, href in parser.found if href != maildata.link_address(DATA, place, lang)]


def _built_pages(site: Path, lang: str) -> list[Path]:
    root = site if lang == "en" else site / lang
    others = {code for code in LANGUAGES if code != "en"}
    return sorted(p for p in root.rglob("index.html")
                  if lang != "en" or p.relative_to(site).parts[0] not in others | {"_widgets"})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_built_page_links_each_place_it_names(built_site: Path, lang: str) -> None:
    problems = []
    for path in _built_pages(built_site, lang):
        html = path.read_text(encoding="utf-8")
        problems += [f"{path.relative_to(built_site)}: {p}" for p in unlinked_mentions(html, lang)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_built_page_has_the_three_places_in_its_footer(built_site: Path, lang: str) -> None:
    expected = [(maildata.link_address(DATA, place, lang), maildata.label(DATA, f"link.{place}", lang))
                for place in ("support", "webmail", "manager")]
    pages = _built_pages(built_site, lang)
    assert len(pages) >= len(list((DOCS / lang).rglob("*.md")))
    for path in pages:
        footer = re.search(r'<nav class="kb-footer"[^>]*>(.*?)</nav>', path.read_text(encoding="utf-8"), re.S)
        assert footer, f"{path.relative_to(built_site)}: no footer places"
        links = [(unescape(href), unescape(text)) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>',
                                                                               footer.group(1))]
        assert [href for href, _ in links] == [href for href, _ in expected], path
        assert [text.casefold() for _, text in links] == [text.casefold() for _, text in expected], path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_support_has_an_address_in_every_language(lang: str) -> None:
    address = maildata.link_address(DATA, "support", lang)
    assert re.fullmatch(r"https://\S+", address), f"links.support has no address for {lang}"
    assert f"/{lang}/" in address + "/", "the support page is the one in the reader's language"


def test_a_place_named_without_its_link_is_reported() -> None:
    support = maildata.link_address(DATA, "support", "en")
    html = (
        "<nav>Contact support</nav><article><h2>Contacting support</h2>"
        f"<p>Ask <a href=\"{support}\">Infomaniak support</a>, or our support team,"
        " in the <a href=\"https://example.org\">Infomaniak Manager</a>.</p>"
        "<p>Click <strong>Support</strong>; <code>Manager</code>; Guest Manager.</p></article>"
    )
    assert unlinked_mentions(html, "en") == [
        f"support named without its link ({support}): ..., or our support team, in the...",
        f"manager named without its link ({DATA['links']['manager']}): ...Infomaniak Manager...",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_client_guide_says_what_to_do_after_a_password_change(lang: str) -> None:
    """Same section id in every language; Android's wrong-password step leads to a new password."""
    for name in ("android", "apple-mail", "iphone-ipad", "thunderbird"):
        assert "{#password-change}" in (DOCS / lang / "clients" / f"{name}.md").read_text(encoding="utf-8"), name
    android = (DOCS / lang / "clients" / "android.md").read_text(encoding="utf-8")
    wrong = android.split("{#wrong-password}", 1)[1].split("\n#", 1)[0]
    assert "../addresses/forgotten-password.md" in wrong


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_guide_lists_its_sources(page: Path) -> None:
    from sitebuild import frontmatter

    src_uri = page.relative_to(DOCS).as_posix()
    meta, problems = frontmatter.check(str(page), src_uri, page.read_text(encoding="utf-8"))
    assert not problems, "\n".join(map(str, problems))
    if page.name != "index.md":
        assert meta["sources"], page
