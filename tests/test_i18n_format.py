"""Numbers, sizes, plural forms and French spacing: the same in the build, the CLI and the browser."""

from __future__ import annotations

import gettext
import importlib
import json
import pkgutil
import re
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

import mailcheck
from mailcheck.i18n import (
    BABEL_LOCALE,
    LANGUAGES,
    LOCALE_DIR,
    NUMBER_SYMBOLS,
    PLURAL_FORMS,
    Counted,
    number,
    plural,
    plural_index,
    size,
)
from mailcheck.typography import french_spacing
from sitebuild import widget_markup
from sitebuild.compile_assets import placeholders
from sitebuild.paths import ROOT
from sitebuild.typography import french_html
from sitebuild.widget_markup import RUNTIME_STRINGS, runtime_strings

CATALOGS = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_are_written_as_babel_writes_them(lang: str) -> None:
    """The table in mailcheck.i18n (the browser has no Babel) agrees with CLDR."""
    for n in (0, 7, 999, 1000, 10_001, 262_144, 1_234_567, 210_763_776):
        assert number(n, lang) == format_decimal(n, locale=BABEL_LOCALE[lang])
    for n in (1.5, 1234.25, 0.5):
        assert number(n, lang, decimals=2) == format_decimal(n, locale=BABEL_LOCALE[lang])


@pytest.mark.parametrize(("lang", "grouped"), [
    ("en", "10,001"), ("fr", f"10{NNBSP}001"), ("de", "10.001"), ("it", "10.001"), ("es", "10.001"),
])
def test_conventions_chosen(lang: str, grouped: str) -> None:
    assert number(10_001, lang) == grouped
    assert NUMBER_SYMBOLS[lang][1] == ("." if lang == "en" else ",")


@pytest.mark.parametrize(("n_bytes", "lang", "shown"), [
    (262_144, "en", f"256{NBSP}KiB"), (262_144, "fr", f"256{NBSP}Kio"), (262_144, "de", f"256{NBSP}KiB"),
    (2_000_000, "en", f"2{NBSP}MB"), (2_000_000, "fr", f"2{NBSP}Mo"),
    (210_763_776, "it", f"201{NBSP}MiB"), (1_536, "de", f"1,5{NBSP}kB"), (1_536, "en", f"1.5{NBSP}kB"),
    (10_000_000, "es", f"10{NBSP}MB"), (500, "fr", f"500{NBSP}o"), (1024 * 1024 * 1024 * 3, "en", f"3{NBSP}GiB"),
])
def test_sizes(n_bytes: int, lang: str, shown: str) -> None:
    assert size(n_bytes, lang) == shown


@pytest.mark.parametrize("po_file", CATALOGS, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_catalog_passes_msgfmt_check_and_has_a_real_header(po_file: Path) -> None:
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_file)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    header = po_file.read_text(encoding="utf-8").split("\n\n", 1)[0]
    for placeholder in ("EMAIL@ADDRESS", "FULL NAME", "FIRST AUTHOR", "YEAR-MO-DA", "LL@li.org"):
        assert placeholder not in header
    lang = po_file.parts[-3]
    assert f'"Plural-Forms: {PLURAL_FORMS[lang]}\\n"' in header


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_rule_table_matches_gettext(lang: str) -> None:
    """SINGULAR_COUNTS (what the browser gets) picks the form gettext picks."""
    rule = gettext.c2py(PLURAL_FORMS[lang].split("plural=")[1].rstrip(";"))
    assert [plural_index(lang, n) for n in range(2000)] == [rule(n) for n in range(2000)]


def _counted_messages() -> list[tuple[str, str, str]]:
    """(domain, singular, plural) of every counted message of any catalog."""
    found = set()
    for po_file in CATALOGS:
        with po_file.open("rb") as handle:
            for msg in read_po(handle):
                if msg.id and isinstance(msg.id, tuple):
                    found.add((po_file.stem, *msg.id))
    return sorted(found)


COUNTED = _counted_messages()


def test_there_are_counted_messages() -> None:
    assert len(COUNTED) >= 3


