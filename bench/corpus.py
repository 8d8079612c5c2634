"""Write a synthetic knowledge base of N guides per language into a scratch project.

The benchmarks and the scale test must all run on the same corpus, shaped like
the hoster's real one: categories with an index page (``<!-- md:guides -->``),
guides of 300 to 800 words with headings, lists and tables, the project's real
shortcodes (settings and ports tables, inline values, a checker on one page per
category), in all five languages. The project's own config, hooks, data file and
theme overrides are copied, so the build measured is the real one.

    python bench/corpus.py OUT [--n 1500] [--seed 1]

Every guide carries a reference code (``ref4711``) shared by its translations:
searching it on a page in one language must find that language's page only.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from sitebuild.testing.scratch import point_popular_at

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "fr", "de", "it", "es")  # en is the default language, built at the site root
GUIDES_PER_CATEGORY = 100  # a category page lists at most this many guides
# Copied: what the build reads and may change. Linked: what the hooks only read
# (the checker sources, the Pyodide runtime, the wheel cache).
COPIED = ("mkdocs.yml", "hooks", "data", "overrides")
LINKED = ("widgets", "node_modules", "build", "tests")  # tests: the corpus the stdlib trace runs


@dataclass(frozen=True)
class Language:
    """Phrase pools of one language; ``{t}`` / ``{u}`` are topics, ``{c}`` a mail client."""

    topics: tuple[str, ...]
    titles: tuple[str, ...]
    description: str
    headings: tuple[str, ...]
    sentences: tuple[str, ...]
    items: tuple[str, ...]
    table: tuple[str, str]
    limit_sentence: str  # with {value}: the recipients limit from the data file
    settings_heading: str
    ports_heading: str
    checker_heading: str
    ref: str  # "Reference {code}"
    categories: tuple[str, ...]
    category_intro: str
    home_title: str
    home_intro: str


CLIENTS = ("Thunderbird", "Outlook", "Apple Mail", "K-9 Mail", "eM Client", "Gmail", "Spark", "Evolution")

POOLS: dict[str, Language] = {
    "en": Language(
        topics=("the mailbox quota", "an alias", "the spam filter", "automatic replies", "a forwarding rule",
                "the signature", "the address book", "shared calendars", "the archive folder", "a redirect",
                "two-factor sign-in", "the mail filter", "the outgoing queue", "a catch-all address",
                "the sender name", "read receipts", "a mailing list", "the trash retention"),
        titles=("Setting up {t} in {c}", "How to change {t}", "Why {t} stops working", "Using {t} with {c}",
                "Checking {t} after a move", "Turning off {t}"),
        description="What to do with {t}, step by step, and what to check when it fails.",
        headings=("Before you start", "Step by step", "What changes for your readers", "Common mistakes",
                  "If it still fails", "Good to know", "Settings in {c}", "Limits that apply"),
        sentences=(
            "Open the settings of {c} and look for the section about {t}.",
            "Most people only need to change {t} once, right after creating the address.",
            "If {t} does not behave as expected, sign out of {c} and sign in again.",
            "Changes to {t} take effect within a few minutes on every device.",
            "Keep a note of the old value before you change {t}, so you can go back.",
            "{c} stores {t} locally, so other devices may still show the previous state.",
            "When {t} and {u} disagree, the server keeps the setting made last.",
            "Ask the person who manages the domain before you change {u}.",
            "Support can see {t} but cannot change it without your written consent.",
            "A message that was already delivered is not affected by a change to {u}.",
            "Test the result by sending a short message to yourself from {c}.",
            "Older versions of {c} hide {t} in an advanced menu.",
            "You can undo the change at any time; nothing is deleted along the way.",
            "The web app shows {t} under the address settings, next to {u}.",
        ),
        items=("check {t} in the web app", "restart {c}", "compare {t} with {u}", "wait five minutes",
               "write down the current value", "send a test message"),
        table=("Setting", "Where to find it"),
        limit_sentence="A message may have at most {value} recipients, To, Cc and Bcc together.",
        settings_heading="Recommended settings", ports_heading="Ports and protocols",
        checker_heading="Check it yourself", ref="Reference {code}",
        categories=("Mail clients", "Addresses", "Aliases and forwarding", "Spam and security", "Limits",
                    "Errors", "Calendars and contacts", "Offers", "Migration", "Webmail", "Domains",
                    "Mobile devices", "Archiving", "Teams", "Newsletters"),
        category_intro="Guides about {t}: the questions readers ask most often, with the settings to use.",
        home_title="Help centre",
        home_intro="Find a guide by topic, or type a few words into the search box at the top of the page.",
    ),
    "fr": Language(
        topics=("le quota de la boîte", "un alias", "le filtre antispam", "les réponses automatiques",
                "une règle de transfert", "la signature", "le carnet d'adresses", "les agendas partagés",
                "le dossier d'archives", "une redirection", "la connexion en deux étapes", "le filtre de tri",
                "la file d'envoi", "une adresse fourre-tout", "le nom d'expéditeur", "les accusés de lecture",
                "une liste de diffusion", "la durée de conservation de la corbeille"),
        titles=("Configurer {t} dans {c}", "Modifier {t}", "Pourquoi {t} ne fonctionne plus",
                "Utiliser {t} avec {c}", "Vérifier {t} après un déménagement", "Désactiver {t}"),
        description="Que faire avec {t}, étape par étape, et que vérifier en cas d'échec.",
        headings=("Avant de commencer", "Étape par étape", "Ce qui change pour vos correspondants",
                  "Erreurs fréquentes", "Si cela ne fonctionne toujours pas", "Bon à savoir",
                  "Réglages dans {c}", "Limites applicables"),
        sentences=(
            "Ouvrez les réglages de {c} et cherchez la rubrique consacrée à {t}.",
            "La plupart des gens ne modifient {t} qu'une fois, juste après avoir créé l'adresse.",
            "Si {t} ne se comporte pas comme prévu, déconnectez-vous de {c} puis reconnectez-vous.",
            "Une modification de {t} s'applique en quelques minutes sur tous les appareils.",
            "Notez l'ancienne valeur avant de modifier {t} : vous pourrez ainsi revenir en arrière.",
            "{c} garde {t} en mémoire locale ; d'autres appareils peuvent encore afficher l'état précédent.",
            "Lorsque {t} et {u} se contredisent, le serveur retient le dernier réglage enregistré.",
            "Demandez l'accord de la personne qui gère le domaine avant de modifier {u}.",
            "Le support voit {t} mais ne peut pas le modifier sans votre accord écrit.",
            "Un message déjà distribué n'est pas concerné par une modification de {u}.",
            "Vérifiez le résultat en vous envoyant un court message depuis {c}.",
            "Les anciennes versions de {c} cachent {t} dans un menu avancé.",
            "Vous pouvez annuler la modification à tout moment ; rien n'est supprimé en chemin.",
            "L'application web affiche {t} dans les réglages de l'adresse, à côté de {u}.",
        ),
        items=("vérifier {t} dans l'application web", "redémarrer {c}", "comparer {t} et {u}",
               "patienter cinq minutes", "noter la valeur actuelle", "envoyer un message de test"),
        table=("Réglage", "Où le trouver"),
        limit_sentence="Un message compte au plus {value} destinataires, champs À, Cc et Cci réunis.",
        settings_heading="Réglages recommandés", ports_heading="Ports et protocoles",
        checker_heading="Vérifier vous-même", ref="Référence {code}",
        categories=("Logiciels de messagerie", "Adresses", "Alias et transferts", "Spam et sécurité", "Limites",
                    "Erreurs", "Agendas et contacts", "Offres", "Migration", "Messagerie web", "Domaines",
                    "Appareils mobiles", "Archivage", "Équipes", "Lettres d'information"),
        category_intro="Guides sur {t} : les questions les plus fréquentes, avec les réglages à utiliser.",
        home_title="Centre d'aide",
        home_intro="Trouvez un guide par thème, ou saisissez quelques mots dans le champ de recherche en haut.",
    ),
    "de": Language(
        topics=("das Postfachkontingent", "ein Alias", "der Spamfilter", "die automatische Antwort",
                "eine Weiterleitungsregel", "die Signatur", "das Adressbuch", "freigegebene Kalender",
                "der Archivordner", "eine Umleitung", "die Zwei-Faktor-Anmeldung", "der Nachrichtenfilter",
                "die Ausgangswarteschlange", "eine Sammeladresse", "der Absendername", "Lesebestätigungen",
                "eine Verteilerliste", "die Aufbewahrungsdauer im Papierkorb"),
        titles=("{t} in {c} einrichten", "So ändern Sie {t}", "Warum {t} nicht mehr funktioniert",
                "{t} mit {c} verwenden", "{t} nach einem Umzug prüfen", "{t} ausschalten"),
        description="Was mit {t} zu tun ist, Schritt für Schritt, und was bei Fehlern zu prüfen ist.",
        headings=("Bevor Sie beginnen", "Schritt für Schritt", "Was sich für Ihre Empfänger ändert",
                  "Häufige Fehler", "Wenn es weiterhin nicht klappt", "Gut zu wissen",
                  "Einstellungen in {c}", "Geltende Grenzen"),
        sentences=(
            "Öffnen Sie die Einstellungen von {c} und suchen Sie den Abschnitt über {t}.",
            "Die meisten Nutzer ändern {t} nur einmal, direkt nach dem Anlegen der Adresse.",
            "Wenn {t} sich nicht wie erwartet verhält, melden Sie sich in {c} ab und wieder an.",
            "Änderungen an {t} gelten nach wenigen Minuten auf allen Geräten.",
            "Notieren Sie den alten Wert, bevor Sie {t} ändern, damit Sie zurückkehren können.",
            "{c} speichert {t} lokal; andere Geräte zeigen eventuell noch den vorherigen Stand.",
            "Widersprechen sich {t} und {u}, behält der Server die zuletzt gespeicherte Einstellung.",
            "Fragen Sie die Person, die die Domain verwaltet, bevor Sie {u} ändern.",
            "Der Support sieht {t}, darf es aber ohne Ihre schriftliche Zustimmung nicht ändern.",
            "Eine bereits zugestellte Nachricht ist von einer Änderung an {u} nicht betroffen.",
            "Prüfen Sie das Ergebnis, indem Sie sich aus {c} eine kurze Nachricht senden.",
            "Ältere Versionen von {c} verstecken {t} in einem erweiterten Menü.",
            "Sie können die Änderung jederzeit rückgängig machen; dabei geht nichts verloren.",
            "Die Web-App zeigt {t} in den Einstellungen der Adresse, neben {u}.",
        ),
        items=("{t} in der Web-App prüfen", "{c} neu starten", "{t} mit {u} vergleichen",
               "fünf Minuten warten", "den aktuellen Wert notieren", "eine Testnachricht senden"),
        table=("Einstellung", "Wo Sie sie finden"),
        limit_sentence="Eine Nachricht darf höchstens {value} Empfänger haben, An, Cc und Bcc zusammen.",
        settings_heading="Empfohlene Einstellungen", ports_heading="Ports und Protokolle",
        checker_heading="Selbst prüfen", ref="Referenz {code}",
        categories=("E-Mail-Programme", "Adressen", "Aliasse und Weiterleitungen", "Spam und Sicherheit",
                    "Grenzen", "Fehler", "Kalender und Kontakte", "Angebote", "Umzug", "Webmail", "Domains",
                    "Mobilgeräte", "Archivierung", "Teams", "Newsletter"),
        category_intro="Anleitungen zu {t}: die häufigsten Fragen, mit den passenden Einstellungen.",
        home_title="Hilfe-Center",
        home_intro="Finden Sie eine Anleitung nach Thema, oder geben Sie oben ein paar Wörter ins Suchfeld ein.",
    ),
    "it": Language(
        topics=("la quota della casella", "un alias", "il filtro antispam", "le risposte automatiche",
                "una regola di inoltro", "la firma", "la rubrica", "i calendari condivisi",
                "la cartella di archivio", "un reindirizzamento", "l'accesso in due passaggi",
                "il filtro dei messaggi", "la coda di invio", "un indirizzo generico", "il nome del mittente",
                "le conferme di lettura", "una lista di distribuzione", "la conservazione nel cestino"),
        titles=("Configurare {t} in {c}", "Come modificare {t}", "Perché {t} non funziona più",
                "Usare {t} con {c}", "Controllare {t} dopo un trasloco", "Disattivare {t}"),
        description="Cosa fare con {t}, passo dopo passo, e cosa controllare se qualcosa non va.",
        headings=("Prima di iniziare", "Passo dopo passo", "Cosa cambia per i destinatari", "Errori frequenti",
                  "Se continua a non funzionare", "Buono a sapersi", "Impostazioni in {c}", "Limiti validi"),
        sentences=(
            "Apri le impostazioni di {c} e cerca la sezione dedicata a {t}.",
            "La maggior parte delle persone modifica {t} una sola volta, subito dopo aver creato l'indirizzo.",
            "Se {t} non si comporta come previsto, esci da {c} e accedi di nuovo.",
            "Una modifica a {t} vale dopo pochi minuti su tutti i dispositivi.",
            "Annota il valore precedente prima di modificare {t}, così potrai tornare indietro.",
            "{c} conserva {t} in locale: altri dispositivi possono mostrare ancora lo stato precedente.",
            "Quando {t} e {u} non concordano, il server mantiene l'ultima impostazione salvata.",
            "Chiedi a chi gestisce il dominio prima di modificare {u}.",
            "L'assistenza vede {t} ma non può modificarlo senza il tuo consenso scritto.",
            "Un messaggio già recapitato non è toccato da una modifica a {u}.",
            "Verifica il risultato inviando a te stesso un breve messaggio da {c}.",
            "Le versioni meno recenti di {c} nascondono {t} in un menu avanzato.",
            "Puoi annullare la modifica in qualsiasi momento; nulla viene eliminato.",
            "L'app web mostra {t} nelle impostazioni dell'indirizzo, accanto a {u}.",
        ),
        items=("controllare {t} nell'app web", "riavviare {c}", "confrontare {t} con {u}",
               "attendere cinque minuti", "annotare il valore attuale", "inviare un messaggio di prova"),
        table=("Impostazione", "Dove trovarla"),
        limit_sentence="Un messaggio può avere al massimo {value} destinatari, A, Cc e Ccn insieme.",
        settings_heading="Impostazioni consigliate", ports_heading="Porte e protocolli",
        checker_heading="Verifica da solo", ref="Riferimento {code}",
        categories=("Programmi di posta", "Indirizzi", "Alias e inoltri", "Spam e sicurezza", "Limiti", "Errori",
                    "Calendari e contatti", "Offerte", "Trasloco", "Webmail", "Domini", "Dispositivi mobili",
                    "Archiviazione", "Team", "Newsletter"),
        category_intro="Guide su {t}: le domande più frequenti, con le impostazioni da usare.",
        home_title="Centro assistenza",
        home_intro="Trova una guida per argomento, oppure digita qualche parola nel campo di ricerca in alto.",
    ),
    "es": Language(
        topics=("la cuota del buzón", "un alias", "el filtro antispam", "las respuestas automáticas",
                "una regla de reenvío", "la firma", "la libreta de direcciones", "los calendarios compartidos",
                "la carpeta de archivo", "una redirección", "el inicio de sesión en dos pasos",
                "el filtro de mensajes", "la cola de salida", "una dirección comodín", "el nombre del remitente",
                "las confirmaciones de lectura", "una lista de distribución", "la conservación en la papelera"),
        titles=("Configurar {t} en {c}", "Cómo cambiar {t}", "Por qué {t} deja de funcionar",
                "Usar {t} con {c}", "Comprobar {t} tras una mudanza", "Desactivar {t}"),
        description="Qué hacer con {t}, paso a paso, y qué comprobar cuando falla.",
        headings=("Antes de empezar", "Paso a paso", "Qué cambia para sus destinatarios", "Errores frecuentes",
                  "Si sigue sin funcionar", "Conviene saber", "Ajustes en {c}", "Límites aplicables"),
        sentences=(
            "Abra los ajustes de {c} y busque la sección dedicada a {t}.",
            "La mayoría de las personas cambia {t} una sola vez, justo después de crear la dirección.",
            "Si {t} no se comporta como espera, cierre la sesión en {c} y vuelva a entrar.",
            "Un cambio en {t} se aplica en pocos minutos en todos los dispositivos.",
            "Anote el valor anterior antes de cambiar {t}; así podrá volver atrás.",
            "{c} guarda {t} en local, por lo que otros dispositivos pueden mostrar aún el estado anterior.",
            "Cuando {t} y {u} no coinciden, el servidor conserva el último ajuste guardado.",
            "Consulte a la persona que gestiona el dominio antes de cambiar {u}.",
            "El soporte ve {t}, pero no puede cambiarlo sin su consentimiento por escrito.",
            "Un mensaje ya entregado no se ve afectado por un cambio en {u}.",
            "Compruebe el resultado enviándose un mensaje corto desde {c}.",
            "Las versiones antiguas de {c} esconden {t} en un menú avanzado.",
            "Puede deshacer el cambio en cualquier momento; no se borra nada por el camino.",
            "La aplicación web muestra {t} en los ajustes de la dirección, junto a {u}.",
        ),
        items=("comprobar {t} en la aplicación web", "reiniciar {c}", "comparar {t} con {u}",
               "esperar cinco minutos", "anotar el valor actual", "enviar un mensaje de prueba"),
        table=("Ajuste", "Dónde encontrarlo"),
        limit_sentence="Un mensaje puede tener como máximo {value} destinatarios, Para, CC y CCO juntos.",
        settings_heading="Ajustes recomendados", ports_heading="Puertos y protocolos",
        checker_heading="Compruébelo usted mismo", ref="Referencia {code}",
        categories=("Programas de correo", "Direcciones", "Alias y reenvíos", "Spam y seguridad", "Límites",
                    "Errores", "Calendarios y contactos", "Ofertas", "Mudanza", "Correo web", "Dominios",
                    "Dispositivos móviles", "Archivado", "Equipos", "Boletines"),
        category_intro="Guías sobre {t}: las preguntas más frecuentes, con los ajustes que conviene usar.",
        home_title="Centro de ayuda",
        home_intro="Encuentre una guía por tema, o escriba unas palabras en el campo de búsqueda de arriba.",
    ),
}


def ref_code(index: int) -> str:
    """The reference of guide ``index``, one word for the search index (``ref0042``)."""
    return f"ref{index:04d}"


def _front(title: str, description: str, weight: int) -> str:
    quoted = title.replace('"', "'")
    # Sources and readers' words: every guide needs both (the build says so); the title's words will do here.
    return (f'---\ntitle: "{quoted}"\nsources: [seed]\ndescription: "{description}"\nrevision: 1\n'
            f'weight: {weight}\nkeywords: ["{quoted}"]\n---\n\n')


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def guide(lang: str, index: int, widget: str | None) -> str:
    """One guide in ``lang``: same shape in every language, text seeded by ``index``."""
    pool = POOLS[lang]
    rng = random.Random(index)  # same choices in every language: translations line up
    topic, other = rng.sample(pool.topics, 2)
    client = rng.choice(CLIENTS)

    def fill(text: str) -> str:
        return _capital(text.format(t=topic, u=other, c=client))

    title = fill(rng.choice(pool.titles))
    parts = [_front(title, fill(pool.description), index), f"# {title}\n\n"]
    parts.append(fill(rng.choice(pool.sentences)) + " " + pool.ref.format(code=ref_code(index)) + ".\n\n")
    words, target = 0, rng.randint(300, 800)
    headings = rng.sample(pool.headings, len(pool.headings))
    section = 0
    while words < target:
        heading = fill(headings[section % len(headings)])
        body = [f"## {heading} {{#s{section}}}\n"]
        body.append(" ".join(fill(s) for s in rng.sample(pool.sentences, rng.randint(3, 5))))
        kind = section % 4
        if kind == 0:
            body.append("\n".join(f"{n}. {fill(i)}" for n, i in enumerate(rng.sample(pool.items, 4), 1)))
        elif kind == 1:
            rows = [f"| {fill(a)} | {fill(b)} |" for a, b in zip(rng.sample(pool.topics, 3), pool.items, strict=False)]
            body.append("\n".join([f"| {pool.table[0]} | {pool.table[1]} |", "|---|---|", *rows]))
        elif kind == 2:
            body.append(pool.limit_sentence.format(value="<!-- md:value limits.recipients_per_message -->"))
            body.append("- " + "\n- ".join(fill(i) for i in rng.sample(pool.items, 3)))
        else:
            body.append(" ".join(fill(s) for s in rng.sample(pool.sentences, 2)))
        text = "\n\n".join(body) + "\n\n"
        words += len(re.sub(r"<!--.*?-->|[|#\-]", " ", text).split())
        parts.append(text)
        section += 1
    if index % 3 == 0:
        parts.append(f"## {pool.settings_heading} {{#settings}}\n\n<!-- md:settings -->\n")
    elif index % 3 == 1:
        parts.append(f"## {pool.ports_heading} {{#ports}}\n\n<!-- md:ports -->\n")
    if widget:
        parts.append(f"\n## {pool.checker_heading} {{#checker}}\n\n<!-- md:widget {widget} -->\n")
    return "".join(parts)


def _category_slug(number: int) -> str:
    return f"c{number:02d}"


def _nav(categories: int) -> str:
    lines = ["nav:", "  - index.md"]
    lines += [f"  - {_category_slug(c)}/index.md" for c in range(categories)]
    return "\n".join(lines) + "\n"


def _copy_project(out: Path, categories: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source, target = ROOT / name, out / name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    for name in LINKED:
        link = out / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    point_popular_at(out / "data" / "mail.yml", [f"{_category_slug(0)}/guide-0000.md"])
    config = out / "mkdocs.yml"
    text = re.sub(r"^nav:\n(?:[ \t]+.*\n)+", _nav(categories), config.read_text(encoding="utf-8"), flags=re.M)
    config.write_text(text, encoding="utf-8")


def generate(out: Path, n: int = 1500) -> Path:
    """A scratch project in ``out`` with ``n`` guides per language; returns ``out``."""
    categories = max(1, -(-n // GUIDES_PER_CATEGORY))
    if categories > len(POOLS["en"].categories):
        raise ValueError(f"n={n}: at most {len(POOLS['en'].categories) * GUIDES_PER_CATEGORY} guides per language")
    shutil.rmtree(out / "docs", ignore_errors=True)
    _copy_project(out, categories)
    for lang in LANGS:
        pool = POOLS[lang]
        docs = out / "docs" / lang
        for c in range(categories):
            folder = docs / _category_slug(c)
            folder.mkdir(parents=True)
            name = pool.categories[c]
            intro = pool.category_intro.format(t=name.lower() if lang != "de" else name)
            (folder / "index.md").write_text(
                _front(name, intro, c) + f"# {name}\n\n{intro}\n\n<!-- md:guides -->\n", encoding="utf-8"
            )
        for i in range(n):
            c = i // GUIDES_PER_CATEGORY
            first = i % GUIDES_PER_CATEGORY == 0
            widget = ("helo", "csv")[c % 2] if first else None
            path = docs / _category_slug(c) / f"guide-{i:04d}.md"
            path.write_text(guide(lang, i, widget), encoding="utf-8")
        (docs / "index.md").write_text(
            _front(pool.home_title, pool.home_intro, 0) + f"{pool.home_intro}\n\n<!-- md:categories -->\n",
            encoding="utf-8",
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="scratch project folder (its docs/ is replaced)")
    parser.add_argument("--n", type=int, default=1500, help="guides per language (default 1500)")
    args = parser.parse_args()
    generate(args.out, args.n)
    print(f"{args.out}: {args.n} guides x {len(LANGS)} languages")


if __name__ == "__main__":
    main()
