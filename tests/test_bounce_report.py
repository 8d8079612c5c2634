"""The bounce explainer's reader, reasons and report: one case per form real systems write."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from mailcheck import web
from mailcheck.bounce import report
from mailcheck.bounce.classify import refusals
from mailcheck.bounce.codes import REASONS, STATUS
from mailcheck.bounce.report import mask
from mailcheck.bounce.words import WORDS
from mailcheck.i18n import LANGUAGES, LOCALE_DIR, size
from mailcheck.policy import policy

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _dsn(status: str, diagnostic: str, recipient: str = "anna@example.org") -> str:
    """A whole RFC 3464 report as a mail program saves it, with the original message attached."""
    return f"""From: MAILER-DAEMON@mx.example.net
To: me@example.com
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

I'm sorry to have to inform you that your message could not be delivered=
 to one or more recipients.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; {recipient}
Action: failed
Status: {status}
Remote-MTA: dns; in.example.org
Diagnostic-Code: smtp; {diagnostic}

--B
Content-Type: message/rfc822

From: me@example.com
To: bcc-victim@example.org
Subject: Hi

Hello
--B--
"""


def test_a_whole_dsn_is_read_with_the_email_package() -> None:
    result = report(_dsn("5.2.2", "552 5.2.2 <anna@example.org>: Mailbox full"), "en")
    assert (result["reason"], result["actor"], result["final"]) == ("mailbox-full", "recipient-side", True)
    assert result["recipients"] == ["anna@example.org"]
    assert (result["reporting"], result["remote"], result["reply"], result["status"]) == (
        "mx.example.net", "in.example.org", "552", "5.2.2")


def test_base64_and_html_parts_are_decoded() -> None:
    message = EmailMessage()
    message["Subject"] = "Undeliverable"
    message.set_content("<p>Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found'</p>",
                        subtype="html", cte="base64")
    assert report(message.as_string(), "en")["reason"] == "recipient-unknown"


@pytest.mark.parametrize(("text", "reason", "recipients"), [
    # Postfix log line of the sending server
    ("postfix/smtp[1]: 4F1: to=<bob@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=1, dsn=5.2.2,"
     " status=bounced (host mx.example.net[192.0.2.1] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command))",
     "mailbox-full", ["bob@example.net"]),
    # Exim log line, and a MAIL FROM reply whose address is the sender's
    ("** user@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP error from remote mail"
     " server after RCPT TO:<user@example.com>: 550 5.7.1 Client host [192.0.2.9] blocked using zen.spamhaus.org",
     "sender-blocked", ["user@example.com"]),
    ("host mx.example.org [192.0.2.1] SMTP error from remote mail server after MAIL FROM:<me@example.com> SIZE=20:"
     " 552 5.3.4 Message size exceeds fixed maximum message size", "message-too-large", []),
    # a bare reply, in German and Italian words without an enhanced code
    ("550 <x@example.de>: Benutzer unbekannt", "recipient-unknown", ["x@example.de"]),
    ("552 casella piena", "mailbox-full", []),
    ("421 4.7.0 Trop de connexions, veuillez réessayer plus tard", "rate-limited", []),
    ("554 Mensaje demasiado grande", "message-too-large", []),
])
def test_forms(text: str, reason: str, recipients: list[str]) -> None:
    result = report(text, "en")
    assert (result["reason"], result["recipients"]) == (reason, recipients)


def test_the_words_beat_a_mismatched_code_and_say_so() -> None:
    result = report("550 5.1.1 <a@example.org> recipient rejected, account administratively disabled", "fr")
    assert result["reason"] == "mailbox-disabled"
    assert [f["code"] for f in result["findings"]] == ["BOUNCE_CODE_MISMATCH"]


def test_a_cause_beats_the_expiry_and_a_passing_error_does_not() -> None:
    dsn = "Final-Recipient: rfc822; x@example.org\nAction: failed\nStatus: {}\nDiagnostic-Code: {}"
    relay = dsn.format("4.7.1", "smtp; 454 4.7.1 <x@example.org>: Relay access denied")
    timeout = dsn.format("4.4.1", "X-Postfix; connect to mx[192.0.2.1]:25: Connection timed out")
    assert report(relay, "en")["reason"] == "auth-required"
    assert (report(timeout, "en")["reason"], report(timeout, "en")["final"]) == ("delivery-expired", True)


def test_a_delay_is_not_final() -> None:
    result = report("Action: delayed\nStatus: 4.2.0\nDiagnostic-Code: smtp; 450 4.2.0 Greylisted", "en")
    assert (result["reason"], result["actor"], result["final"]) == ("temporary", "wait", False)


def test_the_hosters_refusals_come_with_its_remedy_in_every_language() -> None:
    rbl = policy()["bounce"]["refusals"][0]
    for lang in LANGUAGES:
        result = report("anna@example.org is rbl blacklisted - http://chk.me/rbl", lang)
        assert (result["reason"], result["refusal"], result["recipients"]) == ("sender-blocked", "rbl", [])
        assert rbl["remedy"][lang] in result["step"]
        assert result["findings"][0]["code"] == "BOUNCE_HOSTER"
    assert {r.id for r in refusals()} >= {"bogus-helo", "rbl"}


def test_bogus_helo_runs_the_helo_check_on_the_name() -> None:
    line = ("to=<a@example.org>, relay=mx[192.0.2.1]:25, dsn=5.5.2, status=bounced (host mx[192.0.2.1] said:"
            " 504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname"
            " (in reply to RCPT TO command))")
    result = report(line, "it")
    assert result["reason"] == "bogus-helo" and result["actor"] == "sender-admin"
    assert [(h["helo"], h["verdict"]) for h in result["helo"]] == [("localhost", "reject")]
    assert report("550 5.7.1 <a@example.org>... Access denied - bogus HELO", "en")["helo"][0]["helo"] is None


def test_message_too_large_gives_the_hosters_limit() -> None:
    limit = policy()["limits"]["max_message_bytes"]
    for lang in LANGUAGES:
        assert size(limit, lang) in report("552 5.3.4 Message size exceeds fixed limit", lang)["step"]


def test_the_summary_masks_every_local_part() -> None:
    result = report(_dsn("5.1.1", "550 5.1.1 <anna.b@example.org>: User unknown", "anna.b@example.org"), "de")
    assert "anna" not in result["summary"] and "***@example.org" in result["summary"]
    assert mask("x <a.b+c@d.example> y") == "x <***@d.example> y"


def test_nothing_to_explain() -> None:
    assert [f["code"] for f in report("  \n", "en")["findings"]] == ["BOUNCE_EMPTY"]
    assert report("hello, how are you?", "en")["reason"] is None


def test_input_is_capped_and_says_so() -> None:
    cap = policy()["bounce"]["max_input_bytes"]
    result = report("550 5.1.1 user unknown\n" + "x" * cap, "en")
    assert result["reason"] == "recipient-unknown"
    assert result["findings"][-1]["code"] == "BOUNCE_INPUT_CUT"


def test_tables_are_consistent() -> None:
    assert set(WORDS) == set(REASONS) - {"other"}
    assert set(STATUS.values()) <= set(REASONS) | {""}
    assert all(item["reason"] in REASONS for item in policy()["bounce"]["refusals"])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("reason", [r for r in REASONS if REASONS[r].guide])
def test_every_guide_a_reason_links_exists(reason: str, lang: str) -> None:
    page, _, anchor = REASONS[reason].guide.partition("#")
    text = (DOCS / lang / page).read_text(encoding="utf-8")
    assert not anchor or re.search(rf"\{{#{re.escape(anchor)}\}}", text)


def test_template_matches_the_code() -> None:
    """bounce.pot is regenerated whenever a message id changes in mailcheck/bounce."""
    in_code = {message for _, _, message, *_ in extract_from_dir(LOCALE_DIR.parent / "bounce")}
    with (LOCALE_DIR / "bounce.pot").open("rb") as pot:
        assert in_code == {m.id for m in read_po(pot) if m.id}


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mailcheck", "bounce", *args], input=stdin.encode(),
                          capture_output=True, check=False)


def test_cli() -> None:
    done = _cli("--json", "--lang", "es", "-", stdin="550 5.1.1 <a@example.org>: User unknown")
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert (result["reason"], result["actor"]) == ("recipient-unknown", "sender")
    assert "Quién debe actuar" in result["actor_text"]
    text = _cli("--lang", "de", "-", stdin="552 5.2.2 Postfach voll")
    assert text.returncode == 0 and "Postfach des Empfängers ist voll" in text.stdout.decode()
    assert _cli("-", stdin="nothing here").returncode == 1


def test_web_run() -> None:
    answer = json.loads(web.run(json.dumps({"checker": "bounce", "lang": "it", "text": "552 5.2.2 Mailbox full"})))
    assert answer["result"]["reason"] == "mailbox-full"
    web.warm_up("bounce", "it")


def test_the_readme_table_is_the_reasons_table() -> None:
    readme = (LOCALE_DIR.parent.parent / "README.md").read_text(encoding="utf-8")
    for reason_id, reason in REASONS.items():
        guide = f"`{reason.guide}`" if reason.guide else "—"
        assert f"| `{reason_id}` | {reason.actor.value} | {reason.what} | {guide} |" in readme
