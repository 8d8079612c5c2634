"""Every finding code of the profile maker: severity, message id, why the rule exists.

Messages are translated in the ``profile`` gettext domain.
"""

from __future__ import annotations

from mailcheck.findings import Finding, Rule, Severity, finding_for
from mailcheck.i18n import N_, NP_

DOMAIN = "profile"

E, INFO = Severity.ERROR, Severity.INFO

RULES: dict[str, Rule] = {
    "PROFILE_ADDRESS_EMPTY": Rule(
        E, N_("Enter the e-mail address to set up."),
        "A personal profile is made for one address; without one there is nothing to fill in.",
        "input"),
    "PROFILE_ADDRESS_TOO_LONG": Rule(
        E, NP_("The address is {length} character long; an e-mail address has at most {limit}.",
               "The address is {length} characters long; an e-mail address has at most {limit}.", count="length"),
        "RFC 5321 §4.5.3.1.3 limits a path to 256 octets, so an address to 254 characters; "
        "the cap also keeps the check fast on pasted text.",
        "RFC 5321"),
    "PROFILE_ADDRESS_NO_AT": Rule(
        E, N_("“{address}” has no @: enter the whole address, with the part after the @."),
        "The user name is the full e-mail address (data file: account.username).",
        "hoster policy"),
    "PROFILE_ADDRESS_INVALID": Rule(
        E, N_("“{address}” is not a valid e-mail address. Check it for typos, spaces and extra characters."),
        "email-validator's syntax check (RFC 5322 dot-atom, RFC 5321 lengths, IDNA 2008 domains), "
        "without DNS: the browser never asks the network.",
        "RFC 5322"),
    "PROFILE_ADDRESS_NORMALIZED": Rule(
        INFO, N_("The profile uses the address in its usual form: “{normalized}”."),
        "email-validator's normalized form (Unicode NFC, domain in lower case) is what the "
        "server knows; the device then shows the same address.",
        "RFC 6531"),
    "PROFILE_NAME_INVALID": Rule(
        E, N_("The name may not contain line breaks or other control characters."),
        "The name becomes the From: display name; a line break there would break the header.",
        "RFC 5322"),
    "PROFILE_NAME_TOO_LONG": Rule(
        E, NP_("The name is {length} character long; keep it to {limit} at most.",
               "The name is {length} characters long; keep it to {limit} at most.", count="length"),
        "A display name is a short phrase; the cap keeps the profile and the header readable.",
        "input"),
}

SUMMARY_READY = N_("Your profile for {address} is ready to download.")
SUMMARY_REJECT = N_("No profile was made: correct the entries marked as errors first.")


def finding(code: str, **params: object) -> Finding:
    """A finding for ``code`` with the severity from :data:`RULES` (one source of truth)."""
    return finding_for(RULES, code, **params)
