"""The HELO report the widget and the CLI show: shape, languages, hints, dialogue."""

from __future__ import annotations

import json
import time

import pytest

from mailcheck.helo import report
from mailcheck.helo.report import HINTS, cap_input, shown
from mailcheck.i18n import LANGUAGES
from mailcheck.policy import policy

KEYS = {"helo", "command", "source", "verdict", "summary", "findings", "advice", "hints", "dialogue"}


def only(text: str, lang: str = "en") -> dict:
    results = report(text, lang)
    assert len(results) == 1
    return results[0]


def test_accepted_name() -> None:
    result = only("mail.example.com")
    assert set(result) == KEYS
    assert result["verdict"] == "accept"
    assert result["findings"] == []
    assert result["hints"] == [] and result["advice"] is None and result["dialogue"] == []
    assert json.loads(json.dumps(result)) == result


def test_rejected_name_has_findings_hints_and_the_guide_dialogue() -> None:
    result = only("220 mx ESMTP;HELO localhost")
    assert (result["helo"], result["command"], result["verdict"]) == ("localhost", "HELO", "reject")
    assert result["findings"] == [{
        "code": "HELO_LOOPBACK", "severity": "error", "part": "localhost",
        "message": "“localhost” is a loopback name: it always means the machine itself, never your mail server.",
    }]
    assert [hint["mta"] for hint in result["hints"]] == [hint.mta for hint in HINTS]
    assert "smtp_helo_name = mail.example.com" in [hint["example"] for hint in result["hints"]]
    lines = [turn["line"] for turn in result["dialogue"]]
    assert lines[0] == "220 " + policy()["provider"]["smtp_greeting"]
    assert lines[1] == "HELO localhost"
    assert lines[-2].startswith("RCPT TO:")
    assert lines[-1].startswith("550 5.7.1 ") and lines[-1].endswith("Access denied - bogus HELO")
    assert [turn["side"] for turn in result["dialogue"]] == ["server", "client"] * 3 + ["server"]


def test_ehlo_stays_ehlo_in_the_dialogue() -> None:
    assert only("EHLO [127.0.0.1]")["dialogue"][1]["line"] == "EHLO [127.0.0.1]"


def test_warning_only_is_accepted_with_hints() -> None:
    result = only("nas.home.arpa")
    assert result["verdict"] == "accept"
    assert result["advice"] and result["hints"]
    assert result["dialogue"] == []


def test_hints_use_the_a_label_when_there_is_one() -> None:
    examples = [hint["example"] for hint in only("mail.exämple.ch")["hints"]]
    assert "helo_data = mail.xn--exmple-cua.ch" in examples


def test_nothing_found_is_one_reject_with_a_finding() -> None:
    result = only("")
    assert result["helo"] is None and result["verdict"] == "reject"
    assert [f["code"] for f in result["findings"]] == ["HELO_NOT_FOUND"]


