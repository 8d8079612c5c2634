"""The recipient counter: lists as mail programs and spreadsheets give them, the limit, the report."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import unicodedata

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from cli_run import with_endless_stdin
from mailcheck import web
from mailcheck.i18n import LANGUAGES, LOCALE_DIR
from mailcheck.policy import policy
from mailcheck.recipients import count, report
from mailcheck.recipients.codes import RULES
from mailcheck.recipients.count import MAX_LINES, MAX_LISTED, MAX_ROWS
from mailcheck.recipients.parse import _BARE, _NAMED, MAX_ENTRY, entries_of_line, parse, parsed, simple

LIMIT = policy()["limits"]["recipients_per_message"]
MAX_BYTES = policy()["recipients"]["max_bytes"]


def counted(text: str, limit: int = LIMIT) -> list[str]:
    return count(text, limit=limit, max_bytes=MAX_BYTES).recipients


def codes(text: str, limit: int = LIMIT) -> list[str]:
    return [f.code for f in count(text, limit=limit, max_bytes=MAX_BYTES).findings]


def addresses(n: int, start: int = 0) -> list[str]:
    return [f"person{i}@example.org" for i in range(start, start + n)]


# --- reading the list -------------------------------------------------------------------------

# (pasted text, recipients counted): also run through Pyodide by test_widget_parity.py
WRITTEN = [
    ('Name <a@example.org>, "Doe, Jane" <c@example.org>; e@example.org',
     ["Name <a@example.org>", '"Doe, Jane" <c@example.org>', "e@example.org"]),
    ('"Smith; John" <john@example.org>; "O\'Neil, Pat" <pat@example.org>',
     ['"Smith; John" <john@example.org>', '"O\'Neil, Pat" <pat@example.org>']),
    ('"Quote \\" and, comma" <q@example.org>', ['"Quote \\" and, comma" <q@example.org>']),
    ("team: a@example.org, b@example.org;, c@example.org", ["a@example.org", "b@example.org", "c@example.org"]),
    ("x@example.org (Office, 2nd floor)", ["x@example.org"]),
    ("=?utf-8?q?J=C3=B6rg?= <joerg@example.de>", ["Jörg <joerg@example.de>"]),
    ("Zoë <zoe@bücher.example>", ["Zoë <zoe@bücher.example>"]),
]
# Entries that are not addresses (each on line 2, after a valid one).
INVALID = [
    "jane", "Jane Doe", "jane@", "@example.org", "jane@@example.org", "jane@example..org",
    "jane.@example.org", "jane doe@example.org", "<>", '"unclosed <jane@example.org>',
    "alice@example.org)<bob@example.org>", "jane@localhost",
]


@pytest.mark.parametrize(("text", "expected"), WRITTEN)
def test_lists_as_mail_programs_write_them(text: str, expected: list[str]) -> None:
    assert counted(text) == expected


def test_field_names_are_dropped_and_every_line_is_read() -> None:
    text = ("To: a@example.org, b@example.org\nCc: c@example.org\r\nBcc: d@example.org\n\n"
            "An: e@example.org\nf@example.org")
    assert counted(text) == [f"{c}@example.org" for c in "abcdef"]


def test_separators_inside_quotes_comments_and_brackets_do_not_split() -> None:
    assert list(entries_of_line('"a, b; c: d" <x@example.org>; (e, f; g) y@example.org, <@r.example:z@example.org>')) \
        == ['"a, b; c: d" <x@example.org>', "(e, f; g) y@example.org", "<@r.example:z@example.org>"]


def test_one_address_per_line_as_a_spreadsheet_column_pastes() -> None:
    assert counted("\n".join(addresses(30))) == addresses(30)


# --- duplicates -------------------------------------------------------------------------------

def test_duplicates_in_different_case_count_once_and_say_where() -> None:
    text = "Jane <jane@example.org>\nJANE@EXAMPLE.ORG\nother@example.org, jane@Example.Org"
    result = count(text, limit=LIMIT, max_bytes=MAX_BYTES)
    assert result.recipients == ["Jane <jane@example.org>", "other@example.org"]
    assert result.entries == 4
    [duplicate] = result.findings
    assert duplicate.code == "RCPT_DUPLICATE" and duplicate.row == 1
    assert duplicate.params == {"address": "jane@example.org", "count": 3, "lines": "1, 2, 3", "rows": [1, 2, 3]}
    assert report(text, "en")["verdict"] == "accept"  # a repeat is a warning: the message still goes


def test_duplicate_lines_are_capped() -> None:
    result = count("\n".join(["a@example.org"] * 50), limit=LIMIT, max_bytes=MAX_BYTES)
    [duplicate] = result.findings
    assert duplicate.params["count"] == 50
    assert duplicate.params["lines"] == ", ".join(str(n) for n in range(1, MAX_LINES + 1)) + ", …"


def test_many_duplicates_are_listed_up_to_a_cap() -> None:
    text = "\n".join(addresses(MAX_LISTED + 7) * 2)
    found = codes(text)
    assert found.count("RCPT_DUPLICATE") == MAX_LISTED
    more = [f for f in count(text, limit=LIMIT, max_bytes=MAX_BYTES).findings if f.code == "RCPT_DUPLICATE_MORE"]
    assert more[0].params == {"count": 7, "shown": MAX_LISTED}


# --- invalid entries --------------------------------------------------------------------------

@pytest.mark.parametrize("entry", INVALID)
def test_invalid_entries_are_reported_with_their_line_and_not_counted(entry: str) -> None:
    result = count(f"ok@example.org\n{entry}", limit=LIMIT, max_bytes=MAX_BYTES)
    assert result.recipients == ["ok@example.org"]
    [invalid] = result.findings
    assert (invalid.code, invalid.row, invalid.params["entry"]) == ("RCPT_INVALID", 2, entry)
    assert report(f"ok@example.org\n{entry}", "en")["verdict"] == "reject"


def test_invalid_entries_are_listed_up_to_a_cap_and_shortened() -> None:
    text = "\n".join(f"broken-{i}" for i in range(MAX_LISTED + 3)) + "\n" + "x" * 500
    findings = count(text, limit=LIMIT, max_bytes=MAX_BYTES).findings
    assert [f.code for f in findings].count("RCPT_INVALID") == MAX_LISTED
    assert findings[-1].code == "RCPT_INVALID_MORE" and findings[-1].params["count"] == 4
    long_entry = count("x" * 500, limit=LIMIT, max_bytes=MAX_BYTES).findings[0].params["entry"]
    assert len(long_entry) <= 80 and long_entry.endswith("…")


# --- the limit --------------------------------------------------------------------------------

def test_exactly_the_limit_is_accepted_with_a_note() -> None:
    result = report(", ".join(addresses(LIMIT)), "en")
    assert (result["verdict"], result["recipients"], result["groups"]) == ("accept", LIMIT, [])
    assert [f["code"] for f in result["findings"]] == ["RCPT_AT_LIMIT"]


def test_one_over_the_limit_is_refused_and_cut_into_groups() -> None:
    result = report("; ".join(addresses(LIMIT + 1)), "en")
    assert (result["verdict"], result["recipients"]) == ("reject", LIMIT + 1)
    assert [f["code"] for f in result["findings"]] == ["RCPT_OVER_LIMIT"]
    assert [group.split(", ") for group in result["groups"]] == [addresses(LIMIT), addresses(1, LIMIT)]


def test_groups_keep_display_names_and_first_appearance_order() -> None:
    text = '"Doe, Jane" <jane@example.org>, b@example.org, JANE@example.org, c@example.org'
    assert count(text, limit=2, max_bytes=MAX_BYTES).groups == [['"Doe, Jane" <jane@example.org>', "b@example.org"],
                                                                 ["c@example.org"]]


def test_duplicates_do_not_push_a_list_over_the_limit() -> None:
    assert report("\n".join(addresses(LIMIT) * 2), "en")["verdict"] == "accept"


def test_empty_and_oversized_input() -> None:
    assert codes(" , ;\n\n") == ["RCPT_EMPTY"]
    assert codes("a@example.org", limit=LIMIT) == []
    oversized = count("a@example.org," * 100, limit=LIMIT, max_bytes=1000)
    assert [f.code for f in oversized.findings] == ["RCPT_TOO_LARGE"] and not oversized.entries


# --- the report in every language -------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_report_is_translated(lang: str) -> None:
    result = report("a@example.org, A@example.org, broken\n" + ", ".join(addresses(LIMIT)), lang)
    assert result["verdict"] == "reject"
    assert {f["code"] for f in result["findings"]} == {"RCPT_INVALID", "RCPT_DUPLICATE_ON_LINE", "RCPT_OVER_LIMIT"}
    if lang != "en":
        english = report("a@example.org, A@example.org, broken\n" + ", ".join(addresses(LIMIT)), "en")
        assert result["summary"] != english["summary"]
        assert all(mine["message"] != theirs["message"]
                   for mine, theirs in zip(result["findings"], english["findings"], strict=True))
    json.dumps(result)


def test_readme_table_is_the_rule_table() -> None:
    readme = (LOCALE_DIR.parent.parent / "README.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"| `{code}` | {rule.severity.value} | {rule.source} | {rule.message} | {rule.why} |" in readme


def test_template_matches_the_code() -> None:
    """recipients.pot is regenerated whenever a message id changes in mailcheck/recipients."""
    package = LOCALE_DIR.parent / "recipients"
    in_code = {message for _, _, message, *_ in extract_from_dir(package, keywords={**DEFAULT_KEYWORDS, "NP_": (1, 2)})}
    with (LOCALE_DIR / "recipients.pot").open("rb") as pot:
        assert in_code == {m.id for m in read_po(pot) if m.id}


# --- properties -------------------------------------------------------------------------------

pieces = st.sampled_from([*'abz09.-_@"\\()<>[]:;, \t\r\néÜ\x00', "To: ", "a@example.org", "=?utf-8?q?x?=", "\n"])
list_like = st.lists(pieces, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), list_like), st.integers(min_value=1, max_value=5))
def test_never_raises_and_never_counts_more_than_the_at_signs(text: str, limit: int) -> None:
    result = count(text, limit=limit, max_bytes=MAX_BYTES)
    assert len(result.recipients) <= text.count("@")
    assert len(result.recipients) == len(set(result.recipients))
    assert all(len(group) <= limit for group in result.groups)
    assert sum(map(len, result.groups)) in (0, len(result.recipients))
    json.dumps(report(text, "fr"))


def _parts(address: object) -> object:
    return address and (address.display_name, address.username, address.domain, str(address))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.from_regex(_BARE, fullmatch=True), st.from_regex(_NAMED, fullmatch=True), list_like))
def test_the_shortcut_reads_what_the_full_parser_reads(entry: str) -> None:
    """``simple`` skips the standard library's parser only where both read the same address."""
    shortcut = simple(entry.strip())
    if shortcut is not None:
        assert _parts(shortcut) == _parts(parsed(entry.strip()))


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_parse_never_raises(text: str) -> None:
    for entry in parse(text):
        assert entry.text.strip() == entry.text and entry.text


