"""What the profile maker's page needs to make a profile without the Python runtime.

At build time this module writes, per language, the profile as a template (the
property list :mod:`.mobileconfig` makes, with tokens where the address, the name
and the identifiers go) and the rules of :mod:`.account` as data (character ranges,
limits, messages). widgets/web/profile.js fills the template in the reader's
browser: it trims, normalizes (NFC), checks, converts the domain to an A-label,
derives the UUIDs (UUID v5 over SHA-1, as :func:`uuid.uuid5` does) and escapes the
values as :mod:`plistlib` does. tests/test_profile_page.py runs that script against
this package for thousands of inputs and compares the bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mailcheck.i18n import message, translations, typeset
from mailcheck.profile import account
from mailcheck.profile.codes import DOMAIN, DOWNLOAD, RULES, SUMMARY_READY, SUMMARY_REJECT, UNAVAILABLE, UNSIGNED
from mailcheck.profile.mobileconfig import Account, Identifiers, build_profile, site_namespace, to_plist

# Where the page puts its values; none of them can occur in a profile otherwise.
TOKENS = {"address": "@@ADDRESS@@", "shown": "@@SHOWN@@", "name": "@@NAME@@",
          "identifier": "@@IDENTIFIER@@", "uuid": "@@UUID@@", "mail_uuid": "@@MAIL_UUID@@"}


def template(data: Mapping[str, Any], lang: str, named: bool) -> str:
    """The personal profile in ``lang`` with tokens for the values; ``named``: with EmailAccountName."""
    fake = Account(address=TOKENS["address"], name=TOKENS["name"] if named else "", shown=TOKENS["shown"])
    ids = Identifiers(TOKENS["identifier"], TOKENS["uuid"], TOKENS["mail_uuid"])
    text = to_plist(build_profile(data, lang, fake, ids)).decode("utf-8")
    if text.count("@@") != 2 * sum(text.count(token) for token in TOKENS.values()):
        raise ValueError("the profile's own text holds '@@': choose other tokens")
    return text


def page_data(data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Templates, rules and messages in ``lang``, as JSON for the page."""
    return {
        "templates": {"named": template(data, lang, True), "unnamed": template(data, lang, False)},
        "tokens": TOKENS,
        "prefix": data["client_setup"]["profile"]["identifier"],
        "namespace": str(site_namespace(data)),
        "trim": account.TRIM,
        "limits": {"address": account.MAX_ADDRESS, "local": account.MAX_LOCAL, "label": account.MAX_LABEL,
                   "domain": account.MAX_DOMAIN, "name": account.MAX_NAME, "shown": account.MAX_SHOWN},
        "localAscii": account.LOCAL_ASCII,
        "domainAscii": account.DOMAIN_ASCII,
        "localLetters": account.local_letters(),
        "domainLetters": account.domain_letters(),
        "name": {"PROFILE_NAME_CONTROL": account.CONTROL, "PROFILE_NAME_NOT_XML": account.NOT_XML,
                 "PROFILE_NAME_INVISIBLE": account.invisible()},
        "messages": {code: {"severity": rule.severity.value, "text": _raw(lang, rule.message)}
                     for code, rule in RULES.items()},
        "summary": {"ready": _raw(lang, SUMMARY_READY), "reject": message(DOMAIN, lang, SUMMARY_REJECT)},
        "download": _raw(lang, DOWNLOAD),
        "unavailable": message(DOMAIN, lang, UNAVAILABLE),
        "unsigned": message(DOMAIN, lang, UNSIGNED, name=_profile_name(data, lang), host=data["servers"]["host"]),
    }


def _raw(lang: str, msgid: str) -> str:
    """The translation, typeset as :func:`mailcheck.i18n.message` does before the values go in,
    with its ``{placeholders}`` left for the page to fill."""
    return typeset(translations(DOMAIN, lang).gettext(msgid), lang)


def _profile_name(data: Mapping[str, Any], lang: str) -> str:
    return data["labels"]["profile.display_name"][lang].format(provider=data["provider"]["name"])
