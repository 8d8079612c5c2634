"""No checker message asks the reader to send what they entered: a CSV file holds passwords.

The internal-error message instead names the data file's feedback channel and
says never to send a password.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from mailcheck import web
from mailcheck.i18n import LANGUAGES, LOCALE_DIR, message
from sitebuild import maildata, terminology

ROOT = Path(__file__).resolve().parent.parent
DATA = maildata.load(ROOT / "data" / "mail.yml")

# An invitation to send, tell or show us what was entered, typed, or the file itself.
INVITATION = {
    "en": r"(?i:(?:tell|send|show|give) us\b.*\b(?:entered|typed|input|file|passwords?)\b|send us\b)",
    "fr": r"(?i:(?:indiquer|dire|envoyer|transmettre|communiquer)\b.*ce que vous avez (?:saisi|entré|tapé)"
          r"|envoyez-nous|transmettez-nous|indiquez-nous)",
    "de": r"(?i:(?:teilen Sie uns|schicken Sie uns|senden Sie uns|sagen Sie uns)\b)",
    "it": r"(?i:(?:indicarci|dirci|inviarci|comunicarci)\b|ci (?:invii|indichi|dica|comunichi)\b)",
    "es": r"(?i:(?:indíquenos|díganos|envíenos|comuníquenos)\b)",
}


def catalog_messages(lang: str) -> list[tuple[str, int, str]]:
    """``(file, line, text)`` of every message a reader of ``lang`` can see."""
    found = []
    for po in sorted(LOCALE_DIR.glob(f"{'fr' if lang == 'en' else lang}/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            for entry in read_po(handle):
                if entry.id:
                    text = entry.id if lang == "en" else entry.string
                    found.append((po.relative_to(ROOT).as_posix(), entry.lineno, str(text)))
    return found


def invitations(lang: str, messages: list[tuple[str, int, str]]) -> list[str]:
    pattern = re.compile(INVITATION[lang])
    return [f"{path}:{line}: {text}" for path, line, text in messages if pattern.search(text)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_catalog_invites_the_reader_to_send_what_they_entered(lang: str) -> None:
    found = invitations(lang, catalog_messages(lang))
    assert not found, "a message invites the reader to send their input:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The checker failed on this input. Please tell us what you entered."),
        ("fr", "L'outil de vérification n'a pas pu traiter cette saisie. "
               "Merci de nous indiquer ce que vous avez saisi."),
        ("de", "Bei dieser Eingabe ist die Prüfung fehlgeschlagen. "
               "Bitte teilen Sie uns mit, was Sie eingegeben haben."),
        ("it", "Lo strumento di verifica non è riuscito. La preghiamo di indicarci che cosa ha inserito."),
        ("es", "La herramienta de comprobación ha fallado. Por favor, indíquenos qué ha introducido."),
    ],
)
def test_the_old_invitations_would_fail(lang: str, text: str) -> None:
    assert invitations(lang, [("x.po", 1, text)]) == [f"x.po:1: {text}"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_internal_error_names_the_channel_and_warns_about_passwords(lang: str) -> None:
    text = message("ui", lang, web.INTERNAL_ERROR, channel=web._channel(lang))
    channel = maildata.label(DATA, f"link.{DATA['feedback']['channel']}", lang)
    password = next(r.use for r in terminology.load()[lang] if r.concept == "password")
    assert channel in text
    assert password.lower() in text.lower()
    assert "{" not in text


def test_the_web_answer_carries_the_channel() -> None:
    answer = web._failure("csv", "de", "WEB_INTERNAL_ERROR", web.INTERNAL_ERROR)
    assert maildata.label(DATA, "link.support", "de") in answer["findings"][0]["message"]