def test_more_values_than_the_cap_are_announced_once() -> None:
    results = report("\n".join(f"h{i}.example.com" for i in range(150)), "de")
    assert len(results) == 100
    assert [f["code"] for f in results[-1]["findings"]] == ["HELO_MORE_VALUES"]
    assert "100" in results[-1]["findings"][0]["message"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_gets_its_own_words(lang: str) -> None:
    result = only("www", lang)
    english = only("www", "en")
    assert "www" in result["findings"][0]["message"]
    if lang != "en":
        assert result["summary"] != english["summary"]
        assert result["findings"][0]["message"] != english["findings"][0]["message"]
        assert result["dialogue"][0]["label"] != english["dialogue"][0]["label"]
        assert [t["line"] for t in result["dialogue"]] == [t["line"] for t in english["dialogue"]]


def test_reader_input_is_shortened_and_made_printable_in_messages() -> None:
    assert shown("a\x00b\udc80") == "aU+0000b\ufffd"
    assert shown("x" * 200) == "x" * 79 + "…"
    result = only("EHLO " + "z" * 300 + " tail")
    assert all(len(f["message"]) < 300 for f in result["findings"])
    assert result["helo"] == "z" * 300 + " tail"  # the data itself is not altered


# --- what the report reads of a paste (helo.max_input_bytes) -------------------------------

LIMIT = policy()["helo"]["max_input_bytes"]


def test_the_input_cap_comes_from_the_data_file() -> None:
    assert LIMIT == 262144


def test_a_ten_megabyte_paste_is_cut_fast_and_says_so() -> None:
    text = ("Dec 04 16:26:21 mx postfix/smtpd[1]: connect from unknown[127.0.0.1]\n" * 150_000
            + "helo=<late.example.com>\n")
    assert len(text.encode()) > 10_000_000
    start = time.perf_counter()
    results = report(text, "de")
    assert time.perf_counter() - start < 2.0
    assert [r["helo"] for r in results] == [None]  # the name after the cut is not read
    cut = results[-1]["findings"][-1]
    assert cut["code"] == "HELO_INPUT_CUT" and cut["severity"] == "warning"
    assert "262.144" in cut["message"]  # German digit grouping (i18n.number)
    assert cut["message"].startswith("Nur die ersten")


def test_values_before_the_cut_are_checked_and_the_last_report_carries_the_note() -> None:
    text = "EHLO first.example.com\n" + "x " * LIMIT
    results = report(text, "en")
    assert [r["helo"] for r in results] == ["first.example.com"]
    assert results[0]["verdict"] == "accept"  # the note is a warning, not a refusal
    assert [f["code"] for f in results[0]["findings"]] == ["HELO_INPUT_CUT"]


def test_a_paste_under_the_cap_has_no_note() -> None:
    text = "EHLO a.example.com\n" + " " * (LIMIT - 30)
    assert report(text, "en")[0]["findings"] == []


@pytest.mark.parametrize("filler", ["é", "\U0001f4e7", "\udc80"])
def test_the_cut_falls_on_a_character_boundary_and_drops_the_partial_line(filler: str) -> None:
    head, length = cap_input("EHLO a.example.com\n" + filler * LIMIT, LIMIT)
    assert head == "EHLO a.example.com"
    assert length == len(("EHLO a.example.com\n" + filler * LIMIT).encode("utf-8", "surrogatepass"))
    single, _ = cap_input(filler * LIMIT, LIMIT)  # one long line keeps its first part
    assert 0 < len(single.encode("utf-8", "surrogatepass")) <= LIMIT


# --- a refusal that does not show the name ------------------------------------------------

POSTFIX_BOUNCE = """\
<bogus-h00@example.net>: host 127.0.0.1[127.0.0.1] said: 550
    5.7.1 <bogus-h00@example.net>: Recipient address rejected:
    Access denied - bogus HELO (in reply to RCPT TO command)
"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_bounce_without_the_name_says_so_and_where_the_name_is_set(lang: str) -> None:
    result = only(POSTFIX_BOUNCE, lang)
    assert result["helo"] is None and result["verdict"] == "reject"
    assert [f["code"] for f in result["findings"]] == ["HELO_REFUSED_NOT_SHOWN"]
    assert [hint["mta"] for hint in result["hints"]] == [hint.mta for hint in HINTS]
    assert result["advice"] and result["summary"] != only("", lang)["summary"]
    if lang != "en":
        assert result["findings"][0]["message"] != only(POSTFIX_BOUNCE)["findings"][0]["message"]


def test_text_without_a_refusal_is_still_not_found() -> None:
    assert [f["code"] for f in only("Dec 04 mx postfix/smtpd[1]: connect from x")["findings"]] == ["HELO_NOT_FOUND"]


@pytest.mark.parametrize(("lang", "one", "many"), [
    ("en", "is 1 character long", "is 64 characters long"),
    ("fr", "compte 1 caractère\u202f;", "compte 64 caractères\u202f;"),  # French spacing: narrow no-break
    ("de", "ist 1 Zeichen lang", "ist 64 Zeichen lang"),
    ("it", "è lunga 1 carattere;", "è lunga 64 caratteri;"),
    ("es", "tiene 1 carácter;", "tiene 64 caracteres;"),
])
def test_counted_messages_take_the_plural_form_of_the_language(lang: str, one: str, many: str) -> None:
    from mailcheck.helo.codes import finding
    from mailcheck.helo.report import _finding_dict

    assert one in _finding_dict(finding("HELO_LABEL_TOO_LONG", part="a", length=1, limit=63), lang)["message"]
    assert many in only("a" * 64 + ".example.com", lang)["findings"][0]["message"]


def test_large_numbers_are_grouped_the_way_the_language_writes_them() -> None:
    cut = report("EHLO a.example.com\n" + "x " * LIMIT, "fr")[-1]["findings"][-1]["message"]
    assert "262\u202f144" in cut


# --- the verdict says only what a source says (issue 19) ----------------------------------

@pytest.mark.parametrize(("value", "summary", "dialogue"), [
    ("mail.example.com", "“mail.example.com” passes every rule this checker knows.", False),
    ("nas.home.arpa", "“nas.home.arpa” passes every rule this checker knows, but read the warnings.", False),
    ("localhost", "Infomaniak refuses “localhost”: mail from this server bounces with “bogus HELO”.", True),
    ("www", "Infomaniak refuses “www”: mail from this server bounces with “bogus HELO”.", True),
    ("[127.0.0.1]", "Infomaniak refuses “[127.0.0.1]”: mail from this server bounces with “bogus HELO”.", True),
    ("mail_1.example.com", "“mail_1.example.com” breaks the rules for host names (RFC): receivers may refuse it,"
                           " and this checker counts it as refused.", False),
    ("server.localhost", "“server.localhost” breaks the rules for host names (RFC): receivers may refuse it,"
                         " and this checker counts it as refused.", False),
])
def test_the_summary_claims_a_refusal_only_where_the_hoster_states_it(value: str, summary: str,
                                                                       dialogue: bool) -> None:
    result = only(value)
    assert result["summary"] == summary
    assert bool(result["dialogue"]) is dialogue


def test_a_rule_of_the_checkers_own_caution_says_so() -> None:
    (message,) = [f["message"] for f in only("localhost.example.com")["findings"]]
    assert message.endswith("This is this checker's own caution, not a rule of Infomaniak.")


# --- the admin's own system and names -------------------------------------------------------

PHPMAILER = ("2017-11-29 23:30:10 CLIENT -> SERVER: EHLO mantis.*\n"
             "2017-11-29 23:30:10 SERVER -> CLIENT: 501-5.5.4 HELO/EHLO argument \"mantis.*\" invalid\n")
POSTFIX_SENDER_BOUNCE = """\
This is the mail system at host pf-out.example.org.

<h13@example.net>: host 127.0.0.1[127.0.0.1] said: 504 5.5.2 <srv01>: Helo
    command rejected: need fully-qualified hostname (in reply to RCPT TO command)
"""


def test_the_sending_systems_hint_comes_first() -> None:
    hints = only(PHPMAILER)["hints"]
    assert hints[0]["mta"] == "PHPMailer" and hints[0]["example"] == "$mail->Helo = 'mail.example.com';"
    assert [hint["mta"] for hint in hints[1:]] == [hint.mta for hint in HINTS]
    assert only(POSTFIX_SENDER_BOUNCE)["hints"][0]["mta"] == "Postfix"
    assert only("2026-12-04 10:00:00 SMTP>> EHLO srv01")["hints"][0]["mta"] == "Exim"
    assert only("srv01")["hints"][0]["mta"] == "Postfix"  # nothing shows the system: the usual order


def test_client_library_hints_only_when_the_paste_shows_that_library() -> None:
    assert {hint["mta"] for hint in only("srv01")["hints"]} == {hint.mta for hint in HINTS}


def test_the_example_uses_a_valid_name_from_the_paste() -> None:
    examples = {hint["mta"]: hint["example"] for hint in only(POSTFIX_SENDER_BOUNCE)["hints"]}
    assert examples["Postfix"] == "smtp_helo_name = pf-out.example.org"  # the server's own name
    received = "Received: from srv01 (mail.example.org [192.0.2.1])\n\tby mx.example.net (Postfix) with ESMTP id 1"
    examples = {hint["mta"]: hint["example"] for hint in only(received)["hints"]}
    assert examples["Exim"] == "helo_data = mail.example.org"  # its reverse name
    unknown = "Received: from srv01 (unknown [192.0.2.1])\n\tby mx.example.net (Postfix) with ESMTP id 1"
    assert {hint["example"] for hint in only(unknown)["hints"]} >= {"smtp_helo_name = mail.example.com"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_name_that_may_be_the_reverse_name_is_said_not_checked(lang: str) -> None:
    result = only("2016-03-21 04:33:13 SMTP connection from riveruse.com [206.214.71.53]:39865 closed", lang)
    assert result["helo"] is None and result["verdict"] == "reject"
    assert [f["code"] for f in result["findings"]] == ["HELO_UNCERTAIN"]
    assert "riveruse.com" in result["findings"][0]["message"] and result["hints"]
    if lang != "en":
        assert result["summary"] != only("SMTP connection from riveruse.com [206.214.71.53]:1 x")["summary"]


def test_every_system_the_paste_can_show_has_its_hint() -> None:
    from mailcheck.helo.extract import SENDERS
    from mailcheck.helo.report import CLIENT_HINTS

    assert {key for key, _ in SENDERS} <= {hint.mta for hint in HINTS + CLIENT_HINTS}