def _counted_in_code() -> dict[tuple[str, str], str]:
    """Every NP_ pair the code defines (rule tables, module constants, page strings) -> its count's name."""
    found: dict[tuple[str, str], str] = {}
    modules = [importlib.import_module(info.name) for info in pkgutil.walk_packages(mailcheck.__path__, "mailcheck.")
               if not info.name.endswith("__main__")]
    for module in [*modules, widget_markup]:
        for value in vars(module).values():
            values = value.values() if isinstance(value, dict) else [value]
            for item in values:
                item = getattr(item, "message", item)
                if isinstance(item, Counted):
                    found[tuple(item)] = item.count
    return found


COUNT_PARAM = _counted_in_code()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("domain", "singular", "plural_id"), COUNTED, ids=lambda v: str(v)[:40])
def test_counted_message_renders_for_0_1_2_5(lang: str, domain: str, singular: str, plural_id: str) -> None:
    count = COUNT_PARAM[(singular, plural_id)]  # a pair in a catalog that the code does not define fails here
    params = {name: f"<{name}>" for name in placeholders(plural_id) - {"n", count}}
    forms = set()
    for n in (0, 1, 2, 5, 10_001):
        shown = plural(domain, lang, singular, plural_id, n, **params, **({} if count == "n" else {count: n}))
        assert "{" not in shown and "}" not in shown
        assert all(value in shown for value in params.values())
        forms.add(plural_index(lang, n))
        if n > 1:
            assert number(n, lang) in shown, "the count is shown, grouped"
        if lang == "en":
            assert shown == (singular if n == 1 else plural_id).format(**params, **{count: number(n, "en")})
        else:
            translated = gettext.translation(domain, LOCALE_DIR, [lang]).ngettext(singular, plural_id, n)
            assert translated not in (singular, plural_id), f"{lang}: not translated"
    assert forms == {0, 1}


def test_french_0_takes_the_singular() -> None:
    one, zero = (plural("ui", "fr", "Part {index} of {total} ({n} row)", "Part {index} of {total} ({n} rows)",
                        n, index=1, total=2) for n in (1, 0))
    assert one.endswith("(1 ligne)") and zero.endswith("(0 ligne)")
    assert plural("ui", "it", "Part {index} of {total} ({n} row)", "Part {index} of {total} ({n} rows)",
                  1, index=2, total=2) == "Parte 2 di 2 (1 riga)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_browser_strings_carry_forms_rule_and_number_signs(lang: str) -> None:
    strings = runtime_strings(lang)
    for key, msgid in RUNTIME_STRINGS.items():
        assert isinstance(strings[key], list) == isinstance(msgid, tuple)
    assert strings["_number"] == list(NUMBER_SYMBOLS[lang])
    assert all(plural_index(lang, n) == 0 for n in strings["_singular"])
    json.dumps(strings)


def test_ui_js_picks_forms_and_groups_numbers() -> None:
    """ui.js's plural() and number() in Node, against Python's plural() for the same strings."""
    script = (
        f"const ui = await import({json.dumps((ROOT / 'widgets/web/ui.js').as_uri())});"
        "const all = JSON.parse(process.argv[1]); const out = {};"
        "for (const [lang, text] of Object.entries(all)) out[lang] = [0, 1, 2, 5, 10001].map("
        "(n) => ui.plural(text, 'download_part', n, {index: 1, total: 2}));"
        "console.log(JSON.stringify(out));"
    )
    strings = {lang: runtime_strings(lang) for lang in LANGUAGES}
    result = subprocess.run(["node", "--experimental-default-type=module", "--input-type=module", "-e", script,
                             json.dumps(strings)], capture_output=True, text=True, check=True)
    shown = json.loads(result.stdout)
    pair = RUNTIME_STRINGS["download_part"]
    for lang in LANGUAGES:
        assert shown[lang] == [plural("ui", lang, *pair, n, index=1, total=2) for n in (0, 1, 2, 5, 10_001)]


