"""Author-supplied text never becomes markup: titles, descriptions and data-file labels
carrying HTML or Markdown payloads are built into a scratch copy of the site, then the
pages are checked as files and in headless Chromium (no dialog, no element created,
the text shown as typed) - header, <h1>, <title>, listings, tables, 404 page, search.
"""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import site_copy
from sitebuild import mdtext, widget_markup

# page -> front matter, each title and description with its own payload
PAGES = {
    "fr/guides/first.md": ("<img src=x onerror=alert(1)>", '"><script>alert(2)</script>'),
    "fr/guides/second.md": ("[lien](javascript:alert(3)) *gras*", "<b onmouseover=alert(4)>survol</b>"),
    "fr/guides/index.md": ("<svg onload=alert(5)>", "<img src=y onerror=alert(6)>"),
}
# data-file label (French text replaced) -> payload
LABELS = {
    "status.recommended: {fr: Recommandé,": "<img src=z onerror=alert(7)>",
    "col.port: {fr: Port,": "</td><script>alert(8)</script>",
    "site.notfound_title: {fr: Page introuvable,": "<img src=n onerror=alert(9)>",
    "search.placeholder: {fr: Rechercher,": '"><img src=s onerror=alert(10)>',
}
PROVIDER = "[appel](javascript:alert(11))"
BODY = "\nMarque : <!-- md:value provider.name -->.\n\n## Ports {#ports}\n\n<!-- md:ports -->\n"
RAW = re.compile(r"<(?:img src=[xyzns]|script>alert|svg onload|b onmouseover)|href=\"javascript:", re.I)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = site_copy.make(tmp_path_factory.mktemp("escaping") / "project")
    for page, (title, description) in PAGES.items():
        weight = "" if page.endswith("index.md") and page.count("/") == 1 else "weight: 10\n"
        body = "<!-- md:guides -->\n" if page.endswith("index.md") else BODY
        site_copy.write(project, page, f"---\ntitle: {_quoted(title)}\nsources: [seed]\n"
                                       f"description: {_quoted(description)}\nrevision: 1\n{weight}"
                                       f"keywords: [{_quoted(title)}]\n---\n{body}")
    data = project / "data" / "mail.yml"
    text = data.read_text(encoding="utf-8")
    for old, payload in LABELS.items():
        assert old in text, old
        text = text.replace(old, old.split("{fr:")[0] + "{fr: " + _quoted(payload) + ",")
    text = text.replace("  name: Infomaniak\n", f"  name: {_quoted(PROVIDER)}\n")
    data.write_text(text, encoding="utf-8")
    result = site_copy.build(project, project / "site", KB_LANGUAGE="fr")
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"  # French only, at the site root


def test_no_payload_is_markup_in_any_built_page(site):
    offending = [f"{p.relative_to(site)}: {m[0]}" for p in site.rglob("*.html")
                 for m in RAW.finditer(p.read_text(encoding="utf-8"))]
    assert not offending, offending


def test_payloads_are_shown_as_typed(site):
    guide = (site / "guides" / "first" / "index.html").read_text(encoding="utf-8")
    shown = "&lt;img src=x onerror=alert(1)&gt;"
    assert f"<h1>{shown}</h1>" in guide
    assert f"<title>{shown} \u2013 " in guide  # the en dash of page.title_separator
    assert guide.count(shown) >= 3  # <title>, header, <h1> (and the navigation)
    assert 'content="&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in guide  # meta description
    assert "&#60;img src=z onerror=alert(7)&#62;" in guide  # a label in the ports table
    category = (site / "guides" / "index.html").read_text(encoding="utf-8")
    assert "&#91;lien&#93;(javascript:alert(3)) &#42;gras&#42;" in category  # listing: no link, no emphasis
    assert "&#60;b onmouseover=alert(4)&#62;survol&#60;/b&#62;" in category


JS_ATTRIBUTES = "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]).filter(a => a.name.startsWith('on') || a.value.trim().startsWith('javascript:')).map(a => a.name + '=' + a.value)"  # noqa: E501


@pytest.mark.parametrize("path", ["", "guides/", "guides/first/", "guides/second/", "404.html"])
def test_payloads_are_inert_in_chromium(browser, serve, site, path):
    base = serve(site, "/esc/")
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        handlers = page.evaluate(JS_ATTRIBUTES)
        inline_scripts = page.evaluate("[...document.scripts].filter(s => s.textContent.includes('alert(')).length")
        heading = page.text_content("h1")
    finally:
        page.close()
    assert not dialogs and not handlers and not inline_scripts
    expected = {"": "Home fr", "guides/": "<svg onload=alert(5)>", "guides/first/": "<img src=x onerror=alert(1)>",
                "guides/second/": "[lien](javascript:alert(3)) *gras*", "404.html": "<img src=n onerror=alert(9)>"}
    assert heading.strip() == expected[path]


def test_search_results_show_titles_as_text(browser, serve, site):
    base = serve(site, "/esc-search/")
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(base)
        page.fill(".md-search__input", "Marque")
        page.wait_for_selector(".md-search-result__link")
        titles = page.eval_on_selector_all(".md-search-result__article h1", "hs => hs.map(h => h.textContent)")
        handlers = page.evaluate(JS_ATTRIBUTES)
    finally:
        page.close()
    assert "<img src=x onerror=alert(1)>" in titles
    assert not dialogs and not handlers


MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "pymdownx.superfences"]


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1).map(str.strip).filter(bool))
def test_any_text_renders_as_itself_in_generated_markdown(text):
    """mdtext.markdown(x) in a list item (as in the listings) shows exactly x and makes no element."""
    rendered = markdown.markdown(f"- {mdtext.markdown(text)}", extensions=MARKDOWN_EXTENSIONS)
    inner = rendered.removeprefix("<ul>\n<li>").removesuffix("</li>\n</ul>")
    assert "<" not in inner
    assert unescape(inner) == " ".join(text.split()) or unescape(inner) == text


class _Tags(HTMLParser):
    """Start tags and the text of each <script>, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        if self.lasttag == "script":
            self.scripts.append(data)


@pytest.mark.parametrize("name", ["helo", "csv"])
def test_checker_strings_stay_text(monkeypatch, name):
    """Every string of a checker, in its form and in the JSON its script reads, is text."""
    payload = "</script><img src=x onerror=alert(1)>"
    monkeypatch.setattr(widget_markup, "message", lambda domain, lang, msgid: payload)
    # the runtime strings keep their {placeholders}, so they come from the catalog itself
    monkeypatch.setattr(widget_markup, "translations",
                        lambda domain, lang: type("Catalog", (), {"gettext": staticmethod(lambda msgid: payload),
                                                                  "ngettext": staticmethod(lambda *_: payload)})())
    parser = _Tags()
    parser.feed(widget_markup.render(name, "fr", "../") + widget_markup.template_link("fr", "../"))
    assert "img" not in parser.tags
    strings = json.loads(next(s for s in parser.scripts if s.strip().startswith("{")))
    texts = [value for key, value in strings.items() if not key.startswith("_")]  # _number, _files: not catalog text
    assert {form for value in texts for form in (value if isinstance(value, list) else [value])} == {payload}
