"""HTML of the in-browser checkers (``<!-- md:widget NAME -->``) and of the template link.

The markup works before any script runs: labels, a form and a ``<noscript>`` line are
plain HTML, and the strings the script needs later travel in a JSON block in the page
language, so the browser never fetches a catalog. Every string comes from the gettext
domain ``ui`` (widgets/mailcheck/locale/<lang>/LC_MESSAGES/ui.po, English msgids).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape

from mailcheck.i18n import (
    DEFAULT_LANGUAGE,
    N_,
    NP_,
    NUMBER_SYMBOLS,
    SINGULAR_COUNTS,
    Counted,
    message,
    plural_index,
    translations,
    typeset,
)
from mailcheck.policy import policy
from sitebuild import widget_assets
from sitebuild.widget_assets import ASSETS, template_filename

# Strings the script shows while it runs (key -> English msgid, or NP_ pair for a count:
# the page then gets the language's forms and ui.js ``plural`` picks one).
RUNTIME_STRINGS = {
    # Neutral: a tool that names itself otherwise has its own in TOOL_STRINGS.
    "idle": N_("The tool loads when you use it."),
    "loading": N_("Loading the tool…"),
    "ready": N_("Ready."),
    "checking": N_("Working…"),
    "failed": N_("The tool could not start in this browser. Try a recent browser with JavaScript and WebAssembly."),
    # Why the runtime failed (widgets/web/diagnose.js), one sentence each; "Retry" starts it again.
    "failed.fetch": N_("The tool could not load its files from this site. Try again in a moment."),
    "failed.mime": N_("This site sends the tool's files with the wrong type, so the browser refuses them. "
                      "The site's administrator finds the fix in the browser console."),
    "failed.csp": N_("This site's security policy blocks WebAssembly, which the tool needs. "
                     "The site's administrator finds the fix in the browser console."),
    "failed.crashed": N_("The tool stopped unexpectedly, perhaps for lack of memory. Try again to restart it."),
    "retry": N_("Retry"),
    # A long check (a CSV file of thousands of rows) shows how far it is and can be stopped.
    "rows_done": NP_("Checked {done} of {n} row", "Checked {done} of {n} rows"),
    "cancel": N_("Cancel"),
    "cancelled": N_("The check was cancelled."),
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
    "findings_shown": NP_("Only the first {shown} of {n} finding are shown here; the download lists all of them.",
                          "Only the first {shown} of {n} findings are shown here; the download lists all of them."),
    "download_findings": N_("Download all findings (CSV)"),
    "empty": N_("Enter something to check first."),
    "group": N_("Message {index} of {total}"),
    "copy": N_("Copy"),
    "copied": N_("Copied"),
    "download_groups": N_("Download the groups as a text file"),
    "newsletter": N_("Advice for mailings to many people"),
    "parts": N_("Import one part per 24 hours, in this order:"),
    "download_part": NP_("Part {index} of {total} ({n} row)", "Part {index} of {total} ({n} rows)"),
    # The bounce explainer (widgets/web/bounce.js).
    "bounce.copy": N_("Copy a summary for support"),
    "bounce.copied": N_("Summary copied. The part of each address before the @ is masked."),
    "bounce.guide": N_("Read the guide that helps"),
    "bounce.details": N_("What the servers said"),
    "bounce.summary": N_("Summary for support (the part of each address before the @ is masked)"),
    "bounce.helo": N_("The HELO check of the name in the bounce"),
    "bounce.next": N_("What to do next"),
    "helo.next": N_(
        "If mail from this server still bounces, read the bounce message for its reason, and check that "
        "the name has an address in the DNS and that the server's IP address points back to it (reverse DNS)."
    ),
}

# Downloads the page itself makes (the worker names the daily parts and the profile).
PAGE_DOWNLOADS = ("fixed", "findings", "groups")

# Strings of the static markup (key -> English msgid).
MARKUP_STRINGS = {
    "helo.label": N_("Name your server sends in HELO/EHLO, or lines from a log or bounce"),
    "helo.hint": N_("For example mail.example.com, EHLO mail.example.com, or a log line with helo=<…>."),
    "csv.privacy": N_("Your file never leaves your browser: the check runs on this page and sends nothing."),
    "csv.file": N_("CSV file to check"),
    "csv.drop": N_("Choose the file, or drop it on this box."),
    "csv.paste": N_("Or paste the content of the file"),
    "profile.privacy": N_("The profile is made on this page: your address never leaves your browser. "
                          "It holds no password; your device asks for it when you install the profile."),
    "profile.address": N_("Your e-mail address"),
    "profile.name": N_("Your name as recipients should see it (optional)"),
    "profile.make": N_("Make my profile"),
    "profile.noscript": N_("This profile maker needs JavaScript. Without it, use the general profile or "
                           "enter the settings by hand."),
    "check": N_("Check"),
    "noscript": N_("This tool runs in your browser and needs JavaScript and WebAssembly."),
    "template": N_("Download the CSV template"),
    "recipients.privacy": N_("The addresses never leave your browser: they are counted on this page and sent nowhere."),
    "recipients.label": N_("Recipients of the message (To, Cc and Bcc together)"),
    "recipients.hint": N_("Paste the addresses as your mail program or spreadsheet gives them: separated by commas"
                          " or semicolons, or one per line; names and To:, Cc:, Bcc: are fine."),
    "profile.download": N_("Download the general profile (one address per device)"),
    "bounce.privacy": N_("The bounce never leaves your browser: it is read on this page and sent nowhere."),
    "bounce.label": N_("The bounce, the refusal or the log line"),
    "bounce.hint": N_("Paste the whole bounce message or only its text, the error your mail program showed,"
                      " or a line of your server's log."),
    "autoconfig.link": N_("Thunderbird autoconfig file (config-v1.1.xml)"),
}


# Each tool's own words for loading, working, failing and its button, where the shared ones
# above would misname it: a checker checks, the counter counts (the profile maker's own go
# here too). Keys are those of RUNTIME_STRINGS and MARKUP_STRINGS; a missing one is shared.
_CHECKER_STRINGS = {
    "idle": N_("The checker loads when you use it."),
    "loading": N_("Loading the checker…"),
    "checking": N_("Checking…"),
    "failed": N_("The checker could not start in this browser. Try a recent browser with JavaScript and WebAssembly."),
    "failed.fetch": N_("The checker could not load its files from this site. Try again in a moment."),
    "failed.mime": N_("This site sends the checker's files with the wrong type, so the browser refuses them. "
                      "The site's administrator finds the fix in the browser console."),
    "failed.csp": N_("This site's security policy blocks WebAssembly, which the checker needs. "
                     "The site's administrator finds the fix in the browser console."),
    "failed.crashed": N_("The checker stopped unexpectedly, perhaps for lack of memory. Check again to restart it."),
    "noscript": N_("This checker runs in your browser and needs JavaScript and WebAssembly."),
}
TOOL_STRINGS: dict[str, dict[str, str]] = {
    # A name that passes has broken none of the checker's rules; "Accepted" would read as the
    # hoster's own verdict, which no browser can give.
    "helo": {**_CHECKER_STRINGS, "accept": N_("No rule broken")},
    "csv": _CHECKER_STRINGS,
    "recipients": {
        "idle": N_("The counter loads when you use it."),
        "loading": N_("Loading the counter…"),
        "checking": N_("Counting…"),
        "failed": N_("The counter could not start in this browser. Try a recent browser with JavaScript and "
                     "WebAssembly."),
        "failed.crashed": N_("The counter stopped unexpectedly, perhaps for lack of memory. "
                             "Count again to restart it."),
        "noscript": N_("This counter runs in your browser and needs JavaScript and WebAssembly."),
        "empty": N_("Paste the addresses to count first."),
        "check": N_("Count"),
    },
    "profile": {},
}


def tool_msgid(tool: str, key: str) -> str | Counted:
    """The English id of string ``key`` for ``tool``: its own if it has one, else the shared one."""
    return TOOL_STRINGS.get(tool, {}).get(key) or MARKUP_STRINGS.get(key) or RUNTIME_STRINGS[key]


def _published(what: str) -> str:
    """The content-hashed path of the loader, stylesheet or templates folder, from the site root."""
    return ASSETS + widget_assets.stage().page[what]


def _t(lang: str, key: str, tool: str = "") -> str:
    """A markup string in ``lang`` (``tool``'s own if it has one), escaped for HTML."""
    return escape(message("ui", lang, tool_msgid(tool, key)))


def _forms(lang: str, pair: tuple[str, str]) -> list[str]:
    """Every form of a counted message in ``lang``, in the order of its plural rule."""
    counts = [next(n for n in range(10) if plural_index(lang, n) == form) for form in (0, 1)]
    return [typeset(translations("ui", lang).ngettext(*pair, n), lang) for n in counts]


def runtime_strings(lang: str, tool: str = "") -> dict[str, object]:
    """What ui.js reads: the runtime strings (a list of forms for a count), the language's
    plural rule (``_singular``: the counts that take the first form), number signs
    (``_number``: digit group and decimal separators, as mailcheck.i18n has them) and the
    names of the files the page makes (``_files``, from ``downloads`` in the data file)."""
    catalog = translations("ui", lang)
    strings: dict[str, object] = {}
    for key in RUNTIME_STRINGS:
        msgid = tool_msgid(tool, key)
        strings[key] = _forms(lang, msgid) if isinstance(msgid, Counted) else typeset(catalog.gettext(msgid), lang)
    strings["_singular"] = list(SINGULAR_COUNTS[lang])
    strings["_number"] = list(NUMBER_SYMBOLS[lang])
    # Names of the files the page makes ({stem}: the reader's file name without extension).
    strings["_files"] = {kind: policy()["downloads"][kind][lang] for kind in PAGE_DOWNLOADS}
    return strings


def _strings(lang: str, tool: str) -> str:
    """The runtime strings as JSON that is safe inside a <script> element.

    Their ``{placeholders}`` stay in: the script fills them (``format`` and ``plural`` in ui.js).
    """
    return json.dumps(runtime_strings(lang, tool), ensure_ascii=False).replace("</", "<\\/")


def _helo_form(lang: str) -> str:
    return (
        '<form class="mailcheck__form">'
        f'<label for="mailcheck-helo-text">{_t(lang, "helo.label")}</label>'
        f'<p class="mailcheck__hint" id="mailcheck-helo-hint">{_t(lang, "helo.hint")}</p>'
        '<textarea id="mailcheck-helo-text" name="text" rows="3" spellcheck="false" autocomplete="off" '
        'autocapitalize="off" aria-describedby="mailcheck-helo-hint"></textarea>'
        f'<button type="submit" class="md-button md-button--primary">{_t(lang, "check", "helo")}</button>'
        "</form>"
    )


def _csv_form(lang: str) -> str:
    # The script refuses a bigger file from its size, before reading it.
    max_bytes = policy()["csv"]["max_bytes"]
    return (
        f'<p class="mailcheck__privacy">{_t(lang, "csv.privacy")}</p>'
        f'<form class="mailcheck__form" data-max-bytes="{max_bytes}">'
        '<div class="mailcheck__drop">'
        f'<label for="mailcheck-csv-file">{_t(lang, "csv.file")}</label>'
        '<input type="file" id="mailcheck-csv-file" name="file" aria-describedby="mailcheck-csv-drop">'
        f'<p class="mailcheck__hint" id="mailcheck-csv-drop">{_t(lang, "csv.drop")}</p>'
        "</div>"
        f'<label for="mailcheck-csv-text">{_t(lang, "csv.paste")}</label>'
        '<textarea id="mailcheck-csv-text" name="text" rows="6" spellcheck="false" autocomplete="off"></textarea>'
        f'<button type="submit" class="md-button md-button--primary">{_t(lang, "check", "csv")}</button>'
        "</form>"
    )


def _recipients_form(lang: str) -> str:
    return (
        f'<p class="mailcheck__privacy">{_t(lang, "recipients.privacy")}</p>'
        '<form class="mailcheck__form">'
        f'<label for="mailcheck-recipients-text">{_t(lang, "recipients.label")}</label>'
        f'<p class="mailcheck__hint" id="mailcheck-recipients-hint">{_t(lang, "recipients.hint")}</p>'
        '<textarea id="mailcheck-recipients-text" name="text" rows="6" spellcheck="false" autocomplete="off" '
        'autocapitalize="off" aria-describedby="mailcheck-recipients-hint"></textarea>'
        f'<button type="submit" class="md-button md-button--primary">{_t(lang, "check", "recipients")}</button>'
        "</form>"
    )


def _bounce_form(lang: str) -> str:
    return (
        f'<p class="mailcheck__privacy">{_t(lang, "bounce.privacy")}</p>'
        '<form class="mailcheck__form">'
        f'<label for="mailcheck-bounce-text">{_t(lang, "bounce.label")}</label>'
        f'<p class="mailcheck__hint" id="mailcheck-bounce-hint">{_t(lang, "bounce.hint")}</p>'
        '<textarea id="mailcheck-bounce-text" name="text" rows="8" spellcheck="false" autocomplete="off" '
        'autocapitalize="off" aria-describedby="mailcheck-bounce-hint"></textarea>'
        f'<button type="submit" class="md-button md-button--primary">{_t(lang, "check")}</button>'
        "</form>"
    )


def _profile_form(lang: str) -> str:
    # novalidate: a mistyped address gets the maker's finding in the page language,
    # not the browser's own bubble; type=email still brings the right phone keyboard.
    return (
        f'<p class="mailcheck__privacy">{_t(lang, "profile.privacy")}</p>'
        '<form class="mailcheck__form" novalidate>'
        f'<label for="mailcheck-profile-address">{_t(lang, "profile.address")}</label>'
        '<input type="email" id="mailcheck-profile-address" name="address" autocomplete="email" '
        'spellcheck="false" autocapitalize="off">'
        f'<label for="mailcheck-profile-name">{_t(lang, "profile.name")}</label>'
        '<input type="text" id="mailcheck-profile-name" name="name" autocomplete="name">'
        f'<button type="submit" class="md-button md-button--primary">{_t(lang, "profile.make")}</button>'
        "</form>"
    )


def _maker(name: str, lang: str, base: str) -> str:
    """A tool that works in the page alone (the profile maker): its data, its own module, no runtime.

    ``data-maker``, not ``data-mailcheck``: loader.js, there for a checker on the same
    page, must not start the runtime for it.
    """
    from mailcheck.profile.page import page_data

    data = json.dumps(page_data(policy(), lang), ensure_ascii=False).replace("</", "<\\/")
    return (
        f'<div class="mailcheck mailcheck--{name}" data-maker="{name}" data-lang="{escape(lang)}">'
        f'<link rel="stylesheet" href="{escape(base + _published("css"))}">'
        f"{_inert(FORMS[name](lang))}"
        '<div class="mailcheck__result" aria-busy="false"></div>'
        '<p class="mailcheck__announce kb-sr" aria-live="polite" aria-atomic="true"></p>'
        f'<noscript><p class="mailcheck__noscript">{_t(lang, f"{name}.noscript")}</p></noscript>'
        f'<script type="application/json" class="mailcheck__profile-data">{data}</script>'
        f'<script type="module" src="{escape(base + _published(name))}"></script>'
        f"<script>{EARLY}</script>"
        "</div>"
    )


FORMS: dict[str, Callable[[str], str]] = {
    "helo": _helo_form, "csv": _csv_form, "recipients": _recipients_form, "profile": _profile_form,
    "bounce": _bounce_form,
}
MAKERS = {"profile"}  # tools that run in the page alone, without the checkers' runtime


# Until the tool's script has taken the widget over (data-mounted: set by loader.js for a checker,
# on its module's load event for a maker), a tap on its button or a chosen file is kept (data-early),
# the widget says "loading" (its status line, where it has one), and the form is submitted once the
# tool has mounted. Inline, last in the widget, so it works while the scripts are still on their way;
# the same text in every widget, so the Content-Security-Policy allows it by one hash (sitebuild/csp.py).
EARLY = (
    "(function(w){var f=w.querySelector('form'),t=w.querySelector('.mailcheck__status-text'),"
    "s=w.querySelector('.mailcheck__strings'),p=w.querySelector('progress');"
    "function keep(e){if('mounted' in w.dataset)return;"
    "if(e.type==='submit')e.preventDefault();else if(e.target.type!=='file')return;"
    "w.dataset.early='';w.dataset.state='loading';"
    "w.querySelector('.mailcheck__result').setAttribute('aria-busy','true');"
    "if(t&&s)t.textContent=JSON.parse(s.textContent).loading;if(p)p.hidden=false;}"
    "f.addEventListener('submit',keep);f.addEventListener('change',keep);"
    "if('maker' in w.dataset)w.querySelector('script[type=module]').addEventListener('load',function(){"
    "w.dataset.mounted='';if('early' in w.dataset){delete w.dataset.early;f.requestSubmit();}});"
    "})(document.currentScript.parentElement);"
)


def _inert(form: str) -> str:
    """Every form of a widget as ``method="dialog"``: outside a dialog, submitting it goes nowhere,
    so nothing typed can reach a URL or a server before (or without) the script."""
    return re.sub(r"<form\b", '<form method="dialog"', form)


def render(name: str, lang: str, base: str) -> str:
    """The widget ``name`` in ``lang``; ``base`` leads from the page to the site root."""
    if name not in FORMS:
        raise KeyError(f"unknown widget {name!r}; known: {', '.join(sorted(FORMS))}")
    if name in MAKERS:
        return _maker(name, lang, base)
    # data-docs leads to the guides of the page language (a checker may link one).
    docs = base + ("" if lang == DEFAULT_LANGUAGE else f"{lang}/")
    # One block of HTML without blank lines, so Markdown passes it through untouched.
    return (
        f'<div class="mailcheck mailcheck--{name}" data-mailcheck="{name}" data-lang="{escape(lang)}" '
        f'data-docs="{escape(docs)}">'
        f'<link rel="stylesheet" href="{escape(base + _published("css"))}">'
        f"{_inert(FORMS[name](lang))}"
        '<p class="mailcheck__status" role="status">'
        '<progress max="3" value="0" hidden></progress> '
        f'<span class="mailcheck__status-text">{_t(lang, "idle", name)}</span> '
        f'<button type="button" class="mailcheck__retry md-button" hidden>{_t(lang, "retry")}</button> '
        f'<button type="button" class="mailcheck__cancel md-button" hidden>{_t(lang, "cancel")}</button></p>'
        # The result is shown silently; one short line says it (ui.js present()).
        '<div class="mailcheck__result" aria-busy="false"></div>'
        # kb-sr: the site's screen-reader-only class (kb.css, on every page)
        '<p class="mailcheck__announce kb-sr" aria-live="polite" aria-atomic="true"></p>'
        f'<noscript><p class="mailcheck__noscript">{_t(lang, "noscript", name)}</p></noscript>'
        f'<script type="application/json" class="mailcheck__strings">{_strings(lang, name)}</script>'
        f'<script type="module" src="{escape(base + _published("loader"))}"></script>'
        f"<script>{EARLY}</script>"
        "</div>"
    )


def helo_dialogue(data: dict) -> str:
    """The bogus-HELO exchange as a text block (``S:``/``C:``), in the checker's own words."""
    from mailcheck.helo.report import dialogue_lines

    prefix = {"server": "S:", "client": "C:"}
    lines = dialogue_lines(data["provider"], data["helo"], "EHLO", "localhost")
    return "```text\n" + "\n".join(f"{prefix[side]} {line}" for side, line in lines) + "\n```"


def template_link(lang: str, base: str) -> str:
    """A download link to the CSV template in ``lang``."""
    href = escape(base + _published("templates") + template_filename(lang))
    return f'<a class="md-button" href="{href}" download>{_t(lang, "template")}</a>'


def file_link(lang: str, key: str, href: str) -> str:
    """A button link to a file the build publishes, its text the markup string ``key``.

    No ``download`` attribute: Safari on iPhone and iPad offers to install a profile only
    when it opens the file (served as application/x-apple-aspen-config), and an admin may
    want to read the autoconfig file in the browser.
    """
    return f'<a class="md-button" href="{escape(href)}">{_t(lang, key)}</a>'
