"""The one function the browser worker calls: a JSON request in, a JSON answer out.

Crossing the JavaScript/Python border with one string keeps the worker ignorant of
Python objects and makes the browser and the CPython tests exercise the same path.
It never raises: the page has no way to show a Python traceback to a reader, so any
failure becomes one generic finding (and the traceback goes to the browser console).

Request: ``{"checker": "helo", "lang": "de", "text": "..."}`` or
``{"checker": "csv", "lang": "de", "data": "<the file, base64>"}``.
Answer: ``{"checker", "lang", "result"}`` with the checker's report, or, when the
request cannot be served, ``{"checker", "lang", "verdict": "error", "findings": [...]}``.
"""

from __future__ import annotations

import base64
import json
import traceback
from collections.abc import Callable

from mailcheck.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, message


def _helo(request: dict, lang: str) -> object:
    from mailcheck.helo import report

    return report(str(request.get("text", "")), lang)


def _csv(request: dict, lang: str) -> object:
    from mailcheck.csvcheck import report

    data = request.get("data", "")
    if not isinstance(data, str):
        raise BadRequest("data must be a base64 string")
    try:
        file = base64.b64decode(data, validate=True)
    except ValueError as exc:  # binascii.Error, or characters outside ASCII
        raise BadRequest(f"data is not base64: {exc}") from exc
    return report(file, lang)


# Imports stay inside the handlers so a page loads only the checker it shows
# (the HELO widget never imports zxcvbn or email-validator).
CHECKERS: dict[str, Callable[[dict, str], object]] = {"helo": _helo, "csv": _csv}


BAD_REQUEST = N_("The page sent a request the checker does not understand.")
INTERNAL_ERROR = N_("The checker failed on this input. Please tell us what you entered.")


class BadRequest(ValueError):
    """The page sent something this module does not understand (a bug in the page)."""


def _parse(request_json: str) -> tuple[dict, str]:
    try:
        request = json.loads(request_json)
    except (TypeError, ValueError) as exc:
        raise BadRequest(f"not JSON: {exc}") from exc
    checker = request.get("checker") if isinstance(request, dict) else None
    if not isinstance(checker, str) or checker not in CHECKERS:  # a list or dict is not hashable
        raise BadRequest(f"expected an object with checker in {sorted(CHECKERS)}")
    lang = request.get("lang")
    return request, lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE


def _failure(checker: object, lang: str, code: str, msgid: str) -> dict:
    try:
        text = message("ui", lang, msgid)
    except Exception:  # a missing catalog must not turn this answer into an exception
        text = msgid
    finding = {"row": None, "column": None, "code": code, "severity": "error", "message": text}
    return {"checker": checker, "lang": lang, "verdict": "error", "findings": [finding]}


def warm_up(checker: str, lang: str) -> None:
    """Run ``checker`` once on a typical input so its imports and caches are ready.

    The CSV checker's first password check builds zxcvbn's dictionaries (about a
    quarter of a second in the browser); the worker pays that before it says ready.
    """
    if checker == "csv":
        from mailcheck.csvcheck import template  # only here: the HELO page has no zxcvbn

        sample = {"data": base64.b64encode(template(lang).encode()).decode()}
    else:
        sample = {"text": "EHLO localhost"}
    run(json.dumps({"checker": checker, "lang": lang, **sample}))


def run(request_json: str) -> str:
    """Serve one check request; always returns JSON, whatever the input."""
    lang = DEFAULT_LANGUAGE
    checker: object = None
    try:
        request, lang = _parse(request_json)
        checker = request["checker"]
        answer: dict = {"checker": checker, "lang": lang, "result": CHECKERS[checker](request, lang)}
    except BadRequest as exc:
        print(f"mailcheck.web: bad request: {exc}")
        answer = _failure(checker, lang, "WEB_BAD_REQUEST", BAD_REQUEST)
    except Exception:  # the reader gets a finding, the browser console the traceback
        traceback.print_exc()
        answer = _failure(checker, lang, "WEB_INTERNAL_ERROR", INTERNAL_ERROR)
    return json.dumps(answer, ensure_ascii=False)