# --- command line and browser door ------------------------------------------------------------

def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mailcheck", "recipients", *args], input=stdin,
                          capture_output=True, timeout=60, check=False)


def test_cli_exit_status_text_and_json(tmp_path) -> None:
    within = run("-", stdin=b"To: a@example.org, A@EXAMPLE.ORG")
    assert within.returncode == 0 and b"RCPT_DUPLICATE" in within.stdout
    over = tmp_path / "list.txt"
    over.write_text("\n".join(addresses(LIMIT + 5)))
    done = run("--json", "--lang", "de", str(over))
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert (result["recipients"], len(result["groups"])) == (LIMIT + 5, 2)
    assert result["summary"].startswith("Verschiedene Empfänger")
    text = run("--lang", "it", str(over))
    assert text.returncode == 1 and b"Messaggio 2 di 2:" in text.stdout
    assert run("-", stdin=b"not an address").returncode == 1
    for encoding in ("utf-16", "utf-8-sig"):  # what Windows editors save
        saved = json.loads(run("--json", "-", stdin="Zoë <zoe@example.org>\r\n".encode(encoding)).stdout)
        assert (saved["recipients"], saved["findings"]) == (1, [])


def test_cli_usage_errors_exit_2(tmp_path) -> None:
    assert run(str(tmp_path / "missing.txt")).returncode == 2
    assert run("--lang", "xx", "-").returncode == 2


