"""One word per concept and language (data/terms.yml) in guides, data-file labels and catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import terminology

ROOT = Path(__file__).resolve().parent.parent


def test_every_language_uses_one_term_per_concept() -> None:
    found = terminology.offences()
    assert not found, "variants that data/terms.yml rules out:\n" + "\n".join(map(str, found))


def test_every_language_has_a_terminology_list() -> None:
    from sitebuild import maildata

    languages = maildata.load(ROOT / "data" / "mail.yml")["languages"]
    assert set(terminology.load()) == set(languages)


TERMS = """\
fr:
  settings:
    use: réglages
    avoid: ["[Pp]aramètres?(?! régionaux)"]
de:
  two dots in a row:
    use: zwei Punkte hintereinander (..)
    avoid: ["Doppelpunkt\\\\w*", "zwei Punkte(?! hintereinander \\\\(\\\\.\\\\.\\\\))"]
"""


def _site(tmp_path: Path) -> Path:
    """A miniature repository: one guide, a data file and a catalog per language."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "terms.yml").write_text(TERMS, encoding="utf-8")
    (tmp_path / "data" / "mail.yml").write_text(
        "languages: [fr, de]\nlabels:\n  col.setting: {fr: Paramètre, de: Einstellung}\n", encoding="utf-8"
    )
    guide = tmp_path / "docs" / "fr" / "guide.md"
    guide.parent.mkdir(parents=True)
    guide.write_text(
        "---\ntitle: Réglages\n---\n\n"
        "Vos paramètres régionaux comptent.\n"  # an allowed neighbour of the variant
        "Ouvrez les paramètres du compte.\n"  # line 6: the variant
        "```\nparamètres = code, not prose\n```\n"
        "Voir [la page](../paramètres.md) et `paramètres`.\n",  # link target and inline code
        encoding="utf-8",
    )
    (tmp_path / "docs" / "de").mkdir()
    po = tmp_path / "widgets" / "mailcheck" / "locale" / "de" / "LC_MESSAGES" / "csv.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid "Two dots."\nmsgstr ""\n"Die Adresse enthält zwei Punkte "\n"hintereinander."\n\n'
        'msgid "Fine."\nmsgstr "Keine zwei Punkte hintereinander (..)."\n',
        encoding="utf-8",
    )
    (po.parent.parent.parent / "fr" / "LC_MESSAGES").mkdir(parents=True)
    return tmp_path


def test_a_forbidden_variant_fails_with_file_line_and_the_preferred_term(tmp_path: Path) -> None:
    root = _site(tmp_path)
    found = [str(o) for o in terminology.offences(root, root / "data" / "terms.yml")]
    assert sorted(found) == sorted([
        "docs/fr/guide.md:6: 'paramètres' -> use 'réglages' (settings)",
        "data/mail.yml:3: 'Paramètre' -> use 'réglages' (settings)",
        "widgets/mailcheck/locale/de/LC_MESSAGES/csv.po:2: 'zwei Punkte' "
        "-> use 'zwei Punkte hintereinander (..)' (two dots in a row)",
    ])


def test_the_front_matter_title_is_scanned(tmp_path: Path) -> None:
    root = _site(tmp_path)
    guide = root / "docs" / "fr" / "guide.md"
    guide.write_text("---\ntitle: Les paramètres\n---\n", encoding="utf-8")
    found = [str(o) for o in terminology.offences(root, root / "data" / "terms.yml") if "guide.md" in o.path]
    assert found == ["docs/fr/guide.md:2: 'paramètres' -> use 'réglages' (settings)"]


def test_a_bad_terms_file_names_the_concept(tmp_path: Path) -> None:
    bad = tmp_path / "terms.yml"
    bad.write_text("fr:\n  settings:\n    use: réglages\n    avoid: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(terminology.TermsError, match=r"fr\.settings: bad regular expression"):
        terminology.load(bad)
    bad.write_text("fr:\n  settings:\n    use: réglages\n", encoding="utf-8")
    with pytest.raises(terminology.TermsError, match=r"fr\.settings: expected 'use: <term>' and 'avoid"):
        terminology.load(bad)
