"""The one function the browser worker calls: a JSON request in, a JSON answer out.

Crossing the JavaScript/Python border with one string keeps the worker ignorant of
Python objects and makes the browser and the CPython tests exercise the same path.
It never raises: the page has no way to show a Python traceback to a reader, so any
failure becomes one generic finding (and the traceback goes to the browser console).

Request: ``{"checker": "helo" | "recipients" | "bounce", "lang": "de", "text": "..."}``,
``{"checker": "csv", "lang": "de", "data": "<the file, base64>", "name": "file.csv"}``
(the name only names the daily parts). The profile maker needs no runtime: its page
fills a template the build writes (mailcheck.profile.page).
Answer: ``{"checker", "lang", "result"}`` with the checker's report, or, when the
request cannot be served, ``{"checker", "lang", "verdict": "error", "findings": [...]}``.
"""

from __future__ import annotations

import base64
import json
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from mailcheck.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, message
from mailcheck.policy import policy

if TYPE_CHECKING:  # not imported at run time: the HELO page has no zxcvbn
    from mailcheck.csvcheck.check import Progress


def _helo(request: dict, lang: str, _progress: Progress | None) -> object:
    from mailcheck.helo import report

    return report(str(request.get("text", "")), lang)


def _csv(request: dict, lang: str, progress: Progress | None) -> object:
    from mailcheck.csvcheck import report
    from mailcheck.csvcheck.report import findings_csv
    from mailcheck.csvcheck.split import findings_name, fixed_name, part_name

    data = request.get("data", "")
    if not isinstance(data, str):
        raise BadRequest("data must be a base64 string")
    try:
        file = base64.b64decode(data, validate=True)
    except ValueError as exc:  # binascii.Error, or characters outside ASCII
        raise BadRequest(f"data is not base64: {exc}") from exc
    result = report(file, lang, progress)
    name = str(request.get("name", ""))
    # Parts are bytes in the file's own encoding: they cross to the page in base64.
    total = len(result["parts"])
    result["parts"] = [
        {"name": part_name(name, index, total, lang), "rows": part.rows,
         "data": base64.b64encode(part.data).decode("ascii")}
        for index, part in enumerate(result["parts"], start=1)
    ]
    # The downloads' names and the findings file come from the same code as the CLI's.
    result["fixed_name"] = fixed_name(name, lang)
    result["findings_name"] = findings_name(name, lang)
    result["findings_csv"] = findings_csv(result, lang)
    return result


def _recipients(request: dict, lang: str, _progress: Progress | None) -> object:
    from mailcheck.recipients import report

    return report(str(request.get("text", "")), lang)


def _bounce(request: dict, lang: str, _progress: Progress | None) -> object:
    from mailcheck.bounce import report

    return report(str(request.get("text", "")), lang)


# Imports stay inside the handlers so a page loads only the checker it shows
# (the HELO widget never imports zxcvbn or email-validator). A handler that reports
# progress (the CSV checker, by rows) calls the third argument; the quick ones ignore it.
CHECKERS: dict[str, Callable[[dict, str, Progress | None], object]] = {
    "helo": _helo, "csv": _csv, "recipients": _recipients, "bounce": _bounce,
}


def _csv_sample(lang: str) -> dict:
    from mailcheck.csvcheck import template  # only here: the HELO page has no zxcvbn

    # A password of its own (the template's examples are refused before any strength check), so the
    # warm-up also builds the shortcut's word list and zxcvbn's dictionaries, not the first check.
    header = template(lang).splitlines()[0]
    return {"data": base64.b64encode(f"{header}\r\njane.doe,Fir-Cobble-Marigold-58,,\r\n".encode()).decode()}


# A typical request per checker, run once before the worker says "ready".
WARM_UP: dict[str, Callable[[str], dict]] = {
    "helo": lambda lang: {"text": "EHLO localhost"},
    "csv": _csv_sample,
    "recipients": lambda lang: {"text": "Jane Doe <jane@example.org>"},
    "bounce": lambda lang: {"text": "550 5.1.1 <jane@example.org>: Recipient address rejected: User unknown"},
}


BAD_REQUEST = N_("The page sent a request the checker does not understand.")
# The reader reports a crash through the data file's feedback channel (``{channel}``),
# and is told never to send what they checked: a CSV file holds passwords.
INTERNAL_ERROR = N_(
    "The checker failed on this input; the fault is ours, not yours. Please report it to "
    "{channel}, naming this page. Never send anyone a password or the file you checked."
)


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


def _channel(lang: str) -> str:
    """Where readers send feedback (``feedback.channel`` of the data file), named in ``lang``."""
    data = policy()
    return data["labels"][f"link.{data['feedback']['channel']}"][lang]


def _failure(checker: object, lang: str, code: str, msgid: str) -> dict:
    try:
        text = message("ui", lang, msgid, channel=_channel(lang))
    except Exception:  # a missing catalog must not turn this answer into an exception
        text = msgid
    finding = {"row": None, "column": None, "code": code, "severity": "error", "message": text}
    return {"checker": checker, "lang": lang, "verdict": "error", "findings": [finding]}


def warm_up(checker: str, lang: str) -> None:
    """Run ``checker`` once on a typical input so its imports and caches are ready.

    The CSV checker's first password check builds zxcvbn's dictionaries (about a
    quarter of a second in the browser); the worker pays that before it says ready.
    """
    run(json.dumps({"checker": checker, "lang": lang, **WARM_UP[checker](lang)}))


def run(request_json: str, progress: Progress | None = None) -> str:
    """Serve one check request; always returns JSON, whatever the input.

    ``progress(done, total)`` is handed to the checker (the worker posts it to the page);
    the answer does not depend on it.
    """
    lang = DEFAULT_LANGUAGE
    checker: object = None
    try:
        request, lang = _parse(request_json)
        checker = request["checker"]
        answer: dict = {"checker": checker, "lang": lang, "result": CHECKERS[checker](request, lang, progress)}
    except BadRequest as exc:
        print(f"mailcheck.web: bad request: {exc}")
        answer = _failure(checker, lang, "WEB_BAD_REQUEST", BAD_REQUEST)
    except Exception:  # the reader gets a finding, the browser console the traceback
        traceback.print_exc()
        answer = _failure(checker, lang, "WEB_INTERNAL_ERROR", INTERNAL_ERROR)
    return json.dumps(answer, ensure_ascii=False)
