"""Write ``mailcheck/csvcheck/words.json``: the ranked word lists the CSV checker adds to zxcvbn.

zxcvbn's own lists are English, so ``Sommer2024!`` or ``Motdepasse2024!`` scored 3 or 4.
This script takes the ranked lists the zxcvbn-ts project publishes for German, French,
Italian and Spanish (frequent words, Wikipedia words, first and last names) and its list
of common passwords across languages, keeps the top of each (the wheel carries the
result), and puts in front of them our own short list of the words people build office
passwords from (:data:`OWN_WORDS`): "password" in each language, months, seasons,
greetings, company words. zxcvbn's guesses for ``Word2024!`` are about 4e5 x the word's
rank, so only a word ranked in the first 250 or so makes that password weak: the order
of :data:`OWN_WORDS` is the order of that list.

    .venv/bin/python widgets/password_words.py   # needs npm and the npm registry; rewrites words.json

The result is committed; run this only to change the lists or their sizes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import unicodedata
from itertools import zip_longest
from pathlib import Path

from zxcvbn.frequency_lists import FREQUENCY_LISTS

OUT = Path(__file__).resolve().parent / "mailcheck" / "csvcheck" / "words.json"
PACKAGES = {  # pinned: the committed file is what these versions give
    "de": "@zxcvbn-ts/language-de@3.0.2",
    "fr": "@zxcvbn-ts/language-fr@4.1.2",
    "it": "@zxcvbn-ts/language-it@3.0.2",
    "es": "@zxcvbn-ts/language-es-es@4.1.2",
    "common": "@zxcvbn-ts/language-common@4.1.3",
}
# How much of each list is kept (the top, by rank): enough for the words people
# really use, small enough for a wheel every reader downloads.
KEEP = {"commonWords": 6_000, "wikipedia": 4_000, "firstnames": 2_000, "lastnames": 2_000}
KEEP_PASSWORDS = 12_000
MIN_WORD = 3  # shorter words cost zxcvbn as little as their characters do
# Keyboard layouts of the readers' countries, for zxcvbn's spatial matcher.
GRAPHS = ("azerty", "qwertz")

# Our own list, most likely first. Words with accents get their typed-without-accent
# forms too (ä -> ae and a), right after them. Kept under about 250 entries.
OWN_WORDS = """
password passwort kennwort motdepasse contraseña contrasena clave parola parolachiave
sommer winter herbst frühling summer spring autumn fall
été printemps automne hiver
estate primavera autunno inverno verano otoño invierno
welcome willkommen bienvenue bienvenu benvenuto benvenuti bienvenido bienvenida
hallo hello bonjour salut coucou ciao buongiorno salve hola buenosdias servus moin grüezi
firma company entreprise société azienda società ditta empresa compañía
büro office bureau ufficio oficina
mitarbeiter employee employe dipendente empleado
team equipe équipe squadra equipo
kunde client cliente kunden
praxis kanzlei verwaltung sekretariat empfang accueil secretariat segreteria secretaria
admin administrator administration amministrazione administracion administración
januar februar märz april mai juni juli august september oktober november dezember
janvier février mars avril juin juillet août septembre octobre novembre décembre
gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre dicembre
enero febrero abril mayo junio julio septiembre setiembre octubre noviembre diciembre
january february march june july october december
montag dienstag mittwoch donnerstag freitag samstag sonntag
lundi mardi mercredi jeudi vendredi samedi dimanche
lunedi martedi mercoledi giovedi venerdi sabato domenica
lunes martes miercoles jueves viernes sabado domingo
geheim secret segreto secreto sicher sicherheit sécurité sicurezza seguridad
start neustart anfang debut inizio inicio
schatz liebe amour amore
soleil sonne sole sonnenschein
"""
ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _typed_forms(word: str) -> list[str]:
    """``word``, then how it is typed without accents (``märz``: ``maerz``, ``marz``)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return list(dict.fromkeys([word, word.translate(ASCII), bare]))


def _install(folder: Path) -> Path:
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(folder),
                    *PACKAGES.values()], check=True)
    return folder / "node_modules"


def _list(modules: Path, key: str, name: str) -> list[str]:
    package = PACKAGES[key].rpartition("@")[0]
    return json.loads((modules / package / "src" / f"{name}.json").read_text(encoding="utf-8"))


def _usable(words: list[str]) -> list[str]:
    return [w for w in (word.lower() for word in words) if len(w) >= MIN_WORD and not any(c.isspace() for c in w)]


def _known() -> dict[str, int]:
    """The best rank each word already has in zxcvbn's own lists."""
    ranks: dict[str, int] = {}
    for words in FREQUENCY_LISTS.values():
        for rank, word in enumerate(words, 1):
            ranks[word] = min(rank, ranks.get(word, rank))
    return ranks


def _ranked(lists: list[list[str]], known: dict[str, int], seen: set[str]) -> list[str]:
    """The lists interleaved by rank, each word once, where it adds to zxcvbn's own lists."""
    out: list[str] = []
    for row in zip_longest(*lists):
        for word in row:
            if word is None or word in seen:
                continue
            seen.add(word)
            if known.get(word, sys.maxsize) > len(out) + 1:
                out.append(word)
    return out


def build(modules: Path) -> dict[str, object]:
    known = _known()
    own = list(dict.fromkeys(form for word in OWN_WORDS.split() for form in _typed_forms(word)))
    seen = set(own)
    passwords = _usable(_list(modules, "common", "passwords"))[:KEEP_PASSWORDS]
    lists = [[form for word in _usable(_list(modules, lang, name))[:keep] for form in _typed_forms(word)]
             for name, keep in KEEP.items() for lang in ("de", "fr", "it", "es")]
    graphs = json.loads((modules / "@zxcvbn-ts/language-common/src/adjacencyGraphs.json").read_text("utf-8"))
    return {
        "source": {key: spec for key, spec in PACKAGES.items()},
        "mailcheck_common": " ".join(own + _ranked([passwords], known, seen)),
        "mailcheck_words": " ".join(_ranked(lists, known, seen)),
        "graphs": {name: graphs[name] for name in GRAPHS},
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = build(_install(Path(folder)))
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    words = {key: len(value.split()) for key, value in data.items() if key.startswith("mailcheck_")}
    print(f"{OUT.name}: {OUT.stat().st_size:,} bytes, {words}")


if __name__ == "__main__":
    main()
