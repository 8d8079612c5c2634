"""Pulling HELO values out of what admins paste."""

from __future__ import annotations

import time

import pytest

from mailcheck.helo.extract import Extracted, extract, shows_refusal

GUIDE_TRANSCRIPT = """\
220 mta-gw1.example.ch ESMTP Example Mail Servers;HELO 127.0.0.1
250 mta-gw1.example.ch Hello, pleased to meet you
MAIL FROM: user123@example.ch
250 2.1.0 user123@example.ch... Sender ok
RCPT TO: user123@example.ch
550 5.7.1 user123@example.ch... Access denied - bogus HELO [1]
"""
POSTFIX_REJECT = (
    "Nov 27 06:11:19 mx postfix/smtpd[9228]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: "
    "504 5.5.2 <srv01>: Helo command rejected: need fully-qualified hostname; "
    "from=<a@example.org> to=<b@example.net> proto=ESMTP helo=<srv01>"
)


def values(text: str) -> list[str]:
    return [item.value for item in extract(text)[0]]


@pytest.mark.parametrize(("text", "expected"), [
    ("mail.example.com", Extracted("mail.example.com", None, "bare", "bare-name")),
    ("  mail.example.com \n", Extracted("mail.example.com", None, "bare", "bare-name")),
    ("EHLO mail.example.com", Extracted("mail.example.com", "EHLO", "command", "transcript-command")),
    ("helo  mail.example.com  ", Extracted("mail.example.com", "HELO", "command", "transcript-command")),
    ("C: EHLO x.example.com", Extracted("x.example.com", "EHLO", "command", "transcript-command")),
    (">>> HELO x.example.com", Extracted("x.example.com", "HELO", "command", "transcript-command")),
    (" -> EHLO x.example.com", Extracted("x.example.com", "EHLO", "command", "transcript-command")),
    (" In:  EHLO x.example.com", Extracted("x.example.com", "EHLO", "command", "transcript-command")),
    ("HELO", Extracted("", "HELO", "command", "transcript-command")),
    ("EHLO [127.0.0.1]", Extracted("[127.0.0.1]", "EHLO", "command", "transcript-command")),
    (POSTFIX_REJECT, Extracted("srv01", None, "log", "postfix-reply")),
    ("client=x, helo=<>", Extracted("", None, "log", "postfix-log")),
    ("Received: from mx.example.org ([192.0.2.1] helo=srv.lan)",
     Extracted("srv.lan", None, "log", "exim-received")),
    ("H=(win-3k2.local) [192.0.2.9] rejected", Extracted("win-3k2.local", None, "log", "exim-log")),
    ("H=mx.example.org (srv_1.example.org) [192.0.2.9]",
     Extracted("srv_1.example.org", None, "log", "exim-log")),
])
def test_formats(text: str, expected: Extracted) -> None:
    assert extract(text) == ([expected], False)


