"""Every finding code of the profile maker: severity, message id, why the rule exists.

Messages are translated in the ``profile`` gettext domain.
"""

from __future__ import annotations

from mailcheck.findings import Finding, Rule, Severity, finding_for
from mailcheck.i18n import N_

DOMAIN = "profile"

E, INFO = Severity.ERROR, Severity.INFO

RULES: dict[str, Rule] = {
    "PROFILE_ADDRESS_EMPTY": Rule(
        E, N_("Enter the e-mail address to set up."),
        "A personal profile is made for one address; without one there is nothing to fill in.",
        "input"),
    "PROFILE_ADDRESS_TOO_LONG": Rule(
        E, N_("This is too long for an e-mail address: check that you entered only the address."),
        "RFC 5321 §4.5.3.1.3 limits a path to 256 octets, so an address to 254; counted in "
        "characters before anything else, so pasted text stays cheap to check.",
        "RFC 5321"),
    "PROFILE_ADDRESS_NO_AT": Rule(
        E, N_("“{address}” has no @: enter the whole address, with the part after the @."),
        "The user name is the full e-mail address (data file: account.username).",
        "hoster policy"),
    "PROFILE_ADDRESS_CHARACTER": Rule(
        E, N_("“{address}” contains {char}, which this profile maker does not accept in an address. "
              "It takes letters (Latin, Greek or Cyrillic), digits and the signs an address usually "
              "holds, such as . - _ +."),
        "The maker's own caution: RFC 5322 atext, and letters of the scripts whose conversion the "
        "page and Python are proven to agree on (tests/test_profile_page.py).",
        "profile maker"),
    "PROFILE_ADDRESS_ACE": Rule(
        E, N_("“{address}” has a part with two hyphens in third and fourth place, such as xn--: "
              "enter the domain in its usual letters (for example bücher.example); the profile "
              "maker converts it itself."),
        "RFC 5891 §4.2.3.1 reserves such labels for A-labels; the maker converts Unicode domains "
        "itself and does not decode typed ones.",
        "RFC 5891"),
    "PROFILE_ADDRESS_INVALID": Rule(
        E, N_("“{address}” is not a valid e-mail address. Check it for typos, spaces and extra characters."),
        "RFC 5322 dot-atom local part of at most 64 octets; RFC 1035 labels (1 to 63 octets, no "
        "hyphen at either end, a top label that is not all digits); IDNA 2008 for Unicode labels.",
        "RFC 5322"),
    "PROFILE_ADDRESS_NORMALIZED": Rule(
        INFO, N_("The profile uses the address in its usual form: “{normalized}”."),
        "Unicode NFC and the domain in lower case: the server knows the address in that form, "
        "and the device then shows it so.",
        "RFC 6531"),
    "PROFILE_ADDRESS_ASCII_DOMAIN": Rule(
        INFO, N_("Your device will show the domain {idn} in its ASCII form, {ascii}: the same "
                 "domain, in the form every mail server accepts for the login and the sender address."),
        "User names and the sender address carry the A-label (IDNA 2008): nothing shows that the "
        "server takes a Unicode domain as a login, and a Unicode domain in a sender address needs "
        "SMTPUTF8 on every hop.",
        "RFC 5890"),
    "PROFILE_NAME_TOO_LONG": Rule(
        E, N_("The name is too long for a sender name: shorten it."),
        "A display name is a short phrase; the cap (128 characters) keeps the profile and the header readable.",
        "input"),
    "PROFILE_NAME_CONTROL": Rule(
        E, N_("The name contains {char}, a line break or other control character: a sender name cannot hold one."),
        "The name becomes the From: display name; a line break there would break the header, and "
        "a property list cannot hold most control characters.",
        "RFC 5322"),
    "PROFILE_NAME_NOT_XML": Rule(
        E, N_("The name contains {char}, a character no profile can hold (devices refuse the file): remove it."),
        "XML 1.0 (a property list) excludes surrogates and U+FFFE/U+FFFF; the other noncharacters "
        "are refused with them.",
        "XML 1.0"),
    "PROFILE_NAME_INVISIBLE": Rule(
        E, N_("The name contains {char}, an invisible character or a direction control: recipients "
              "would not see the name as it reads here. Remove it."),
        "Format characters (Unicode category Cf: direction overrides, zero-width characters) and "
        "blank-looking letters change how a sender name reads without showing themselves.",
        "Unicode TR 36"),
    "PROFILE_PAGE_DOMAIN": Rule(
        E, N_("This browser writes the domain of “{address}” differently from our servers' rules, "
              "so this page makes no profile for it. Use the general profile, or enter the settings by hand."),
        "The page converts a Unicode domain with the browser's URL parser and checks the result "
        "against the rules exported from Python; a browser that disagrees gets no profile.",
        "profile maker"),
}

SUMMARY_READY = N_("Your profile for {address} is ready to download.")
SUMMARY_REJECT = N_("No profile was made: correct the entries marked as errors first.")
# Strings of the page that makes the profile (sitebuild's template, widgets/web/profile.js).
DOWNLOAD = N_("Download the profile for {address}")
# Web Crypto (for the UUIDs) exists only on https pages and localhost.
UNAVAILABLE = N_("This browser cannot make the profile on this page, which is not served over a secure "
                 "connection (https). Use the general profile, or enter the settings by hand.")
UNSIGNED = N_("This profile is not signed: your device shows it as unsigned. Before you install it, "
              "check that it names {name} and the server {host}.")


def finding(code: str, **params: object) -> Finding:
    """A finding for ``code`` with the severity from :data:`RULES` (one source of truth)."""
    return finding_for(RULES, code, **params)
