"""The checkers' HTML: accessible, translated, safe to drop into Markdown."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po

from mailcheck import web
from mailcheck.i18n import LANGUAGES, LOCALE_DIR
from sitebuild import widget_assets, widget_markup


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the JSON strings block."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.json = ""
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_json = tag == "script" and dict(attrs).get("type") == "application/json"

    def handle_endtag(self, tag: str) -> None:
        self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json += data


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["helo", "csv", "recipients", "bounce"])
def test_widget_is_accessible_and_self_describing(name: str, lang: str) -> None:
    html = widget_markup.render(name, lang, "../../")
    page = _parse(html)
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    labelled = [attrs["for"] for tag, attrs in page.tags if tag == "label"]
    assert labelled and set(labelled) <= ids, "every label points at a control"
    assert any(tag in {"textarea", "input"} for tag, _ in page.tags)
    assert any(tag == "button" for tag, _ in page.tags)
    assert any(attrs.get("aria-live") == "polite" for _, attrs in page.tags)
    assert "<noscript>" in html and "WebAssembly" in html
    loader = "../../_widgets/" + widget_assets.stage().page["loader"]
    assert ("script", {"type": "module", "src": loader}) in page.tags
    assert any(tag == "button" and attrs.get("class", "").startswith("mailcheck__retry") and "hidden" in attrs
               for tag, attrs in page.tags), "a Retry button, hidden until the runtime fails"
    assert "\n\n" not in html, "a blank line would end Markdown's raw HTML block"
    strings = json.loads(page.json)
    assert set(strings) == {*widget_markup.RUNTIME_STRINGS, "_singular", "_number", "_files"}
    assert all(strings.values())


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_ui_catalog_matches_the_code(lang: str) -> None:
    """Every ui string the code uses has a translation, and the catalog holds no leftovers."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "ui.po").open("rb") as po:
        catalog = {m.id: m.string for m in read_po(po) if m.id}
    used = {*widget_markup.RUNTIME_STRINGS.values(), *widget_markup.MARKUP_STRINGS.values(),
            *(msgid for own in widget_markup.TOOL_STRINGS.values() for msgid in own.values()),
            web.BAD_REQUEST, web.INTERNAL_ERROR}
    assert set(catalog) == used
    assert all(catalog.values())


def test_strings_block_cannot_close_its_script() -> None:
    assert "</" not in widget_markup._strings("en", "helo").replace("<\\/", "")


def test_unknown_widget_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="bounce, csv, helo, profile, recipients"):
        widget_markup.render("spf", "en", "./")


def test_template_link_points_at_the_published_file() -> None:
    html = widget_markup.template_link("de", "../")
    folder = widget_assets.stage().page["templates"]
    assert f'href="../_widgets/{folder}vorlage-adressen.csv"' in html
    assert "download" in html and "CSV-Vorlage" in html
