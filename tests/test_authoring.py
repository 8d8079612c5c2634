"""The authors' safety net: every way of breaking the data file or a guide fails the build
where the mistake is (file, line, key path or reason), and a guide can show a shortcode.

Each case breaks a scratch copy of the site (tests/site_copy.py) one way and runs the
real ``mkdocs build --strict``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import site_copy
from sitebuild import codespans

DATA = "data/mail.yml"
GUIDE = "docs/fr/guides/first.md"
GOOD_FRONT = ("---\ntitle: Premier\ndescription: Un guide.\nrevision: 1\nweight: 10\nsources: [seed]\n"
              "keywords: [premier]\n---\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return site_copy.make(tmp_path / "project")


def _line(text: str, needle: str) -> int:
    """1-based line of the first ``needle`` in ``text``."""
    return text[: text.index(needle)].count("\n") + 1


def _fails(project: Path, *expected: str, flags: tuple[str, ...] = (), **env: str) -> str:
    """Build; assert it failed with every ``expected`` text in its output, and no traceback."""
    result = site_copy.build(project, project / "site", flags=flags, **env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build passed:\n" + output[-2000:]
    for text in expected:
        assert text in output, f"{text!r} not in:\n{output[-3000:]}"
    assert "Traceback" not in output, output[-3000:]
    return output


def _edit_data(project: Path, old: str, new: str, count: int = 1) -> str:
    path = project / DATA
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    return text


# (name, old text of data/mail.yml, new text, line marker in the new text, expected key path and reason)
DATA_BREAKAGES = [
    ("duplicate key", "  host: mail.infomaniak.com\n", "  host: mail.infomaniak.com\n  host: mail.example.org\n",
     "  host: mail.example.org", "servers.host: duplicate key; first given at line {first}"),
    ("port out of range", "{port: 993,", "{port: 70000,", "{port: 70000,",
     "servers.protocols[0].ports[0].port: expected a port between 1 and 65535, got 70000"),
    ("port zero", "{port: 465,", "{port: 0,", "{port: 0,",
     "servers.protocols[2].ports[0].port: expected a port between 1 and 65535, got 0"),
    ("port not a number", "{port: 143,", "{port: x,", "{port: x,",
     "servers.protocols[0].ports[1].port: expected an integer, got 'x'"),
    ("negative size", "max_bytes: 2000000", "max_bytes: -5", "max_bytes: -5",
     "csv.max_bytes: expected a size or count greater than 0, got -5"),
    ("zero count", "recipients_per_message: 100", "recipients_per_message: 0", "recipients_per_message: 0",
     "limits.recipients_per_message: expected a size or count greater than 0, got 0"),
    ("score out of range", "min_zxcvbn_score: 3", "min_zxcvbn_score: 7", "min_zxcvbn_score: 7",
     "passwords.min_zxcvbn_score: expected a zxcvbn score between 0 and 4, got 7"),
    ("minimum above maximum", "min_length: 10", "min_length: 200", "min_length: 200",
     "passwords.min_length: 200 is above max_length 128"),
    ("host name with a space", "host: mail.infomaniak.com", "host: mail infomaniak.com", "host: mail infomaniak",
     "servers.host: expected a host name such as mail.example.com, got 'mail infomaniak.com'"),
    ("language listed twice", "languages: [fr, en, de, it, es]", "languages: [fr, en, de, it, es, fr]",
     "languages: [", "languages[5]: fr is listed twice"),
    ("label in an unknown language", "protocol.imap: {fr: IMAP,", "protocol.imap: {pt: IMAP, fr: IMAP,",
     "protocol.imap:", "labels.protocol.imap.pt: unknown language pt; `languages:` has fr, en, de, it, es"),
    ("label without a language", "col.port: {fr: Port, en: Port, de: Port, it: Porta, es: Puerto}",
     "col.port: {fr: Port, en: Port, de: Port, es: Puerto}", "col.port:", "labels.col.port: no text for it"),
    ("empty label", "col.server: {fr: Serveur,", "col.server: {fr: '',", "col.server:",
     "labels.col.server.fr: empty text"),
    ("feedback in an unknown language", "kchat: [fr]", "kchat: [fr, pt]", "kchat: [fr, pt]",
     "feedback.languages_by_service.kchat: unknown language pt"),
    ("missing key", "  smtp_auth_required: true\n", "", "account:", "account.smtp_auth_required: missing"),
    ("typo in a key", "  reject_reply:", "  reject_replay:", "reject_replay",
     "helo.reject_replay: unknown key; expected one of banned, reject_reply"),
    ("delimiter of two characters", 'delimiter: ","', 'delimiter: ",;"', "delimiter:",
     "csv.delimiter: expected one of , ; | or a tab, got ',;'"),
    ("not YAML", "  host: mail.infomaniak.com\n", "  host: [mail.infomaniak.com\n", "  host: [",
     "not valid YAML"),
    ("support page missing a language", '    es: "https://www.infomaniak.com/es/asistencia"\n', "", "  support:",
     "links.support: no address for es"),
    ("support page not https", 'fr: "https://www.infomaniak.com/fr/support"', 'fr: "www.infomaniak.com/fr/support"',
     "fr: \"www.", "links.support.fr: expected an https:// address, or \"\" while it is not known"),
]


@pytest.mark.parametrize(("old", "new", "marker", "message"), [b[1:] for b in DATA_BREAKAGES],
                         ids=[b[0] for b in DATA_BREAKAGES])
def test_a_broken_data_file_fails_the_build_at_its_line(project, old, new, marker, message):
    text = _edit_data(project, old, new)
    line = _line(text, marker)
    if message == "not valid YAML":
        line += 1  # YAML notices the unclosed [ on the next line
    first = _line(text, old.strip()) if "duplicate" in message else None
    _fails(project, f"{DATA}:{line}: {message.format(first=first)}")


def test_a_data_file_in_latin_1_names_the_line_of_the_first_bad_byte(project):
    path = project / DATA
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("latin-1", errors="replace"))
    line = _line(text, next(c for c in text if ord(c) > 127))
    output = _fails(project, f"{DATA}:{line}: not UTF-8 (byte 0x")
    assert "UnicodeDecodeError" not in output


# (name, front matter or whole file, expected message with {path})
FRONT_MATTER_BREAKAGES = [
    ("no front matter", "Juste du texte.\n", "{path}:1: no front matter"),
    ("not closed", "---\ntitle: Premier\n\nTexte.\n", "{path}:1: front matter not closed"),
    ("title missing", "---\ndescription: Un guide.\nrevision: 1\nweight: 10\n---\n",
     "{path}:5: front matter: 'title' missing"),
    ("description missing", "---\ntitle: Premier\nrevision: 1\nweight: 10\n---\n",
     "{path}:5: front matter: 'description' missing"),
    ("revision missing", "---\ntitle: Premier\ndescription: Un guide.\nweight: 10\n---\n",
     "{path}:5: front matter: 'revision' missing"),
    ("weight missing", "---\ntitle: Premier\ndescription: Un guide.\nrevision: 1\n---\n",
     "{path}:5: front matter: 'weight' missing"),
    ("weight: ten", GOOD_FRONT.replace("weight: 10", "weight: ten"),
     "{path}:5: weight: expected a whole number (the order within the category), got 'ten'"),
    ("revision: 0", GOOD_FRONT.replace("revision: 1", "revision: 0"),
     "{path}:4: revision: expected a whole number, 1 or more, got 0"),
    ("empty title", GOOD_FRONT.replace("title: Premier", 'title: ""'), "{path}:2: title: expected one line of text"),
    ("title is a list", GOOD_FRONT.replace("title: Premier", "title: [a, b]"),
     "{path}:2: title: expected one line of text, got ['a', 'b']"),
    ("front matter not YAML", GOOD_FRONT.replace("title: Premier", "title: Premier: deux: trois"),
     "{path}:2: front matter is not valid YAML"),
    ("duplicate key in front matter", GOOD_FRONT.replace("weight: 10", "weight: 10\ntitle: Autre"),
     "{path}:6: title: duplicate key; first given at line 2"),
    ("sources missing", GOOD_FRONT.replace("sources: [seed]\n", ""),
     "{path}:2: front matter: 'sources' missing (expected a list of the pages the guide relies on"),
    ("sources empty", GOOD_FRONT.replace("sources: [seed]", "sources: []"),
     "{path}:6: sources: expected a list of the pages the guide relies on: https:// addresses or seed, "
     "e.g. [seed], got []"),
    ("sources not a list", GOOD_FRONT.replace("sources: [seed]", "sources: seed"),
     "{path}:6: sources: expected a list of the pages the guide relies on: https:// addresses or seed, "
     "e.g. [seed], got 'seed'"),
    ("a source without https://", GOOD_FRONT.replace(
        "sources: [seed]", "sources:\n  - seed\n  - www.infomaniak.com/fr/support\n  - https://example.org/a"),
     "{path}:8: sources: 'www.infomaniak.com/fr/support' is neither seed nor an https:// address"),
    ("keywords missing", GOOD_FRONT.replace("keywords: [premier]\n", ""),
     "{path}:7: front matter: 'keywords' missing (expected a list of the words readers type"),
    ("keywords not a list", GOOD_FRONT.replace("[premier]", "rebond"),
     "{path}:7: keywords: expected a list of the words readers type for this page's problem"),
    ("keyword given twice", GOOD_FRONT.replace("keywords: [premier]", "keywords:\n  - rebond\n  - Rebond"),
     "{path}:9: keywords: 'Rebond' given twice; first at line 8"),
    ("empty keyword", GOOD_FRONT.replace("keywords: [premier]", "keywords:\n  - rebond\n  - ''"),
     "{path}:9: keywords: expected one line of text, got ''"),
]


@pytest.mark.parametrize(("text", "message"), [b[1:] for b in FRONT_MATTER_BREAKAGES],
                         ids=[b[0] for b in FRONT_MATTER_BREAKAGES])
def test_broken_front_matter_fails_at_the_guides_own_line(project, text, message):
    site_copy.write(project, "fr/guides/first.md", text + "\nTexte.\n")
    output = _fails(project, message.format(path=GUIDE))
    assert "guides/index.md" not in output, "the category page is blamed for its guide's mistake"


def test_a_guide_not_in_utf_8_names_its_line(project):
    site_copy.write(project, "fr/guides/first.md", (GOOD_FRONT + "\nCaf\u00e9 au lait.\n").encode("latin-1"))
    _fails(project, f"{GUIDE}:10: not UTF-8 (byte 0xe9 at column 4)")


# (name, body after the front matter, expected message with {path} and {line})
BODY_BREAKAGES = [
    ("unclosed shortcode", "\nUn texte.\n\nPort <!-- md:port imap ssl\n\nSuite.\n",
     "{path}:12: unclosed `<!-- md:`; end the shortcode with `-->`"),
    ("unclosed before another comment", "\n<!-- md:settings\n<!-- a note -->\n",
     "{path}:10: unclosed `<!-- md:`"),
    ("unknown shortcode", "\n\n<!-- md:setings -->\n", "{path}:11: unknown shortcode 'md:setings'"),
    ("wrong number of arguments", "\n<!-- md:port imap -->\n", "{path}:10: md:port takes 2 argument(s), got 1"),
    ("value that does not exist", "\n<!-- md:value limits.nope -->\n",
     "{path}:10: md:value limits.nope: no value at 'limits.nope'"),
    ("tool outside any section", "\nUn outil :\n\n<!-- md:widget helo -->\n",
     "{path}:12: md:widget helo: put the tool under a section heading with an id"),
]


@pytest.mark.parametrize(("body", "message"), [b[1:] for b in BODY_BREAKAGES], ids=[b[0] for b in BODY_BREAKAGES])
def test_a_broken_guide_body_fails_naming_the_guide(project, body, message):
    site_copy.write(project, "fr/guides/first.md", GOOD_FRONT + body)
    _fails(project, message.format(path=GUIDE), KB_LANGUAGE="fr")


# (name, body after the front matter, expected message with {path}): checked by the build itself
LINK_BREAKAGES = [
    ("link to a section that does not exist on another page", "\nVoir [la suite](second.md#no-such-id).\n",
     "{path}:10: broken link 'second.md#no-such-id': 'fr/guides/second.md' has no section '#no-such-id'"),
    ("link to a section that does not exist on the page", "\nVoir [plus haut](#nope).\n",
     "{path}:10: broken link '#nope': 'fr/guides/first.md' has no section '#nope'"),
    ("link to a page that does not exist", "\nVoir [ailleurs](missing.md).\n",
     "{path}:10: broken link 'missing.md': there is no file 'fr/guides/missing.md'"),
    ("reference link to a section that does not exist", "\nVoir [la suite][s].\n\n[s]: second.md#nope\n",
     "{path}:12: broken link 'second.md#nope': 'fr/guides/second.md' has no section '#nope'"),
]


@pytest.mark.parametrize("flags", [(), ("-q",), ("-v",)], ids=["plain", "quiet", "verbose"])
@pytest.mark.parametrize(("body", "message"), [b[1:] for b in LINK_BREAKAGES], ids=[b[0] for b in LINK_BREAKAGES])
def test_a_broken_link_fails_at_its_line_with_any_log_flag(project, body, message, flags):
    """MkDocs' own check passes with -q and misses anchors with -v; the build's own check does not."""
    site_copy.write(project, "fr/guides/first.md", GOOD_FRONT + body)
    _fails(project, message.format(path=GUIDE), KB_LANGUAGE="fr", flags=flags)


def test_links_in_code_and_to_existing_sections_pass(project):
    body = ("\nVoir [la suite](second.md#settings), [ici](#settings), [l'accueil](../index.md), "
            "[ailleurs](https://example.org/x.md#y).\n\n`[exemple](nope.md)`\n\n## Settings {#settings}\n")
    site_copy.write(project, "fr/guides/first.md", GOOD_FRONT + body)
    result = site_copy.build(project, project / "site", KB_LANGUAGE="fr")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]


def test_a_broken_link_only_warns_in_the_preview(project):
    site_copy.write(project, "fr/guides/first.md", GOOD_FRONT + "\nVoir [plus haut](#nope).\n")
    result = site_copy.build(project, project / "site", KB_LANGUAGE="fr", KB_STRICT="false",
                             flags=("--no-strict",))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert f"{GUIDE}:10: broken link '#nope'" in output


def test_a_missing_wheel_is_one_line_and_a_failed_build(project, tmp_path):
    """The hooks' own errors say what to run, without a traceback (KB_DEBUG=1 shows one)."""
    tool = "\n## Count {#count}\n\n<!-- md:widget recipients -->\n"
    site_copy.write(project, "fr/guides/first.md", GOOD_FRONT + tool)
    empty = tmp_path / "no-wheels"
    empty.mkdir()
    output = _fails(project, "no wheel for ", "run `python widgets/fetch_wheels.py`",
                    KB_LANGUAGE="fr", KB_WHEEL_CACHE=str(empty))
    errors = [line for line in output.splitlines() if "no wheel for" in line]
    assert len(errors) == 1, output[-3000:]
    debug = site_copy.build(project, project / "site", KB_LANGUAGE="fr", KB_DEBUG="1", KB_WHEEL_CACHE=str(empty))
    assert debug.returncode != 0 and "Traceback" in debug.stdout + debug.stderr


