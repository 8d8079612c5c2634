"""A bounce -> a JSON-able explanation in the reader's language (the widget and the CLI use it)::

    {"reason": "recipient-unknown" | … | None, "actor": "sender" | "sender-admin" |
     "recipient-side" | "wait" | None, "final": bool | None, "refusal": "rbl" | None,
     "headline": "...", "what": "...", "actor_text": "...", "final_text": "...", "step": "...",
     "guide": "limits/sending-limits.md#message-size" | "", "recipients": ["a@example.org"],
     "status": "5.1.1" | None, "reply": "550" | None, "words": "...", "reporting": str | None,
     "remote": str | None, "failures": [{"recipient", "status", "reply", "words", "remote", "action",
     "command", "reason", "actor", "final"}], "findings": [{"code", "severity", "message"}],
     "helo": [HELO reports] | None, "summary": "text to copy for support, addresses masked"}

``reason`` and ``actor`` are stable ids (tests and other tools rely on them); every
sentence is translated (gettext domain ``bounce``). ``reason`` is None only when the
text shows no failure at all.
"""

from __future__ import annotations

import re

from mailcheck.bounce.classify import Verdict, classify, is_final
from mailcheck.bounce.codes import DOMAIN, REASONS, RULES, Actor, finding
from mailcheck.bounce.parse import ADDRESS, MAX_FAILURES, Failure, parse, recipient_in_words
from mailcheck.findings import Finding
from mailcheck.helo.report import cap_input
from mailcheck.i18n import N_, Size, message, size
from mailcheck.policy import policy

SENDER_REASONS = ("sender-blocked", "authentication-policy", "spam-or-content")
WORDS_SHOWN = 1000  # characters of the server's words repeated in the report
WORDS_IN_SUMMARY = 300
ACTOR_TEXT = {
    Actor.SENDER: N_("Who must act: you, the sender."),
    Actor.SENDER_ADMIN: N_("Who must act: whoever runs the sending server or manages the sender's domain."),
    Actor.RECIPIENT_SIDE: N_("Who must act: the recipient or their mail provider, not you."),
    Actor.WAIT: N_("Who must act: nobody yet; the sending server tries again by itself."),
}
FINAL_TEXT = {
    True: N_("Delivery has failed for good: the message will not be retried."),
    False: N_("Delivery is delayed: the sending server will try again."),
}
HEADLINE = N_("Why it bounced: {what}")
HEADLINE_NONE = N_("No delivery failure was found in this text.")
HOSTER_STEP = N_("What {provider} advises: {remedy}")
SUMMARY_TITLE = N_("Bounce summary (the local parts of addresses are masked)")
SUMMARY_LINES = {
    "reason": N_("Reason: {value}"),
    "code": N_("Code: {value}"),
    "words": N_("Server's words: {value}"),
    "recipients": N_("Recipients: {value}"),
    "reporting": N_("Reported by: {value}"),
    "remote": N_("Refused by: {value}"),
    "final": N_("Final: {value}"),
}
YES_NO = {True: N_("yes"), False: N_("no, it will be retried")}


def mask(text: str) -> str:
    """Every address in ``text`` with its local part replaced: ``***@example.org``."""
    return ADDRESS.sub(lambda found: "***@" + found.group().rpartition("@")[2], text)


def _t(lang: str, msgid: str, **params: object) -> str:
    return message(DOMAIN, lang, msgid, **params)


def _failure_dict(failure: Failure, verdict: Verdict) -> dict:
    return {
        "recipient": failure.recipient,
        "status": failure.status,
        "reply": failure.reply,
        "words": failure.words[:WORDS_SHOWN],
        "remote": failure.remote,
        "action": failure.action,
        "command": failure.command,
        "reason": verdict.reason,
        "actor": REASONS[verdict.reason].actor.value,
        "final": is_final(failure, verdict.reason),
    }


def _finding_dict(item: Finding, lang: str) -> dict:
    params = {"provider": policy()["provider"]["name"], **item.params}  # message() writes the numbers
    return {"code": item.code, "severity": item.severity.value,
            "message": _t(lang, RULES[item.code].message, **params)}


def _step(reason: str, refusal: str | None, lang: str) -> str:
    step = _t(lang, REASONS[reason].step, limit=size(policy()["limits"]["max_message_bytes"], lang))
    for item in policy()["bounce"]["refusals"]:
        if item["id"] == refusal:
            remedy = _t(lang, HOSTER_STEP, provider=policy()["provider"]["name"], remedy=item["remedy"][lang])
            return f"{remedy} {step}"
    return step


