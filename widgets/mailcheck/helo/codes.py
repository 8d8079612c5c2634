"""Every HELO finding code, in one table: severity, message id and why the rule exists.

This is the one place to look up a code (``HELO_UNDERSCORE``: an underscore in a HELO
name). The rules themselves live in :mod:`.grammar` (RFC syntax) and :mod:`.policy`
(the hoster's stricter rules); the message ids here are translated in the ``helo``
gettext domain. Placeholders a message may use: ``{part}`` (the offending part of
the name), ``{limit}``, ``{suggestion}``, and ``{n}``, the count of a message in :data:`COUNTED`.
"""

from __future__ import annotations

from mailcheck.findings import Finding, Rule, Severity, finding_for
from mailcheck.i18n import N_, NP_

DOMAIN = "helo"



ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
RFC5321, RFC1035, RFC1123 = "RFC 5321", "RFC 1035", "RFC 1123"
POLICY = "hoster policy"  # the hoster's guide lists the kind of name (its refusals)
CAUTION = "checker caution"  # no standard and no statement of the hoster: the checker's own

# Messages that count something: the singular and plural ids, shown with i18n.plural() for
# the count in the parameter named in COUNTED ({n} in the message is that count).
_LINE_TOO_LONG = NP_("The command line would be {n} octet long; SMTP allows at most {limit}.",
                     "The command line would be {n} octets long; SMTP allows at most {limit}.")
_LABEL_TOO_LONG = NP_("The label “{part}” is {n} character long; the limit is {limit}.",
                      "The label “{part}” is {n} characters long; the limit is {limit}.")
_NAME_TOO_LONG = NP_("The name is {n} character long; a host name has at most {limit}.",
                     "The name is {n} characters long; a host name has at most {limit}.")
_MORE_VALUES = NP_("Only the first {n} HELO name in the text was checked.",
                   "Only the first {n} HELO names in the text were checked.")
_INPUT_CUT = NP_("Only the first {n} byte of the text was read; the rest was not checked.",
                 "Only the first {n} bytes of the text were read; the rest was not checked.")
COUNTED: dict[str, tuple[tuple[str, str], str]] = {
    "HELO_LINE_TOO_LONG": (_LINE_TOO_LONG, "length"),
    "HELO_LABEL_TOO_LONG": (_LABEL_TOO_LONG, "length"),
    "HELO_NAME_TOO_LONG": (_NAME_TOO_LONG, "length"),
    "HELO_MORE_VALUES": (_MORE_VALUES, "limit"),
    "HELO_INPUT_CUT": (_INPUT_CUT, "limit"),
}

