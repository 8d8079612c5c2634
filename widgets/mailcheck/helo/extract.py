"""Find the HELO/EHLO names in what an admin pastes.

Admins rarely have "the HELO name" at hand; they have a configuration value, an SMTP
transcript, their MTA's log, a ``Received:`` header, a filter header or a bounce. Every
form that real systems write is one :class:`Rule` in :data:`RULES`, named after the
system and the kind of text; a new vendor's form is one more entry. The corpora in
``tests/fixtures/helo/`` hold what those systems really wrote, each paste with its
source. Text that matches no rule is checked as a name only when each line is a single
token that could be a name: a log line or a sentence is never a HELO.

``Received:`` fields follow the trace grammar (RFC 5321 §4.4, RFC 5322 §3.6.7)::

    Received: from Extended-Domain [by Domain] [via Link] [with Protocol] [id ID] [for Path] ; date
    Extended-Domain = Domain / ( Domain FWS "(" TCP-info ")" ) / ( address-literal FWS "(" TCP-info ")" )

where the Domain after ``from`` is the name the client gave in EHLO/HELO. Vendors
deviate inside the brackets (the RECEIVED rules below say who writes what); one field
names one HELO, so for each line the first RECEIVED rule that matches wins. A field
``with HTTP`` (webmail), ``with MAPI`` or ``with LMTP`` comes from no SMTP session and so
names no HELO.

Before the rules run, the text is cut into logical lines: mail-quote markers (``> ``)
are dropped; a line that starts with a blank continues the one before (a folded
header, a bounce wrapped at about 78 columns), unless it is itself a transcript line;
and a few wraps that lost their indentation are joined (:data:`_JOINS`).

Never a wrong name: placeholders (``unknown``, an empty field) are dropped, and no rule
reads the server's own names (``by`` host, ``receiver=``, the authserv-id, ``SNI=``,
the greeting). A form that may name either the HELO or the reverse name (Exim writes
the name once when both are equal, or when no HELO came) gives an *uncertain* value,
which the report shows as such instead of checking it as the HELO.

Every pattern starts at a literal keyword and reads fields of bounded length, so
extraction stays linear in the size of the paste.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

MAX_VALUES = 100  # names checked per text; the report says when more were found
BLANKS = " \t\v\f"  # what Postfix trims around the argument (C isspace; CR/LF end the line)
_FIELD = 1024  # longest field read: far beyond a valid name (255), and keeps the rules linear
_NAME = 300  # longest name token read where the form gives no closing delimiter

_POSTFIX_BLANKS = str.maketrans({blank: "?" for blank in BLANKS})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_QUOTE = re.compile(r"(?:>[ ]?)+")  # a mail reply's quote markers ("> ", ">> ")
# Lines that start with a blank but are lines of their own: transcript turns and prompts.
_TURN = re.compile(r"[ \t]*(?:(?:In|Out):|->|<-|<~|~>|\*\*\*|<\*\*|===|[CS]:|\[[0-9]{1,9}\][ \t]*=>"
                   r"|(?:HELO|EHLO|helo|ehlo)[ \t]+(?!command\b)[^\s(]"  # a command typed in a session
                   r"|(?:[0-9]{1,9}[ \t]+)?SMTP(?:>>|<<))")  # Exim's debug output (-d), with its pid
# Wraps that lost their indentation (a bounce copied out of a mail client): the end of
# one line and the start of the next that belong together.
_JOINS = (
    (re.compile(r"bogus[ \t]*$", re.I), re.compile(r"HELO[ \t]*$", re.I)),
    (re.compile(r"<[^<>\s]{0,300}>:[ \t]*$"), re.compile(r"Helo\b", re.I)),
    (re.compile(r"\bHelo[ \t]*$", re.I), re.compile(r"command[ \t]+rejected\b", re.I)),
    (re.compile(r"\bHelo[ \t]+command[ \t]*$", re.I), re.compile(r"rejected\b", re.I)),
)
# A Received: field pasted without its folding blanks goes on until its ";" (before the
# date) or the next header field.
_RECEIVED_START = re.compile(r"Received:[ \t]", re.I)
_FIELD_START = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,60}:[ \t]")
PLACEHOLDERS = frozenset({"unknown", "<unknown>", "[unknown]", "(unknown)", "unverified"})


@dataclass(frozen=True)
class Rule:
    """One form of text that names a HELO value: the group ``helo`` holds it.

    ``name`` says which system writes the form and where (``exim-received``); an optional
    group ``command`` says whether the client said HELO or EHLO, an optional group
    ``host`` holds the client's reverse (PTR) name where the form gives it.
    """

    name: str
    source: str  # "command" (the client's own line) or "log" (what a server wrote about it)
    keywords: tuple[str, ...]  # lower-case words the form always holds: lines without any are skipped
    pattern: re.Pattern[str]
    received: bool = False  # a form of the Received: trace field: one HELO per line, first rule wins
    certain: bool = True  # False: the value may be the reverse name instead of the HELO
    keeps_empty: bool = False  # an empty value is the client's (a bare "HELO"), not a missing field


def _rule(name: str, source: str, keywords: tuple[str, ...], pattern: str, **options: bool) -> Rule:
    return Rule(name, source, keywords, re.compile(pattern, re.IGNORECASE), **options)


_CMD = r"(?P<command>HELO|EHLO)"
# [address] or [address]:port; letters too, for addresses masked in a paste ([192.0.X.Y]).
_IP = r"\[[0-9A-Za-z.:%]{1,64} ?\](?::[0-9]{1,5})?"
# An address without brackets (Microsoft, qmail, XMail): IPv4 with an optional port, or IPv6.
_BARE_IP = (r"(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?::[0-9]{1,5})?"
            r"|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f.]{0,39}){2,8}(?:%[0-9]{1,3})?)")
_TOKEN = rf"[^\s()\[\]<>\";]{{1,{_NAME}}}"  # a name as logs write it: no blanks, no delimiters
_DOMAIN = rf"(?:\[[^\]\s]{{1,64}}\]|{_TOKEN})"  # Domain or address-literal
# The start of a Received: field: its name, or (pasted without it) "from" with a "by" later;
# never a field of a webmail, MAPI or LMTP hop.
_RECEIVED = (r"^(?:Received:[ \t]*|(?=[^\n]*[ \t]by[ \t]))"
             r"(?![^\n]*\b(?:with|via)[ \t]+(?:HTTPS?|MAPI|LMTPS?A?|local|BSMTP|IMAP|POP3|Novell_GroupWise)\b)"
             r"from[ \t]+")
# TCP-info as receivers write it: "(rdns [IP])", "(user@rdns [IP])", "([IP])", "([IP]:port)",
# "(IP)" (Microsoft, qmail), with a word or a comment after the address: "([IP] unverified)"
# (IIS), "([IP] verified)", "([IP] RDNS failed)" (CommuniGate), "(rdns [IP] (may be forged))"
# (Sendmail), "(rdns. [IP])" (Gmail).
_TCP_INFO = (rf"\((?:[^\s@()\[\]]{{1,64}}@)?(?:(?:(?P<host>{_TOKEN})|<unknown[^\s<>()]{{0,20}}>)[ \t]*)?"
             rf"(?:{_IP}|(?:[^\s@()]{{1,64}}@)?{_BARE_IP})"
             r"(?:[ \t]+(?:[^()\n]{0,100}\([^()\n]{0,100}\)|[^()\n]{1,100}))?\)")
# Prompts of client debug output and transcripts, before the command: Postfix (" In:",
# " Out:"), swaks ("->"), curl ("> "), msmtp/MDaemon ("-->", "<--"), Sendmail -v (">>>"),
# Nodemailer/RFC examples ("C:"), PHPMailer ("CLIENT -> SERVER:"), fakeSMTP ("Client:"),
# SmarterMail ("cmd:"), Thunderbird ("Send:"), Outlook ("[tx]"), Exim -d ("SMTP>>"),
# Perl Net::SMTP ("Net::SMTP=GLOB(0x...)>>>"), "CLIENT[0015]:", go-smtp-mock ("SMTP request:").
_PROMPT = r"(?:In:|Out:|[<>~=-]{1,4}|[CS]:|Client:|Send:|cmd:|\[tx\]|SMTP>>|SMTP<<)"
# Prompts that no prose holds, wherever they stand in a line.
_STRONG_PROMPT = (r"(?:HELOCMD:|SMTP request:|CLIENT[ \t]*->[ \t]*SERVER:|CLIENT\[[0-9]{1,8}\]:|SMTP>>"
                  r"|Net::SMTP[^\s>]{0,40}>>>)")
# The command's argument up to the end of the line, a following timestamp (PHPMailer's
# debug output pasted as one line) or an HTML line break.
_REST = (r"(?:[ \t]+(?P<helo>[^\n]*?))?(?=[ \t]+(?:[0-9]{4}-[0-9]{2}-[0-9]{2}[ \tT]|SERVER[ \t]*->)"
         r"|[ \t]*(?:<br[ \t]*/?>)?[ \t]*$)")

RULES: tuple[Rule, ...] = (
    # --- Received: trace fields (first match per line wins) ------------------------------
    # Exim: "from NAME ([IP] helo=x)", "from [IP] (helo=x)", "([IP]:port ident=u helo=x)";
    # x may be an address literal or hold a space.
    _rule("exim-received", "log", ("helo=",),
          rf"{_RECEIVED}(?:(?P<host>{_TOKEN})[ \t]+)?(?:{_IP}[ \t]+)?\((?:[^()\n]{{0,{_NAME}}}[ \t])?"
          rf"helo=(?P<helo>[^()\n]{{0,{_NAME}}}?)(?:[ \t]+ident=[^()\n]{{0,{_NAME}}})?\)", received=True),
    # qmail, qpsmtpd, IronPort, Amazon SES, Yahoo, F-Secure, CommuniGate: "from unknown (HELO x)
    # (IP)", "from rdns (EHLO x) ([IP])", "from [IP] (HELO x)", "from [IP] (account u HELO x)".
    _rule("received-helo-comment", "log", ("helo", "ehlo"),
          rf"{_RECEIVED}(?:(?P<host>{_TOKEN})|{_IP})[ \t]+\((?:account[ \t][^\s()]{{1,100}}[ \t])?{_CMD}[ \t]+"
          rf"(?P<helo>[^\s()]{{0,{_NAME}}})\)", received=True),
    # TIS smap: "from rdns(IP, HELO x) by ... via smap".
    _rule("smap-received", "log", ("helo", "ehlo"),
          rf"{_RECEIVED}(?P<host>{_TOKEN})\({_BARE_IP},[ \t]{_CMD}[ \t]+(?P<helo>[^\s()]{{0,{_NAME}}})\)",
          received=True),
    # Obtuse smtpd: 'from rdns(IP), claiming to be "x" via SMTP by ...'.
    _rule("obtuse-received", "log", ("claiming",),
          rf'{_RECEIVED}(?P<host>{_TOKEN})\({_BARE_IP}\),[ \t]claiming[ \t]to[ \t]be[ \t]'
          rf'"(?P<helo>[^"\n]{{0,{_NAME}}})"',
          received=True),
    # Old Exim: "from rdns (x) [IP] by ..." (the address outside the brackets).
    _rule("exim3-received", "log", ("from",),
          rf"{_RECEIVED}(?P<host>{_TOKEN})[ \t]+\((?P<helo>{_TOKEN})\)[ \t]+\[[0-9A-Fa-f.:]{{1,64}}\]", received=True),
    # ZMailer: 'from rdns ([IP]:port "EHLO x" ident: ...)'.
    _rule("zmailer-received", "log", ('"helo', '"ehlo'),
          rf'{_RECEIVED}(?:(?P<host>{_TOKEN})|{_IP})[ \t]+\([^()"\n]{{0,{_NAME}}}"{_CMD}[ \t]+'
          rf'(?P<helo>[^"\n]{{0,{_NAME}}})"', received=True),
    # The trace grammar itself, as Postfix, OpenSMTPD, Sendmail, Exim (HELO equal to the
    # verified name), Microsoft, Courier, Haraka, Gmail, Domino and most others write it:
    # "from HELO (TCP-info)".
    _rule("received-trace", "log", ("from",), rf"{_RECEIVED}(?P<helo>{_DOMAIN})[ \t]+{_TCP_INFO}", received=True),
    # MDaemon, IMail, old Exim: "from HELO [IP] by ...".
    _rule("received-name-address", "log", ("from",),
          rf"{_RECEIVED}(?![0-9.]+[ \t])(?P<helo>{_TOKEN})[ \t]+{_IP}[ \t]+by[ \t]", received=True),
    # --- commands, as transcripts and client debug output show them ---------------------
    # "EHLO x" at the start of a line, after a prompt, or after a ";" as in the hoster's
    # guide ("220 mta... Servers;HELO 127.0.0.1"), or after a timestamp ("] C: EHLO x",
    # "10:00:00 - Client: EHLO x", "12:00:01 Send: EHLO x", "2017-11-29 23:30:10 CLIENT ->
    # SERVER: EHLO x") or Thunderbird's "SMTP Send: EHLO x". The
    # rest of the line is the name; "Helo command rejected" is a server's words, not a command.
    _rule("transcript-command", "command", ("helo", "ehlo"),
          rf"(?:(?:^|;)[ \t]*(?:{_PROMPT}[ \t]*)?|(?:(?<=[:\]0-9])|[ \t]-|\bSMTP)[ \t]+{_PROMPT}[ \t]*"
          rf"|{_STRONG_PROMPT}[ \t]*){_CMD}(?![ \t]+command\b)(?!\S){_REST}", keeps_empty=True),
    # Postfix debug_peer_list: "postfix/smtp[1]: > mx.example.net[192.0.2.1]:25: EHLO x",
    # "postfix/smtpd[1]: < unknown[192.0.2.1]: EHLO x".
    _rule("postfix-debug", "command", ("helo", "ehlo"),
          rf":[ \t][<>][ \t][^\s\[\]]{{1,{_NAME}}}{_IP}:[ \t]{_CMD}{_REST}", keeps_empty=True),
    # The command as a quoted string with its line end escaped: Python smtplib
    # ("send: 'ehlo x\r\n'"), Ruby Net::SMTP ('<- "EHLO x\r\n"'), MailHog, aiosmtpd.
    _rule("escaped-command", "command", ("\\r\\n",),
          rf"""['"]{_CMD}(?:[ \t]+(?P<helo>[^'"\\\n]{{0,{_NAME}}}))?\\r\\n['"]""", keeps_empty=True),
    # Postfix postscreen: "PREGREET 20 after 0.52 from [192.0.2.1]:53302: EHLO x\r\n"
    # (older releases: "from 192.0.2.1: HELO x??").
    _rule("postscreen-pregreet", "log", ("pregreet",),
          rf"\bPREGREET[ \t]+[0-9]{{1,9}}[ \t]+after[ \t]+[0-9.]{{1,20}}[ \t]+from[ \t][^\s]{{1,80}}:[ \t]{_CMD}"
          rf"(?:[ \t]+(?P<helo>[^\s\\]{{0,{_NAME}}}?))?(?:\\r\\n|\\n|\?\?|[ \t]|$)"),
    # Microsoft Exchange protocol log (CSV): "...,<,EHLO x," (SmtpReceive), ">,EHLO x," (SmtpSend).
    _rule("exchange-protocol-log", "command", ("helo", "ehlo"),
          rf",[<>],{_CMD}(?:[ \t]+(?P<helo>[^,\n]{{0,{_NAME}}}))?,"),
    # hMailServer log: '"RECEIVED: EHLO x"' (SMTPD) and '"SENT: EHLO x"' (SMTPC).
    _rule("hmailserver-log", "command", ("received:", "sent:"),
          rf'"(?:RECEIVED|SENT):[ \t]{_CMD}(?:[ \t]+(?P<helo>[^"\n]{{0,{_NAME}}}))?"'),
    # Apache Commons Email debug output (openHAB): ">>>>>Sending data EHLO x<<<<<<".
    _rule("sending-data", "command", ("sending data",),
          rf"\bSending[ \t]data[ \t]{_CMD}(?:[ \t]+(?P<helo>[^\s<]{{0,{_NAME}}}))?<"),
    # --- server logs -------------------------------------------------------------------
    # Postfix log: "... helo=<x>" (NOQUEUE reject lines).
    _rule("postfix-log", "log", ("helo=<",), rf"\bhelo=<(?P<helo>[^<>]{{0,{_FIELD}}})>", keeps_empty=True),
    # Postfix reply, in its own delivery lines, bounces and transcripts:
    # "504 5.5.2 <x>: Helo command rejected: ...".
    _rule("postfix-reply", "log", ("rejected",),
          rf"<(?P<helo>[^<>]{{0,{_FIELD}}})>:[ \t]+Helo[ \t]+command[ \t]+rejected"),
    # Exim log: "H=(x) [IP]" or "H=NAME (x) [IP]".
    _rule("exim-log", "log", ("h=",), rf"\bH=(?:[^\s(=]{{1,{_NAME}}} )?\((?P<helo>[^()]{{0,{_FIELD}}})\)"),
    # Exim log of a reception, HELO equal to the verified name: "H=NAME [IP] P=esmtp",
    # "H=NAME [IP]:port I=[IP]:25 P=esmtps", "H=NAME [IP] F=<...> rejected RCPT". Delivery
    # lines ("H=host [IP]: SMTP error", "H=host [IP] C=...") name the remote host, not a HELO.
    _rule("exim-log-verified", "log", ("h=",),
          rf"(?<!\S)H=(?P<helo>[^\s()\[\]=:]{{1,{_NAME}}}) {_IP}(?: I={_IP})?(?= (?:P=|F=<|rejected\b))"),
    # Exim connection lines without H=: "SMTP connection from (x) [IP] lost",
    # "no MAIL in SMTP connection from HOST (x) [IP] D=0s", "login authenticator failed for (x) [IP]".
    _rule("exim-connection", "log", ("from", "for"),
          rf"\b(?:from|for)[ \t](?:(?P<host>[^\s()\[\]=]{{1,{_NAME}}})[ \t])?"
          rf"\((?P<helo>[^()\s]{{0,{_NAME}}})\)[ \t]{_IP}"),
    # The same lines when the HELO equalled the verified name, or none came: Exim writes
    # the name once, so it may be either (uncertain).
    _rule("exim-connection-verified", "log", ("connection from", "command from"),
          rf"\b(?:connection|command)[ \t]from[ \t](?P<helo>[^\s()\[\]=]{{1,{_NAME}}})[ \t]{_IP}", certain=False),
    # Exim log: "rejected EHLO from [IP]: syntactically invalid argument(s): x".
    _rule("exim-log-invalid", "log", ("syntactically",),
          rf"rejected {_CMD} from [^\n]{{0,{_NAME}}}?: syntactically invalid argument\(s\): "
          rf"(?P<helo>[^\n]{{0,{_FIELD}}})"),
    # Exim delivery line and bounce: "SMTP error from remote mail server after EHLO x: 501 ..."
    # (the colon is glued to the name). x is an address literal, a bare IPv6 address, or
    # anything up to the colon (a name may hold a space).
    _rule("exim-delivery", "log", ("after",),
          rf"\bafter {_CMD} (?P<helo>\[[^\]\n]{{0,{_NAME}}}\]|[0-9A-Fa-f.:]{{2,64}}|[^\n:]{{0,{_NAME}}})"
          r":[ \t]+[2-5][0-9][0-9]\b"),
    # Exim delivery: "Remote host closed connection in response to HELO x".
    _rule("exim-response", "log", ("in response to",),
          rf"\bin[ \t]response[ \t]to[ \t]{_CMD}[ \t](?P<helo>[^\s:()]{{1,{_NAME}}})"),
    # OpenSMTPD log: 'failed-command command="EHLO x" result="501 ..."'.
    _rule("opensmtpd-log", "log", ('command="',), rf'\bcommand="{_CMD}(?: (?P<helo>[^"\n]{{0,{_FIELD}}}))?"',
          keeps_empty=True),
    # Haraka log: 'disconnect ip=... rdns=... helo="x" relay=N ...'.
    _rule("haraka-log", "log", ('helo="',), rf'\bhelo="(?P<helo>[^"\n]{{0,{_NAME}}})"'),
    # Haraka debug log: "hook=ehlo plugin=helo.checks function=init params=x retval=CONT".
    _rule("haraka-hook", "log", ("hook=",),
          rf"\bhook=(?:helo|ehlo)[ \t]plugin=[^\s]{{1,80}}[ \t]function=[^\s]{{1,80}}[ \t]params="
          rf"(?P<helo>[^\s\"]{{1,{_NAME}}})"),
    # --- filter and authentication headers ---------------------------------------------
    # Received-SPF and policyd-spf ("helo=x;"), SpamAssassin's X-Spam-Relays ("helo=x by=y"),
    # Microsoft's Received-SPF ("helo=x; pr=C"). The value ends at ";", "]", the end of the
    # line or the next "key=": a Postfix line whose "<…>" a web page ate ("helo=Feb 26 …")
    # names no HELO.
    _rule("spf-helo", "log", ("helo=",),
          rf"(?:^|(?<=[\s;]))helo=[ \t]?(?P<helo>[^\s;()<>\"\]=]{{0,{_NAME}}})"
          r"(?=[ \t]*(?:;|$|\])|[ \t]+[A-Za-z-]{1,20}=)"),
    # policyd-spf refusal: "Please see http://www.openspf.net/Why?s=helo;id=x;ip=...".
    _rule("spf-why-helo", "log", ("s=helo",), rf"\bs=helo;id=(?P<helo>[^;\s&\"]{{1,{_NAME}}})"),
    # Authentication-Results (RFC 8601): "spf=none smtp.helo=x".
    _rule("authentication-results", "log", ("smtp.helo",), rf"\bsmtp\.helo=(?P<helo>[^\s;()\"]{{0,{_NAME}}})"),
    # MDaemon's header: "X-MDHelo: x".
    _rule("mdaemon-header", "log", ("x-mdhelo",), rf"^X-MDHelo:[ \t]*(?P<helo>[^\s]{{0,{_NAME}}})"),
    # --- replies that quote the name -----------------------------------------------------
    # Gmail: '501-5.5.4 HELO/EHLO argument "x" invalid, closing connection.'
    _rule("gmail-reply", "log", ("argument",),
          rf"\bHELO/EHLO[ \t]argument[ \t]\*?[\"“](?P<helo>[^\"”\n]{{0,{_NAME}}})[\"”]\*?[ \t]invalid"),
    # Apache James: "Invalid EHLO argument received: x".
    _rule("james-reply", "log", ("argument received",),
          rf"\bInvalid[ \t]{_CMD}[ \t]argument[ \t]received:[ \t](?P<helo>[^\s]{{0,{_NAME}}})"),
)

# Words by which a server refuses a HELO without repeating the name (a bounce that only
# says "Access denied - bogus HELO", a reply "in reply to EHLO command").
_REFUSAL = re.compile(
    r"bogus[ \t]+HELO|HELO[ \t]+command[ \t]+rejected|invalid[ \t]+(?:HELO|EHLO)[ \t]+argument"
    r"|in[ \t]+reply[ \t]+to[ \t]+(?:HELO|EHLO)[ \t]+command|Empty[ \t]+HELO/EHLO[ \t]+argument",
    re.IGNORECASE,
)
# A token that could be a name: no blanks, none of the delimiters of log fields.
_NAME_TOKEN = re.compile(rf"[^\s<>()\"'=,;]{{1,{_FIELD}}}")
# What shows which system sent the HELO: (hint key, pattern). The first that matches wins;
# a receiver's own output (its log, its Received: field) says nothing about the sender.
SENDERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((key, re.compile(pattern, re.IGNORECASE)) for key, pattern in (
    ("PHPMailer", r"CLIENT[ \t]*->[ \t]*SERVER:|\bPHPMailer\b"),
    ("Python smtplib", r"^(?:[0-9:.]+[ \t])?send:[ \t]b?'|\bsmtplib\b"),
    ("Nodemailer", r"\bnodemailer\b"),
    ("Perl Net::SMTP", r"\bNet::SMTP(?:=GLOB\([0-9a-fx]+\))?>>>"),
    ("Ruby Net::SMTP", r"^<-[ \t]\""),
    ("curl", r"^\*[ \t]+(?:Connected to|Trying)[ \t]|\bcurl\b"),
    ("JavaMail", r"\bDEBUG SMTP:"),
    ("Postfix", r"\bpostfix/(?:smtp|lmtp)\[|This is the mail system at host|^[ \t]*Out:[ \t]*(?:HELO|EHLO)\b"),
    ("Exim", r"\bSMTP error from remote mail server\b|This message was created automatically by mail delivery"
             r" software|\bT=remote_smtp\b|\bSMTP>>"),
    ("Sendmail", r"\b(?:sendmail|sm-mta)\[[0-9]+\]:.*\bstat=|-----[ \t]Transcript of session follows[ \t]-----"),
    ("qmail", r"\bqmail-send program\b|\bqmail-remote\b"),
    ("Exchange", r"\bGenerating server:|\bRemote Server returned\b|,>,(?:HELO|EHLO)[ \t]"),
    ("Haraka", r"\[outbound\]"),
    ("OpenSMTPD", r"\bsmtpd\[[0-9]+\]:[^\n]*\bmta\b"),
))

# Where a paste names the sending server itself (its own host name, a good example of what
# to announce): Postfix's and qmail's bounces, the DSN's Reporting-MTA, Exchange's NDR.
_SERVER_NAME = re.compile(
    rf"(?:This is the mail system at host|This is the qmail-send program at|Reporting-MTA:[ \t]*dns;"
    rf"|Generating server:)[ \t]*(?P<name>[A-Za-z0-9][A-Za-z0-9.-]{{0,{_NAME}}}?)\.?(?:[ \t]|$)",
    re.IGNORECASE)


@dataclass(frozen=True)
class Extracted:
    """One HELO value and how it was found (``command`` is None unless the text said).

    ``host`` is the client's reverse name where the form gives it; ``certain`` is False
    when the value may be that reverse name rather than the HELO.
    """

    value: str
    command: str | None
    source: str  # "command", "log" or "bare"
    rule: str  # the :class:`Rule` that found it, or "bare-name"
    host: str | None = field(default=None, compare=False)
    certain: bool = field(default=True, compare=False)


def extract(text: str, limit: int = MAX_VALUES) -> tuple[list[Extracted], bool]:
    """The distinct HELO values in ``text`` in order, at most ``limit``; True if more exist.

    Uncertain values come only when the text names no certain one; a name found both
    ways is certain.
    """
    found = [item for line in logical_lines(text) for item in _from_line(line)] or _bare(text)
    certain = [item for item in found if item.certain]
    if certain:
        found = certain
    unique: dict[str, Extracted] = {}
    for item in found:
        key = same_name_key(item.value)
        if key not in unique:
            if len(unique) == limit:
                return list(unique.values()), True
            unique[key] = item
    return list(unique.values()), False


def same_name_key(value: str) -> str:
    """Values that name the same HELO: case aside, and Postfix's ``?`` for a blank it won't log.

    A transcript's "EHLO mail example.org" and Postfix's "<mail?example.org>" in the
    same paste are one HELO, reported as first seen.
    """
    return value.lower().translate(_POSTFIX_BLANKS)


def shows_refusal(text: str) -> bool:
    """True when the text says a server refused a HELO (whether or not it names it)."""
    return any(_REFUSAL.search(line) for line in logical_lines(text))


def sending_system(text: str) -> str | None:
    """The system that sent the HELO, when the text shows it (a hint key of :data:`SENDERS`)."""
    for line in logical_lines(text):
        for key, pattern in SENDERS:
            if pattern.search(line):
                return key
    return None


def server_names(text: str) -> list[str]:
    """Host names the text gives for the sending server itself, in order (unchecked)."""
    return [match.group("name") for line in logical_lines(text) for match in _SERVER_NAME.finditer(line)]


def logical_lines(text: str) -> Iterator[str]:
    """Lines without quote markers, continuations joined by one space (see the module docstring)."""
    current: list[str] = []
    open_received = False  # the current line is a Received: field that has not reached its ";"
    flowed = False  # the last line was quoted and ended with a blank: a soft line break (RFC 3676)
    indent: int | None = None  # blanks that every line of the current quoted block starts with
    for raw in _LINE_BREAK.split(text):
        quote = _QUOTE.match(raw)
        line = raw[quote.end():] if quote else raw
        if not quote:
            indent = None
        elif line.strip(BLANKS):
            blanks = len(line) - len(line.lstrip(" "))
            indent = blanks if indent is None else indent
            line = line[min(indent, blanks):]
        stripped = line.strip(BLANKS)
        continues = line[:1] in (" ", "\t") and stripped and not _TURN.match(line)
        unfolded = (open_received or (flowed and quote)) and stripped and not _FIELD_START.match(stripped)
        flowed = bool(quote) and line.endswith(" ") and bool(stripped)
        if current and (continues or unfolded or _joins(current[-1], stripped)):
            current.append(stripped)
            open_received = open_received and ";" not in stripped
            continue
        if current:
            yield " ".join(current)
        current = [line]
        open_received = bool(_RECEIVED_START.match(line)) and ";" not in line
    if current:
        yield " ".join(current)


def _joins(previous: str, line: str) -> bool:
    """A wrap that lost its indentation (see :data:`_JOINS`)."""
    return bool(line) and any(start.match(line) and end.search(previous) for end, start in _JOINS)


def _from_line(line: str) -> list[Extracted]:
    hits: list[tuple[int, int, Extracted]] = []
    lower = line.lower()
    received_done = False
    for rule in RULES:
        if (rule.received and received_done) or not any(keyword in lower for keyword in rule.keywords):
            continue
        for match in rule.pattern.finditer(line):
            value = (match.group("helo") or "").strip(BLANKS)
            if not rule.keeps_empty and (not value or value.lower() in PLACEHOLDERS):
                continue  # a placeholder for "no name": never a HELO
            received_done = received_done or rule.received
            groups = match.groupdict()
            command, host = groups.get("command"), groups.get("host")
            item = Extracted(value, command.upper() if command else None, rule.source, rule.name,
                             host if host and host.lower() not in PLACEHOLDERS else None, rule.certain)
            hits.append((match.start("helo") if match.group("helo") is not None else match.start(),
                         match.end(), item))
    hits.sort(key=lambda hit: (hit[0], -hit[1]))
    kept: list[Extracted] = []
    end = -1
    for start, stop, item in hits:
        if start >= end:  # a value already read by another rule is not read twice
            kept.append(item)
            end = stop
    return kept


def _bare(text: str) -> list[Extracted]:
    """A pasted name, or a list of names one per line; anything else is not a HELO."""
    words = [line.strip(BLANKS) for line in _LINE_BREAK.split(text)]
    words = [word for word in words if word]
    if words and all(_NAME_TOKEN.fullmatch(word) for word in words):
        return [Extracted(word, None, "bare", "bare-name") for word in words]
    return []
