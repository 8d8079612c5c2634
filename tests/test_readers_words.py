"""Readers' words and wayfinding (issue 26), read from the sources and the built HTML.

Every guide lists its readers' words (front matter ``keywords:``) in every language; they
reach the search index hidden; a page with a tool says so under its title; the errors
category leads from each symptom to the guide that covers it; print keeps a checker's result.
Search itself (queries, help panel, switcher) is tested in a browser in test_search.py.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from sitebuild import frontmatter, maildata, search, tools

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = maildata.load(ROOT / "data" / "mail.yml")
LANGS = DATA["languages"]
GUIDES = sorted(p.relative_to(DOCS / "en").as_posix() for p in (DOCS / "en").rglob("*.md") if p.name != "index.md")


def _prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def _built(built_site: Path, lang: str, guide: str) -> str:
    return (built_site / _prefix(lang) / guide.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_every_guide_has_readers_words_in_every_language(lang):
    missing = []
    for guide in GUIDES:
        path = DOCS / lang / guide
        meta, problems = frontmatter.check(str(path), f"{lang}/{guide}", path.read_text(encoding="utf-8"))
        keywords = meta.get("keywords") or []
        if problems or len(keywords) < 5:
            missing.append(f"{path.relative_to(ROOT)}: {len(keywords)} keyword(s) {[str(p) for p in problems]}")
        elif list(meta)[-1] != "keywords":
            missing.append(f"{path.relative_to(ROOT)}: keywords is not the last key")
    assert not missing, "\n".join(missing)


def test_keywords_html_is_hidden_weighted_and_escaped():
    markup = search.keywords_html(["bounce", "<b>rebote</b>", "mot de passe oublié"])
    assert markup.startswith('<div class="kb-keywords" hidden data-pagefind-weight="10" ')
    assert "&lt;b&gt;rebote&lt;/b&gt;" in markup and "<b>" not in markup
    assert 'data-pagefind-meta="keyword_words:6"' in markup  # the words the excerpts must skip
    assert search.keywords_html(None) == search.keywords_html([]) == ""


@pytest.mark.parametrize("lang", LANGS)
def test_keywords_reach_the_index_inside_the_article_and_hidden(built_site, lang):
    for guide in GUIDES:
        page = _built(built_site, lang, guide)
        meta, _ = frontmatter.check("", f"{lang}/{guide}", (DOCS / lang / guide).read_text(encoding="utf-8"))
        found = re.findall(r'<div class="kb-keywords" hidden [^>]*>([^<]*)</div>', page)
        assert [html.unescape(text) for text in found] == [", ".join(meta["keywords"])], guide
        body = page[page.index("data-pagefind-body"):]
        assert 'class="kb-keywords"' in body, f"{guide}: keywords outside the indexed article"


def test_tools_are_found_outside_code_with_their_section():
    markdown = (
        "Intro.\n\n```\n<!-- md:widget csv -->\n```\n\n## Check it {#check-helo}\n\nText.\n\n"
        "<!-- md:widget helo -->\n\n### Other {: #deeper .x}\n\n"
        "`<!-- md:widget csv -->` <!-- md:widget recipients -->\n"
    )
    assert [(t.name, t.section) for t in tools.found(markdown)] == [("helo", "check-helo"), ("recipients", "deeper")]
    assert [(t.name, t.section) for t in tools.found("<!-- md:widget helo -->\n\n## Later {#later}\n")] == [
        ("helo", None)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_with_a_tool_says_so_under_its_title(built_site, lang):
    with_tools = 0
    for guide in GUIDES:
        found = tools.found((DOCS / lang / guide).read_text(encoding="utf-8"))
        page = _built(built_site, lang, guide)
        lines = re.findall(r'<p class="kb-tool" data-pagefind-ignore>(.*?)</p>', page)
        if not found:
            assert not lines, guide
            continue
        with_tools += 1
        [line] = lines
        names = ", ".join(
            f'<a href="#{t.section}">{html.escape(maildata.label(DATA, f"tool.{t.name}", lang))}</a>' for t in found)
        assert line == html.escape(maildata.label(DATA, "tool.on_page", lang)).replace("{tool}", names), guide
        # At the top: before the first section, and the section it names exists.
        assert page.index('class="kb-tool"') < page.index('<h2 id="'), guide
        assert all(f'id="{t.section}"' in page for t in found), guide
    assert with_tools >= 4


# Each symptom of the errors category and the guides it must lead to (paths from the category page).
SYMPTOMS = {
    "message-refused": ["../limits/sending-limits/#recipients-per-message", "bogus-helo/", "bounce/",
                        "../limits/sending-limits/#message-size"],
    "cannot-send": ["../clients/ports-and-protocols/#recommended", "../clients/thunderbird/#smtp-authentication",
                    "../limits/sending-limits/#mass-mailings"],
    "cannot-receive": ["../clients/ports-and-protocols/#recommended", "../clients/special-folders/#spam-and-promotions",
                       "bogus-helo/#who-fixes", "bounce/"],
    "wrong-password": ["../addresses/forgotten-password/", "../clients/ports-and-protocols/#credentials",
                       "../clients/apple-mail/#wrong-password", "../clients/iphone-ipad/#wrong-password",
                       "../clients/android/#wrong-password", "../clients/thunderbird/#wrong-password"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_errors_category_leads_from_each_symptom_to_its_guide(built_site, lang):
    page = (built_site / _prefix(lang) / "errors" / "index.html").read_text(encoding="utf-8")
    sections = re.split(r'<h2 id="', page)[1:]
    by_id = {section.split('"', 1)[0]: section for section in sections}
    for symptom, hrefs in SYMPTOMS.items():
        assert symptom in by_id, f"{lang}: no section {symptom}"
        links = re.findall(r'<a href="([^"]+)"', by_id[symptom])
        assert not set(hrefs) - set(links), f"{lang} #{symptom}: missing {set(hrefs) - set(links)}"
        for href in links:
            if href.startswith("#"):
                continue
            path, _, anchor = href.partition("#")
            target = (built_site / _prefix(lang) / "errors" / path / "index.html").resolve()
            assert target.is_file(), href
            assert not anchor or f'id="{anchor}"' in target.read_text(encoding="utf-8"), href


def test_readme_says_how_to_add_readers_words():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    writing = readme[readme.index("## Writing guides"):readme.index("## Hosting the built site")]
    assert "keywords:" in writing and "data-pagefind-weight" in readme


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve) -> str:
    return serve(built_site, "/help/")


@pytest.mark.parametrize("lang", ["en", "it"])
def test_print_keeps_a_checkers_result_and_never_shows_keywords(browser, site_url, lang):
    page = browser.new_page()
    url = f"{site_url}{_prefix(lang)}errors/bogus-helo/"
    page.goto(url)
    assert not page.locator(".kb-keywords").is_visible()
    page.emulate_media(media="print")
    before = page.evaluate("getComputedStyle(document.querySelector('.mailcheck__result')).display")
    page.emulate_media(media="screen")
    page.fill("#mailcheck-helo-text", "localhost")
    page.click(".mailcheck--helo button[type=submit]")
    page.wait_for_selector(".mailcheck--helo .mailcheck__item[data-verdict=reject]", timeout=90_000)
    page.emulate_media(media="print")
    printed = page.evaluate("""() => {
        const shown = (el) => el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
        const widget = document.querySelector('.mailcheck--helo');
        return {
            result: shown(widget.querySelector('.mailcheck__result')),
            verdict: shown(widget.querySelector('.mailcheck__item[data-verdict=reject]')),
            form: shown(widget.querySelector('form')),
            status: shown(widget.querySelector('.mailcheck__status')),
            buttons: [...widget.querySelectorAll('.mailcheck__result button')].filter(shown).length,
            line: shown(widget.querySelector('.kb-print-only')),
            tool: shown(document.querySelector('.kb-tool')),
            keywords: shown(document.querySelector('.kb-keywords')),
        };
    }""")
    page.close()
    assert before == "none", "an empty result region prints"
    assert printed == {"result": True, "verdict": True, "form": False, "status": False, "buttons": 0,
                       "line": True, "tool": False, "keywords": False}
