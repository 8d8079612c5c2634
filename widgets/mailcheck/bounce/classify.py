"""One reason per failure: the hoster's own refusals first, then the server's words, then its code.

The order, and why:

1. The hoster's published refusal texts (``bounce.refusals`` and ``helo.reject_reply``
   in the data file) are recognised as the hoster's, with its own remedy.
2. A delivery that failed after the sending server kept retrying (``Action: failed``
   with a 4.x.x status, Postfix ``status=expired``, "retry timeout exceeded") is
   ``delivery-expired`` when the last error was a passing one (a timeout, greylisting);
   a refusal with a cause (relaying denied, no such user) names that cause instead.
3. The remote server's own words (:mod:`.words`): servers send 5.1.1 or a bare 550 for
   anything, and the words are what their administrators chose to say.
4. An enhanced status code that names one reason (:data:`.codes.STATUS`).
5. The words of the rest of the text (a provider's report in prose).
6. The class of the code: 4 is ``temporary``; anything else is ``other``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mailcheck.bounce.codes import STATUS
from mailcheck.bounce.parse import Failure
from mailcheck.bounce.words import BLANKS, PATTERNS, reason_from_words
from mailcheck.policy import policy

_PLACEHOLDER = re.escape("{address}")


@dataclass(frozen=True)
class Refusal:
    """One of the hoster's own refusal texts, as a pattern."""

    id: str
    reason: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Verdict:
    reason: str
    refusal: str | None = None  # id of the hoster's refusal text, when it is one
    mismatch: bool = False  # the enhanced code names another reason than the words


def _pattern(text: str) -> re.Pattern[str]:
    escaped = re.escape(text).replace(r"\ ", " ").replace(" ", BLANKS)
    return re.compile(escaped.replace(_PLACEHOLDER, r"<?[^\s<>]{1,300}>?"), re.IGNORECASE)


@cache
def refusals() -> tuple[Refusal, ...]:
    """The hoster's refusal texts from the data file; its bogus-HELO reply is one of them."""
    data = policy()
    known = [Refusal("bogus-helo", "bogus-helo", _pattern(data["helo"]["reject_reply"].split("{address}")[-1]))]
    known += [Refusal(item["id"], item["reason"], _pattern(item["text"])) for item in data["bounce"]["refusals"]]
    return tuple(known)


def code_class(failure: Failure) -> str:
    """"4" or "5" (or "2") from the enhanced code, else the basic one; "" when neither is known."""
    return (failure.status or failure.reply or "")[:1]


def classify(failure: Failure, text: str) -> Verdict:
    """The reason of ``failure``; ``text`` is the whole readable bounce, for prose-only reports."""
    words = failure.words
    for refusal in refusals():
        if refusal.pattern.search(words or text):
            return Verdict(refusal.reason, refusal.id)
    # Only a code, no words on its line (a bounce that lost its indentation): the text speaks.
    by_words = reason_from_words(words if words.strip(" .") else text)
    # A final bounce whose last error was a passing one: the queue lifetime ran out.
    passing = code_class(failure) == "4" or (not code_class(failure) and by_words == "temporary")
    expired = (failure.action == "failed" and passing) or PATTERNS["delivery-expired"].search(text)
    if expired and by_words in (None, "temporary", "rate-limited", "delivery-expired"):
        return Verdict("delivery-expired")
    by_code = STATUS.get(failure.status or "") or None
    if by_words:
        return Verdict(by_words, mismatch=by_code is not None and by_code != by_words)
    if by_code:
        return Verdict(by_code)
    by_text = reason_from_words(text)
    if by_text:
        return Verdict(by_text)
    return Verdict("temporary" if code_class(failure) == "4" else "other")


def is_final(failure: Failure, reason: str) -> bool:
    """False when the sending server will try again by itself."""
    if reason == "delivery-expired":
        return True
    if failure.action == "delayed" or (code_class(failure) == "4" and failure.action != "failed"):
        return False
    if failure.action == "failed" or code_class(failure) == "5":
        return True
    return reason not in ("temporary", "rate-limited")
