"""The built site: every page in every language, data-file values, no third-party requests."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from sitebuild import maildata

ROOT = Path(__file__).resolve().parent.parent
DATA = maildata.load(ROOT / "data" / "mail.yml")
LANGS = DATA["languages"]
DEFAULT = "en"  # built at the site root by mkdocs-static-i18n
PAGES = sorted(p.relative_to(ROOT / "docs" / DEFAULT).as_posix() for p in (ROOT / "docs" / DEFAULT).rglob("*.md"))


def _dir(site: Path, lang: str) -> Path:
    return site if lang == DEFAULT else site / lang


def _html(site: Path, lang: str, page: str) -> str:
    stem = page.removesuffix(".md")
    rel = "index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html".lstrip("/")
    return (_dir(site, lang) / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_is_built_in_every_language_with_title_and_alternates(built_site, lang, page):
    html = _html(built_site, lang, page)
    title = get_data((ROOT / "docs" / lang / page).read_text(encoding="utf-8"))[1]["title"]
    assert f'<html lang="{lang}"' in html
    assert re.search(rf"<title>{re.escape(title)}", unescape(html))  # titles are escaped text
    for other in LANGS:
        assert re.search(rf'<link rel="alternate" href="[^"]*" hreflang="{other}"', html), other


@pytest.mark.parametrize("lang", LANGS)
def test_ports_page_shows_the_data_file_values(built_site, lang):
    html = _html(built_site, lang, "clients/ports-and-protocols.md")
    assert html.count(DATA["servers"]["host"]) >= 3
    for proto in DATA["servers"]["protocols"]:
        for entry in proto["ports"]:
            assert re.search(rf'<td data-label="[^"]+">{entry["port"]}</td>', html)
            assert maildata.label(DATA, f"status.{entry['status']}", lang) in html
    assert maildata.label(DATA, "value.full_address", lang) in html


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_404_page_and_sitemap(built_site, lang):
    page_404 = (_dir(built_site, lang) / "404.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in page_404
    assert maildata.label(DATA, "site.notfound_title", lang) in page_404
    assert "<urlset" in (_dir(built_site, lang) / "sitemap.xml").read_text(encoding="utf-8")


def test_no_shortcode_is_left_unexpanded(built_site):
    leftovers = [p for p in built_site.rglob("*.html") if re.search(r"<!--\s*md:", p.read_text(encoding="utf-8"))]
    assert not leftovers


class _Loads(HTMLParser):
    """Collects the URLs a browser fetches by default while loading a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {
            "stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "preconnect", "dns-prefetch",
        }:
            self.urls.append(a["href"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])


EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])([^'\")\s]+)")


def test_pages_load_nothing_from_another_host(built_site):
    offending = []
    for path in built_site.rglob("*.html"):
        parser = _Loads()
        parser.feed(path.read_text(encoding="utf-8"))
        offending += [f"{path.relative_to(built_site)}: {u}" for u in parser.urls if EXTERNAL.match(u)]
    for path in built_site.rglob("*.css"):
        offending += [f"{path.relative_to(built_site)}: {u}" for u in CSS_URL.findall(path.read_text("utf-8"))
                      if EXTERNAL.match(u)]
    assert not offending, "\n".join(offending[:20])
    assert not any("fonts.googleapis" in p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