def test_web_request_returns_the_report() -> None:
    answer = json.loads(web.run(json.dumps({"checker": "recipients", "lang": "es", "text": "a@example.org"})))
    assert answer["result"] == report("a@example.org", "es")
    web.warm_up("recipients", "es")


SINGLE_LINE = {"en": "on line 1;", "fr": "à la ligne 1\u202f;", "de": "in Zeile 1 ", "it": "alla riga 1 ",
               "es": "en la línea 1;"}
PLURAL_LINES = {"en": "(lines 1, 2)", "fr": "(lignes 1, 2)", "de": "(Zeilen 1, 2)", "it": "(righe 1, 2)",
                "es": "(líneas 1, 2)"}


@pytest.mark.parametrize("lang", sorted(SINGLE_LINE))
def test_repeats_on_one_line_name_one_line_in_the_singular(lang: str) -> None:
    [one_line] = report("jane@example.org, Jane <JANE@example.org>", lang)["findings"]
    assert one_line["code"] == "RCPT_DUPLICATE_ON_LINE" and one_line["line"] == 1
    assert SINGLE_LINE[lang] in one_line["message"] and PLURAL_LINES[lang][1:-6] not in one_line["message"]
    [two_lines] = report("jane@example.org, jane@example.org\njane@example.org", lang)["findings"]
    assert two_lines["code"] == "RCPT_DUPLICATE" and PLURAL_LINES[lang] in two_lines["message"]
    assert "3" in two_lines["message"]


