"""Every message id of the CSV checker is translated in fr, de, it and es (domain ``csv``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import mailcheck.csvcheck
from mailcheck.csvcheck.codes import DOMAIN, RULES
from mailcheck.i18n import LANGUAGES, LOCALE_DIR, N_, NP_

PACKAGE = Path(mailcheck.csvcheck.__file__).parent
# Plural pairs (NP_) are extracted as (singular, plural), as the catalogs key them.
MSGIDS = {message for _, _, message, _, _ in extract_from_dir(str(PACKAGE), keywords={"N_": None, "NP_": (1, 2)})}


def test_rule_messages_are_extracted() -> None:
    assert {rule.message for rule in RULES.values()} <= MSGIDS
    assert N_ is not None and NP_ is not None  # the markers the extraction keys on


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_catalog_is_complete_and_has_no_stale_ids(lang: str) -> None:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
        catalog = read_po(po)
    translated = {message.id: message.string for message in catalog if message.id}
    assert set(translated) == MSGIDS
    assert all(translated.values()), [msgid for msgid, text in translated.items() if not text]


def test_the_readme_lists_every_rule_as_the_code_defines_it() -> None:
    """widgets/README.md's table of finding codes is RULES, row for row (regenerate it when a rule changes)."""
    readme = (PACKAGE.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## CSV checker: Finding codes", 1)[1].split("\n## ", 1)[0]
    listed = [line for line in section.splitlines() if line.startswith("| `CSV_")]
    expected = [f"| `{code}` | {rule.severity.value} | {'fixes it' if rule.fixed else ''} | "
                f"{str(rule.message).replace('|', chr(92) + '|')} | {rule.why.replace('|', chr(92) + '|')} |"
                for code, rule in RULES.items()]
    assert listed == expected