# One real example per rule (from tests/fixtures/helo/corpus.jsonl, shortened where long).
@pytest.mark.parametrize(("rule", "text", "value"), [
    ("received-trace",
     "Received: from mail.example.org (unknown [127.0.0.1])\n\tby mx.example.net (Postfix) with ESMTP id"
     " 4C25E20C819\n\tfor <h00@example.net>; Fri,  4 Dec 2026 16:26:20 +0000 (UTC)", "mail.example.org"),
    ("received-trace",
     "Received: from Mail.Example.ORG (<unknown> [127.0.0.1])\n\tby smtpd-mx.example.net (OpenSMTPD) with"
     " ESMTP id 5b0c0c8e", "Mail.Example.ORG"),
    ("received-trace",
     "Received: from [IPv6:2001:db8::25] (client.example.org [127.0.0.2])\n    by mx.example.net (Postfix)",
     "[IPv6:2001:db8::25]"),
    ("exim-received", "Received: from [127.0.0.1] (helo=[192.0.2.10])\n\tby exim-mx.example.net with esmtp",
     "[192.0.2.10]"),
    ("exim-received", "Received: from client.example.org ([127.0.0.2] helo=[IPv6:2001:db8::25])\n\tby x",
     "[IPv6:2001:db8::25]"),
    ("exim-received", "Received: from [127.0.0.1] (helo=mail example.org)\n\tby x", "mail example.org"),
    ("exim-received", "Received: from mx.example.org ([192.0.2.7] ident=mail helo=mx1.example.org)\n\tby x",
     "mx1.example.org"),
    ("received-trace",
     "Received: from laptop.example.org (dsl-1.example.net [192.0.2.8])\n\t(Authenticated sender: bob)\n\tby"
     " mx.example.net (Postfix) with ESMTPSA id 4C25E", "laptop.example.org"),
    ("received-trace",
     "Received: from exim-out.example.org ([127.0.0.4])\n\tby exim-mx.example.net with esmtp (Exim 4.96)",
     "exim-out.example.org"),
    ("exim-log-verified",
     "2026-12-04 16:32:24 1xZWCu-0001oO-2N <= sender@example.org H=client.example.org [127.0.0.2] P=esmtp S=446",
     "client.example.org"),
    ("exim-log-invalid",
     "2026-12-04 16:33:01 rejected EHLO from [127.0.0.1]: syntactically invalid argument(s): mail example.org",
     "mail example.org"),
    ("exim-delivery",
     "2026-12-04 16:41:45 1xZWLx-0002pJ-1k ** h17@example.net R=outbound T=outbound H=127.0.0.1 [127.0.0.1]:"
     " SMTP error from remote mail server after HELO [IPv6:2001:db8::25]: 501 Syntactically invalid HELO"
     " argument(s)", "[IPv6:2001:db8::25]"),
    ("exim-delivery",
     "  h13@example.net\n    host 127.0.0.1 [127.0.0.1]\n    SMTP error from remote mail server after HELO"
     " mail_1.example.org:\n    501 Syntactically invalid HELO argument(s)", "mail_1.example.org"),
    ("opensmtpd-log",
     '0284e6b138bb1cce smtp failed-command command="EHLO 2001:db8::25" result="501 5.5.4 Invalid command'
     ' arguments: Invalid domain name"', "2001:db8::25"),
    ("postfix-reply",
     "<h13@example.net>: host 127.0.0.1[127.0.0.1] said: 504 5.5.2 <srv01>: Helo\n    command rejected: need"
     " fully-qualified hostname (in reply to RCPT TO command)", "srv01"),
    ("postfix-log", "Dec 04 16:26:21 mx postfix/smtpd[19598]: NOQUEUE: reject: RCPT from unknown[127.0.0.1]: 550"
     " 5.7.1 <b@example.net>: Recipient address rejected: Access denied - bogus HELO; from=<a@example.org>"
     " to=<b@example.net> proto=ESMTP helo=<mail.example.org>", "mail.example.org"),
])
def test_each_rule_on_a_real_paste(rule: str, text: str, value: str) -> None:
    found, _ = extract(text)
    assert [(item.value, item.rule) for item in found] == [(value, rule)]


def test_delivery_lines_name_the_remote_host_not_a_helo() -> None:
    line = ("2026-12-04 16:34:06 1xZWEY-0003K4-2g => h00@example.net R=outbound T=outbound"
            " H=127.0.0.1 [127.0.0.1] C=\"250 2.0.0 Ok: queued as 4C25E20C819\"")
    assert extract(line) == ([], False)


# --- the wrap traps: a bounce wrapped at ~78 columns is not a command ---------------------

POSTFIX_DSN_HELO_WRAP = """\
<h13-pf-strict-p40847@example.net>: host 127.0.0.1[127.0.0.1] said: 504 5.5.2
    <srv01>: Helo command rejected: need fully-qualified hostname (in reply to
    RCPT TO command)
"""
POSTFIX_DSN_CONTINUATION_STARTS_WITH_HELO = """\
<h13@example.net>: host 127.0.0.1[127.0.0.1] said: 504 5.5.2 <srv01>:
    Helo command rejected: need fully-qualified hostname (in reply to RCPT TO
    command)
"""
POSTMASTER_OUT_WRAP = """\
Transcript of session follows.

 Out: 220 mx.example.net ESMTP Postfix
 In:  EHLO mail.example.org
 Out: 250-mx.example.net
 In:  RCPT TO:<bogus-h00@example.net>
 Out: 550 5.7.1 <bogus-h00@example.net>: Recipient address rejected: Access denied - bogus
     HELO
 In:  QUIT
"""


