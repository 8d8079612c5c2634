"""The hooks on their own: data-file validation, every shortcode in every language, every error path."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from mailcheck.helo import report
from sitebuild import maildata, shortcodes, tables

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "mail.yml"
DATA = maildata.load(DATA_FILE)
LANGS = DATA["languages"]


def _context(lang: str, url: str = "fr/clients/x/") -> shortcodes.Context:
    page = SimpleNamespace(url=url, file=SimpleNamespace(src_uri=f"{lang}/clients/x.md"))
    return shortcodes.Context(data=DATA, lang=lang, page=page, files=None, source=f"docs/{lang}/clients/x.md")


def _expand(text: str, lang: str = "en") -> str:
    return shortcodes.expand(text, _context(lang))


def test_languages_match_the_site_config():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert sorted(lang["locale"] for lang in i18n["languages"]) == sorted(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_settings_table_has_host_ports_and_labels_in_each_language(lang):
    out = _expand("<!-- md:settings -->", lang)
    assert out.count(f'<code class="kb-host">{DATA["servers"]["host"]}</code>') == 2
    assert "993 (SSL/TLS)" in out and "465 (SSL/TLS)" in out
    for key in ("setting.username", "setting.password", "setting.smtp_auth", "value.full_address"):
        assert maildata.label(DATA, key, lang) in out
    assert "LOGIN, PLAIN" in out


@pytest.mark.parametrize("lang", LANGS)
def test_ports_table_lists_every_port_recommended_first_and_names_the_server_once(lang):
    out = _expand("<!-- md:ports -->", lang)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", out)[1:]
    cells = [re.findall(r'<td data-label="([^"]*)">(.*?)</td>', row) for row in rows]
    ports = [p for proto in DATA["servers"]["protocols"] for p in proto["ports"]]
    assert len(rows) == len(ports) == 6
    status = maildata.label(DATA, "col.status", lang)
    shown = {(int(dict(row)[maildata.label(DATA, "col.port", lang)]), dict(row)[status]) for row in cells}
    assert shown == {(p["port"], maildata.label(DATA, f"status.{p['status']}", lang)) for p in ports}
    recommended = maildata.label(DATA, "status.recommended", lang)
    statuses = [dict(row)[status] for row in cells]
    assert statuses[:2] == [recommended] * 2 and recommended not in statuses[2:]
    # The server name is said once, above the table, and never split at a dot.
    assert out.count(DATA["servers"]["host"]) == 1
    assert out.index(DATA["servers"]["host"]) < out.index("<table")


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [
        ("<!-- md:value limits.recipients_per_message -->", "de", "100"),
        ("<!-- md:value limits.starter_web_space_mb mb -->", "fr", "10\u00a0Mo"),
        ("<!-- md:value limits.starter_web_space_mb mb -->", "en", "10\u00a0MB"),
        ("<!-- md:value limits.max_message_bytes bytes -->", "it", "201\u00a0MiB"),
        ("<!-- md:value helo.max_input_bytes bytes -->", "fr", "256\u00a0Kio"),
        ("<!-- md:value csv.max_rows -->", "fr", "10\u202f000"),
        ("<!-- md:value csv.max_rows -->", "de", "10.000"),
        ("<!-- md:value servers.host -->", "es", "mail.infomaniak.com"),
        ("<!-- md:port imap ssl -->", "en", "993"),
        ("<!-- md:port smtp starttls -->", "en", "587"),
    ],
)
def test_inline_values_are_formatted_for_the_language(code, lang, expected):
    assert _expand(f"Up to {code} here.", lang) == f"Up to {expected} here."


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_table_marks_languages_per_service(lang):
    out = _expand("<!-- md:feedback -->", lang)
    kchat = next(line for line in out.splitlines() if maildata.label(DATA, "service.kchat", lang) in line)
    yes, no = maildata.label(DATA, "answer.yes", lang), maildata.label(DATA, "answer.no", lang)
    assert kchat.count(f" {yes} ") == 1 and kchat.count(f" {no} ") == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\nb\n<!-- md:setings -->", r"docs/en/clients/x\.md:12: unknown shortcode 'md:setings'"),
        ("<!-- md:value limits.nope -->", r"x\.md:10: md:value limits.nope: no value at 'limits.nope'"),
        ("<!-- md:value limits.recipients_per_message kb -->", r"unknown format 'kb'"),
        ("<!-- md:port imap tls -->", r"imap has no 'tls' port; known: ssl, starttls"),
        ("<!-- md:port ftp ssl -->", r"unknown protocol 'ftp'"),
        ("<!-- md:settings extra -->", r"md:settings takes 0 argument\(s\), got 1"),
        ("<!-- md:value -->", r"md:value takes 1 to 2 argument\(s\), got 0"),
        ("<!-- md:value servers -->", r"'servers' is not a single value"),
    ],
)
def test_bad_shortcodes_name_file_and_line(text, message):
    with pytest.raises(shortcodes.ShortcodeError, match=message):
        shortcodes.expand(text, _context("en"), first_line=10)


def test_plain_comments_and_text_are_left_alone():
    text = "<!-- a note for authors -->\nmd:value is not a shortcode here\n"
    assert _expand(text) == text


def _broken(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(DATA_FILE.read_text())
    edit(data)
    path = tmp_path / "mail.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["servers"].pop("host"), r"servers\.host: missing"),
        (lambda d: d["servers"]["protocols"][0]["ports"][1].update(port="x"),
         r":\d+: servers\.protocols\[0\]\.ports\[1\]\.port: expected an integer, got 'x'"),
        (lambda d: d["limits"].update(recipients_per_message=True),
         r"limits\.recipients_per_message: expected an integer"),
        (lambda d: d["labels"]["col.port"].pop("it"), r":\d+: labels\.col\.port: no text for it"),
        (lambda d: d["labels"].pop("service.kmeet"), r"labels\.service\.kmeet: missing"),
        (lambda d: d["feedback"]["languages_by_service"].update(kchat=["pt"]), r"kchat: unknown language pt"),
        (lambda d: d["feedback"].update(languages_by_servce={}),
         r":\d+: feedback\.languages_by_servce: unknown key; expected one of services, languages_by_service"),
    ],
)
def test_broken_data_file_names_file_key_and_line(tmp_path, edit, message):
    path = _broken(tmp_path, edit)
    with pytest.raises(maildata.DataError, match=re.escape(str(path)) + ".*" + message):
        maildata.load(path)


def test_data_file_that_is_not_yaml(tmp_path):
    path = tmp_path / "mail.yml"
    path.write_text("servers: [unclosed\n")
    with pytest.raises(maildata.DataError, match="not valid YAML"):
        maildata.load(path)


def test_value_rejects_text_for_size_formats():
    with pytest.raises(maildata.DataError, match="not a number"):
        tables.value(DATA, "servers.host", "mb", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_shown_from_another_language_says_so_in_the_readers_language(lang):
    from sitebuild import events as kb

    source = "de" if lang != "de" else "fr"
    page = SimpleNamespace(file=SimpleNamespace(locale=source))
    notice = kb._fallback_notice(DATA, page, lang)
    assert notice.startswith("!!! info")
    assert maildata.label(DATA, f"language.{source}", lang) in notice
    expected = maildata.label(DATA, "notice.fallback", lang).split("{language}")[0]
    assert expected in notice
    assert kb._fallback_notice(DATA, SimpleNamespace(file=SimpleNamespace(locale=lang)), lang) == ""


@pytest.mark.parametrize("lang", LANGS)
def test_helo_dialogue_shows_the_hosters_real_smtp_lines_as_the_checker_does(lang: str) -> None:
    out = _expand("Before.\n\n<!-- md:helo-dialogue -->\n\nAfter.", lang)
    block = out.split("```text\n", 1)[1].split("\n```", 1)[0]
    checker = [turn["line"] for turn in report("EHLO localhost", lang)[0]["dialogue"]]
    assert [line[3:] for line in block.splitlines()] == checker
    assert [line[:3] for line in block.splitlines()] == ["S: ", "C: ", "S: ", "C: ", "S: ", "C: ", "S: "]
    assert checker[0] == "220 " + DATA["provider"]["smtp_greeting"]
    assert checker[-1].endswith("Access denied - bogus HELO")