def test_at_least_twenty_breakages_are_covered():
    breakages = DATA_BREAKAGES + FRONT_MATTER_BREAKAGES + BODY_BREAKAGES + LINK_BREAKAGES
    assert len({b[0] for b in breakages}) == len(breakages) >= 20


# --- Code is code -------------------------------------------------------------

EXAMPLES = """
Write `<!-- md:port imap ssl -->` where the port goes.

```markdown
Up to <!-- md:value limits.recipients_per_message --> recipients; a typo <!-- md:nope --> is fine here.
```

An example block:

    <!-- md:value limits.nope -->

- A list item

    continued, with <!-- md:port smtp ssl -->.

!!! note "Inside a note"
    Port <!-- md:port imap starttls -->, not code.

    ~~~
    <!-- md:setings -->
    ~~~

Real: <!-- md:port imap ssl -->.
"""


def test_shortcodes_in_code_stay_literal_and_others_expand(project):
    site_copy.write(project, "fr/guides/first.md", GOOD_FRONT + EXAMPLES)
    result = site_copy.build(project, project / "site", KB_LANGUAGE="fr")
    assert result.returncode == 0, result.stderr[-3000:]
    # A one-language build (KB_LANGUAGE) writes that language at the site root.
    html = (project / "site" / "guides" / "first" / "index.html").read_text(encoding="utf-8")
    for literal in ("md:port imap ssl", "md:value limits.recipients_per_message", "md:nope", "md:value limits.nope",
                    "md:setings"):
        assert f"&lt;!-- {literal} --&gt;" in html, literal
    assert "<p>Real\u00a0: 993.</p>" in html  # a French page: French spacing before the colon
    assert "continued, with 465." in html
    assert "Port 143, not code." in html


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a `x` b", ["`x`"]),
        ("a ``x ` y`` b", ["``x ` y``"]),
        ("```\nx\n```\nafter", ["```\n", "x\n", "```\n"]),
        ("para\n\n    code\n\nback", ["    code\n"]),
        ("- item\n\n    more\n\n        code\n", ["        code\n"]),
        ("!!! note\n    body\n\n    body two\n", []),
        ("1. step\n\n    ```\n    x\n    ```\n", ["    ```\n", "    x\n", "    ```\n"]),
        ("a `b\nc` d", ["`b\nc`"]),
        ("a `b\n\nc` d", []),
        # inline code of a later paragraph is found where it is, not shifted by the paragraph's offset
        ("first\n\nsecond `x` and <!-- md:link webmail -->", ["`x`"]),
    ],
)
def test_code_regions(text, code):
    assert [text[a:b] for a, b in codespans.code_ranges(text)] == code


def test_readme_says_how_to_show_a_shortcode():
    readme = (site_copy.ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"shortcode.{0,200}literally", readme, re.S | re.I)