FRENCH = [
    ("Dernière mise à jour : {date}", f"Dernière mise à jour{NBSP}: {{date}}"),
    ("Sélectionner la langue:", f"Sélectionner la langue{NBSP}:"),
    ("Vous ? Oui ! Bien ; fin", f"Vous{NNBSP}? Oui{NNBSP}! Bien{NNBSP}; fin"),
    ("Quoi ?!", f"Quoi{NNBSP}?!"),
    ("« {part} »", f"«{NNBSP}{{part}}{NNBSP}»"),
    ("«mot»", f"«{NNBSP}mot{NNBSP}»"),
    (f"déjà juste{NBSP}: oui{NNBSP}!", f"déjà juste{NBSP}: oui{NNBSP}!"),
    ("Il est 10:30.", "Il est 10:30."),
    ("le port mail.example.com:993 ou [IPv6:::1]", "le port mail.example.com:993 ou [IPv6:::1]"),
    ("https://example.org/?a=b ; puis", f"https://example.org/?a=b{NNBSP}; puis"),
    ("écrire à jean.dupont@example.org: merci", f"écrire à jean.dupont@example.org{NBSP}: merci"),
    ("A &amp; B", "A &amp; B"),
    ("Tom &amp; Jerry ?", f"Tom &amp; Jerry{NNBSP}?"),
]


@pytest.mark.parametrize(("text", "spaced"), FRENCH)
def test_french_spacing(text: str, spaced: str) -> None:
    assert french_spacing(text) == spaced
    assert french_spacing(spaced) == spaced, "applying it twice changes nothing"


def test_french_html_spaces_text_not_code() -> None:
    html = ('<p title="Lien : ici">Note : <code>a : b ; c</code>; voir <strong>ceci</strong>:'
            ' <a href="x?y=1">x</a> ?</p><pre><code>S: 250 ok !</code></pre><script>a ? b : c</script>'
            '<p>&nbsp;: «&#8239;x »</p>')
    assert french_html(html) == (
        f'<p title="Lien{NBSP}: ici">Note{NBSP}: <code>a : b ; c</code>{NNBSP}; voir <strong>ceci</strong>{NBSP}:'
        f' <a href="x?y=1">x</a>{NNBSP}?</p><pre><code>S: 250 ok !</code></pre><script>a ? b : c</script>'
        f'<p>{NBSP}: «{NNBSP}x{NNBSP}»</p>')


BAD_FRENCH = re.compile(f"[^{NBSP}{NNBSP}][:;!?](?=\\s|$)|[ {NBSP}][;!?]|[^{NBSP}] :|«[^{NNBSP}]|[^{NNBSP}]»")


def test_every_french_catalog_message_as_rendered_is_spaced() -> None:
    """Every French message, as the reader gets it (message()/plural() apply the rules)."""
    from mailcheck.i18n import typeset
    bad = []
    for po_file in LOCALE_DIR.glob("fr/LC_MESSAGES/*.po"):
        with po_file.open("rb") as handle:
            for msg in read_po(handle):
                for form in ([msg.string] if isinstance(msg.string, str) else msg.string):
                    shown = typeset(form, "fr")
                    # placeholders are values (addresses, names): left out of the check
                    text = re.sub(r"\{\w+\}", "x", shown)
                    if form and BAD_FRENCH.search(text):
                        bad.append(f"{po_file.name}: {shown!r}")
    assert not bad, "\n".join(bad)


# A number followed by what it counts, in a message that is not a plural pair.
COUNT_NOUN = re.compile(r"\{\w+\}\s+(?:rows?|lines?|cells?|columns?|characters?|times|bytes|octets|recipients?"
                        r"|messages?|addresses|imports?|parts?|names?|entries|findings?|kB|MB)\b")


def test_every_message_with_a_count_is_a_plural_pair() -> None:
    plain = set()
    for po_file in CATALOGS:
        with po_file.open("rb") as handle:
            plain |= {msg.id for msg in read_po(handle) if isinstance(msg.id, str) and COUNT_NOUN.search(msg.id)}
    assert not plain, sorted(plain)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_10001_row_file_reports_its_count_grouped(lang: str) -> None:
    from mailcheck import csvcheck
    header = csvcheck.template(lang).splitlines()[0]
    data = "\r\n".join([header, *(f"user{i},Pine-Harbor-Lantern-42,," for i in range(10_001))]).encode()
    result = csvcheck.report(data, lang)
    [too_many] = [f for f in result["findings"] if f["code"] == "CSV_TOO_MANY_ROWS"]
    grouped = {"en": "10,001", "fr": "10\u202f001", "de": "10.001", "it": "10.001", "es": "10.001"}[lang]
    assert grouped in too_many["message"] and number(10_000, lang) in too_many["message"]
    assert "10001" not in json.dumps(result["findings"], ensure_ascii=False).replace('"row": 10001', "")


