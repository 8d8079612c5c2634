"""The built site's wayfinding and language links, read from the HTML (no browser).

404 pages: a title in the page's language, hreflang links to each language's 404
page and a switcher to each language's home. Home pages: relative switcher links.
Guides: breadcrumbs, their category highlighted in the sidebar, previous/next within
the category, "On this page" for long guides, and a last-updated date.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pytest
from babel.dates import format_date

from mailcheck.i18n import BABEL_LOCALE, typeset
from sitebuild import maildata, wayfinding

ROOT = Path(__file__).resolve().parent.parent
DATA = maildata.load(ROOT / "data" / "mail.yml")
LANGS = DATA["languages"]
HOMES = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGS}


def _read(site: Path, lang: str, rel: str) -> str:
    return (site / HOMES[lang] / rel).read_text(encoding="utf-8")


def _links(html: str, tag: str) -> dict[str, str]:
    return {lang: href for href, lang in re.findall(rf'<{tag} href="([^"]*)" hreflang="(\w+)"', html)}


def _switcher(html: str) -> dict[str, str]:
    return _links(html, "a")


def _alternates(html: str) -> dict[str, str]:
    return _links(html, 'link rel="alternate"')


@pytest.mark.parametrize("lang", LANGS)
def test_404_page_has_its_title_and_points_at_every_language(built_site, lang):
    html = _read(built_site, lang, "404.html")
    title = maildata.label(DATA, "site.notfound_title", lang)
    separator = maildata.label(DATA, "page.title_separator", lang)  # an en dash between spaces
    assert re.search(rf"<title>{re.escape(title + separator)}", html.replace("&#39;", "'"))
    # Without SITE_URL the links are relative to the folder the 404 page is published in; the page
    # makes that folder its <base> at run time, whatever address shows it (overrides/404.html).
    here = built_site / HOMES[lang]
    for links, target in ((_alternates(html), "404.html"), (_switcher(html), "")):
        assert set(links) == set(LANGS)
        assert not [href for href in links.values() if href.startswith("/")]
        for other, href in links.items():
            assert (here / href).resolve() == (built_site / HOMES[other] / target).resolve(), other
    root = "./" if lang == "en" else "../"
    assert f'data-root="{root}"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_switcher_links_are_relative(built_site, lang):
    links = _switcher(_read(built_site, lang, "index.html"))
    assert set(links) == set(LANGS)
    assert not [href for href in links.values() if href.startswith("/")]
    here = built_site / HOMES[lang]
    for other, href in links.items():
        assert (here / href).resolve() == (built_site / HOMES[other]).resolve(), other


@pytest.mark.parametrize("lang", LANGS)
def test_language_button_names_the_current_language(built_site, lang):
    html = _read(built_site, lang, "clients/index.html")
    name = maildata.label(DATA, f"language.{lang}", lang)
    button = re.search(r'<span class="kb-language__name"[^>]*>([^<]+)</span>', html).group(1)
    assert button.casefold() == name.casefold()


@pytest.mark.parametrize("lang", LANGS)
def test_guide_has_breadcrumbs_category_highlight_pager_and_date(built_site, lang):
    html = _read(built_site, lang, "clients/apple-mail/index.html")
    crumbs = re.search(r'<nav class="kb-breadcrumbs"[^>]*>(.*?)</nav>', html, re.S).group(1)
    hrefs = [href.rstrip("/") for href in re.findall(r'<a href="([^"]+)"', crumbs)]
    assert hrefs == ["../..", ".."]  # home, category
    assert 'aria-current="page"' in crumbs
    # The category of the guide is the active item of the sidebar.
    active = re.findall(r'class="md-nav__item md-nav__item--active[^"]*">\s*<a href="([^"]+)"', html)
    assert active == ["../"]
    # Previous/next are the neighbours in the category's own order.
    category = _read(built_site, lang, "clients/index.html")
    listed = re.findall(r'<li><a href="([\w-]+)/">', category)
    at = listed.index("apple-mail")
    pager = re.search(r'<nav class="kb-pager"[^>]*>(.*?)</nav>', html, re.S).group(1)
    neighbours = re.findall(r'href="\.\./([\w-]+)/" rel="(prev|next)"', pager)
    expected = ([(listed[at - 1], "prev")] if at else []) + ([(listed[at + 1], "next")] if at + 1 < len(listed) else [])
    assert neighbours == expected
    date = format_date(wayfinding.last_updated(str(ROOT / f"docs/{lang}/clients/apple-mail.md"), str(ROOT / "docs")),
                       format="long", locale=BABEL_LOCALE[lang])  # British English for "en": 4 December 2026
    updated = typeset(maildata.label(DATA, "page.updated", lang), lang).format(date=date)
    assert f'<p class="kb-updated" data-pagefind-ignore>{updated}</p>' in html.replace("&#39;", "'")


@pytest.mark.parametrize("lang", LANGS)
def test_on_this_page_list_only_for_guides_with_more_than_three_sections(built_site, lang):
    for rel in ("clients/apple-mail/index.html", "clients/android/index.html", "errors/bogus-helo/index.html",
                "offers/starter/index.html"):
        html = _read(built_site, lang, rel)
        sections = len(re.findall(r"<h2 id=", html))
        has_list = '<details class="kb-toc"' in html
        assert has_list == (sections > 3), (rel, sections)
        if has_list:
            listed = re.search(r'<details class="kb-toc".*?</details>', html, re.S).group(0)
            assert listed.count("<li>") == sections


def test_last_updated_falls_back_to_the_file_time_without_history(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("x")
    os.utime(guide, (0, 86_400 * 365))
    assert wayfinding.last_updated(str(guide), str(tmp_path)) == dt.date(1971, 1, 1)


def test_dates_of_all_guides_take_one_git_log(monkeypatch):
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(args, *rest, **kwargs):
        calls.append(args)
        return real(args, *rest, **kwargs)

    wayfinding._git_dates.cache_clear()
    monkeypatch.setattr(wayfinding.subprocess, "run", counting)
    guides = sorted((ROOT / "docs").rglob("*.md"))
    for guide in guides:
        wayfinding.last_updated(str(guide), str(ROOT / "docs"))
    wayfinding._git_dates.cache_clear()
    assert len(guides) > 50
    assert len([args for args in calls if "log" in args]) == 1
    assert len(calls) <= 2