@pytest.mark.parametrize("text", [POSTFIX_DSN_HELO_WRAP, POSTFIX_DSN_CONTINUATION_STARTS_WITH_HELO])
def test_a_wrapped_bounce_gives_the_name_not_the_words_after_it(text: str) -> None:
    assert values(text) == ["srv01"]


def test_a_continuation_holding_only_helo_is_not_an_empty_command() -> None:
    assert values(POSTMASTER_OUT_WRAP) == ["mail.example.org"]
    assert values(POSTMASTER_OUT_WRAP.replace("     HELO", "HELO")) == ["mail.example.org"]


def test_an_unindented_helo_command_rejected_line_is_no_command() -> None:
    assert values("550 5.7.1 <a@example.net>: Recipient address rejected:\nHelo command rejected: x\n") == []


def test_folded_received_header_is_one_line() -> None:
    header = "Received: from mail.example.org\n (unknown [127.0.0.1])\n\tby mx.example.net (Postfix)"
    assert values(header) == ["mail.example.org"]


def test_postfix_question_mark_for_a_blank_is_the_same_helo() -> None:
    text = " In:  EHLO mail example.org\n Out: 501 5.5.2 <mail?example.org>: Helo command rejected: Invalid name"
    assert values(text) == ["mail example.org"]


@pytest.mark.parametrize("text", [
    "Delivery has failed.\nThe server said: Access denied - bogus HELO\n",
    "host 127.0.0.1[127.0.0.1] said: 501 Syntactically invalid EHLO argument(s) (in reply to EHLO command)",
    '0284e68fb712816a smtp failed-command command="RCPT TO:<b@example.net>" result="550 5.7.1 Access denied'
    ' - bogus HELO"',
])
def test_a_refusal_without_the_name(text: str) -> None:
    assert extract(text) == ([], False)
    assert shows_refusal(text)


def test_guide_transcript_gives_the_helo_and_not_the_bounce_words() -> None:
    assert values(GUIDE_TRANSCRIPT) == ["127.0.0.1"]
    assert values(GUIDE_TRANSCRIPT.replace("\n", "\r\n")) == ["127.0.0.1"]


def test_several_values_in_order_without_duplicates() -> None:
    log = "\n".join([POSTFIX_REJECT, "EHLO a.example.com", POSTFIX_REJECT, "helo=<b.example.com>"])
    assert values(log) == ["srv01", "a.example.com", "b.example.com"]


def test_a_list_of_names_one_per_line() -> None:
    assert values("a.example.com\n\nlocalhost\r\nwww\n") == ["a.example.com", "localhost", "www"]


@pytest.mark.parametrize("text", [
    "", "   \n\t\n",
    "Delivery has failed.\nThe server said: Access denied - bogus HELO\n",
    "mail example.com",  # two words: a sentence, not a name
    "Dec 04 16:26:21 mx postfix/smtpd[19598]: connect from unknown[127.0.0.1]",
    "user=<bob>", "(mail.example.com)", "a.example.com\nnot a name\n",
])
def test_nothing_to_extract(text: str) -> None:
    assert extract(text) == ([], False)


def test_helo_command_rejected_keeps_the_name_in_angle_brackets() -> None:
    assert values("504 5.5.2 <x>: Helo command rejected: need fully-qualified hostname\nsecond line here\n") == ["x"]


def test_the_number_of_values_is_capped() -> None:
    text = "\n".join(f"h{i}.example.com" for i in range(5))
    found, more = extract(text, limit=3)
    assert [item.value for item in found] == ["h0.example.com", "h1.example.com", "h2.example.com"]
    assert more
    assert extract(text, limit=5)[1] is False


