"""The built site speaks each language in its chrome too: no English left, titles, 404
descriptions and French spacing as a native reader expects them."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mailcheck.i18n import typeset
from sitebuild import maildata

ROOT = Path(__file__).resolve().parent.parent
DATA = maildata.load(ROOT / "data" / "mail.yml")
OTHERS = [lang for lang in DATA["languages"] if lang != "en"]
NBSP, NNBSP = "\u00a0", "\u202f"


def _label(key: str, lang: str) -> str:
    return maildata.label(DATA, key, lang).format(provider=DATA["provider"]["name"])


# Material's English defaults we word ourselves, the toc extension's default, and every
# label of ours of two words or more that another language words differently.
THEME_ENGLISH = ["Permanent link", "Table of contents", "Copy to clipboard", "Copied to clipboard",
                 "Skip to content", "Back to top"]
OUR_ENGLISH = sorted({
    texts["en"] for key, texts in DATA["labels"].items()
    if " " in texts["en"] and "{" not in texts["en"] and all(texts[lang] != texts["en"] for lang in OTHERS)
})


# mkdocs.yml's site_description: English, and what Material would print on a page without one.
MKDOCS_DESCRIPTION = re.search(r"^site_description: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                               re.M).group(1)


def _pages(site: Path, lang: str) -> list[Path]:
    return sorted((site / lang).rglob("*.html"))


@pytest.mark.parametrize("lang", OTHERS)
def test_no_english_chrome(built_site: Path, lang: str) -> None:
    english = [*THEME_ENGLISH, *OUR_ENGLISH, _label("site.description", "en"), MKDOCS_DESCRIPTION]
    found = []
    for page in _pages(built_site, lang):
        html = unescape(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(built_site)}: {text!r}" for text in english if text in html]
    assert not found, "\n".join(found[:40])


@pytest.mark.parametrize("lang", DATA["languages"])
def test_page_chrome_comes_from_the_labels(built_site: Path, lang: str) -> None:
    root = built_site if lang == "en" else built_site / lang
    home = (root / "index.html").read_text(encoding="utf-8")
    assert "kb-breadcrumbs" not in home, "the home page has no trail leading to itself"
    guide = unescape((root / "clients/ports-and-protocols/index.html").read_text(encoding="utf-8"))
    separator = typeset(_label("page.title_separator", lang), lang)
    title = re.search(r"<title>([^<]+)</title>", guide).group(1)
    assert separator in title and " - " not in title
    assert f'title="{typeset(_label("toc.permalink", lang), lang)}"' in guide
    assert typeset(_label("theme.clipboard.copy", lang), lang) in guide
    page_404 = unescape((root / "404.html").read_text(encoding="utf-8"))
    description = typeset(_label("site.description", lang), lang)
    assert f'<meta name="description" content="{description}">' in page_404


class _Text(HTMLParser):
    """The text a reader sees, code replaced by a stand-in, and the spoken attributes."""

    SKIP = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth += 1
            self.parts.append("x")
        elif not self.depth:
            self.parts += ["\n" + (value or "") + "\n" for name, value in attrs
                           if name in ("title", "alt", "aria-label", "placeholder", "content")]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


# A mark with no space, a plain space or the wrong no-break space before it, or guillemets
# without their narrow no-break spaces.
BAD_FRENCH = re.compile(
    rf"[^\s{NBSP}{NNBSP}][;!?:](?=\s|$)|[ \t{NBSP}][;!?]|[ \t{NNBSP}]:(?=\s|$)|«[^{NNBSP}]|[^{NNBSP}]»"
)


def french_problems(text: str) -> list[str]:
    return [text[max(0, m.start() - 30):m.end() + 10] for m in BAD_FRENCH.finditer(text)]


def test_french_pages_are_spaced_outside_code(built_site: Path) -> None:
    found = []
    for page in _pages(built_site, "fr"):
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        text = "".join(parser.parts)
        found += [f"{page.relative_to(built_site)}: {bad!r}" for bad in french_problems(text)]
    assert not found, "\n".join(found[:40])


@pytest.mark.parametrize("bad", ["Note : x", "Note: x", "voir ; x", f"voir{NBSP}; x", "oui!", "« x", "x »",
                                 f"Note{NNBSP}: x"])
def test_the_french_check_finds_what_it_should(bad: str) -> None:
    assert french_problems(bad)
    assert not french_problems(f"Note{NBSP}: 10:30, https://x.org/?a=1, «{NNBSP}x{NNBSP}» oui{NNBSP}!")
