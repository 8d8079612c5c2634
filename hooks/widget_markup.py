"""HTML of the in-browser checkers (``<!-- md:widget NAME -->``) and of the template link.

The markup works before any script runs: labels, a form and a ``<noscript>`` line are
plain HTML, and the strings the script needs later travel in a JSON block in the page
language, so the browser never fetches a catalog. Every string comes from the gettext
domain ``ui`` (widgets/mailcheck/locale/<lang>/LC_MESSAGES/ui.po, English msgids).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

from mailcheck.i18n import N_, message

ASSETS = "_widgets/"  # where widget_assets.publish puts the runtime, from the site root
TEMPLATES = ASSETS + "templates/"

# Strings the script shows while it runs (key -> English msgid).
RUNTIME_STRINGS = {
    "idle": N_("The checker loads when you use it."),
    "loading": N_("Loading the checker…"),
    "ready": N_("Ready."),
    "checking": N_("Checking…"),
    "failed": N_("The checker could not start in this browser. Try a recent browser with JavaScript and WebAssembly."),
    "accept": N_("Accepted"),
    "reject": N_("Rejected"),
    "error": N_("Could not check"),
    "severity.error": N_("Error"),
    "severity.warning": N_("Warning"),
    "severity.info": N_("Note"),
    "no_findings": N_("No problem found."),
    "col.row": N_("Row"),
    "col.column": N_("Column"),
    "col.severity": N_("Severity"),
    "col.message": N_("Message"),
    "part": N_("Offending part:"),
    "fix": N_("How to fix it"),
    "dialogue": N_("What your server would see"),
    "download_fixed": N_("Download the corrected file"),
    "empty": N_("Enter something to check first."),
    "helo.next": N_(
        "If mail from this server still bounces, read the bounce message for its reason, and check that "
        "the name has an address in the DNS and that the server's IP address points back to it (reverse DNS)."
    ),
}

# Strings of the static markup (key -> English msgid).
MARKUP_STRINGS = {
    "helo.label": N_("Name your server sends in HELO/EHLO, or lines from a log or bounce"),
    "helo.hint": N_("For example mail.example.com, EHLO mail.example.com, or a log line with helo=<…>."),
    "csv.privacy": N_("Your file never leaves your browser: the check runs on this page and sends nothing."),
    "csv.file": N_("CSV file to check"),
    "csv.drop": N_("Choose the file, or drop it on this box."),
    "csv.paste": N_("Or paste the content of the file"),
    "check": N_("Check"),
    "noscript": N_("This checker runs in your browser and needs JavaScript and WebAssembly."),
    "template": N_("Download the CSV template"),
}


def template_filename(lang: str) -> str:
    """File name of the CSV template in ``lang`` (written by widget_assets.publish)."""
    return f"addresses-template-{lang}.csv"


def _t(lang: str, key: str) -> str:
    """A markup string in ``lang``, escaped for HTML."""
    return escape(message("ui", lang, MARKUP_STRINGS.get(key) or RUNTIME_STRINGS[key]))


def _strings(lang: str) -> str:
    """The runtime strings as JSON that is safe inside a <script> element."""
    strings = {key: message("ui", lang, msgid) for key, msgid in RUNTIME_STRINGS.items()}
    return json.dumps(strings, ensure_ascii=False).replace("</", "<\\/")


def _helo_form(lang: str) -> str:
    return (
        '<form class="mailcheck__form">'
        f'<label for="mailcheck-helo-text">{_t(lang, "helo.label")}</label>'
        f'<p class="mailcheck__hint" id="mailcheck-helo-hint">{_t(lang, "helo.hint")}</p>'
        '<textarea id="mailcheck-helo-text" name="text" rows="3" spellcheck="false" autocomplete="off" '
        'autocapitalize="off" aria-describedby="mailcheck-helo-hint"></textarea>'
        f'<button type="submit" class="md-button md-button--primary">{_t(lang, "check")}</button>'
        "</form>"
    )


def _csv_form(lang: str) -> str:
    return (
        f'<p class="mailcheck__privacy">{_t(lang, "csv.privacy")}</p>'
        '<form class="mailcheck__form">'
        '<div class="mailcheck__drop">'
        f'<label for="mailcheck-csv-file">{_t(lang, "csv.file")}</label>'
        '<input type="file" id="mailcheck-csv-file" name="file" aria-describedby="mailcheck-csv-drop">'
        f'<p class="mailcheck__hint" id="mailcheck-csv-drop">{_t(lang, "csv.drop")}</p>'
        "</div>"
        f'<label for="mailcheck-csv-text">{_t(lang, "csv.paste")}</label>'
        '<textarea id="mailcheck-csv-text" name="text" rows="6" spellcheck="false" autocomplete="off"></textarea>'
        f'<button type="submit" class="md-button md-button--primary">{_t(lang, "check")}</button>'
        "</form>"
    )


FORMS: dict[str, Callable[[str], str]] = {"helo": _helo_form, "csv": _csv_form}


def render(name: str, lang: str, base: str) -> str:
    """The widget ``name`` in ``lang``; ``base`` leads from the page to the site root."""
    if name not in FORMS:
        raise KeyError(f"unknown widget {name!r}; known: {', '.join(sorted(FORMS))}")
    assets = escape(base + ASSETS)
    # One block of HTML without blank lines, so Markdown passes it through untouched.
    return (
        f'<div class="mailcheck mailcheck--{name}" data-mailcheck="{name}" data-lang="{escape(lang)}">'
        f'<link rel="stylesheet" href="{assets}widget.css">'
        f"{FORMS[name](lang)}"
        '<p class="mailcheck__status" role="status">'
        '<progress max="3" value="0" hidden></progress> '
        f'<span class="mailcheck__status-text">{_t(lang, "idle")}</span></p>'
        # The result is shown silently; one short line says it (ui.js present()).
        '<div class="mailcheck__result" aria-busy="false"></div>'
        '<p class="mailcheck__announce" aria-live="polite" aria-atomic="true"></p>'
        f'<noscript><p class="mailcheck__noscript">{_t(lang, "noscript")}</p></noscript>'
        f'<script type="application/json" class="mailcheck__strings">{_strings(lang)}</script>'
        f'<script type="module" src="{assets}loader.js"></script>'
        "</div>"
    )


def template_link(lang: str, base: str) -> str:
    """A download link to the CSV template in ``lang``."""
    href = escape(base + TEMPLATES + template_filename(lang))
    return f'<a class="md-button" href="{href}" download>{_t(lang, "template")}</a>'