RULES: dict[str, Rule] = {
    # --- what could be read at all -------------------------------------------------
    "HELO_NOT_FOUND": Rule(
        ERR, N_("No HELO or EHLO name was found in the text."),
        "Nothing looked like a bare name, a HELO/EHLO line, a log field, a Received header or a"
        " bounce that names the HELO (the forms are the rules in helo/extract.py).", "input"),
    "HELO_REFUSED_NOT_SHOWN": Rule(
        ERR, N_("The text shows that a server refused the HELO name, but not the name itself."
                " Check the name your server announces; where it is set is listed below."),
        "Bounces often only say \"Access denied - bogus HELO\" or \"in reply to EHLO command\";"
        " telling the reader where their MTA sets the name beats \"no HELO found\".", "input"),
    "HELO_UNCERTAIN": Rule(
        ERR, N_("The text names “{part}”, but it may be the server's reverse name rather than the name it"
                " announced: the text does not say which. Check the name your server announces; where it is"
                " set is listed below."),
        "Exim writes a client's name once when the HELO equals its verified reverse name, and also when no"
        " HELO came; a wrong name is worse than none, so the checker says it cannot tell.", "input"),
    "HELO_INPUT_CUT": Rule(
        WARN, _INPUT_CUT[1],
        "A paste is read up to helo.max_input_bytes (data/mail.yml) so that a huge log cannot"
        " stall the page or the command line; the reader learns that the rest was not read.", "input"),
    "HELO_MORE_VALUES": Rule(
        INFO, _MORE_VALUES[1],
        "A pasted log can hold thousands of names; the report stays readable.", "input"),
    # --- RFC syntax (grammar.py) -------------------------------------------------
    "HELO_EMPTY": Rule(
        ERR, N_("The HELO command has no name after it."),
        "HELO and EHLO take exactly one argument (§4.1.1.1).", RFC5321),
    "HELO_LINE_TOO_LONG": Rule(
        ERR, _LINE_TOO_LONG[1],
        "A command line, CRLF included, is at most 512 octets (§4.5.3.1.4).", RFC5321),
    "HELO_CONTROL_CHAR": Rule(
        ERR, N_("The name contains a control character ({part})."),
        "Only printable letters, digits, hyphens and dots belong in a name (§4.1.2).", RFC5321),
    "HELO_SPACE": Rule(
        ERR, N_("The name contains a space: “{part}”."),
        "The argument is one word; a space starts a second argument (§4.1.1.1).", RFC5321),
    "HELO_NON_ASCII": Rule(
        ERR, N_("“{part}” contains characters outside ASCII; send the ASCII form of the name (xn--)."),
        "Even with SMTPUTF8, EHLO carries only ASCII: A-labels for IDNs (RFC 6531 §3.7.1).",
        "RFC 6531"),
    "HELO_ALABEL": Rule(
        INFO, N_("The ASCII form of this name is “{suggestion}”."),
        "The IDNA (UTS #46) conversion of the name, ready to paste into the configuration.",
        "RFC 5891"),
    "HELO_UNDERSCORE": Rule(
        ERR, N_("The label “{part}” contains an underscore, which host names may not contain."),
        "Underscores are for service records, never host names (§4.1.2). Postfix lets"
        " them through; we follow the RFC because stricter receivers refuse them.", RFC5321),
    "HELO_BAD_CHAR": Rule(
        ERR, N_("“{part}” may not appear in a host name: use letters, digits, hyphens and dots."),
        "A label is letters, digits and inner hyphens (Let-dig, Ldh-str in §4.1.2).", RFC5321),
    "HELO_EMPTY_LABEL": Rule(
        ERR, N_("The name has an empty label: a dot at the start or two dots in a row."),
        "Every label between dots has at least one character (§4.1.2).", RFC5321),
    "HELO_TRAILING_DOT": Rule(
        WARN, N_("The name ends with a dot; leave it out."),
        "The DNS root dot is not part of the Domain syntax (§4.1.2); Postfix strips one dot,"
        " other receivers may not.", RFC5321),
    "HELO_LABEL_TOO_LONG": Rule(
        ERR, _LABEL_TOO_LONG[1],
        "A DNS label has at most 63 octets (§2.3.4).", RFC1035),
    "HELO_NAME_TOO_LONG": Rule(
        ERR, _NAME_TOO_LONG[1],
        "255 octets on the wire are 253 characters in text (§2.3.4). Postfix accepts 254"
        " and 255; no such name can exist in the DNS, so we reject it.", RFC1035),
    "HELO_HYPHEN_EDGE": Rule(
        ERR, N_("The label “{part}” starts or ends with a hyphen."),
        "A label starts and ends with a letter or digit (Let-dig, §4.1.2).", RFC5321),
    "HELO_NUMERIC_TLD": Rule(
        ERR, N_("The last label “{part}” is only digits; a host name ends in a real top-level domain."),
        "Top-level labels are alphabetic, so a name never looks like #.#.#.# (§2.1)."
        " Postfix only refuses names made of digits alone.", RFC1123),
    "HELO_BAD_LITERAL": Rule(
        ERR, N_("“{part}” is not a valid address literal."),
        "An address literal is [IPv4], [IPv6:address] or [tag:content] (§4.1.3).", RFC5321),
    # --- the hoster's stricter rules (policy.py) ---------------------------------
    "HELO_BARE_IP": Rule(
        ERR, N_("“{part}” is an IP address; the server must announce its fully-qualified name."),
        "The hoster refuses HELO 127.0.0.1 (seed guide); §4.1.1.1 asks for a name.", POLICY),
    "HELO_ADDRESS_LITERAL": Rule(
        ERR, N_("“{part}” is an address literal; {provider} only accepts a fully-qualified name."),
        "Legal after EHLO for hosts without a name, but the hoster refuses HELO [127.0.0.1].",
        POLICY),
    "HELO_LOOPBACK": Rule(
        ERR, N_("“{part}” is a loopback name: it always means the machine itself, never your mail server."),
        "RFC 6761 §6.3 reserves localhost and every name under .localhost for loopback;"
        " localhost.localdomain is the same alias in many default set-ups. The hoster refuses"
        " HELO localhost.", "RFC 6761"),
    "HELO_LOCALHOST": Rule(
        ERR, N_("“{part}” names the local machine, not your mail server."),
        "Local aliases (localhost4, ip6-localhost, localhost6.localdomain6) must not appear in"
        " SMTP (§2.3.5).", RFC5321),
    "HELO_LOCAL_LABEL": Rule(
        WARN, N_("“{part}” is a legal name, but its first label reads like the local machine;"
                 " some receivers take it for a misconfigured server."),
        "A name under a real domain may start with localhost (localhost.example.com); it is not"
        " loopback, so it is only a warning.", CAUTION),
    "HELO_SINGLE_LABEL": Rule(
        ERR, N_("“{part}” is not fully qualified: add the domain, as in “{part}.example.com”."),
        "A bare name such as www is not canonical; the hoster (and Postfix's"
        " reject_non_fqdn_helo_hostname) refuse it.", POLICY),
    "HELO_BANNED": Rule(
        ERR, N_("“{part}” is on the list of HELO names that {provider} refuses."),
        "The hoster keeps a ban list (helo.banned in data/mail.yml holds the known names).",
        POLICY),
    "HELO_SPECIAL_USE": Rule(
        WARN, N_("“{part}” is a private or reserved suffix: the name does not exist in public DNS."),
        "Special-use names (RFC 6761, 6762 App. G, 8375, 9476) cannot be checked by the"
        " receiver; many treat them as a misconfigured server.", CAUTION),
    "HELO_DYNAMIC": Rule(
        WARN, N_("“{part}” looks like a name from a dynamic address pool; many receivers distrust it."),
        "Names with an IP address in them (192-168-1-2.dsl...) are typical of home lines;"
        " spam filters score them (SpamAssassin HELO_DYNAMIC_*).", CAUTION),
}


def finding(code: str, **params: object) -> Finding:
    """A finding for ``code`` with the severity from :data:`RULES` (one source of truth)."""
    return finding_for(RULES, code, **params)