# The site addresses the reader as Lei: no voi imperative or possessive in the Italian catalogs.
VOI = re.compile(r"\b(?:vostr[oaie]|[Cc]hiudete(?:le)?|[Cc]ancellatel[aei]|[Mm]ettete|[Ss]alvate|[Cc]ontrollate|"
                 r"[Mm]odificate|[Tt]ogliete|[Aa]prite|[Ss]cegliete|[Ii]nserite|[Uu]sate|[Vv]erificate il)\b")


def test_italian_catalogs_say_lei() -> None:
    found = []
    for po_file in LOCALE_DIR.glob("it/LC_MESSAGES/*.po"):
        with po_file.open("rb") as handle:
            for msg in read_po(handle):
                for form in ([msg.string] if isinstance(msg.string, str) else msg.string):
                    found += [f"{po_file.name}: {form}" for _ in VOI.finditer(form or "")]
    assert not found, found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_are_in_the_language(lang: str) -> None:
    """The template's example rows and every download name are the language's own."""
    from mailcheck import csvcheck
    from mailcheck.csvcheck.split import part_name
    from mailcheck.policy import download_name, policy
    from mailcheck.profile import filename
    rows = policy()["csv"]["example_rows"][lang]
    others = [row for other in LANGUAGES if other != lang for row in policy()["csv"]["example_rows"][other]]
    assert not {cell for row in rows for cell in row[:2]} & {cell for row in others for cell in row[:2]}, \
        "names and passwords differ from every other language's"
    result = csvcheck.report(csvcheck.template(lang).encode(), lang)
    # The rows are clean; their passwords are examples anyone can read, so the checker refuses them.
    assert {f["code"] for f in result["findings"]} == {"CSV_B_EXAMPLE"}, "only the example passwords are refused"
    for kind, names in policy()["downloads"].items():
        assert names[lang].isascii() and names[lang] not in [names[o] for o in LANGUAGES if o != lang], kind
    assert part_name("staff.csv", 2, 3, lang) == download_name("part", lang, stem="staff", index=2, total=3)
    assert filename(None, lang) == download_name("profile", lang)
    assert runtime_strings(lang)["_files"]["fixed"] == policy()["downloads"]["fixed"][lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_tool_names_itself(lang: str) -> None:
    """The counter counts and is called the counter; a tool without words of its own gets neutral ones."""
    counter = widget_markup.render("recipients", lang, "./")
    count = widget_markup.message("ui", lang, "Count")
    assert f">{count}</button>" in counter
    for key in ("idle", "noscript"):
        assert widget_markup._t(lang, key, "recipients") in counter
        assert widget_markup._t(lang, key, "recipients") != widget_markup._t(lang, key, "csv")
    strings = runtime_strings(lang, "recipients")
    assert strings["checking"] != runtime_strings(lang, "csv")["checking"]
    if lang == "en":
        for tool in ("recipients", "profile"):
            assert "checker" not in widget_markup.render(tool, lang, "./").lower(), tool


@pytest.mark.parametrize(("change", "error"), [
    (lambda data: data["downloads"]["fixed"].pop("it"), r"downloads\.fixed: nothing for it"),
    (lambda data: data["downloads"]["part"].update(fr="{stem}-partie-n°{index}.csv"),
     r"downloads\.part\.fr: expected an ASCII"),
    (lambda data: data["downloads"].pop("groups"), r"downloads\.groups: missing"),
    (lambda data: data["csv"]["example_rows"].pop("es"), r"csv\.example_rows: nothing for es"),
])
def test_the_download_table_is_checked(tmp_path: Path, change, error: str) -> None:
    import yaml

    from sitebuild import maildata
    data = yaml.safe_load((ROOT / "data" / "mail.yml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "mail.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(maildata.DataError, match=error):
        maildata.load(path)
