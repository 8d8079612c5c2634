"""Column B: the password of the new address, judged by the policy in the data file.

Strength is zxcvbn's score (0 to 4); its built-in dictionaries include some 30,000 of
the most common passwords, which is the common-password list NIST SP 800-63B asks for,
and :mod:`.dictionaries` adds common passwords and words of the site's other languages.
Passwords never leave this module in clear: findings carry :func:`mask` of them.

zxcvbn's time grows with the square of the length it scores, times the number of
look-alike readings its l33t matcher tries (up to 736 when a password holds every
look-alike sign): 72 look-alike signs took 3 s, ``ab`` x 64 0.2 s. So a password the
shortcut cannot prove strong is given to zxcvbn as its longest beginning whose work,
(readings + 1) x length squared, stays under :data:`WORK_CAP` (a few milliseconds in
CPython): every password of up to 72 characters (zxcvbn's own guard) without look-alike
signs, about 25 with several, is judged whole. zxcvbn's own guard against more than 72 characters is kept
(``max_length`` is never raised).
"""

from __future__ import annotations

from functools import lru_cache

from zxcvbn import matching, zxcvbn

from mailcheck.csvcheck.codes import finding
from mailcheck.csvcheck.dictionaries import COMMON, register
from mailcheck.csvcheck.shortcut import PROVEN_SCORE, at_least_three
from mailcheck.findings import Finding
from mailcheck.policy import PasswordPolicy

CACHE_SIZE = 10_000  # csv.max_rows in the data file (a test keeps them equal)
MIN_CONTAINED = 3  # shorter addresses ("jo") occur in too many good passwords by chance
BULLET = "\u2022"
MASK_BULLETS = 8
MASK_SHOWS_FIRST_FROM = 8
WORK_CAP = 6_400  # (l33t readings + 1) x length squared of what zxcvbn is given
STRENGTH_CAP = 72  # zxcvbn's own length guard (its max_length default): never raised

register()
LOOK_ALIKE = frozenset(sign for signs in matching.L33T_TABLE.values() for sign in signs)


def mask(secret: str) -> str:
    """The first character and a fixed row of bullets: neither the length nor more is shown.

    Under :data:`MASK_SHOWS_FIRST_FROM` characters not even the first one is shown.
    """
    shown = secret[:1] if len(secret) >= MASK_SHOWS_FIRST_FROM else ""
    return shown + BULLET * MASK_BULLETS


@lru_cache(maxsize=1024)
def _readings(signs: frozenset[str]) -> int:
    """How many l33t readings zxcvbn tries for a text holding these look-alike signs (none without one)."""
    subs = matching.enumerate_l33t_subs(matching.relevant_l33t_subtable("".join(signs), matching.L33T_TABLE))
    return sum(1 for sub in subs if sub)


def _work(text: str) -> int:
    """What zxcvbn's matchers cost on ``text``, in units of one dictionary pass over it."""
    return (_readings(LOOK_ALIKE.intersection(text)) + 1) * len(text) ** 2


def scored_part(password: str) -> str:
    """The longest beginning of ``password`` within :data:`WORK_CAP` (nearly always all of it).

    The work only grows with the length, so a bisection finds it in a few steps.
    """
    if len(password) <= STRENGTH_CAP and _work(password) <= WORK_CAP:
        return password
    low, high = 1, min(len(password), STRENGTH_CAP, int(WORK_CAP ** 0.5))  # ``low`` fits, ``high + 1`` not
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if _work(password[:middle]) <= WORK_CAP else (low, middle - 1)
    return password[:low]


def _zxcvbn(password: str, address: str) -> tuple[int, bool]:
    """zxcvbn's score of ``password`` (a :func:`scored_part`) and whether it is one known common password."""
    result = zxcvbn(password, user_inputs=[address] if address else [])
    sequence = result["sequence"]
    common = (len(sequence) == 1 and sequence[0]["pattern"] == "dictionary"
              and sequence[0]["dictionary_name"] in COMMON)
    return result["score"], common


@lru_cache(maxsize=CACHE_SIZE)
def weakness(password: str, address: str, min_score: int) -> tuple[int, bool] | None:
    """``(score, common)`` when zxcvbn scores ``password`` below ``min_score``, else ``None``.

    :func:`~mailcheck.csvcheck.shortcut.at_least_three` first tries to prove, cheaply, that
    zxcvbn scores the whole password 3 or more: then it passes, however long it is. Else
    zxcvbn scores its :func:`scored_part`: all of it, unless it is so long or so full of
    look-alike signs that zxcvbn would take long; then its longest beginning within the
    bound (a beginning can score higher or lower than the whole: a weak one is refused).
    Cached per password and address, for as many as the file may have rows: files repeat
    placeholders and patterns.
    """
    if min_score <= PROVEN_SCORE and at_least_three(password, address):
        return None
    score, common = _zxcvbn(scored_part(password), address)
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