# --- hostile input (issue 28) ------------------------------------------------------------------

def _seconds(text: str) -> float:
    started = time.perf_counter()
    count(text, limit=LIMIT, max_bytes=MAX_BYTES)
    return time.perf_counter() - started


@pytest.mark.parametrize("text", [
    "\\" * 40_000, '"' * 40_000, "(" * 120_000, "(a)" * 40_000, '"a"' * 13_000 + "<x@example.org>",
    "a@" * 20_000, "<" * 40_000, "=?utf-8?q?" + "=41" * 13_000 + "?= <x@example.org>",
], ids=["backslashes", "quotes", "open comments", "comment chain", "quoted words", "at signs", "brackets",
        "encoded word"])
def test_one_long_entry_is_refused_quickly(text: str) -> None:
    """The probe's reproductions took 14 to 23 s: an entry over MAX_ENTRY is not parsed at all."""
    assert _seconds(text) < 1.0
    assert codes(text) == ["RCPT_INVALID"]


@pytest.mark.parametrize("pattern", ['"', "\\", "(a)", "a.", "a@", '"a" '])
def test_time_is_linear_in_the_number_of_hostile_entries(pattern: str) -> None:
    """Distinct entries just under the cap, each as costly as the parser makes them: twice as many, twice the time."""
    def hostile(n: int) -> str:
        body = (pattern * MAX_ENTRY)[: MAX_ENTRY - 20]
        return "\n".join(f"{body} <x{i}@example.org>" for i in range(n))

    _seconds(hostile(20))  # imports and caches
    small, large = min(_seconds(hostile(60)) for _ in range(3)), min(_seconds(hostile(240)) for _ in range(3))
    # Four times the entries: linear is 4x, quadratic 16x; the machine is shared, hence the margin.
    assert large < small * 4 * 2 + 0.05, (small, large)


def test_an_entry_with_more_punctuation_than_any_real_one_is_refused_unparsed() -> None:
    """Each character other than a letter or digit may be a token of the parser: 64 at most."""
    name = '"Service de la communication, Ville de Lausanne (bureau 2)" <communication.relations@lausanne.ch>'
    assert codes(name) == []
    assert codes('"' + "()" * 40 + '" <jane@example.org>') == ["RCPT_INVALID"]
    assert codes('"' + "a " * 70 + '" <jane@example.org>') == ["RCPT_INVALID"], "valid RFC 5322, past the cap"


def test_identity_is_lower_case_not_case_folding() -> None:
    """straße@ and strasse@ are two mailboxes; Jane@ and JANE@ are one."""
    result = count("straße@example.org, strasse@example.org, STRASSE@example.org, Straße@EXAMPLE.org",
                   limit=LIMIT, max_bytes=MAX_BYTES)
    assert result.recipients == ["straße@example.org", "strasse@example.org"]
    assert [f.code for f in result.findings] == ["RCPT_DUPLICATE_ON_LINE", "RCPT_DUPLICATE_ON_LINE"]


INVISIBLE = ["\x00", "\x07", "\x85", "\u200b", "\u200e", "\u202e", "\u2066", "\ufeff", "\u2028", "\ufdd0", "\ue000"]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_controls_and_direction_marks_from_encoded_words_never_reach_the_groups(char: str) -> None:
    encoded = "".join(f"={b:02X}" for b in f"Jane{char}Doe".encode("utf-8", "surrogatepass"))
    text = "\n".join([f"=?utf-8?q?{encoded}?= <jane@example.org>", *addresses(LIMIT)])
    result = report(text, "en")
    assert result["recipients"] == LIMIT + 1
    assert result["groups"][0].startswith("JaneDoe <jane@example.org>, ")
    assert all(group.isprintable() for group in result["groups"])


