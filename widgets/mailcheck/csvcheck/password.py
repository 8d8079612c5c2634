"""Column B: the password of the new address, judged by the policy in the data file.

Strength is zxcvbn's score (0 to 4); its built-in dictionaries include some 30,000 of
the most common passwords, which is the common-password list NIST SP 800-63B asks for.
Passwords never leave this module in clear: findings carry :func:`mask` of them.
"""

from __future__ import annotations

from functools import lru_cache

from zxcvbn import zxcvbn

from mailcheck.csvcheck.codes import finding
from mailcheck.findings import Finding
from mailcheck.policy import PasswordPolicy

# zxcvbn's time grows steeply with length (measured in CPython: about 1 ms at 20
# characters, 40 ms at 64, up to 3 s at 128 with many look-alike characters), so only
# the first SCORED_LENGTH characters are scored. Extra characters never make a
# password easier to guess, so a prefix that scores well vouches for the whole.
# A prefix made only of look-alike signs (4@!|$0...) still costs up to ~0.5 s.
SCORED_LENGTH = 32
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


@lru_cache(maxsize=4096)
def strength(password: str, address: str) -> tuple[int, bool]:
    """zxcvbn's score of ``password`` and whether it is one known common password.

    Cached because a file often repeats a password (a pattern, a placeholder).
    """
    scored = password[:SCORED_LENGTH]
    result = zxcvbn(scored, user_inputs=[address] if address else [], max_length=SCORED_LENGTH)
    sequence = result["sequence"]
    common = (len(sequence) == 1 and sequence[0]["pattern"] == "dictionary"
              and sequence[0]["dictionary_name"] == "passwords")
    return result["score"], common


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
    score, common = strength(password, address)
    if score < policy["min_zxcvbn_score"]:
        if common:
            return [_b("CSV_B_COMMON", masked=masked)]
        return [_b("CSV_B_WEAK", masked=masked, score=score, min=policy["min_zxcvbn_score"])]
    return []
