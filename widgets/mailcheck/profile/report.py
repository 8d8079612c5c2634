"""What the CLI and the browser widget get: findings as messages, a summary, the profile."""

from __future__ import annotations

from mailcheck.findings import Finding, verdict
from mailcheck.i18n import message, translate
from mailcheck.policy import policy
from mailcheck.profile.account import check_account
from mailcheck.profile.codes import DOMAIN, RULES, SUMMARY_READY, SUMMARY_REJECT
from mailcheck.profile.mobileconfig import build_profile, filename, to_plist


def render(finding: Finding, lang: str) -> dict:
    """A finding as the JSON object of the CLI contract (the CSV checker's shape, without row/column)."""
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": translate(DOMAIN, lang, RULES[finding.code].message, **finding.params),
    }


def report(address: str, name: str, lang: str) -> dict:
    """Check ``address`` and ``name`` and, when they are fine, make the profile in ``lang``.

    Keys: ``verdict`` (``accept``/``reject``), ``findings``, ``summary``, ``address``
    (normalized, the domain as an A-label, or None), ``filename`` and ``profile`` (the XML property list as text,
    or None on reject). Raises only for a language the catalogs do not cover.
    """
    account, findings = check_account(address, name)
    profile = None if account is None else to_plist(build_profile(policy(), lang, account)).decode("utf-8")
    return {
        "verdict": verdict(findings),
        "findings": [render(f, lang) for f in findings],
        "summary": message(DOMAIN, lang, SUMMARY_REJECT) if account is None
        else message(DOMAIN, lang, SUMMARY_READY, address=account.label),
        "address": account and account.address,
        "filename": account and filename(account),
        "profile": profile,
    }