def test_repeated_lines_are_data_capped() -> None:
    """A JSON reader gets every line of a repeated address as ``rows``, not only inside a sentence."""
    result = report("jane@example.org\nx@example.org\nJANE@example.org\njane@example.org", "de")
    [duplicate] = result["findings"]
    assert (duplicate["line"], duplicate["rows"]) == (1, [1, 3, 4])
    many = report("\n".join(["jane@example.org"] * (MAX_ROWS + 50)), "en")["findings"][0]
    assert many["rows"] == list(range(1, MAX_ROWS + 1))
    invalid = report("a@example.org\nbroken", "en")["findings"][0]
    assert (invalid["code"], invalid["rows"]) == ("RCPT_INVALID", [2])


@pytest.mark.parametrize("request_json", [
    "[" * 100_000 + "]" * 100_000,
    '{"checker": "recipients", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"checker": "recipients", "lang": "fr", "text": null}',
    '{"checker": "recipients", "text": ["a@example.org"]}',
    '{"checker": "helo", "text": null}',
    '{"checker": "bounce", "text": null}',
])
def test_web_refuses_what_is_not_a_request(request_json: str) -> None:
    answer = json.loads(web.run(request_json))
    assert answer["verdict"] == "error"
    assert [f["code"] for f in answer["findings"]] == ["WEB_BAD_REQUEST"]


def test_over_the_limit_leads_with_the_newsletter_tool() -> None:
    for lang in LANGUAGES:
        advice = report(", ".join(addresses(LIMIT + 1)), lang)["advice"]
        assert advice["tool"] in advice["newsletter"] and advice["tool_url"] == policy()["links"]["newsletter"]
        assert {"Bcc": "Bcc", "fr": "Cci", "it": "Ccn", "es": "CCO"}.get(lang, "Bcc") in advice["bcc"]
        assert advice["one_off"]
    assert report(", ".join(addresses(LIMIT)), "en")["advice"] is None


# Surrogates, noncharacters, controls, bidi controls, look-alike letters (Cyrillic, full-width), encoded words.
HOSTILE = st.sampled_from([
    "\ud800", "\udfff", "\ufffe", "\uffff", "\U0010ffff", "\x00", "\x1b", "\x9b", "\u202e", "\u2067", "\u200f",
    "\u200b", "\ufeff", "\u2028", "\u0430", "\u0435", "\u043e", "\uff45", "\uff20", "ß", "İ", "ﬀ",
    "=?utf-8?q?=E2=80=AE?=",
    "=?utf-8?b?AAA=?=", "=?koi8-r?q?=F0=D2=C9?=", "=?iso-8859-2?q?=B1?=", "\"", "\\", "(", ")", "<", ">", ",",
    ";", ":", "@", " ", "\n", "a", "example.org",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(HOSTILE, max_size=40).map("".join))
def test_hostile_characters_never_raise_nor_reach_the_groups(text: str) -> None:
    result = report(text + "\n" + ", ".join(addresses(LIMIT)), "fr")
    json.dumps(result)
    for group in result["groups"]:
        assert all(ch == " " or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
                   for ch in group), ascii(group)


def test_cli_reads_at_most_the_cap_from_an_endless_input() -> None:
    """`yes ... | mailcheck recipients -` ends with "too large" instead of reading forever."""
    done = with_endless_stdin("a@example.org", "recipients", "--json", "-")
    assert done.returncode == 1
    assert [f["code"] for f in json.loads(done.stdout)["findings"]] == ["RCPT_TOO_LARGE"]


def test_cli_utf16_over_the_cap_is_too_large_not_cut(tmp_path) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(("\n".join(addresses(MAX_BYTES // 10))).encode("utf-16"))
    result = json.loads(run("--json", str(path)).stdout)
    assert [f["code"] for f in result["findings"]] == ["RCPT_TOO_LARGE"]


def test_cli_output_errors_exit_4_without_a_traceback(tmp_path) -> None:
    path = tmp_path / "list.txt"
    path.write_text(", ".join(addresses(20_000)))
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "mailcheck", "recipients", str(path)], stdout=full,
                              stderr=subprocess.PIPE, timeout=60, check=False)
    assert done.returncode == 4 and b"Traceback" not in done.stderr
    assert done.stderr.decode().strip().count("\n") == 0 and "cannot write the output" in done.stderr.decode()
    piped = subprocess.Popen([sys.executable, "-m", "mailcheck", "recipients", "--json", str(path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    piped.stdout.close()  # the reader leaves at once, as `| head -c 0` does
    _, errors = piped.communicate(timeout=60)
    assert piped.returncode == 4 and b"Traceback" not in errors and errors.decode().strip().count("\n") == 0
