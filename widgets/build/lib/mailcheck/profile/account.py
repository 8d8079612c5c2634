"""The address and display name a reader types for a personal profile.

The address is checked with email-validator's syntax rules only
(``check_deliverability=False``): no DNS, so nothing leaves the browser.
"""

from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email

from mailcheck.findings import Finding, verdict
from mailcheck.profile.codes import finding
from mailcheck.profile.mobileconfig import Account

MAX_ADDRESS = 254  # RFC 5321 §4.5.3.1.3: a path of 256 octets, minus the angle brackets
MAX_NAME = 128
MAX_SHOWN = 80  # an address quoted in a message is cut after this many characters


def _shown(value: str) -> str:
    return value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "\u2026"


def check_address(value: str) -> tuple[str | None, list[Finding]]:
    """(the normalized address or None, findings) for the trimmed ``value``."""
    if not value:
        return None, [finding("PROFILE_ADDRESS_EMPTY")]
    if len(value) > MAX_ADDRESS:  # before email-validator: hostile input stays cheap
        return None, [finding("PROFILE_ADDRESS_TOO_LONG", length=len(value), limit=MAX_ADDRESS)]
    if "@" not in value:
        return None, [finding("PROFILE_ADDRESS_NO_AT", address=_shown(value))]
    try:
        valid = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return None, [finding("PROFILE_ADDRESS_INVALID", address=_shown(value))]
    findings = []
    if valid.normalized != value:
        findings.append(finding("PROFILE_ADDRESS_NORMALIZED", normalized=valid.normalized))
    return valid.normalized, findings


def check_name(value: str) -> list[Finding]:
    """Findings for the trimmed display name (empty is fine: the key is left out)."""
    if len(value) > MAX_NAME:
        return [finding("PROFILE_NAME_TOO_LONG", length=len(value), limit=MAX_NAME)]
    if any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in value):
        return [finding("PROFILE_NAME_INVALID")]
    return []


def check_account(address: str, name: str = "") -> tuple[Account | None, list[Finding]]:
    """The account to put in a profile, or None when an error finding forbids it."""
    normalized, findings = check_address(address.strip())
    findings += check_name(name.strip())
    if normalized is None or verdict(findings) == "reject":
        return None, findings
    return Account(address=normalized, name=name.strip()), findings