def _summary(main: dict | None, recipients: list[str], reporting: str | None, lang: str) -> str:
    """The short text a reader copies for support: no message, no local parts."""
    lines = [_t(lang, SUMMARY_TITLE)]
    if main is None:
        return "\n".join([*lines, _t(lang, HEADLINE_NONE)])
    values = {
        "reason": f"{main['reason']} ({_t(lang, REASONS[main['reason']].what)})",
        "code": " ".join(filter(None, (main["reply"], main["status"]))),
        "words": main["words"][:WORDS_IN_SUMMARY] + ("…" if len(main["words"]) > WORDS_IN_SUMMARY else ""),
        "recipients": ", ".join(recipients),
        "reporting": reporting or "",
        "remote": main["remote"] or "",
        "final": _t(lang, YES_NO[main["final"]]),
    }
    lines += [_t(lang, SUMMARY_LINES[key], value=value) for key, value in values.items() if value]
    return mask("\n".join(lines))


def report(text: str, lang: str) -> dict:
    """Explain the bounce in ``text`` in ``lang``; never raises on any text."""
    text, length = cap_input(text, policy()["bounce"]["max_input_bytes"])
    notes: list[Finding] = []
    if length is not None:
        cap = Size(policy()["bounce"]["max_input_bytes"])  # sizes: 300 KiB, 256 KiB
        notes.append(finding("BOUNCE_INPUT_CUT", length=Size(length), limit=cap))
    if not text.strip():
        return _empty(lang, [finding("BOUNCE_EMPTY"), *notes])
    parsed = parse(text)
    verdicts = [(failure, classify(failure, parsed.text)) for failure in parsed.failures]
    if not verdicts:  # prose only, no code: the words of the whole text
        verdict = classify(Failure(words=parsed.text), parsed.text)
        if verdict.reason == "other":
            return _empty(lang, [finding("BOUNCE_NOT_FOUND"), *notes])
        verdicts = [(Failure(words=parsed.text), verdict)]
    for failure, verdict in verdicts:
        # A blocklist, SPF or spam refusal names the sender's address or a contact, not a recipient.
        if failure.recipient is None and verdict.reason not in SENDER_REASONS:
            failure.recipient = recipient_in_words(failure.words)
    failures = [_failure_dict(failure, verdict) for failure, verdict in verdicts]
    # The reason that speaks: the first one the text makes clear.
    index = next((i for i, (_, v) in enumerate(verdicts) if v.reason != "other"), 0)
    main, verdict = failures[index], verdicts[index][1]
    if verdict.mismatch:
        notes.insert(0, finding("BOUNCE_CODE_MISMATCH", status=main["status"]))
    if verdict.refusal:
        notes.insert(0, finding("BOUNCE_HOSTER"))
    if parsed.more:
        notes.append(finding("BOUNCE_MORE_RECIPIENTS", limit=MAX_FAILURES))
    reason = REASONS[verdict.reason]
    recipients = list(dict.fromkeys(f["recipient"] for f in failures if f["recipient"]))
    remote_words = re.sub(r"\s+", " ", main["words"]).strip()
    main["words"] = remote_words
    what = _t(lang, reason.what)
    return {
        "reason": verdict.reason,
        "actor": reason.actor.value,
        "final": main["final"],
        "refusal": verdict.refusal,
        "headline": _t(lang, HEADLINE, what=what),
        "what": what,
        "actor_text": _t(lang, ACTOR_TEXT[reason.actor]),
        "final_text": _t(lang, FINAL_TEXT[main["final"]]),
        "step": _step(verdict.reason, verdict.refusal, lang),
        "guide": reason.guide,
        "recipients": recipients,
        "status": main["status"],
        "reply": main["reply"],
        "words": remote_words,
        "reporting": parsed.reporting,
        "remote": main["remote"],
        "failures": failures,
        "findings": [_finding_dict(note, lang) for note in notes],
        "helo": _helo(parsed.text, lang) if verdict.reason == "bogus-helo" else None,
        "summary": _summary(main, recipients, parsed.reporting, lang),
    }


def _helo(text: str, lang: str) -> list[dict]:
    """The HELO checker's verdict on the name the bounce shows (or where the name is set)."""
    from mailcheck.helo import report as helo_report

    return helo_report(text, lang)


def _empty(lang: str, notes: list[Finding]) -> dict:
    return {
        "reason": None, "actor": None, "final": None, "refusal": None,
        "headline": _t(lang, HEADLINE_NONE), "what": "", "actor_text": "", "final_text": "", "step": "",
        "guide": "", "recipients": [], "status": None, "reply": None, "words": "", "reporting": None,
        "remote": None, "failures": [], "findings": [_finding_dict(note, lang) for note in notes],
        "helo": None, "summary": _summary(None, [], None, lang),
    }