PATHOLOGICAL = ["helo=<", "H=(", "H=", ";HELO ", "after EHLO ", "Received: from x (", " x \n", "<", "(helo=",
                'command="EHLO ', "rejected EHLO from ", "a ",
                # the forms of issue 21
                "Received: from a (HELO ", 'Received: from a ([1.2.3.4] "EHLO ', "from a (b [1.2.3.4] ", "> ", ">  x\n",
                "Received: from a (1.2.3.4", "helo= ", "smtp.helo=", "PREGREET 1 after 1 from x: EHLO ",
                "CLIENT -> SERVER: EHLO ", ",<,EHLO ", "'EHLO a\\r\\n", "for (", "connection from a [1.2.3.4]",
                "Received: from a\n[", "] <-- EHLO ", "HELO/EHLO argument \"", "claiming to be \""]


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        extract(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("piece", PATHOLOGICAL)
def test_pathological_pastes_take_linear_time(piece: str) -> None:
    """Four times the text takes about four times as long (never sixteen), and a paste
    of the size the report reads (helo.max_input_bytes) takes well under a second."""
    small = _best_time(piece * (64_000 // len(piece)))
    large = _best_time(piece * (256_000 // len(piece)))
    assert large < 1.0
    assert large < 8 * small + 0.02, (small, large)


# --- forms issue 21 names whose published pastes are not in the corpora yet ---------------

@pytest.mark.parametrize(("text", "value", "rule"), [
    ('Received: from mx.example.org ([192.0.2.1]:4321 "EHLO mail.example.org" ident: NO-IDENT-SERVICE)\n'
     "\tby zmailer.example.net with ESMTP id <123>; Fri, 4 Dec 2026", "mail.example.org", "zmailer-received"),
    ('[NOTICE] [1A2B] [core] disconnect ip=192.0.2.1 rdns=mx.example.org helo="srv01" relay=N early=N',
     "srv01", "haraka-log"),
    ('"SMTPD"\t4164\t12\t"2026-12-04 10:00:00.000"\t"192.0.2.1"\t"RECEIVED: EHLO srv01"', "srv01",
     "hmailserver-log"),
    ("[SPF failed: Please see http://www.openspf.org/Why?s=helo;id=srv01.example.org;ip=192.0.2.1;r=mx]",
     "srv01.example.org", "spf-why-helo"),
    ("X-MDHelo: [10.10.10.144]", "[10.10.10.144]", "mdaemon-header"),
    ("Invalid EHLO argument received: srv_01", "srv_01", "james-reply"),
])
def test_forms_known_from_the_survey(text: str, value: str, rule: str) -> None:
    assert [(item.value, item.rule) for item in extract(text)[0]] == [(value, rule)]


# --- never a wrong name: placeholders and the server's own names -------------------------

@pytest.mark.parametrize("text", [
    # qmail's "unknown" and OpenSMTPD's "<unknown>" stand for "no reverse name"
    "Received: from unknown (192.0.2.1) by mx.example.net with SMTP; 4 Dec 2026 10:00:00 -0000",
    "Received: from unknown (HELO ) (192.0.2.1) by mx.example.net with SMTP; 4 Dec 2026",
    # empty fields
    "Received-SPF: none (mx.example.net: no SPF) client-ip=192.0.2.1; helo=; envelope-from=<>",
    "Authentication-Results: mx.example.net; spf=none smtp.helo=",
    "Received: from [192.0.2.1] (helo=) by mx.example.net with esmtp (Exim 4.96)",
    # the server's own names: greeting, EHLO reply, by host, receiver=, authserv-id, SNI
    "220 mx.example.net ESMTP Postfix",
    "250-mx.example.net Hello mail.example.org [192.0.2.1]",
    "Received-SPF: Pass (mx.example.net: domain of a@example.org designates 192.0.2.1) receiver=mx.example.net;",
    "Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=a@example.org",
    "2026-12-04 10:00:00 1xZ => b@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.2]"
    " X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes SNI=mx.example.net K C=\"250 OK\"",
    # webmail: no SMTP session, no HELO
    "Received: from 192.0.2.1 (SquirrelMail authenticated user bob) by webmail.example.net with HTTP;"
    " Fri, 4 Dec 2026 10:00:00",
    "Received: from [192.0.2.1] by web1.example.net via HTTP; Fri, 4 Dec 2026 10:00:00",
    "Received: from AM0PR01MB1234.eurprd01.prod.outlook.com ([fe80::1]) by AM0PR01MB1234.eurprd01.prod.outlook.com"
    " ([fe80::1%4]) with mapi id 15.20.1234.000; Fri, 4 Dec 2026 10:00:00 +0000",
    # a reverse name and an address: no HELO (Sendmail relay=, Postfix connect)
    "Dec 4 10:00:00 mx sm-mta[1]: x: from=<a@example.org>, relay=localhost [127.0.0.1]",
    "Dec 4 10:00:00 mx postfix/smtpd[1]: connect from localhost[127.0.0.1]",
])
def test_placeholders_and_server_names_are_never_reported(text: str) -> None:
    assert extract(text) == ([], False)


def test_localhost_as_the_reverse_name_is_not_the_helo() -> None:
    text = "Received: from mail.example.org (localhost [127.0.0.1])\n\tby mx.example.net (Postfix) with ESMTP id 1"
    assert values(text) == ["mail.example.org"]


def test_a_reply_quoting_a_header_is_read_without_its_quote_marks() -> None:
    text = "> Received: from srv01 (unknown [192.0.2.1])\n>\tby mx.example.net (Postfix) with ESMTP id 1;\n"
    assert values(text) == ["srv01"]


def test_a_quoted_sentence_is_not_a_command() -> None:
    assert values("> Helo command rejected: see below\n") == []
    assert values("> The server said HELO to us.\n") == []


def test_the_host_and_certainty_come_with_the_value() -> None:
    (item,), _ = extract("Received: from srv01 (mail.example.org [192.0.2.1]) by mx.example.net (Postfix)")
    assert (item.value, item.host, item.certain) == ("srv01", "mail.example.org", True)
    (item,), _ = extract("2016-03-21 04:33:13 SMTP connection from riveruse.com [206.214.71.53]:39865 closed")
    assert (item.value, item.certain) == ("riveruse.com", False)


@pytest.mark.parametrize("text", [
    "CLIENT[0015]: EHLO a.example.org", "Client: EHLO a.example.org", "Send: EHLO a.example.org",
    "12:00:01 Send: EHLO a.example.org", "D/SMTP SMTP Send: EHLO a.example.org", ">>> SMTP>> EHLO a.example.org",
    "> EHLO a.example.org", "SMTP (smtp.example.net): [tx] EHLO a.example.org",
    "[2026-01-01 10:00:00] cmd: EHLO a.example.org", "Sat 2014-07-26 12:58:47: 02: [514116] <-- ehlo a.example.org",
])
def test_debug_prompts_of_clients_and_servers(text: str) -> None:
    assert values(text) == ["a.example.org"]


@pytest.mark.parametrize(("text", "value"), [
    # a Received: field pasted without its name, folded or not
    ("from mail.example.org (unknown [192.0.2.1])\n\tby mx.example.net (Postfix) with ESMTP id 1", "mail.example.org"),
    ("from srv01 (192.0.2.1) by EXCH01.corp.example.net (10.0.0.5) with Microsoft SMTP Server id 15.1.2507.6;",
     "srv01"),
    # Exim's port after the bracket, and Sendmail's nested comment
    ("Received: from mx.example.org ([192.0.2.1]:41234 helo=srv01)\n\tby mx.example.net with esmtp (Exim 4.96)",
     "srv01"),
    ("Received: from srv01 (mail.example.org [192.0.2.1] (may be forged))\n\tby mx.example.net (8.17.1/8.17.1)",
     "srv01"),
])
def test_received_fields_with_or_without_their_name(text: str, value: str) -> None:
    assert values(text) == [value]


def test_a_postfix_line_whose_angle_brackets_a_web_page_ate_names_no_helo() -> None:
    text = ("Feb 26 19:39:34 raccoon postfix/smtpd[6985]: NOQUEUE: reject: EHLO from x[192.0.2.1]: 450 : Helo command"
            " rejected: Host not found; proto=SMTP helo=Feb 26 19:39:36 raccoon postfix/smtpd[6985]: disconnect")
    assert values(text) == []
    assert values("X-Spam-Relays-Untrusted: [ ip=192.0.2.1 rdns= helo=srv01 by=mx.example.net ident= ]") == ["srv01"]
