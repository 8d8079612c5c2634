"""Column B: the password of the new address, judged by the policy in the data file.

Strength is zxcvbn's score (0 to 4); its built-in dictionaries include some 30,000 of
the most common passwords, which is the common-password list NIST SP 800-63B asks for.
Passwords never leave this module in clear: findings carry :func:`mask` of them.
"""

from __future__ import annotations

from functools import lru_cache

from zxcvbn import zxcvbn

from mailcheck.csvcheck.codes import finding
from mailcheck.csvcheck.shortcut import PROVEN_SCORE, at_least_three
from mailcheck.findings import Finding
from mailcheck.policy import PasswordPolicy

CACHE_SIZE = 10_000  # csv.max_rows in the data file (a test keeps them equal)
MIN_CONTAINED = 3  # shorter addresses ("jo") occur in too many good passwords by chance
BULLET = "\u2022"
MASK_BULLETS = 8
MASK_SHOWS_FIRST_FROM = 8


def mask(secret: str) -> str:
    """The first character and a fixed row of bullets: neither the length nor more is shown.

    Under :data:`MASK_SHOWS_FIRST_FROM` characters not even the first one is shown.
    """
    shown = secret[:1] if len(secret) >= MASK_SHOWS_FIRST_FROM else ""
    return shown + BULLET * MASK_BULLETS


def _zxcvbn(password: str, address: str) -> tuple[int, bool]:
    """zxcvbn's score of the whole ``password`` and whether it is one known common password."""
    result = zxcvbn(password, user_inputs=[address] if address else [], max_length=len(password))
    sequence = result["sequence"]
    common = (len(sequence) == 1 and sequence[0]["pattern"] == "dictionary"
              and sequence[0]["dictionary_name"] == "passwords")
    return result["score"], common


@lru_cache(maxsize=CACHE_SIZE)
def weakness(password: str, address: str, min_score: int) -> tuple[int, bool] | None:
    """``(score, common)`` when zxcvbn scores ``password`` below ``min_score``, else ``None``.

    The whole password is scored (a prefix can score higher or lower than the whole).
    :func:`~mailcheck.csvcheck.shortcut.at_least_three` settles most strong passwords
    without zxcvbn; the answer is the same either way. Cached per password and address,
    for as many as the file may have rows: files repeat placeholders and patterns.
    """
    if min_score <= PROVEN_SCORE and at_least_three(password, address):
        return None
    score, common = _zxcvbn(password, address)
    return (score, common) if score < min_score else None


def _b(code: str, **params: object) -> Finding:
    return finding(code, column="B", **params)


def check_password(password: str, address: str, policy: PasswordPolicy) -> list[Finding]:
    """Findings for one trimmed column-B cell; ``address`` is the row's column A."""
    if not password:
        return [_b("CSV_B_EMPTY")]
    masked = mask(password)
    findings = []
    if len(password) < policy["min_length"]:
        findings.append(_b("CSV_B_TOO_SHORT", masked=masked, length=len(password), min=policy["min_length"]))
    if len(password) > policy["max_length"]:
        findings.append(_b("CSV_B_TOO_LONG", masked=masked, length=len(password), max=policy["max_length"]))
    folded, address = password.casefold(), address.casefold()
    if folded == address:
        findings.append(_b("CSV_B_IS_ADDRESS"))
    elif len(address) >= MIN_CONTAINED and address in folded:
        findings.append(_b("CSV_B_CONTAINS_ADDRESS", masked=masked))
    if findings:
        return findings
    weak = weakness(password, address, policy["min_zxcvbn_score"])
    if weak is None:
        return []
    score, common = weak
    if common:
        return [_b("CSV_B_COMMON", masked=masked)]
    return [_b("CSV_B_WEAK", masked=masked, score=score, min=policy["min_zxcvbn_score"])]
