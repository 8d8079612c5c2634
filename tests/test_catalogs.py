"""Every message of every gettext domain exists in fr, de, it and es, with the same placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from mailcheck.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALE_DIR
from sitebuild import compile_assets

TRANSLATED = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
DOMAINS = sorted({po.stem for po in LOCALE_DIR.glob("*/LC_MESSAGES/*.po")})
PACKAGE_DIR = LOCALE_DIR.parent
# What widgets/babel.cfg tells pybabel: NP_ pairs and plural() calls are counted messages.
KEYWORDS = {**DEFAULT_KEYWORDS, "NP_": (1, 2), "plural": (3, 4)}


def ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def expected_ids(domain: str) -> set[str]:
    """The template when the domain has one, else every id any language has."""
    template = LOCALE_DIR / f"{domain}.pot"
    if template.exists():
        return ids(template)
    return set().union(*(ids(po) for po in LOCALE_DIR.glob(f"*/LC_MESSAGES/{domain}.po")))


def test_the_catalogs_are_there() -> None:
    assert "helo" in DOMAINS


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_is_translated(domain: str, lang: str) -> None:
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    assert po.exists(), f"{po} is missing"
    catalog = compile_assets.read_catalog(po)  # strict parse; placeholders must match the id
    missing = [
        msgid for msgid in sorted(expected_ids(domain), key=str)
        if msgid not in catalog or not catalog[msgid].string or catalog[msgid].fuzzy
    ]
    assert not missing, f"{po}: untranslated or fuzzy: {missing}"


def test_helo_template_matches_the_code() -> None:
    """helo.pot is regenerated whenever a message id changes in mailcheck/helo."""
    in_code = {message for _, _, message, *_ in extract_from_dir(PACKAGE_DIR / "helo", keywords=KEYWORDS)}
    assert in_code == ids(LOCALE_DIR / "helo.pot")
